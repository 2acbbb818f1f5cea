// What each grid cell shows, from the session's entries: shared by the Handsontable grid and the
// static first frame drawn before it loads (first-frame.ts), so both show the same text. Pure.
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
