// Parses an imported file off the main thread; the page terminates it if it takes too long.
import { ReadError } from './read';
import { readSource } from './read-source';

self.onmessage = async (e: MessageEvent<{ name: string; data: ArrayBuffer }>) => {
  // The time limit counts from here, not from loading this worker's code (worker-run.ts).
  self.postMessage({ started: true });
  try {
    self.postMessage({ ok: true, source: await readSource(e.data.data, e.data.name) });
  } catch (err) {
    self.postMessage({ ok: false, error: err instanceof ReadError ? err.message : `无法读取这个文件：${err instanceof Error ? err.message : String(err)}` });
  }
};
