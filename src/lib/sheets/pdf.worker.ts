// Reads a PDF off the main thread: pdf.js (its legacy build, which older office browsers run
// too) in this worker, with its own parser running here as well (no second worker to start from
// a blob: URL in the one-file build), eval off (our CSP forbids it), and the CMaps for Chinese
// fonts that a PDF does not embed bundled (nothing is fetched: it works offline and from file://).
import { ReadError } from './read';
import { readPdf, type PdfJs } from './read-pdf';

// The Chinese (GB) CMaps pdf.js asks for when a font is not embedded: inlined as data URLs.
const cmaps = import.meta.glob('/node_modules/pdfjs-dist/cmaps/{Adobe-GB1-UCS2,GB-EUC-H,GB-H,GBK-EUC-H,GBK2K-H,GBKp-EUC-H,GBT-EUC-H,GBT-H,GBTpc-EUC-H,GBpc-EUC-H,UniGB-UCS2-H,UniGB-UTF16-H,UniGB-UTF32-H,UniGB-UTF8-H}.bcmap', {
  query: '?inline',
  import: 'default',
  eager: true
}) as Record<string, string>;

class BundledCMaps {
  async fetch({ name }: { name: string }) {
    const url = Object.entries(cmaps).find(([path]) => path.endsWith(`/${name}.bcmap`))?.[1];
    if (!url) throw new Error(`CMap ${name} is not bundled`);
    const bin = atob(url.slice(url.indexOf(',') + 1));
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return { cMapData: bytes, isCompressed: true };
  }
}

let loaded: Promise<PdfJs> | null = null;
function pdfjs(): Promise<PdfJs> {
  return (loaded ??= (async () => {
    // pdf.js runs its parser in this thread when it finds it on globalThis. Loaded in a worker, its
    // parser also listens on this worker's port and posts "ready" to the page: it ignores our
    // messages (not addressed to it), and the page reads only the messages marked as ours.
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    return (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfJs;
  })());
}

self.onmessage = async (e: MessageEvent<{ name: string; data: ArrayBuffer }>) => {
  if (!(e.data?.data instanceof ArrayBuffer)) return; // not ours
  try {
    const source = await readPdf(await pdfjs(), new Uint8Array(e.data.data), e.data.name, { CMapReaderFactory: BundledCMaps, useWorkerFetch: false });
    self.postMessage({ pdfRead: true, ok: true, source });
  } catch (err) {
    self.postMessage({ pdfRead: true, ok: false, error: err instanceof ReadError ? err.message : `无法读取这个 PDF：${err instanceof Error ? err.message : String(err)}` });
  }
};
