// Reads a spreadsheet file (xlsx, xls, ods, csv, html) into plain rows of cell texts, with
// limits, so a hostile or huge file cannot take the page down. Runs in the import worker.
import * as XLSX from 'xlsx';

export const MAX_BYTES = 20 * 1024 * 1024;
export const MAX_ROWS = 2000;
export const MAX_COLS = 60;

export interface SheetRows {
  name: string;
  rows: string[][];
  /** For positions a merged cell covers: that cell's text (merged header words span their columns). */
  spanned?: string[][];
}

export class ReadError extends Error {}

const cellText = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  // A figure Excel computed (=0.1+0.2) carries binary noise it never shows: 12 significant
  // digits are what a spreadsheet displays, and more than a report's 万元 to 6 decimals needs.
  if (typeof v === 'number') return Number.isFinite(v) ? String(Number(v.toPrecision(12))) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
};

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b;
const isOle = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/**
 * CSV and HTML files come as UTF-8 (with or without BOM) or, from Chinese Excel, as GBK /
 * GB18030. SheetJS would read BOM-less bytes as Latin-1 (mojibake), so text is decoded here.
 */
export function decodeText(b: Uint8Array): string {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return new TextDecoder('utf-8').decode(b.subarray(3));
  if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b.subarray(2));
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return new TextDecoder('gb18030').decode(b);
  }
}

/** Files people pick by mistake, by their first bytes: said for what they are, not "no table found". */
const NOT_A_TABLE: [(b: Uint8Array) => boolean, string][] = [
  [(b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47, '图片（PNG）'],
  [(b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff, '图片（JPEG）'],
  [(b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38, '图片（GIF）'],
  [(b) => b[0] === 0x42 && b[1] === 0x4d && b.length > 26 && b[14] >= 12, '图片（BMP）'],
  [(b) => b[0] === 0x52 && b[1] === 0x61 && b[2] === 0x72 && b[3] === 0x21, '压缩包（RAR）'],
  [(b) => b[0] === 0x37 && b[1] === 0x7a && b[2] === 0xbc && b[3] === 0xaf, '压缩包（7z）'],
  [(b) => b[0] === 0x7b && b[1] === 0x5c && b[2] === 0x72 && b[3] === 0x74 && b[4] === 0x66, 'RTF 文档']
];

/** A binary file that no spreadsheet reader takes (a picture renamed .xlsx), or null. */
export function notASpreadsheet(b: Uint8Array, fileName: string): string | null {
  const hit = NOT_A_TABLE.find(([test]) => test(b));
  if (hit) return `「${fileName || '未命名'}」是${hit[1]}，不是表格文件：请选择 Excel/WPS 表格、Word 文档、网页或 PDF`;
  // An .xlsx/.xls/.ods is a zip or an OLE file; anything else with that name is not one.
  if (/\.(xlsx|xlsm|xls|ods|et)$/i.test(fileName) && !isZip(b) && !isOle(b) && b.subarray(0, 512).some((x) => x === 0))
    return `「${fileName}」不是表格文件（文件名是表格，内容不是）：它可能已损坏，或被改了扩展名`;
  return null;
}

export function readSheets(data: ArrayBuffer | Uint8Array, fileName = ''): SheetRows[] {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.byteLength === 0) throw new ReadError('文件是空的');
  if (bytes.byteLength > MAX_BYTES) throw new ReadError(`文件过大（${(bytes.byteLength / 1048576).toFixed(1)} MB），上限 ${MAX_BYTES / 1048576} MB`);
  const wrongKind = notASpreadsheet(bytes, fileName);
  if (wrongKind) throw new ReadError(wrongKind);
  let wb: XLSX.WorkBook;
  try {
    // sheetRows bounds the work on a sheet of a million rows; cellFormula/cellHTML/cellText off: we
    // read values only (sheet_to_json's raw values below), never the formatted text SheetJS would
    // make for each cell.
    const opts: XLSX.ParsingOptions = { sheetRows: MAX_ROWS, cellFormula: false, cellHTML: false, cellText: false, cellStyles: false, dense: true, WTF: false };
    wb = isZip(bytes) || isOle(bytes) ? XLSX.read(bytes, { ...opts, type: 'array' }) : XLSX.read(decodeText(bytes), { ...opts, type: 'string' });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/password/i.test(msg)) throw new ReadError('文件有密码保护，请先在 Excel/WPS 中去掉密码再导入');
    throw new ReadError(`无法读取这个文件（${fileName || '未命名'}）：它可能不是表格文件，或已损坏`);
  }
  const sheets: SheetRows[] = [];
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    if (!ws) continue;
    const raw = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: '', blankrows: true });
    const rows = raw.slice(0, MAX_ROWS).map((r) => (Array.isArray(r) ? r.slice(0, MAX_COLS).map(cellText) : []));
    // sheet_to_json starts at the sheet's first used row/column; merges are absolute.
    const origin = ws['!ref'] ? XLSX.utils.decode_range(ws['!ref']).s : { r: 0, c: 0 };
    const spanned: string[][] = rows.map((r) => r.map(() => ''));
    for (const m of (ws['!merges'] ?? []).slice(0, 5000)) {
      const text = rows[m.s.r - origin.r]?.[m.s.c - origin.c] ?? '';
      if (!text) continue;
      for (let r = Math.max(m.s.r, origin.r); r <= Math.min(m.e.r, origin.r + rows.length - 1); r++)
        for (let c = Math.max(m.s.c, origin.c); c <= Math.min(m.e.c, origin.c + MAX_COLS - 1); c++)
          if (r !== m.s.r || c !== m.s.c) (spanned[r - origin.r] ??= [])[c - origin.c] = text;
    }
    sheets.push({ name: String(name), rows, spanned });
  }
  if (!sheets.some((s) => s.rows.length)) throw new ReadError('文件中没有任何数据');
  return sheets;
}
