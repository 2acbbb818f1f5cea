// The time limit of a reading worker counts the file's time, not the worker's start: on a slow or
// busy PC a fresh worker takes seconds to load its code, and a good file was refused as 过大或已损坏.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readInWorker, STARTUP_LIMIT_MS } from './worker-run';

/** A worker that answers when told to: `start()` as its code has loaded, `reply()` when the file is read. */
function fakeWorker() {
  const w = {
    onmessage: null as ((e: MessageEvent) => void) | null,
    onerror: null as ((e: ErrorEvent) => void) | null,
    terminated: false,
    postMessage: () => {},
    terminate: () => void (w.terminated = true),
    start: () => w.onmessage?.({ data: { started: true } } as MessageEvent),
    reply: (source: unknown) => w.onmessage?.({ data: { ok: true, source } } as MessageEvent)
  };
  return w;
}

describe('readInWorker', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const message = () => ({ name: 'a.xlsx', data: new ArrayBuffer(1) });

  it('a worker slow to start is not stopped; the file gets its whole limit from "started"', async () => {
    const w = fakeWorker();
    const read = readInWorker<string>(w as unknown as Worker, message(), { timeLimit: 4500, what: '文件', acks: true });
    vi.advanceTimersByTime(10_000); // loading its code on a busy PC
    w.start();
    vi.advanceTimersByTime(4000);
    w.reply('ok');
    await expect(read).resolves.toBe('ok');
    expect(w.terminated).toBe(true);
  });

  it('a file over the limit after "started" is stopped with the reason', async () => {
    const w = fakeWorker();
    const read = readInWorker<string>(w as unknown as Worker, message(), { timeLimit: 4500, what: '文件', acks: true });
    w.start();
    vi.advanceTimersByTime(4501);
    await expect(read).rejects.toThrow('文件处理超过 4.5 秒，已停止');
  });

  it('a worker that never starts is stopped after the startup allowance', async () => {
    const w = fakeWorker();
    const read = readInWorker<string>(w as unknown as Worker, message(), { timeLimit: 4500, what: '文件', acks: true });
    vi.advanceTimersByTime(STARTUP_LIMIT_MS + 1);
    await expect(read).rejects.toThrow(`处理超过 ${STARTUP_LIMIT_MS / 1000} 秒`);
  });

  it('without acks the limit counts from posting, as before', async () => {
    const w = fakeWorker();
    const read = readInWorker<string>(w as unknown as Worker, message(), { timeLimit: 4500, what: 'PDF' });
    vi.advanceTimersByTime(4501);
    await expect(read).rejects.toThrow('PDF 处理超过 4.5 秒');
  });

  it('a cancel stops the worker and leaves no timer behind', async () => {
    const w = fakeWorker();
    const stop = new AbortController();
    const read = readInWorker<string>(w as unknown as Worker, message(), { timeLimit: 4500, what: 'PDF', signal: stop.signal });
    stop.abort();
    await expect(read).rejects.toThrow('已取消');
    expect(w.terminated).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
