// The checked workbook (SheetJS): sheet 统计表 in the official layout with a 校验 column of live
// formulas and a comment on each failing cell, and sheet 校验结果 listing every finding.
// Loaded lazily (await import) so the first paint never waits for SheetJS.
import * as XLSX from 'xlsx';
import { check, type Finding } from '$lib/domain/checks';
import { correctionText, relationText, type Cause } from '$lib/domain/locate/causes';
import { probable } from '$lib/domain/locate/localise';
import { causesFor, reviewedIds, type Review } from '$lib/domain/report-check';
import { formatFigure } from '$lib/domain/figures';
import { rowKeyOf, verdictMarks } from '$lib/domain/marks';
import { tableLayout, type TableLayout } from '$lib/domain/layout';
import { cellKey, hasCell, type CellEntry, type CellKey, type ColumnDef, type Template } from '$lib/domain/model';
import { checkFormulas } from './formulas';
import { sheetColumns, type SheetColumn } from './sheet-grid';
import { compile } from '$lib/domain/relations';
import { proseStatements } from '$lib/domain/prose/statements';
import { reviewedStatements, statementId } from '$lib/domain/prose/reviews';
import { reportParts } from '$lib/domain/prose/parts';

export const TOOL = { name: '年报统计表校验', version: '0.1.0' };
export const SHEET_TABLE = '统计表';
export const SHEET_FINDINGS = '校验结果';
/** Comment author: ASCII, since SheetJS garbles a non-ASCII author on reading back. */
const AUTHOR = 'nianbao-jiaoyan';

export interface ReportData {
  template: Template;
  unit: string;
  year: number;
  values: ReadonlyMap<CellKey, CellEntry>;
  /** Last year's figures, when the cross-year checks apply (they are listed, not formulas). */
  previous?: ReadonlyMap<CellKey, CellEntry>;
  /** The person's notes (批注) per cell: written as cell comments and listed in 校验结果. */
  notes?: ReadonlyMap<CellKey, string>;
  /** The report's reviews (已核实): a reviewed cause is listed with its reason, and not counted. */
  reviews?: readonly Review[];
  /** The report's whole text: its clauses that disagree with the tables (or cannot be judged) are listed in 校验结果. */
  text?: string;
}

const SEVERITY = { error: '错误', warning: '提示' };
/** What a cause is, in the 类型 column. */
const CAUSE: Record<Cause['kind'], string> = {
  figure: '疑似有误的数字', choice: '有误（无法确定是哪一处）', blank: '未填的数字', value: '数值格式', shift: '整块错位', unlocated: '对不上的关系太多', warning: ''
};
const KIND: Record<Finding['kind'], string> = {
  sum: '子项合计', header: '分组合计', exhaustive: '其中各项合计', part: '其中项 ≤ 所属项', cover: '渠道覆盖总数',
  same: '同一数字', lte: '不大于', value: '数值格式', carry: '上年结转（跨年）', stock: '现行有效件数（跨年）', identical: '与去年相同', incomplete: '部分格子未填'
};

export function fileName(unit: string, year: number) {
  const safe = unit.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || '未命名单位';
  return `${safe}_${year}_政府信息公开统计表_已校验.xlsx`;
}


/** Text a user typed never becomes a formula: SheetJS writes type 's' cells as strings. */
const text = (v: string): XLSX.CellObject => ({ t: 's', v });

/** Where things sit on sheet 统计表 (0-based rows and columns): what the styled writer dresses. */
export interface SheetShape {
  /** Printed columns of the sheet: every table spans all of them (sheet-grid.ts). */
  width: number;
  /** The last used column (hidden helper cells included). */
  lastCol: number;
  lastRow: number;
  tables: {
    caption: number | null;
    top: number;
    levels: number;
    firstRow: number;
    rowCount: number;
    figures: number;
    /** The sheet column of the table's 校验 cells. */
    checkCol: number;
    /** Label, unit (when printed), figures and 校验, left to right. */
    columns: SheetColumn[];
    /** Per table row: its kind and indent level in the printed outline. */
    rows: { kind: string; indent: number }[];
  }[];
  /** Per row with a 校验 formula: the helper cells (A1) whose text means an error or a warning. */
  checks: { row: number; errors: string[]; warnings: string[] }[];
  /** Every figure cell of the form and its address (A1), filled or not. */
  cells: Map<CellKey, string>;
}

export function buildWorkbook(data: ReportData, now = new Date()): XLSX.WorkBook {
  return buildChecked(data, now).wb;
}

/** The checked workbook and where its tables sit (for the styled writer). */
export function buildChecked(data: ReportData, now = new Date()): { wb: XLSX.WorkBook; shape: SheetShape; result: ReturnType<typeof check>; causes: Cause[] } {
  const { template, values } = data;
  const result = check(template, values, data.previous);
  const causes = causesFor(template, values, result, data.previous);
  const marks = verdictMarks(result);
  const ws: XLSX.WorkSheet = {};
  const merges: XLSX.Range[] = [];
  const put = (r: number, c: number, cell: XLSX.CellObject) => (ws[XLSX.utils.encode_cell({ r, c })] = cell);
  const refusals = new Map(result.findings.filter((f) => f.kind === 'value').map((f) => [f.subjectKey, { raw: values.get(f.subjectKey)!.raw, reason: f.reason ?? '' }]));

  // Lay out every table first so formulas can address any cell: caption, header rows (one per
  // level of the column tree, merged as printed), then the rows. Derived subtotals stay out.
  const layout: { table: Template['tables'][number]; top: number; levels: number; firstRow: number; cols: ColumnDef[]; printed: TableLayout }[] = [];
  const many = template.tables.length > 1;
  let r = 2; // the title and the unit/year line
  for (const table of template.tables) {
    if (many) r++; // a blank row, then the caption
    const printed = tableLayout(table, { derived: false });
    const top = r + (many ? 1 : 0);
    const firstRow = top + printed.levels;
    layout.push({ table, top, levels: printed.levels, firstRow, cols: printed.columns, printed });
    r = firstRow + table.rows.length;
  }
  // The columns: each table laid out to fit itself, all as wide as the widest, on one grid.
  const columns = sheetColumns(layout.map((l) => l.printed));
  const width = columns.widths.length;
  const address = new Map<CellKey, string>();
  layout.forEach((l, t) => {
    const figs = columns.tables[t].filter((c) => c.kind === 'figure');
    l.table.rows.forEach((row, i) => l.cols.forEach((col, j) => address.set(cellKey({ table: l.table.id, row: row.id, col: col.id }), XLSX.utils.encode_cell({ r: l.firstRow + i, c: figs[j].first }))));
  });
  const merge = (r0: number, c0: number, r1: number, c1: number) => {
    if (r1 > r0 || c1 > c0) merges.push({ s: { r: r0, c: c0 }, e: { r: r1, c: c1 } });
  };

  put(0, 0, text(template.title.replace('{year}', String(data.year))));
  merge(0, 0, 0, width - 1);
  // 单位名称 over the first table's label (and unit) column, 年度 from its first figure column on.
  const yearCol = columns.tables[0].find((c) => c.kind === 'figure')!.first;
  put(1, 0, text(`单位名称：${data.unit}`));
  merge(1, 0, 1, yearCol - 1);
  put(1, yearCol, text(`年度：${data.year}`));
  merge(1, yearCol, 1, width - 1);

  const rowOf = new Map<string, number>();
  for (const l of layout) l.table.rows.forEach((row, i) => rowOf.set(`${l.table.id}/${row.id}`, l.firstRow + i));
  // Helper cells sit right of the tables, in columns hidden from the reader.
  const helperAddr = (row: string, i: number) => XLSX.utils.encode_cell({ r: rowOf.get(row)!, c: width + i });
  const formulas = checkFormulas({ template, addr: (k) => address.get(k)!, helper: helperAddr, findings: result.findings, refusals });
  let lastCol = width - 1;
  const shape: SheetShape = { width, lastCol, lastRow: r - 1, tables: [], checks: [], cells: address };

  layout.forEach(({ table, top, levels, firstRow, cols, printed }, t) => {
    const own = columns.tables[t];
    const label = own[0];
    const unit = own.find((c) => c.kind === 'unit');
    const check = own[own.length - 1];
    const figs = own.filter((c) => c.kind === 'figure');
    shape.tables.push({ caption: many ? top - 1 : null, top, levels, firstRow, rowCount: table.rows.length, figures: cols.length, checkCol: check.first, columns: own, rows: table.rows.map((row, i) => ({ kind: row.kind, indent: printed.rows[i].indent })) });
    if (many) {
      put(top - 1, 0, text(table.caption ?? table.title));
      merge(top - 1, 0, top - 1, width - 1);
    }
    // Label, unit and 校验 headers span every header row; column headers from the printed layout,
    // each at its level, merged over its span.
    const head = (c: SheetColumn, value: string) => {
      put(top, c.first, text(value));
      merge(top, c.first, top + levels - 1, c.last);
    };
    head(label, printed.labelHeader);
    if (unit) head(unit, printed.unitHeader);
    head(check, '校验');
    for (const h of printed.headers) {
      put(top + h.level, figs[h.col].first, text(h.text));
      merge(top + h.level, figs[h.col].first, top + h.level + h.rowspan - 1, figs[h.col + h.colspan - 1].last);
    }
    table.rows.forEach((row, i) => {
      const rr = firstRow + i;
      for (const c of own) merge(rr, c.first, rr, c.last);
      put(rr, label.first, text('\u3000'.repeat(printed.rows[i].indent) + printed.rows[i].label));
      if (unit && row.unit) put(rr, unit.first, text(row.unit));
      if (hasCell(row))
        cols.forEach((col, j) => {
          const key = cellKey({ table: table.id, row: row.id, col: col.id });
          const e = values.get(key);
          const note = data.notes?.get(key);
          const filled = e && e.raw.trim() !== '';
          if (!filled && !note) return;
          // A blank cell with a note still carries the comment (an empty stub cell).
          const cell: XLSX.CellObject = !filled ? { t: 'z' } : e.value !== null ? { t: 'n', v: e.value } : text(e.raw);
          // Only the person's note: a finding in a comment would stay after the figures are
          // corrected in Excel (the 校验 column and the fills follow the figures instead).
          const comment = note ? [`批注：${note}`] : [];
          if (comment.length) {
            cell.c = [{ a: AUTHOR, t: comment.join('\n') }];
            cell.c.hidden = true;
          }
          put(rr, figs[j].first, cell);
        });
      const status = marks.rows.get(`${table.id}/${row.id}`);
      const f = formulas.get(`${table.id}/${row.id}`);
      if (!f) return;
      put(rr, check.first, { t: 's', v: status?.text ?? '', f: f.formula });
      f.helpers.forEach((h, i) => put(rr, width + i, { t: 's', v: h.value, f: h.formula }));
      const at = (sev: string) => f.helpers.map((h, i) => (h.severity === sev ? XLSX.utils.encode_cell({ r: rr, c: width + i }) : '')).filter(Boolean);
      shape.checks.push({ row: rr, errors: at('error'), warnings: at('warning') });
      lastCol = Math.max(lastCol, width + f.helpers.length - 1);
    });
  });
  shape.lastCol = lastCol;
  ws['!merges'] = merges;
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: r - 1, c: lastCol } });
  // The grid's columns; the helper cells right of them stay hidden.
  ws['!cols'] = Array.from({ length: lastCol + 1 }, (_, c) => (c < width ? { wch: columns.widths[c] } : { wch: 10, hidden: true }));

  // 校验结果 lists the findings by cause, as the app does: each likely wrong figure with what it
  // probably should be (or the alternatives), then the relations it breaks under it (row,
  // expected, actual, difference), each beside a formula showing what its row's 校验 says now.
  const HEAD = ['序号', '格子', '疑似有误的数字', '可能应为', '类型', '严重程度', '应为', '实填', '差', '说明（下载时）', '核实', '统计表中该行现在的校验'];
  const LIVE = HEAD.length - 1;
  const rows: (string | number | null | XLSX.CellObject)[][] = [HEAD];
  const checkAddr = (rowKey: string) => {
    const l = layout.find((x) => rowKey.startsWith(`${x.table.id}/`));
    const rr = rowOf.get(rowKey);
    return l && rr !== undefined && formulas.has(rowKey) ? `'${SHEET_TABLE}'!${XLSX.utils.encode_cell({ r: rr, c: 2 + l.cols.length })}` : null;
  };
  const live = (f: Finding | null, key: CellKey) => {
    if (f && (f.kind === 'incomplete' || f.kind === 'carry' || f.kind === 'stock' || f.kind === 'identical')) return '（不随表格变化）';
    const at = checkAddr(rowKeyOf(key));
    return at ? { t: 's', v: marks.rows.get(rowKeyOf(key))?.text ?? '', f: at } as XLSX.CellObject : '';
  };
  const reviewed = reviewedIds(causes, data.reviews ?? [], values);
  const reviewOf = (c: Cause) => (reviewed.has(c.id) ? `已核实：${data.reviews!.find((x) => x.id === c.id)!.reason}` : '');
  // In words (填了 1, 应为 14), not bare figures: a row of this sheet must never read as a row of
  // the table when the file is imported again.
  const shown = (k: CellKey) => (values.get(k)?.raw.trim() ? `填了 ${values.get(k)!.raw}` : '未填');
  const guess = (o: Cause['options'][number][number]) => (o.value !== null ? `应为 ${formatFigure(o.value)}` : probable(o));
  causes.forEach((c, i) => {
    const n = i + 1;
    const f = c.kind === 'warning' || c.kind === 'value' ? c.findings[0] : null;
    const one = c.options.length === 1 && c.options[0].length === 1 ? c.options[0][0] : null;
    if (c.kind === 'warning')
      rows.push([n, c.name, '', '', KIND[f!.kind], SEVERITY.warning, f!.expected, f!.actual, f!.difference, c.short, reviewOf(c), live(f, c.key)]);
    else
      rows.push([n, c.kind === 'choice' ? `以下 ${c.options.length} 种改法之一` : c.name, one ? shown(one.key) : '', one ? guess(one) : '', CAUSE[c.kind], SEVERITY[c.severity], null, null, null, c.kind === 'figure' || c.kind === 'choice' || c.kind === 'shift' || c.kind === 'unlocated' ? c.message : `${c.name}：${c.short}`, reviewOf(c), c.kind === 'choice' ? '' : live(null, c.key)]);
    if (c.kind === 'choice')
      c.options.forEach((o, j) =>
        rows.push([`${n}.${'①②③④⑤⑥⑦⑧⑨⑩'[j] ?? j + 1}`, o.map((d) => d.name).join('，'), o.map((d) => shown(d.key)).join('，'), o.map((d) => guess(d)).join('，'), '可能的改法', '', null, null, null, o.map((d) => `${d.name} ${correctionText(d)}`).join('，且 '), '', live(null, o[0].key)])
      );
    if (c.kind !== 'warning' && c.kind !== 'value')
      c.findings.forEach((x, j) => rows.push([`${n}-${j + 1}`, x.name, '', '', `${KIND[x.kind]}（因此对不上）`, '', x.expected, x.actual, x.difference, relationText(x), '', live(x, x.subjectKey)]));
  });
  if (!causes.length) {
    // "全部通过" only for a complete table (report-status.ts statusText).
    const cells = compile(template).order.size;
    const filled = [...data.values.values()].filter((e) => e.raw.trim() !== '').length;
    rows.push(['', '', '', '', '', '', null, null, null, filled < cells ? `未发现问题（已填 ${filled}/${cells} 格）` : '全部通过', '', '']);
  }
  const names = compile(template).names;
  const noted = [...(data.notes ?? [])].filter(([k, t]) => t && names.has(k));
  if (noted.length) {
    rows.push([], ['批注', '格子', '', '', '', '', null, null, null, '批注内容']);
    noted.forEach(([k, t], i) => rows.push([i + 1, names.get(k)!, '', '', '', '', null, null, null, t]));
  }
  // 正文与表格: what the report's text states against what its tables hold (the figures in words,
  // like the findings above: no row of this sheet may read as a row of the table).
  const judged = data.text ? proseStatements(template, values, data.text, data.previous) : [];
  const stated = judged.filter((s) => s.verdict !== 'agrees');
  const parts = data.text ? reportParts(data.text, data.year) : [];
  if (stated.length || parts.length) {
    // A disagreement reviewed (已核实) is listed with its reason, as a reviewed finding is.
    const proseReviewed = reviewedStatements(judged, data.reviews ?? [], values);
    rows.push([], ['正文与表格', '正文中的说法', '', '', '类型', '严重程度', null, null, null, '说明', '核实']);
    stated.forEach((s, i) => {
      const fig = (n: number | null) => (n === null ? '未填' : s.op === 'percent' || s.change?.percent ? `${n}%` : formatFigure(n));
      const id = statementId(s);
      const review = proseReviewed.has(id) ? `已核实：${data.reviews!.find((x) => x.id === id)!.reason}` : '';
      rows.push([i + 1, s.quote, `正文为 ${fig(s.figure)}`, `表中为 ${fig(s.table)}`, s.verdict === 'disagrees' ? '正文与表格不一致' : '无法判断', s.verdict === 'disagrees' ? SEVERITY.error : SEVERITY.warning, null, null, null, `${s.name}：正文为 ${fig(s.figure)}，表中为 ${fig(s.table)}${s.change ? `（${s.change.detail}）` : ''}`, review, '']);
    });
    // The report's parts against the national template: hints, never errors.
    parts.forEach((p, i) => rows.push([stated.length + i + 1, '报告结构', '', '', '报告结构', SEVERITY.warning, null, null, null, p.message, '', '']));
  }
  rows.push(
    [],
    ['说明', '“说明（下载时）”是下载时的校验结果：先列出疑似有误的数字（改动最少的数字就能让各项合计都对上，即为疑似有误），其下是因此对不上的各项合计。在 Excel 或 WPS 中改动统计表的数字后，以统计表的“校验”列和右列为准。跨年核对与“部分格子未填”的提示不随表格变化。'],
    ['校验时间', now.toLocaleString('zh-CN', { hour12: false })],
    ['表式', `${template.name}（第 ${template.version} 版）`],
    ['工具版本', `${TOOL.name} ${TOOL.version}`]
  );
  const findings = XLSX.utils.aoa_to_sheet(rows.map((row) => row.map((v) => (v === null ? '' : v))));
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i][LIVE];
    if (v && typeof v === 'object') findings[XLSX.utils.encode_cell({ r: i, c: LIVE })] = v;
  }
  mergeNotes(findings, rows, HEAD.length - 1);
  // A header's words on one line in print (LibreOffice wrapped 疑似有误的数/字, 严重程/度): CJK is 2 wch a character.
  findings['!cols'] = [{ wch: 9 }, { wch: 40 }, { wch: 15 }, { wch: 10 }, { wch: 14 }, { wch: 9 }, { wch: 8 }, { wch: 8 }, { wch: 7 }, { wch: 48 }, { wch: 20 }, { wch: 30 }];

  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, SHEET_TABLE);
  XLSX.utils.book_append_sheet(wb, findings, SHEET_FINDINGS);
  wb.Props = { Title: template.title.replace('{year}', String(data.year)), Author: TOOL.name };
  return { wb, shape, result, causes };
}

/**
 * The closing lines of a list sheet (说明, 校验时间, 表式 …: a name and a text): each text merged
 * over the rest of the sheet's width, so that it wraps there and prints whole.
 */
export function mergeNotes(sheet: XLSX.WorkSheet, rows: unknown[][], lastCol: number) {
  sheet['!merges'] = rows.flatMap((row, r) => (row.length === 2 && row[1] !== '' && row[1] !== null ? [{ s: { r, c: 1 }, e: { r, c: lastCol } }] : []));
}

export function writeWorkbook(data: ReportData): Uint8Array {
  return XLSX.write(buildWorkbook(data), { type: 'array', bookType: 'xlsx', compression: true }) as Uint8Array;
}
