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
 * Handsontable widens a column to its header's unwrapped text: a long corner note (表三's
 * 勾稽关系) would take half the width. The grid shows its start; the whole note is its tooltip.
 */
export const shortLabelHeader = (g: GridLayout) => (g.printed.labelHeader.length > 8 ? `${g.printed.labelHeader.slice(0, 6)}…` : g.printed.labelHeader);

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
 * Column widths that fit the room the page gives the table (a 1366 px laptop with the findings
 * beside it leaves ~1,000 px): the figures and 校验 stay in view, the label column takes what is
 * left and wraps. 表三 has eight figure columns, 表四 fifteen under two levels of headers.
 */
export function columnWidths(g: GridLayout, space: number): number[] {
  const n = g.cols.length;
  const wide = n > 3;
  const many = n > 10;
  // Handsontable widens a column to its header's unwrapped text (about 14 px a character plus
  // padding); our widths count that in (表四's headers wrap instead).
  const headerMin = g.cols.map((_, i) => Math.max(0, ...g.printed.headers.filter((h) => h.col === i && h.colspan === 1).map((h) => h.text.length * 14 + 18)));
  const avail = Math.max(space || 1000, 640);
  const unit = g.hasUnit ? 52 : 0;
  const check = Math.round(Math.min(300, Math.max(many ? 120 : wide ? 130 : 150, avail * (many || wide ? 0.14 : 0.2))));
  const label = Math.round(Math.min(460, Math.max(many ? 90 : 170, avail * (many ? 0.1 : wide ? 0.2 : 0.4))));
  const figure = Math.floor(Math.min(150, Math.max(many ? 44 : 58, (avail - label - check - unit - 2) / n)));
  const figures = g.cols.map((_, i) => (many ? figure : Math.max(figure, headerMin[i])));
  const rest = avail - check - unit - 2 - figures.reduce((a, b) => a + b, 0);
  const fitted = Math.round(Math.min(label, Math.max(many ? 90 : 140, rest)));
  return [fitted, ...(g.hasUnit ? [unit] : []), ...figures, check];
}
