// One file read in a worker of its own, with a time limit: a hostile or huge file is stopped
// (the worker terminated) and refused with a reason, like any other bad file.

/** What a reading worker posts back. */
export interface WorkerReply<T> {
  ok: boolean;
  source?: T;
  error?: string;
}

/** A report's file parses in well under a second; past this the worker is stopped. */
export const TIME_LIMIT_MS = 4_500;

/**
 * A worker that says `{ started: true }` when it begins on the file is timed from then: loading
 * its own code (SheetJS, the mapper: seconds on a slow or busy PC) is not the file's time. Until
 * then it has this long, or it could not start at all.
 */
export const STARTUP_LIMIT_MS = 30_000;

/** The message a worker posts as it begins on a file. */
export const isStarted = (d: unknown) => Boolean((d as { started?: true } | null)?.started);

export async function readInWorker<T>(
  worker: Worker,
  message: { name: string; data: ArrayBuffer },
  opts: {
    timeLimit: number;
    /** What is read, as the messages name it: 文件, PDF. */
    what: '文件' | 'PDF';
    ours?: (data: unknown) => boolean;
    /** The worker posts `{ started: true }` as it begins: the time limit counts from then. */
    acks?: boolean;
    /** Stops the worker at once (the reading was cancelled). */
    signal?: AbortSignal;
  }
): Promise<T> {
  let cancel = () => {};
  // Cleared however the reading ends: a cancel used to leave it set, to reject a settled promise later.
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await new Promise<T>((resolve, reject) => {
      if (opts.signal?.aborted) return reject(new Error('已取消'));
      cancel = () => reject(new Error('已取消'));
      opts.signal?.addEventListener('abort', cancel, { once: true });
      const over = (limit: number) => () => reject(new Error(`${opts.what === 'PDF' ? 'PDF ' : opts.what}处理超过 ${limit / 1000} 秒，已停止：文件可能过大或已损坏`));
      timer = setTimeout(over(opts.acks ? STARTUP_LIMIT_MS : opts.timeLimit), opts.acks ? STARTUP_LIMIT_MS : opts.timeLimit);
      worker.onmessage = (e: MessageEvent<WorkerReply<T>>) => {
        if (opts.acks && isStarted(e.data)) {
          clearTimeout(timer);
          timer = setTimeout(over(opts.timeLimit), opts.timeLimit);
          return;
        }
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
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', cancel);
    worker.terminate();
  }
}
