// Many files for a 汇总, read by a small pool of workers (the page stays responsive): progress
// after each file, a cancel that stops at once, a time limit per file (a worker that runs over is
// replaced), and one outcome per file in the order given.
import type { BatchRead } from './batch-read';
import type { Template } from '$lib/domain/model';
import { MAX_BYTES } from './read';
import { isPdf } from './read-pdf';
import type { ReadSource } from './read-source';
import { TIME_LIMIT_MS } from './import';
import { STARTUP_LIMIT_MS } from './worker-run';
// Inlined (a blob URL), so the one-file build can start it from file:// too.
import BatchWorker from './batch.worker?worker&inline';

export interface BatchOptions {
  templateId: string;
  /** Own forms to match against, besides the built-ins. */
  forms?: Template[];
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Workers at once; by default one per core, 1–4 (the page itself is idle while they read). */
  workers?: number;
  timeLimit?: number;
}

export async function readBatch(files: File[], opts: BatchOptions): Promise<BatchRead[]> {
  const out: BatchRead[] = new Array(files.length);
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  const size = Math.max(1, Math.min(opts.workers ?? cores, 4, files.length));
  const limit = opts.timeLimit ?? TIME_LIMIT_MS;
  let next = 0;
  let done = 0;
  let seq = 0;
  const pool: Worker[] = [];

  const finish = (i: number, read: BatchRead) => {
    out[i] = read;
    opts.onProgress?.(++done, files.length);
  };

  async function lane(): Promise<void> {
    let worker = new BatchWorker();
    pool.push(worker);
    try {
      while (next < files.length && !opts.signal?.aborted) {
        const i = next++;
        const file = files[i];
        if (file.size > MAX_BYTES) {
          finish(i, { ok: false, name: file.name, reason: `文件过大（${(file.size / 1048576).toFixed(1)} MB），上限 ${MAX_BYTES / 1048576} MB` });
          continue;
        }
        let data = await file.arrayBuffer();
        if (opts.signal?.aborted) break; // cancelled while the file was being read
        // A PDF is read by pdf.js in a worker of its own first; the batch worker maps and checks it.
        let source: ReadSource | undefined;
        if (isPdf(new Uint8Array(data, 0, Math.min(5, data.byteLength)))) {
          try {
            const { readPdfInWorker } = await import('./pdf-import');
            source = await readPdfInWorker(data, file.name);
          } catch (e) {
            finish(i, { ok: false, name: file.name, reason: e instanceof Error ? e.message : String(e) });
            continue;
          }
          data = new ArrayBuffer(0);
          if (opts.signal?.aborted) break;
        }
        const id = ++seq;
        const read = await new Promise<BatchRead | null>((resolve) => {
          // A fresh worker first loads its code (seconds on a slow or busy PC): the file's time
          // counts from its "started" (worker-run.ts).
          let timer = setTimeout(() => resolve(null), STARTUP_LIMIT_MS);
          const stop = () => (clearTimeout(timer), resolve({ ok: false, name: file.name, reason: '已取消' }));
          opts.signal?.addEventListener('abort', stop, { once: true });
          worker.onmessage = (e: MessageEvent<{ seq: number; read: BatchRead; started?: true }>) => {
            if (e.data.seq !== id) return;
            if (e.data.started) {
              clearTimeout(timer);
              timer = setTimeout(() => resolve(null), limit);
              return;
            }
            clearTimeout(timer);
            opts.signal?.removeEventListener('abort', stop);
            resolve(e.data.read);
          };
          worker.onerror = (e) => {
            clearTimeout(timer);
            opts.signal?.removeEventListener('abort', stop);
            resolve({ ok: false, name: file.name, reason: `无法读取：${e.message || '解析出错'}` });
          };
          worker.postMessage({ seq: id, name: file.name, data, templateId: opts.templateId, forms: opts.forms, source }, [data]);
        });
        if (read === null) {
          // Over the time limit: this worker is stopped and a fresh one takes the next file.
          worker.terminate();
          worker = new BatchWorker();
          pool.push(worker);
          finish(i, { ok: false, name: file.name, reason: `处理超过 ${limit / 1000} 秒，已停止：文件可能过大或已损坏` });
        } else finish(i, read);
      }
    } finally {
      worker.terminate();
    }
  }

  try {
    await Promise.all(Array.from({ length: size }, lane));
  } finally {
    for (const w of pool) w.terminate();
  }
  for (let i = 0; i < files.length; i++) out[i] ??= { ok: false, name: files[i].name, reason: '已取消' };
  return out;
}
