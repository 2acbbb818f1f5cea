// One file read in a worker of its own, with a time limit: a hostile or huge file is stopped
// (the worker terminated) and refused with a reason, like any other bad file.

/** What a reading worker posts back. */
export interface WorkerReply<T> {
  ok: boolean;
  source?: T;
  error?: string;
}

export async function readInWorker<T>(
  worker: Worker,
  message: { name: string; data: ArrayBuffer },
  opts: { timeLimit: number; /** What is read, as the messages name it: 文件, PDF. */ what: '文件' | 'PDF'; ours?: (data: unknown) => boolean }
): Promise<T> {
  try {
    return await new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${opts.what === 'PDF' ? 'PDF ' : opts.what}处理超过 ${opts.timeLimit / 1000} 秒，已停止：文件可能过大或已损坏`)), opts.timeLimit);
      worker.onmessage = (e: MessageEvent<WorkerReply<T>>) => {
        if (opts.ours && !opts.ours(e.data)) return;
        clearTimeout(timer);
        if (e.data.ok) resolve(e.data.source!);
        else reject(new Error(e.data.error));
      };
      worker.onerror = (e) => {
        clearTimeout(timer);
        reject(new Error(`无法读取这个${opts.what === 'PDF' ? ' PDF' : opts.what}：${e.message || '解析出错'}`));
      };
      worker.postMessage(message, [message.data]);
    });
  } finally {
    worker.terminate();
  }
}
