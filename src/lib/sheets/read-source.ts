// Any file 导入文件 takes, as the mapper's blocks plus the loose text a title may sit in:
// workbooks and CSV (SheetJS), saved web pages (our HTML table reader, GBK or UTF-8), Word
// documents (.docx through mammoth, loaded only for a .docx) and text copied out of a PDF.
// Runs in the import worker.
import type { SourceBlock } from '$lib/domain/form-map';
import { htmlBlocks, pdfTextBlock } from './blocks';
import { tabLedRows } from './cell-lines';
import { decodeText, MAX_BYTES, ReadError, readSheets, type SheetRows } from './read';
import { isPdf } from './read-pdf';

export interface ReadSource {
  blocks: SourceBlock[];
  /** Text outside the tables (titles, sheet names, the file name), for 单位名称 and 年度. */
  texts: string[];
  /** A published report's whole text outside its tables, kept with the report: its prose is checked against the tables. */
  prose?: string;
  /** The file it was read from (set by the caller that has the file). */
  file?: string;
}

/**
 * The text around a document's tables is the report's prose when it has sentences (a Word report,
 * a saved report page); a title and the tables' headings alone, or a page's menu, have none.
 */
export function proseOf(text: string): string | undefined {
  const sentences = text.match(/[\u4e00-\u9fff][^。\n]{9,}。/g)?.length ?? 0;
  if (!sentences) return undefined;
  return text
    .replace(/[ \t\u00a0]*\n[ \t\u00a0]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    // A web page's source breaks lines inside sentences; as HTML they become spaces, which Chinese
    // does not have between its words ("受理 政府信息公开申请").
    .replace(/([\u4e00-\u9fff，。、；：（）])[ \u00a0\u3000]+(?=[\u4e00-\u9fff，。、；：（）])/g, '$1')
    .trim();
}

const withProse = (source: ReadSource, text: string): ReadSource => {
  const prose = proseOf(text);
  return prose ? { ...source, prose } : source;
};

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b;
const DOCUMENT_XML = new TextEncoder().encode('word/document.xml');
/**
 * A zip is a Word document when it holds word/document.xml (its name sits in the zip's directory,
 * at its end). Looked for in the bytes: decoding the last 64 KB to a string to search it took
 * ~0.3 ms of every workbook of a 汇总 (a profile of 1,000 files).
 */
const isDocx = (b: Uint8Array) => isZip(b) && holds(b.subarray(Math.max(0, b.length - 65536)), DOCUMENT_XML);

function holds(hay: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0];
  for (let i = hay.indexOf(first); i >= 0 && i <= hay.length - needle.length; i = hay.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return true;
  }
  return false;
}
const looksHtml = (text: string) => /<(table|html|body|meta)\b/i.test(text.slice(0, 200000));

export async function readSource(data: ArrayBuffer | Uint8Array, fileName = ''): Promise<ReadSource> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.byteLength === 0) throw new ReadError('文件是空的');
  if (bytes.byteLength > MAX_BYTES) throw new ReadError(`文件过大（${(bytes.byteLength / 1048576).toFixed(1)} MB），上限 ${MAX_BYTES / 1048576} MB`);
  const base = fileName.replace(/\.[^.]+$/, '');
  // PDFs are read by pdf.js in a worker of their own (pdf-import.ts), never here.
  if (isPdf(bytes)) throw new ReadError(`「${fileName || 'PDF'}」是 PDF：请用“导入文件”读取`);

  if (isDocx(bytes)) {
    let html: string;
    try {
      const mammoth = await import('mammoth');
      const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      // The browser build reads `arrayBuffer`, the Node build (tests) `buffer`.
      html = (await mammoth.convertToHtml({ arrayBuffer, buffer: arrayBuffer } as { arrayBuffer: ArrayBuffer })).value;
    } catch {
      throw new ReadError(`无法读取这个 Word 文件（${fileName || '未命名'}）：它可能已损坏，或不是 .docx（旧的 .doc 请先在 Word/WPS 中另存为 .docx）`);
    }
    const { blocks, text } = htmlBlocks(html, base || 'Word 表格');
    if (!blocks.length) throw new ReadError(`「${fileName}」中没有表格`);
    return withProse({ blocks, texts: [...text.split('\n'), fileName] }, text);
  }
  if (/\.(doc|wps)$/i.test(fileName)) throw new ReadError(`「${fileName}」是旧版 Word/WPS 文档：请在 Word 或 WPS 中另存为 .docx 后再导入`);
  if (!isZip(bytes) && !(bytes[0] === 0xd0 && bytes[1] === 0xcf)) {
    const text = decodeText(bytes);
    if (looksHtml(text)) {
      const { blocks, text: loose } = htmlBlocks(text, base || '网页表格');
      if (!blocks.length) throw new ReadError(`「${fileName}」中没有表格`);
      return withProse({ blocks, texts: [...loose.split('\n'), fileName] }, loose);
    }
    // Text without tabs or commas between figures: copied out of a PDF.
    // A Word table saved as text with a cell a line (cell-lines.ts), in the report's text.
    const led = /\.txt$/i.test(fileName) ? tabLedRows(text) : null;
    if (led) return withProse({ blocks: [{ name: base || '文本', rows: led }], texts: [...text.split('\n').slice(0, 8), fileName] }, text.replace(/\t/g, ''));
    // Its table lines state no figure with a unit, so the whole text is kept as the prose.
    if (/\.txt$/i.test(fileName) && !text.includes('\t')) return withProse({ blocks: [pdfTextBlock(text, base)], texts: [...text.split('\n').slice(0, 8), fileName] }, text);
  }
  return sourceOfSheets(readSheets(bytes, fileName), fileName);
}

/** A workbook's sheets as blocks; a title sits in the first rows, the sheet names or the file name. */
export function sourceOfSheets(sheets: SheetRows[], fileName = ''): ReadSource {
  return {
    blocks: sheets.map((s) => ({ name: s.name, rows: s.rows, spanned: s.spanned })),
    texts: [...sheets.flatMap((s) => s.rows.slice(0, 6).flat()), ...sheets.map((s) => s.name), fileName]
  };
}
