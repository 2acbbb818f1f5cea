// Reads and maps a 汇总's files off the main thread, one at a time in the order the page sends
// them. The page keeps the next file queued here (batch.ts), so this worker never waits for it;
// it reads each file's bytes itself, so the page never touches them.
import { readBatchFile } from './batch-read';
import type { BatchJob, BatchReply } from './batch';
import { isPdf } from './read-pdf';

/** A queued file with its bytes being read meanwhile: the next file is in memory when this one is done. */
type Queued = BatchJob & { bytes: Promise<ArrayBuffer> | null };

const queue: Queued[] = [];
let busy = false;

const reply = (r: BatchReply) => self.postMessage(r);

self.onmessage = (e: MessageEvent<BatchJob>) => {
  const bytes = e.data.source ? null : e.data.file.arrayBuffer();
  bytes?.catch(() => {}); // awaited in turn below, where a failure is the file's outcome
  queue.push({ ...e.data, bytes });
  if (!busy) void work();
};

async function work() {
  busy = true;
  try {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const { seq, file, source, templateId, forms, bytes } = job;
      try {
        // The time limit counts from here, not from loading this worker's code or waiting in the queue.
        reply({ seq, started: true });
        const data = (await bytes) ?? new ArrayBuffer(0);
        // A PDF goes back to the page (its bytes with it), which has pdf.js read it in a worker of its own first.
        if (!source && isPdf(new Uint8Array(data, 0, Math.min(5, data.byteLength)))) self.postMessage({ seq, pdf: true, data } satisfies BatchReply, { transfer: [data] });
        else reply({ seq, read: await readBatchFile({ name: file.name, data, templateId, forms, source }) });
      } catch (e) {
        reply({ seq, read: { ok: false, name: file.name, reason: `无法读取：${e instanceof Error ? e.message : String(e)}` } });
      }
    }
  } finally {
    busy = false;
  }
}
