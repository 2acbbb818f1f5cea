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
import { STARTUP_LIMIT_MS, TIME_LIMIT_MS } from './worker-run';
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
export type BatchReply = { seq: number; started: true } | { seq: number; pdf: true; data: ArrayBuffer } | { seq: number; read: BatchRead };

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
  /** Why no worker can read here (its code would not load): every file left is refused with it at once. */
  let broken = '';

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
      let ended = false;
      let worker = start();
      let reading = 0;

      /** A fresh worker, or null (and the batch broken) when none can be started. */
      function start(): Worker | null {
        let w: Worker;
        try {
          w = new BatchWorker();
        } catch (e) {
          broken ||= `无法启动读取程序：${e instanceof Error ? e.message : String(e)}`;
          return null;
        }
        pool.add(w);
        let replied = false;
        w.onmessage = (e: MessageEvent<BatchReply>) => {
          replied = true;
          if (w === worker && !ended) heard(e.data);
        };
        // An error the worker did not catch: the file it worked on is refused with it and the worker
        // replaced (it may still be stuck in that file), the files queued behind go to the new one.
        // One that never answered at all could not load its code: no worker will, here.
        w.onerror = (e) => {
          e.preventDefault();
          if (w !== worker || ended) return;
          const reason = `无法读取：${e.message || '解析出错'}`;
          if (!replied) broken ||= reason;
          const head = posted[0];
          replace(head ? { i: head.i, read: { ok: false, name: files[head.i].name, reason } } : null);
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
        try {
          worker!.postMessage({ seq: job.seq, file: files[i], templateId: opts.templateId, forms: opts.forms, source } satisfies BatchJob);
        } catch (e) {
          posted = posted.filter((p) => p !== job);
          return finish(i, { ok: false, name: files[i].name, reason: `无法读取：${e instanceof Error ? e.message : String(e)}` });
        }
        if (posted[0] === job) arm();
      }

      function fill() {
        if (ended) return;
        if (signal?.aborted) return end();
        while ((broken || posted.length < DEPTH) && (waiting.length || next < files.length)) {
          const w = waiting.shift() ?? { i: next++ };
          const file = files[w.i];
          if (broken) finish(w.i, { ok: false, name: file.name, reason: broken });
          else if (!w.source && file.size > MAX_BYTES) finish(w.i, { ok: false, name: file.name, reason: `文件过大（${(file.size / 1048576).toFixed(1)} MB），上限 ${MAX_BYTES / 1048576} MB` });
          else send(w.i, w.source);
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
          void readPdf(head.i, r.data);
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
      async function readPdf(i: number, data: ArrayBuffer) {
        reading++;
        try {
          const { readPdfInWorker, PDF_TIME_LIMIT_MS } = await import('./pdf-import');
          const source = await readPdfInWorker(data, files[i].name, PDF_TIME_LIMIT_MS, signal);
          waiting.push({ i, source });
        } catch (e) {
          finish(i, { ok: false, name: files[i].name, reason: e instanceof Error ? e.message : String(e) });
        } finally {
          reading--;
          fill();
        }
      }

      /** Over the time limit: the file is refused (see replace). */
      function overtime(head: Job) {
        if (posted[0] !== head || ended) return;
        const name = files[head.i].name;
        replace({ i: head.i, read: head.started ? { ok: false, name, reason: `处理超过 ${limit / 1000} 秒，已停止：文件可能过大或已损坏` } : { ok: false, name, reason: '处理程序未能启动，已停止' } });
      }

      /** This worker stopped, the file it worked on refused, and a fresh worker given the files queued behind it. */
      function replace(refused: { i: number; read: BatchRead } | null) {
        clearTimeout(timer);
        worker?.terminate();
        if (worker) pool.delete(worker);
        if (refused) finish(refused.i, refused.read);
        const rest = posted.filter((j) => j.i !== refused?.i);
        posted = [];
        waiting.unshift(...rest.map((j) => ({ i: j.i, source: j.source })));
        worker = broken ? null : start();
        fill();
      }

      function end() {
        if (ended) return;
        ended = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', end);
        worker?.terminate();
        if (worker) pool.delete(worker);
        laneDone();
      }

      signal?.addEventListener('abort', end, { once: true });
      fill();
    });
  }

  try {
    await measure(files, signal);
    if (!signal?.aborted && files.length) await Promise.all(Array.from({ length: size }, lane));
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
