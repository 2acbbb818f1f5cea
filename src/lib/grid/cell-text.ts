// What each grid cell shows, from the session's entries — its text and its state's classes (grid.css):
// shared by the Handsontable grid and the static first frame drawn before it loads
// (first-frame.ts), so both look the same and the swap moves nothing. Pure.
import { display } from '$lib/domain/entry';
import { formatFigure } from '$lib/domain/figures';
import type { Marks } from '$lib/domain/marks';
import { derivedValue, isDerivedCell } from '$lib/domain/derived';
import { cellKey, type CellEntry, type CellKey, type ColumnDef, type Values } from '$lib/domain/model';
import type { GridLayout } from './grid-layout';

export interface PaintSource {
  entry(key: CellKey): CellEntry | undefined;
  marks(): Marks;
  note(key: CellKey): string | undefined;
}

/** A cell's text: a stored figure as the session holds it, or a derived subtotal computed now. */
export function cellText(g: GridLayout, src: Pick<PaintSource, 'entry'>, r: number, col: ColumnDef): string {
  const row = g.rows[r];
  if (row.kind === 'section') return '';
  if (isDerivedCell(g.table, r, col)) {
    const v = derivedValue(g.table, { get: (k: CellKey) => src.entry(k) } as unknown as Values, r, col);
    return v === null ? '' : formatFigure(v);
  }
  return display(src.entry(cellKey({ table: g.table.id, row: row.id, col: col.id })));
}

/** The grid's data: one array per row, label | unit | figures… | 校验 (its text comes from the marks). */
export function gridData(g: GridLayout, src: Pick<PaintSource, 'entry'>): string[][] {
  return g.rows.map((row, r) => [row.label, ...(g.hasUnit ? [row.unit ?? ''] : []), ...g.cols.map((c) => cellText(g, src, r, c)), '']);
}

/** The state classes every cell of a row carries: its kind, and its check's severity when not ok. */
export function rowClasses(g: GridLayout, src: Pick<PaintSource, 'marks'>, r: number): string[] {
  const status = src.marks().rows.get(`${g.table.id}/${g.rows[r].id}`);
  return [`row-${g.rows[r].kind}`, status && status.severity !== 'ok' ? `row-${status.severity}` : ''];
}

/** A figure column's cell: its row's state, a derived subtotal, the cell's mark, text that is no figure. */
export function valueClasses(g: GridLayout, src: Pick<PaintSource, 'marks' | 'entry'>, r: number, c: number): string[] {
  const classes = ['cell-value', ...rowClasses(g, src, r)];
  if (g.derivedAt(r, c)) classes.push('cell-derived');
  const key = g.keyAt(r, c);
  if (!key) return classes;
  const mark = src.marks().cells.get(key);
  if (mark) classes.push(`mark-${mark}`);
  const entry = src.entry(key);
  if (entry && entry.value === null && entry.raw.trim()) classes.push('cell-invalid');
  return classes;
}

/** The 校验 cell: its row's state and the check's own. */
export function checkClasses(g: GridLayout, src: Pick<PaintSource, 'marks'>, r: number): string[] {
  const status = src.marks().rows.get(`${g.table.id}/${g.rows[r].id}`);
  return ['cell-check', ...rowClasses(g, src, r), status ? `check-${status.severity}` : ''];
}
