// A PDF read in a worker of its own (pdf.js is a large library: it loads only when a PDF comes),
// with a time limit: a hostile or huge PDF is stopped like any other file.
import type { ReadSource } from './read-source';
// Inlined (a blob URL), so the one-file build can start it from file:// too.
import PdfWorker from './pdf.worker?worker&inline';

/** A 5-page report reads in about a second; a slow office PC gets more time than for a sheet. */
export const PDF_TIME_LIMIT_MS = 15_000;

export async function readPdfInWorker(data: ArrayBuffer, name: string, timeLimit = PDF_TIME_LIMIT_MS): Promise<ReadSource> {
  const worker = new PdfWorker();
  try {
    return await new Promise<ReadSource>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`PDF 处理超过 ${timeLimit / 1000} 秒，已停止：文件可能过大或已损坏`)), timeLimit);
      worker.onmessage = (e: MessageEvent<{ pdfRead?: true; ok: boolean; source?: ReadSource; error?: string }>) => {
        if (!e.data?.pdfRead) return; // pdf.js's own messages
        clearTimeout(timer);
        if (e.data.ok) resolve(e.data.source!);
        else reject(new Error(e.data.error));
      };
      worker.onerror = (e) => {
        clearTimeout(timer);
        reject(new Error(`无法读取这个 PDF：${e.message || '解析出错'}`));
      };
      worker.postMessage({ name, data }, [data]);
    });
  } finally {
    worker.terminate();
  }
}
