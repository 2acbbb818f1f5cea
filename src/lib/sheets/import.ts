// Import a file: parse it in a worker (with a size and a time limit), then map it with the same
// whole-form mapper a paste uses: the form is chosen by the file's labels and headers
// (find-table.ts, which the batch worker uses without this module's own worker).
import { MAX_BYTES } from './read';
import { isPdf } from './read-pdf';
import type { ReadSource } from './read-source';
import { readInWorker, TIME_LIMIT_MS } from './worker-run';
// Inlined (a blob URL), so the one-file build can start it from file:// too.
import ImportWorker from './import.worker?worker&inline';

export { TIME_LIMIT_MS } from './worker-run';
export { findForm, findTable, type FoundTable } from './find-table';

export async function readFileInWorker(file: File, timeLimit = TIME_LIMIT_MS): Promise<ReadSource> {
  if (file.size > MAX_BYTES) throw new Error(`文件过大（${(file.size / 1048576).toFixed(1)} MB），上限 ${MAX_BYTES / 1048576} MB`);
  const data = await file.arrayBuffer();
  if (isPdf(new Uint8Array(data, 0, Math.min(5, data.byteLength)))) {
    const { readPdfInWorker } = await import('./pdf-import');
    return { ...(await readPdfInWorker(data, file.name)), file: file.name };
  }
  return { ...(await readInWorker<ReadSource>(new ImportWorker(), { name: file.name, data }, { timeLimit, what: '文件', acks: true })), file: file.name };
}
