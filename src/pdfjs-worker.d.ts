// pdf.js ships no types for its worker module: it is only set on globalThis (pdf.worker.ts).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
