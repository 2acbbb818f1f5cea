// The checked workbook as people take it away: the cells, formulas and merges of buildChecked()
// (workbook.ts, the tested model), dressed as the official table with ExcelJS — borders, bold
// centred headers, wrapped labels, fills by conditional formatting on the 校验 formulas (so the
// colour follows the figures in Excel, WPS and LibreOffice), and an A4 print setup.
// SheetJS's community build writes no cell styles, hence ExcelJS here; it is loaded only when a
// download is asked for (this module is itself imported lazily).
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { textUnits, type SheetColumn } from './sheet-grid';
import { buildChecked, SHEET_FINDINGS, SHEET_TABLE, TOOL, type ReportData, type SheetShape } from './workbook';

const FONT = '宋体';
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const ERROR_STYLE: Partial<ExcelJS.Style> = { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } }, font: { color: { argb: 'FF9C0006' } } };
const WARNING_STYLE: Partial<ExcelJS.Style> = { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFEB9C' } }, font: { color: { argb: 'FF7F6000' } } };

/** Text in a page header is a code language: a literal & is written &&. */
const headerText = (s: string) => s.replace(/&/g, '&&');

/** Copies one SheetJS sheet (values, formulas with their cached results, merges, widths, comments). */
export function copySheet(from: XLSX.WorkSheet, to: ExcelJS.Worksheet) {
  const range = XLSX.utils.decode_range(from['!ref'] ?? 'A1:A1');
  for (let r = range.s.r; r <= range.e.r; r++)
    for (let c = range.s.c; c <= range.e.c; c++) {
      const src = from[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
      if (!src) continue;
      const cell = to.getCell(r + 1, c + 1);
      if (src.f) cell.value = { formula: src.f, result: src.v as string | number };
      else if (src.t === 'n') cell.value = src.v as number;
      else if (src.t === 's') cell.value = String(src.v ?? '');
      const comment = src.c?.map((x) => x.t).join('\n');
      if (comment) cell.note = comment;
    }
  for (const m of from['!merges'] ?? []) to.mergeCells(m.s.r + 1, m.s.c + 1, m.e.r + 1, m.e.c + 1);
  (from['!cols'] ?? []).forEach((col, i) => {
    if (!col) return;
    const column = to.getColumn(i + 1);
    if (col.wch) column.width = col.wch;
    if (col.hidden) column.hidden = true;
  });
}

/** The official look on sheet 统计表: fonts, borders, headers, fills, row heights and print setup (widths come from the model's grid). */
export function dress(ws: ExcelJS.Worksheet, shape: SheetShape, data: ReportData) {
  const right = shape.width;
  const cells = (r: number, first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => ws.getCell(r, first + i + 1));

  const title = ws.getCell(1, 1);
  title.font = { name: FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.getRow(2).eachCell((cell) => (cell.font = { name: FONT, size: 11 }));

  for (const t of shape.tables) {
    if (t.caption !== null) ws.getCell(t.caption + 1, 1).font = { name: FONT, size: 12, bold: true };
    for (let r = t.top + 1; r < t.firstRow + 1; r++)
      for (const cell of cells(r, 0, right - 1)) {
        cell.font = { name: FONT, size: 10, bold: true };
        cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
        cell.border = BOX;
        cell.fill = HEAD_FILL;
      }
    t.rows.forEach((row, i) => {
      const r = t.firstRow + i + 1;
      const section = row.kind === 'section';
      for (const col of t.columns)
        for (const cell of cells(r, col.first, col.last)) {
          cell.border = BOX;
          cell.font = { name: FONT, size: 10, bold: section || (col.kind === 'label' && row.indent === 0) };
          cell.alignment = ALIGN[col.kind];
        }
    });
  }

  // Fills from the 校验 formulas' own helper cells: an error helper with text colours the row
  // red, a warning one yellow. Excel re-evaluates them with the figures.
  const lastLetter = XLSX.utils.encode_col(right - 1);
  for (const check of shape.checks) {
    const ref = `A${check.row + 1}:${lastLetter}${check.row + 1}`;
    const rules: ExcelJS.ConditionalFormattingRule[] = [];
    const abs = (a: string) => a.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
    if (check.errors.length) rules.push({ type: 'expression', priority: 1, formulae: [`LEN(${check.errors.map(abs).join('&')})>0`], style: ERROR_STYLE });
    if (check.warnings.length) rules.push({ type: 'expression', priority: 2, formulae: [`LEN(${check.warnings.map(abs).join('&')})>0`], style: WARNING_STYLE });
    if (rules.length) ws.addConditionalFormatting({ ref, rules });
  }

  fitRowHeights(ws, 2, shape.lastRow + 1);
  // A4, the tables' width on one page, header rows repeated on a one-table form, unit and year
  // on every page. The hidden helper columns are outside the print area.
  const single = shape.tables.length === 1 ? shape.tables[0] : null;
  const page = pageOf(ws, right);
  ws.pageSetup = {
    ...page.setup,
    printArea: `A1:${lastLetter}${shape.lastRow + 1}`,
    ...(single ? { printTitlesRow: `${single.top + 1}:${single.firstRow}` } : {})
  };
  ws.headerFooter = {
    // The size code goes before the font name: "&9" followed by the year would read as size 92017.
    oddHeader: `&L&9&"${FONT}"${headerText(data.unit)}&R&9&"${FONT}"${data.year}年度`,
    oddFooter: `&C&9&"${FONT}"第 &P 页，共 &N 页`
  };
  ws.views = [{ state: 'normal', zoomScale: 100 }];
  const heights = Array.from({ length: shape.lastRow + 1 }, (_, r) => ws.getRow(r + 1).height ?? 15);
  for (const after of pageBreaks(heights, shape, page.capacity)) ws.getRow(after).addPageBreak();
}

const ALIGN: Record<SheetColumn['kind'], Partial<ExcelJS.Alignment>> = {
  label: { vertical: 'middle', wrapText: true },
  unit: { horizontal: 'center', vertical: 'middle' },
  figure: { horizontal: 'right', vertical: 'middle' },
  check: { vertical: 'middle', wrapText: true }
};

// Points per width unit (a digit of the default 11 pt font, 7 px at 96 dpi), and A4 in points.
const PT_PER_UNIT = 5.25;
const A4 = { short: 595.3, long: 841.9 };
const MARGINS = { left: 0.5, right: 0.5, top: 0.7, bottom: 0.6, header: 0.3, footer: 0.3 };

/**
 * A4 page setup fitted to the sheet's width (landscape when the tables are wide), and how much
 * of the sheet's height (in points, as the rows are set) one page takes at that scale — less a
 * margin, as office suites measure fonts and widths a little differently.
 */
export function pageOf(ws: ExcelJS.Worksheet, columns: number) {
  let units = 0;
  for (let c = 1; c <= columns; c++) units += ws.getColumn(c).width ?? 9;
  const landscape = units > 100;
  const [w, h] = landscape ? [A4.long, A4.short] : [A4.short, A4.long];
  const scale = Math.min(1, (w - (MARGINS.left + MARGINS.right) * 72) / (units * PT_PER_UNIT));
  return {
    setup: { paperSize: 9, orientation: landscape ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, margins: MARGINS } satisfies Partial<ExcelJS.PageSetup>,
    capacity: ((h - (MARGINS.top + MARGINS.bottom) * 72) / scale) * 0.95
  };
}

/**
 * Where pages break (1-based rows a page ends after): a table that fits on a page is not split,
 * a caption and header rows start the page their table starts on, with at least three rows of it,
 * and a section row (三、本年度办理结果) stays with the row under it. On a one-table sheet the
 * header rows repeat on every page and take their room there.
 */
export function pageBreaks(heights: number[], shape: SheetShape, capacity: number): number[] {
  const breaks: number[] = [];
  const sum = (from: number, to: number) => heights.slice(from, to + 1).reduce((a, b) => a + b, 0);
  const single = shape.tables.length === 1 ? shape.tables[0] : null;
  const repeated = single ? sum(single.top, single.firstRow - 1) : 0;
  let used = 0;
  let row = 0;
  const breakBefore = (r: number) => {
    breaks.push(r); // 0-based r starts the page: the page before ends after 1-based row r
    used = repeated;
  };
  for (const t of shape.tables) {
    const start = t.caption ?? t.top;
    const end = t.firstRow + t.rowCount - 1;
    used += sum(row, start - 1); // the rows before: the title, a blank row
    const whole = sum(start, end);
    const keep = whole <= capacity - repeated ? whole : sum(start, t.firstRow + Math.min(3, t.rowCount) - 1);
    if (used + keep > capacity && used > repeated) breakBefore(start);
    used += sum(start, t.firstRow - 1);
    for (let r = t.firstRow; r <= end; r++) {
      if (used + heights[r] > capacity && r > t.firstRow) {
        const at = r - 1 > t.firstRow && t.rows[r - 1 - t.firstRow].kind === 'section' ? r - 1 : r;
        breakBefore(at);
        used += sum(at, r - 1);
      }
      used += heights[r];
    }
    row = end + 1;
  }
  return breaks;
}

/**
 * Row heights for wrapped text. Spreadsheets do not refit a row on opening, and Excel never grows
 * a merged cell's or a formula's row (LibreOffice printed a wrapped label over the next row), so
 * each row gets the height its longest text needs in its column or merged span (textUnits: a CJK
 * character about two digits at 10 pt); a cell merged down several rows shares their heights.
 */
export function fitRowHeights(ws: ExcelJS.Worksheet, from: number, to: number) {
  const spans = new Map<string, { width: number; rows: [number, number] }>();
  for (const m of (ws.model as unknown as { merges?: string[] }).merges ?? []) {
    const [s, e] = m.split(':').map((a) => XLSX.utils.decode_cell(a));
    let width = 0;
    for (let c = s.c; c <= e.c; c++) width += ws.getColumn(c + 1).width ?? 9;
    spans.set(XLSX.utils.encode_cell(s), { width, rows: [s.r + 1, e.r + 1] });
  }
  const tall: { rows: [number, number]; height: number }[] = [];
  for (let r = from; r <= to; r++) {
    const row = ws.getRow(r);
    let height = MIN_ROW;
    row.eachCell((cell, c) => {
      // A merged cell's other cells report its master's value: only the master counts.
      if (cell.isMerged && cell.master.address !== cell.address) return;
      const text = typeof cell.value === 'object' && cell.value && 'result' in cell.value ? String(cell.value.result ?? '') : String(cell.value ?? '');
      if (!text || ws.getColumn(c).hidden) return;
      const span = spans.get(cell.address);
      const width = span?.width ?? ws.getColumn(c).width ?? 9;
      const size = cell.font?.size ?? 10;
      const lines = cell.alignment?.wrapText ? text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil((textUnits(part) * size) / 10 / Math.max(1, width - 1))), 0) : 1;
      const need = lines > 1 ? lines * size * LINE + 2 : size * 1.5;
      if (span && span.rows[1] > span.rows[0]) tall.push({ rows: span.rows, height: need });
      else height = Math.max(height, need);
    });
    row.height = Math.round(height * 10) / 10;
  }
  // A cell over several rows (表三's label header): the last of its rows takes what they lack.
  for (const { rows: [a, b], height } of tall) {
    let sum = 0;
    for (let r = a; r <= b; r++) sum += ws.getRow(r).height ?? MIN_ROW;
    if (sum < height) ws.getRow(b).height = Math.round((ws.getRow(b).height! + height - sum) * 10) / 10;
  }
}

/** A line of text is about 1.45 times its font size (CJK fonts), a row at least 15 points. */
const LINE = 1.45;
const MIN_ROW = 15;

/** 校验结果 (and the 汇总's lists): a header row repeated on every page, wrapped texts, each row as tall as its text. */
export function dressFindings(ws: ExcelJS.Worksheet, title?: { left: string; right: string }) {
  ws.eachRow((row, n) => {
    row.eachCell((cell) => {
      cell.font = { name: FONT, size: 10, bold: n === 1 };
      cell.alignment = { vertical: 'top', wrapText: true };
    });
  });
  ws.getRow(1).eachCell((cell) => {
    cell.fill = HEAD_FILL;
    cell.border = BOX;
  });
  fitRowHeights(ws, 1, ws.rowCount);
  ws.pageSetup = { ...pageOf(ws, ws.columnCount).setup, printTitlesRow: '1:1' };
  // Printed, each page says whose list it is and which page of how many.
  if (title)
    ws.headerFooter = {
      oddHeader: `&L&9&"${FONT}"${headerText(title.left)}&R&9&"${FONT}"${headerText(title.right)}`,
      oddFooter: `&C&9&"${FONT}"第 &P 页，共 &N 页`
    };
}

export async function writeStyledWorkbook(data: ReportData, now = new Date()): Promise<Uint8Array> {
  const { wb: model, shape } = buildChecked(data, now);
  const wb = new ExcelJS.Workbook();
  wb.creator = TOOL.name;
  wb.title = model.Props?.Title ?? '';
  wb.created = now;
  const table = wb.addWorksheet(SHEET_TABLE);
  copySheet(model.Sheets[SHEET_TABLE], table);
  dress(table, shape, data);
  const findings = wb.addWorksheet(SHEET_FINDINGS);
  copySheet(model.Sheets[SHEET_FINDINGS], findings);
  dressFindings(findings, { left: `${data.unit} ${SHEET_FINDINGS}`, right: `${data.year}年度` });
  // Excel, WPS and LibreOffice recalculate every formula on opening.
  wb.calcProperties = { fullCalcOnLoad: true };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
