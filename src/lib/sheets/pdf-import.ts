// A PDF read in a worker of its own (pdf.js is a large library: it loads only when a PDF comes),
// with a time limit: a hostile or huge PDF is stopped like any other file.
import type { ReadSource } from './read-source';
import { readInWorker } from './worker-run';
// Inlined (a blob URL), so the one-file build can start it from file:// too.
import PdfWorker from './pdf.worker?worker&inline';

/** A 5-page report reads in about a second; a slow office PC gets more time than for a sheet. */
export const PDF_TIME_LIMIT_MS = 15_000;

export function readPdfInWorker(data: ArrayBuffer, name: string, timeLimit = PDF_TIME_LIMIT_MS, signal?: AbortSignal): Promise<ReadSource> {
  // pdf.js posts messages of its own on the worker: ours are marked pdfRead.
  return readInWorker<ReadSource>(new PdfWorker(), { name, data }, { timeLimit, what: 'PDF', ours: (d) => Boolean((d as { pdfRead?: true } | null)?.pdfRead), signal });
}
