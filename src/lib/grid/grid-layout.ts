// Where everything sits in one table's grid — 统计指标 | 单位 | figures… | 校验 — and how wide
// each column is. Pure (no DOM, no Handsontable), so the keys, the paint and the tests share it.
import { tableLayout, type TableLayout } from '$lib/domain/layout';
import { isDerivedCell } from '$lib/domain/derived';
import { cellKey, hasCell, parentIndex, type CellKey, type ColumnDef, type RowDef, type TableDef } from '$lib/domain/model';

export interface GridLayout {
  table: TableDef;
  /** The printed layout, with the derived subtotal columns the grid shows read-only. */
  printed: TableLayout;
  rows: RowDef[];
  /** The figure columns, left to right (derived subtotals included). */
  cols: ColumnDef[];
  hasUnit: boolean;
  /** The grid column of the first figure column, and of 校验 (the last grid column). */
  first: number;
  check: number;
  /** The figure column under a grid column, if it is one. */
  colAt(c: number): ColumnDef | undefined;
  /** The stored cell under a grid position, or null (labels, units, 校验, sections, derived subtotals). */
  keyAt(r: number, c: number): CellKey | null;
  /** Whether the grid position shows a figure computed from others (a subtotal column, a group row). */
  derivedAt(r: number, c: number): boolean;
  /** The grid position of a stored cell of this table, or null. */
  coordsOf(key: CellKey): [number, number] | null;
  /** The grid row of `table/row`, or undefined when the row is another table's. */
  rowOf(rowKey: string): number | undefined;
  /** Each row's parent row (a group row shows its children's sum). */
  parents: (number | null)[];
}

export function gridLayout(table: TableDef): GridLayout {
  const printed = tableLayout(table, { derived: true });
  const cols = printed.columns;
  const rows = table.rows;
  const first = printed.hasUnit ? 2 : 1;
  const check = first + cols.length;
  const colAt = (c: number) => (c >= first && c < check ? cols[c - first] : undefined);
  const rowIndex = new Map(rows.map((row, i) => [row.id, i]));
  const colIndex = new Map(cols.map((col, i) => [col.id, i]));
  return {
    table, printed, rows, cols, hasUnit: printed.hasUnit, first, check, colAt,
    keyAt(r, c) {
      const col = colAt(c);
      return rows[r] && hasCell(rows[r]) && col && !col.derived ? cellKey({ table: table.id, row: rows[r].id, col: col.id }) : null;
    },
    derivedAt(r, c) {
      const col = colAt(c);
      return Boolean(col && rows[r] && rows[r].kind !== 'section' && isDerivedCell(table, r, col));
    },
    coordsOf(key) {
      const [t, rowId, colId] = key.split('/');
      const r = rowIndex.get(rowId);
      const c = colIndex.get(colId);
      return t !== table.id || r === undefined || c === undefined ? null : [r, first + c];
    },
    rowOf(rowKey) {
      const [t, rowId] = rowKey.split('/');
      return t === table.id ? rowIndex.get(rowId) : undefined;
    },
    parents: parentIndex(rows)
  };
}

export type HeaderCell = string | { label: string; colspan: number };

/**
 * A long note in the label column's header (表三's 勾稽关系): shown whole above the grid, as
 * Handsontable would widen the column to the header's unwrapped text. Null for a plain header.
 */
export const cornerNote = (table: TableDef) => (table.labelHeader.length > 8 ? table.labelHeader : null);

/**
 * The label column's header in the grid: for a note, where to read it (the whole note is printed
 * above the grid, and is the header's tooltip) — a note's first words cut off read as a fault.
 */
export const shortLabelHeader = (g: GridLayout) => (cornerNote(g.table) ? '（勾稽关系见表上方）' : g.table.labelHeader);

/**
 * Nested headers (申请人情况 › 法人或其他组织 › 商业企业…) from the printed layout: one header row
 * per level; a leaf that ends higher leaves blanks below it (Handsontable has no rowspan).
 */
export function headerRows(g: GridLayout): HeaderCell[][] {
  const { levels, headers, unitHeader } = g.printed;
  const out: HeaderCell[][] = [];
  for (let level = 0; level < levels; level++) {
    const last = level === levels - 1;
    const row: HeaderCell[] = [last ? shortLabelHeader(g) : '', ...(g.hasUnit ? [last ? unitHeader : ''] : [])];
    for (let c = 0; c < g.cols.length; ) {
      const h = headers.find((x) => x.level === level && x.col === c);
      row.push(h ? (h.colspan > 1 ? { label: h.text, colspan: h.colspan } : h.text) : '');
      c += h?.colspan ?? 1;
    }
    row.push(last ? '校验' : '');
    out.push(row);
  }
  return out;
}

/**
 * A text's width in the grid's 14 px font: a Chinese character or full-width punctuation 14 px,
 * a digit or Latin letter at most 8.
 */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! >= 0x2000 ? 14 : 8;
  return w;
}

/** A label cell's left padding in px: indented 1.5 em a level (the grid's font is 14 px). */
export const labelIndent = (level: number) => Math.round(5.6 + level * 21);

/**
 * The width a label column needs for every label to fit in `lines` lines: Chinese wraps between
 * any two characters, with one character of slack a line (a line may not start with 、 or ）),
 * the indent, the right padding and the border.
 */
function labelNeed(g: GridLayout, lines: number): number {
  return Math.max(...g.rows.map((r) => Math.ceil(textWidth(r.label.trim()) / lines) + 14 + labelIndent(r.level) + 9));
}

/**
 * A header's width when it wraps onto two balanced lines (the grid's header rows hold two; grid.css
 * balances them): half its text, a character more where a bracket may not end or start a line
 * (小计 / （自动）), the cell's padding and border.
 */
const headerNeed = (text: string) => Math.ceil(textWidth(text) / 2) + (/[（）()]/.test(text) ? 14 : 0) + 10;

/**
 * Column widths that fit the room the page gives the table (a 1366 px laptop with the findings
 * beside it leaves ~1,000 px), sized from what the columns hold: the label column from its
 * labels — every label in three lines at least, two when there is room, one when there is more —
 * the figures from their headers (wrapping onto two lines), 校验 narrower than the labels and
 * wrapping. Room is handed out in that order; what is left widens the label column as printed
 * (at most 40 % of the room). 表三 has eight figure columns, 表四 fifteen under two levels.
 */
export function columnWidths(g: GridLayout, space: number): number[] {
  const avail = Math.max(space || 1000, 640) - 2;
  const many = g.cols.length > 10;
  const unit = g.hasUnit ? 52 : 0;
  const floor = Math.max(56, headerNeed(shortLabelHeader(g)));
  const labelAt = (lines: number) => Math.min(460, Math.max(floor, labelNeed(g, lines)));
  // A figure cell holds four digits at 42 px, six at 58.
  const figures = g.cols.map((_, i) => Math.max(many ? 42 : 58, ...g.printed.headers.filter((h) => h.col === i && h.colspan === 1).map((h) => headerNeed(h.text))));
  let label = labelAt(3);
  let check = many ? 100 : 120;
  const left = () => avail - label - unit - check - figures.reduce((a, b) => a + b, 0);
  // Too little room even so: the labels wrap further.
  if (left() < 0) label = Math.max(floor, label + left());
  const widenLabel = (to: number) => (label = Math.max(label, Math.min(to, label + left())));
  const widenCheck = (to: number) => (check = Math.max(check, Math.min(to, check + left())));
  const widenFigures = (to: number) => {
    for (let grown = true; grown && left() > 0; ) {
      grown = false;
      for (let i = 0; i < figures.length && left() > 0; i++) if (figures[i] < to) (figures[i]++, (grown = true));
    }
  };
  widenLabel(labelAt(2));
  widenCheck(180);
  widenFigures(72);
  widenLabel(labelAt(1));
  widenCheck(240);
  widenFigures(150);
  widenLabel(Math.min(460, Math.round(avail * 0.4)));
  return [label, ...(g.hasUnit ? [unit] : []), ...figures, check];
}
