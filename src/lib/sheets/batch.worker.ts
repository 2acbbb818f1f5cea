// Reads and maps a 汇总's files off the main thread, one at a time as the page sends them.
import { readBatchFile, type BatchFile } from './batch-read';

self.onmessage = async (e: MessageEvent<BatchFile & { seq: number }>) => {
  const { seq, ...file } = e.data;
  // The time limit counts from here, not from loading this worker's code (batch.ts).
  self.postMessage({ seq, started: true });
  self.postMessage({ seq, read: await readBatchFile(file) });
};
