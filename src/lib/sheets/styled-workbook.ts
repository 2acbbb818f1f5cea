// The checked workbook as people take it away: the cells, formulas and merges of buildChecked()
// (workbook.ts, the tested model), dressed as the official table with ExcelJS — borders, bold
// centred headers, wrapped labels, fills by conditional formatting on the 校验 formulas (so the
// colour follows the figures in Excel, WPS and LibreOffice), and an A4 print setup.
// SheetJS's community build writes no cell styles, hence ExcelJS here; it is loaded only when a
// download is asked for (this module is itself imported lazily).
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
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

/** The official look on sheet 统计表: fonts, borders, headers, widths, fills and print setup. */
export function dress(ws: ExcelJS.Worksheet, shape: SheetShape, data: ReportData) {
  const printedCols = shape.width;
  const widest = Math.max(...shape.tables.map((t) => t.figures));
  // Widths in characters: the label wraps within its column, figures fit 8–9 digits.
  const figureWidth = widest > 8 ? 8 : widest > 3 ? 10 : 14;
  ws.getColumn(1).width = widest > 8 ? 34 : 46;
  ws.getColumn(2).width = 6;
  for (let c = 3; c <= printedCols; c++) ws.getColumn(c).width = figureWidth;
  for (const t of shape.tables) ws.getColumn(t.checkCol + 1).width = Math.max(ws.getColumn(t.checkCol + 1).width ?? 0, widest > 8 ? 24 : 30);

  const title = ws.getCell(1, 1);
  title.font = { name: FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  for (const c of [1, 3]) ws.getCell(2, c).font = { name: FONT, size: 11 };

  for (const t of shape.tables) {
    const right = t.checkCol + 1;
    if (t.caption !== null) {
      const cap = ws.getCell(t.caption + 1, 1);
      cap.font = { name: FONT, size: 12, bold: true };
    }
    for (let r = t.top + 1; r < t.firstRow + 1; r++)
      for (let c = 1; c <= right; c++) {
        const cell = ws.getCell(r, c);
        cell.font = { name: FONT, size: 10, bold: true };
        cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
        cell.border = BOX;
        cell.fill = HEAD_FILL;
      }
    t.rows.forEach((row, i) => {
      const r = t.firstRow + i + 1;
      for (let c = 1; c <= right; c++) {
        const cell = ws.getCell(r, c);
        cell.border = BOX;
        const section = row.kind === 'section';
        cell.font = { name: FONT, size: 10, bold: section || (c === 1 && row.indent === 0) };
        if (c === 1) cell.alignment = { vertical: 'middle', wrapText: true };
        else if (c === 2) cell.alignment = { horizontal: 'center', vertical: 'middle' };
        else if (c === right) cell.alignment = { vertical: 'middle', wrapText: true };
        else cell.alignment = { horizontal: 'right', vertical: 'middle' };
      }
    });
  }

  // Fills from the 校验 formulas' own helper cells: an error helper with text colours the row
  // red, a warning one yellow. Excel re-evaluates them with the figures.
  for (const check of shape.checks) {
    const t = shape.tables.find((x) => check.row >= x.firstRow && check.row < x.firstRow + x.rowCount)!;
    const ref = `A${check.row + 1}:${XLSX.utils.encode_col(t.checkCol)}${check.row + 1}`;
    const rules: ExcelJS.ConditionalFormattingRule[] = [];
    const abs = (a: string) => a.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
    if (check.errors.length) rules.push({ type: 'expression', priority: 1, formulae: [`LEN(${check.errors.map(abs).join('&')})>0`], style: ERROR_STYLE });
    if (check.warnings.length) rules.push({ type: 'expression', priority: 2, formulae: [`LEN(${check.warnings.map(abs).join('&')})>0`], style: WARNING_STYLE });
    if (rules.length) ws.addConditionalFormatting({ ref, rules });
  }

  // A4, the tables' width on one page, header rows repeated on a one-table form, unit and year
  // on every page. The hidden helper columns are outside the print area.
  const single = shape.tables.length === 1 ? shape.tables[0] : null;
  ws.pageSetup = {
    paperSize: 9,
    orientation: widest > 3 ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.7, bottom: 0.6, header: 0.3, footer: 0.3 },
    printArea: `A1:${XLSX.utils.encode_col(printedCols - 1)}${shape.lastRow + 1}`,
    ...(single ? { printTitlesRow: `${single.top + 1}:${single.firstRow}` } : {})
  };
  ws.headerFooter = {
    // The size code goes before the font name: "&9" followed by the year would read as size 92017.
    oddHeader: `&L&9&"${FONT}"${headerText(data.unit)}&R&9&"${FONT}"${data.year}年度`,
    oddFooter: `&C&9&"${FONT}"第 &P 页，共 &N 页`
  };
  ws.views = [{ state: 'normal', zoomScale: 100 }];
  fitRowHeights(ws, 3, shape.lastRow + 1);
}

/**
 * Row heights for wrapped text. Spreadsheets do not refit a row on opening (LibreOffice printed
 * a wrapped label over the next row), so each row gets the height its longest text needs in its
 * column (or merged span): a CJK character takes about 1.65 widths of a digit at 10 pt.
 */
function fitRowHeights(ws: ExcelJS.Worksheet, from: number, to: number) {
  const spans = new Map<string, number>();
  const merged = (ws.model as unknown as { merges?: string[] }).merges ?? [];
  for (const m of merged) {
    const [a, b] = m.split(':');
    const s = XLSX.utils.decode_cell(a);
    const e = XLSX.utils.decode_cell(b);
    if (s.r !== e.r) continue; // spans rows: its height is shared, leave it
    let w = 0;
    for (let c = s.c; c <= e.c; c++) w += ws.getColumn(c + 1).width ?? 9;
    spans.set(a, w);
  }
  const units = (text: string) => [...text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 1.65 : 0.9), 0);
  for (let r = from; r <= to; r++) {
    const row = ws.getRow(r);
    let lines = 1;
    row.eachCell((cell, c) => {
      if (!cell.alignment?.wrapText || ws.getColumn(c).hidden) return;
      const text = typeof cell.value === 'object' && cell.value && 'result' in cell.value ? String(cell.value.result ?? '') : String(cell.value ?? '');
      if (!text) return;
      const width = spans.get(cell.address) ?? ws.getColumn(c).width ?? 9;
      lines = Math.max(lines, ...text.split('\n').map((part) => Math.ceil(units(part) / Math.max(1, width - 1))));
    });
    row.height = Math.max(15, lines * 13 + 2);
  }
}

/** 校验结果: a header row, wrapped texts, borders on the list. */
export function dressFindings(ws: ExcelJS.Worksheet) {
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
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
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
  dressFindings(findings);
  // Excel, WPS and LibreOffice recalculate every formula on opening.
  wb.calcProperties = { fullCalcOnLoad: true };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
