// Many files for a 汇总, read by a small pool of workers (the page stays responsive): progress
// after each file, a cancel that stops at once, a time limit per file (a worker that runs over is
// replaced), and one outcome per file in the order given.
//
// Each worker holds the file it works on and the next one (DEPTH): it starts on the next the
// moment it posts a result, instead of waiting for the page to answer — with one file at a time,
// a worker sat idle half of a 1,000-file batch. Workers read the files' bytes themselves, so the
// page only hands over File handles and takes results.
import type { BatchRead } from './batch-read';
import type { Template } from '$lib/domain/model';
import { MAX_BYTES } from './read';
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

/** A file sent to the batch worker. */
export interface BatchJob {
  seq: number;
  file: File;
  templateId: string;
  forms?: Template[];
  /** Read already (a PDF, read by pdf.js in its own worker): only mapped and checked. */
  source?: ReadSource;
}

/** What the batch worker posts: it began on a file, the file is a PDF (for the page to read first), or its outcome. */
export type BatchReply = { seq: number; started: true } | { seq: number; pdf: true } | { seq: number; read: BatchRead };

/** Files queued in each worker at once: the one it works on and the next. */
const DEPTH = 2;

export async function readBatch(files: File[], opts: BatchOptions): Promise<BatchRead[]> {
  const out: BatchRead[] = new Array(files.length);
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  const size = Math.max(1, Math.min(opts.workers ?? cores, 4, files.length));
  const limit = opts.timeLimit ?? TIME_LIMIT_MS;
  const signal = opts.signal;
  let next = 0;
  let done = 0;
  let seq = 0;
  const pool = new Set<Worker>();

  const finish = (i: number, read: BatchRead) => {
    if (out[i]) return;
    out[i] = read;
    opts.onProgress?.(++done, files.length);
  };

  /** One worker's share: files taken from the common list as it has room, until none is left. */
  function lane(): Promise<void> {
    return new Promise<void>((laneDone) => {
      interface Job {
        i: number;
        seq: number;
        started: boolean;
        source?: ReadSource;
      }
      /** Sent to the worker, in its order: the first is the one it works on. */
      let posted: Job[] = [];
      /** Files this lane took but could not send yet (a PDF being read, a worker being replaced). */
      const waiting: { i: number; source?: ReadSource }[] = [];
      let timer: ReturnType<typeof setTimeout> | undefined;
      let worker = start();
      let ended = false;
      let reading = 0;

      function start(): Worker {
        const w = new BatchWorker();
        pool.add(w);
        w.onmessage = (e: MessageEvent<BatchReply>) => w === worker && heard(e.data);
        // An error the worker did not catch: the file it worked on is refused with it, the rest go on.
        w.onerror = (e) => {
          if (w !== worker || !posted.length) return;
          e.preventDefault();
          settle(posted[0], { ok: false, name: files[posted[0].i].name, reason: `无法读取：${e.message || '解析出错'}` });
        };
        return w;
      }

      /** The time limit of the file at the head of the queue: from its start, or the worker's startup. */
      function arm() {
        clearTimeout(timer);
        const head = posted[0];
        if (head) timer = setTimeout(() => overtime(head), head.started ? limit : STARTUP_LIMIT_MS);
      }

      function send(i: number, source?: ReadSource) {
        const job: Job = { i, seq: ++seq, started: false, source };
        posted.push(job);
        worker.postMessage({ seq: job.seq, file: files[i], templateId: opts.templateId, forms: opts.forms, source } satisfies BatchJob);
        if (posted.length === 1) arm();
      }

      function fill() {
        if (ended) return;
        if (signal?.aborted) return end();
        while (posted.length < DEPTH && (waiting.length || next < files.length)) {
          const w = waiting.shift();
          if (w) {
            send(w.i, w.source);
            continue;
          }
          const i = next++;
          const file = files[i];
          if (file.size > MAX_BYTES) finish(i, { ok: false, name: file.name, reason: `文件过大（${(file.size / 1048576).toFixed(1)} MB），上限 ${MAX_BYTES / 1048576} MB` });
          else send(i);
        }
        if (!posted.length && !reading && !waiting.length && next >= files.length) end();
      }

      function heard(r: BatchReply) {
        const head = posted[0];
        if (!head || r.seq !== head.seq) return;
        if ('started' in r) {
          head.started = true;
          arm();
        } else if ('pdf' in r) {
          posted.shift();
          arm();
          void readPdf(head.i);
          fill();
        } else settle(head, r.read);
      }

      function settle(job: Job, read: BatchRead) {
        posted = posted.filter((p) => p !== job);
        finish(job.i, read);
        arm();
        fill();
      }

      /** A PDF's words and positions read by pdf.js in a worker of its own; then queued here again to be mapped and checked. */
      async function readPdf(i: number) {
        reading++;
        try {
          const { readPdfInWorker } = await import('./pdf-import');
          const source = await readPdfInWorker(await files[i].arrayBuffer(), files[i].name);
          waiting.push({ i, source });
        } catch (e) {
          finish(i, { ok: false, name: files[i].name, reason: e instanceof Error ? e.message : String(e) });
        } finally {
          reading--;
          fill();
        }
      }

      /** Over the time limit: this worker is stopped, the file refused, and a fresh worker takes the files queued behind it. */
      function overtime(head: Job) {
        if (posted[0] !== head || ended) return;
        worker.terminate();
        pool.delete(worker);
        finish(head.i, head.started ? { ok: false, name: files[head.i].name, reason: `处理超过 ${limit / 1000} 秒，已停止：文件可能过大或已损坏` } : { ok: false, name: files[head.i].name, reason: '处理程序未能启动，已停止' });
        const rest = posted.slice(1);
        posted = [];
        waiting.unshift(...rest.map((j) => ({ i: j.i, source: j.source })));
        worker = start();
        fill();
      }

      function end() {
        if (ended) return;
        ended = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', end);
        worker.terminate();
        pool.delete(worker);
        laneDone();
      }

      signal?.addEventListener('abort', end, { once: true });
      fill();
    });
  }

  try {
    await measure(files, signal);
    await Promise.all(Array.from({ length: size }, lane));
  } finally {
    for (const w of pool) w.terminate();
  }
  for (let i = 0; i < files.length; i++) out[i] ??= { ok: false, name: files[i].name, reason: '已取消' };
  return out;
}

/**
 * Every file's size asked for before the workers start, in slices that leave the page responsive.
 * The first look at a chosen file's size (and so posting it to a worker) is a synchronous call to
 * the browser: ~0.2 ms while it is idle, ~2.7 ms each once the workers keep it busy reading files.
 */
async function measure(files: File[], signal?: AbortSignal, slice = 20) {
  let start = performance.now();
  for (const f of files) {
    if (signal?.aborted) return;
    void f.size;
    if (performance.now() - start > slice) {
      await new Promise((r) => setTimeout(r));
      start = performance.now();
    }
  }
}
