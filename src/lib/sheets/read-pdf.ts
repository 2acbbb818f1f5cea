// A PDF's words with their positions, read by pdf.js (Mozilla's reader, as in Firefox), then its
// tables rebuilt from those positions (pdf-layout.ts). What a PDF cannot give is refused with the
// reason: a scan (no text layer), a text layer that is not text (fonts without a Unicode map), a
// password, a file that is no PDF or is too large for a report. Runs in the PDF worker, and in
// Node for the tests; pdf.js is handed in, so nothing here loads it.
import type { ReadSource } from './read-source';
import { ReadError } from './read';
import { pdfBlocks, type PdfPage, type PdfWord } from './pdf-layout';

/** The slice of pdf.js used here (its legacy build: older browsers on office PCs run it too). */
export interface PdfJs {
  getDocument(params: Record<string, unknown>): { promise: Promise<PdfDocument>; destroy(): Promise<void> };
}
interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<{
    getViewport(o: { scale: number }): { width: number; height: number };
    getTextContent(): Promise<{ items: ({ str: string; transform: number[]; width: number; height: number } | { type: string })[] }>;
    cleanup(): void;
  }>;
}

/** A report runs to a few dozen pages; a PDF of hundreds is no report's and is not read. */
export const MAX_PAGES = 120;
export const isPdf = (b: Uint8Array) => b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 && b[4] === 0x2d; // %PDF-

/** The words of every page, in top-down coordinates. */
export async function pdfPages(pdfjs: PdfJs, data: Uint8Array, params: Record<string, unknown> = {}, fileName = ''): Promise<PdfPage[]> {
  const name = fileName || 'PDF';
  // A copy: pdf.js takes the buffer over (transfers it to its worker).
  const task = pdfjs.getDocument({ data: data.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false, verbosity: 0, ...params });
  let doc: PdfDocument;
  try {
    doc = await task.promise;
  } catch (e) {
    const why = e instanceof Error ? `${e.name} ${e.message}` : String(e);
    if (/password/i.test(why)) throw new ReadError(`「${name}」有密码保护，无法读取：请导入未加密的 PDF`);
    throw new ReadError(`无法读取「${name}」：它不是有效的 PDF 文件，或已损坏`);
  }
  try {
    if (doc.numPages > MAX_PAGES) throw new ReadError(`「${name}」有 ${doc.numPages} 页，超过 ${MAX_PAGES} 页，不像一份年度报告，未读取`);
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const { width, height } = page.getViewport({ scale: 1 });
      const words: PdfWord[] = [];
      for (const item of (await page.getTextContent()).items) {
        if (!('str' in item) || !item.str.trim()) continue;
        const [a, b, , d, e, f] = item.transform;
        // Rotated text (a watermark, a vertical stamp) is no table cell.
        if (Math.abs(b) > 0.01 * Math.abs(a || 1)) continue;
        const size = Math.abs(d) || Math.abs(a) || item.height;
        words.push({ str: item.str, x: e, y: height - f, w: item.width, size });
      }
      pages.push({ width, height, words });
      page.cleanup();
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/** Why the words cannot be read as text, or null. */
export function unreadable(pages: PdfPage[], name: string): string | null {
  const text = pages.flatMap((p) => p.words.map((w) => w.str)).join('');
  if (!text.replace(/\s/g, '')) return `「${name}」没有文字层（可能是扫描件或图片），无法读出表格：请找到原始的 Word/WPS 或 Excel 文件，或可复制文字的 PDF`;
  // A font without a Unicode map gives private-use or replacement characters, or none of the
  // Chinese a report is written in.
  const chars = [...text.replace(/\s/g, '')];
  const bad = chars.filter((c) => /[\ue000-\uf8ff\ufffd]/.test(c) || c.charCodeAt(0) < 32).length;
  const han = chars.filter((c) => /\p{Script=Han}/u.test(c)).length;
  if (bad > chars.length * 0.2 || (chars.length > 200 && han < chars.length * 0.05))
    return `「${name}」的文字层无法识别（字体没有字符映射，复制出来是乱码），读不出表格：请找到原始的 Word/WPS 或 Excel 文件`;
  return null;
}

/** A PDF as the mapper's blocks, with the text outside the tables for 单位名称 and 年度. */
export async function readPdf(pdfjs: PdfJs, data: Uint8Array, fileName = '', params: Record<string, unknown> = {}): Promise<ReadSource> {
  const name = fileName || 'PDF';
  const pages = await pdfPages(pdfjs, data, params, fileName);
  const why = unreadable(pages, name);
  if (why) throw new ReadError(why);
  const { blocks, texts } = pdfBlocks(pages);
  if (!blocks.length) throw new ReadError(`「${name}」中没有找到表格（没有成行成列的数字）`);
  // A title set over two lines (the unit, then "2024年政府信息公开工作年度报告") read as one.
  const title = texts.length > 1 ? [texts[0] + texts[1]] : [];
  // The prose as one run: a PDF breaks lines inside sentences (Chinese needs no space to join them).
  return { blocks, texts: [...title, ...texts.slice(0, 40), fileName], prose: texts.join('') };
}
