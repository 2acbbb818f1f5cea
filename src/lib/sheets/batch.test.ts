// The batch's worker pool with scripted workers: each file's name says what its worker does with
// it (ok, hang, crash, pdf), so the orderings the pool must survive are played out for real —
// time limits, a crashed worker, a worker that cannot load, a cancel — with short limits.
import { afterEach, describe, expect, it, vi } from 'vitest';

const world = vi.hoisted(() => ({ created: 0, alive: new Set<object>(), loadFails: false, pdfReads: 0, pdfReading: 0 }));

vi.mock('./batch.worker?worker&inline', () => ({
  default: class ScriptedWorker {
    onmessage: ((e: { data: unknown }) => void) | null = null;
    onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null;
    private queue: { seq: number; file: File; source?: unknown }[] = [];
    private busy = false;
    private dead = false;
    constructor() {
      world.created++;
      world.alive.add(this);
      if (world.loadFails) setTimeout(() => this.onerror?.({ message: 'script failed to load', preventDefault() {} }), 5);
    }
    postMessage(job: { seq: number; file: File; source?: unknown }) {
      if (world.loadFails) return;
      this.queue.push(job);
      if (!this.busy) void this.work();
    }
    private emit(data: unknown) {
      if (!this.dead) this.onmessage?.({ data });
    }
    // One job at a time, in order, as the real worker does.
    private async work() {
      this.busy = true;
      for (let job = this.queue.shift(); job && !this.dead; job = this.queue.shift()) {
        this.emit({ seq: job.seq, started: true });
        const what = job.file.name.split('-')[0];
        await new Promise((r) => setTimeout(r, 5));
        if (what === 'hang') return; // stuck in this file for good
        if (what === 'crash') {
          setTimeout(() => !this.dead && this.onerror?.({ message: 'boom', preventDefault() {} }));
          return; // and stuck
        }
        if (what === 'pdf' && !job.source) this.emit({ seq: job.seq, pdf: true, data: new ArrayBuffer(8) });
        else this.emit({ seq: job.seq, read: { ok: true, name: job.file.name, unit: job.file.name, unitFrom: 'name', count: 0, figures: '[]', summary: { errors: 0, warnings: 0, filled: 0 }, ...(job.source ? { prose: 'from pdf' } : {}) } });
      }
      this.busy = false;
    }
    terminate() {
      this.dead = true;
      world.alive.delete(this);
    }
  }
}));
vi.mock('./pdf-import', () => ({
  PDF_TIME_LIMIT_MS: 1000,
  readPdfInWorker: (_data: ArrayBuffer, name: string, _limit: number, signal?: AbortSignal) => {
    world.pdfReads++;
    world.pdfReading++;
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => resolve({ blocks: [], texts: [name] }), 30);
      signal?.addEventListener('abort', () => (clearTimeout(t), reject(new Error('已取消'))));
    }).finally(() => world.pdfReading--);
  }
}));
vi.mock('./worker-run', () => ({ STARTUP_LIMIT_MS: 300, TIME_LIMIT_MS: 150 }));

const { readBatch } = await import('./batch');
const files = (...names: string[]) => names.map((n) => new File(['x'], n));
const outcome = (r: { ok: boolean; reason?: string; prose?: string }) => (r.ok ? (r.prose ? 'ok (pdf)' : 'ok') : r.reason);

afterEach(() => {
  world.loadFails = false;
  world.created = 0;
  world.pdfReads = 0;
});

describe('readBatch', () => {
  it('gives one outcome per file in the order given, with every worker stopped at the end', async () => {
    const names = Array.from({ length: 9 }, (_, i) => `ok-${i}.xlsx`);
    const seen: number[] = [];
    const out = await readBatch(files(...names), { templateId: 'gov-2021', workers: 2, onProgress: (n) => seen.push(n) });
    expect(out.map((r) => r.name)).toEqual(names);
    expect(out.every((r) => r.ok)).toBe(true);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(world.alive.size).toBe(0);
  });

  it('stops a file over its time limit and gives the file queued behind it to a fresh worker', async () => {
    const out = await readBatch(files('hang-a.xlsx', 'ok-b.xlsx', 'ok-c.xlsx'), { templateId: 'gov-2021', workers: 1 });
    expect(out.map(outcome)).toEqual(['处理超过 0.15 秒，已停止：文件可能过大或已损坏', 'ok', 'ok']);
    expect(world.created).toBe(2);
    expect(world.alive.size).toBe(0);
  });

  it('refuses a file whose worker crashed, replaces the worker and reads the rest', async () => {
    const out = await readBatch(files('crash-a.xlsx', 'ok-b.xlsx', 'ok-c.xlsx'), { templateId: 'gov-2021', workers: 1 });
    expect(out.map(outcome)).toEqual(['无法读取：boom', 'ok', 'ok']);
    expect(world.alive.size).toBe(0);
  });

  it('refuses every file at once when no worker can load its code', async () => {
    world.loadFails = true;
    const t0 = Date.now();
    const out = await readBatch(files('ok-a.xlsx', 'ok-b.xlsx', 'ok-c.xlsx', 'ok-d.xlsx', 'ok-e.xlsx'), { templateId: 'gov-2021', workers: 2 });
    expect(out.map(outcome)).toEqual(Array(5).fill('无法读取：script failed to load'));
    expect(Date.now() - t0).toBeLessThan(250); // not a startup limit per file
    expect(world.alive.size).toBe(0);
  });

  it('reads a PDF with pdf.js first and maps its words in a batch worker', async () => {
    const out = await readBatch(files('ok-a.xlsx', 'pdf-b.pdf', 'ok-c.xlsx'), { templateId: 'gov-2021', workers: 1 });
    expect(out.map(outcome)).toEqual(['ok', 'ok (pdf)', 'ok']);
    expect(world.pdfReads).toBe(1);
  });

  it('refuses a file over the size limit without sending it', async () => {
    const big = new File([new Uint8Array(20 * 1024 * 1024 + 1)], 'ok-big.xlsx');
    const out = await readBatch([big, ...files('ok-a.xlsx')], { templateId: 'gov-2021', workers: 1 });
    expect(out.map(outcome)).toEqual(['文件过大（20.0 MB），上限 20 MB', 'ok']);
  });

  it('a cancel ends at once: files not done are 已取消, the PDF reader and the workers stopped', async () => {
    const abort = new AbortController();
    const pending = readBatch(files('ok-a.xlsx', 'pdf-b.pdf', 'hang-c.xlsx', 'ok-d.xlsx'), { templateId: 'gov-2021', workers: 1, signal: abort.signal });
    await new Promise((r) => setTimeout(r, 15));
    abort.abort();
    const out = await pending;
    expect(out[0].ok).toBe(true);
    expect(out.slice(1).map(outcome)).toEqual(['已取消', '已取消', '已取消']);
    expect(world.alive.size).toBe(0);
    expect(world.pdfReads).toBe(1);
    await Promise.resolve();
    expect(world.pdfReading).toBe(0);
  });
});
