// What one session delta means for one table's grid: which cells get new text and which rows are
// repainted. Pure, so "the delta names these, the grid paints exactly those" is unit-tested.
import type { CellKey } from '$lib/domain/model';
import type { GridLayout } from './grid-layout';

export interface PaintPlan {
  /** Cells whose shown text changes: [row, column, text]. */
  writes: [number, number, string][];
  /** Rows to repaint, top to bottom. */
  rows: number[];
}

/**
 * `keys`: the cells the session changed; `rowKeys`: the rows (table/row) whose marks or 校验
 * texts changed, of any table (others' are ignored). `shown` is a cell's text as the session
 * holds it, `current` what the grid shows now.
 */
export function paintPlan(g: GridLayout, keys: Iterable<CellKey>, rowKeys: Iterable<string>, shown: (key: CellKey) => string, current: (r: number, c: number) => unknown): PaintPlan {
  const writes: [number, number, string][] = [];
  const rows = new Set<number>();
  for (const key of keys) {
    const at = g.coordsOf(key);
    if (!at) continue;
    rows.add(at[0]);
    const text = shown(key);
    if (current(at[0], at[1]) !== text) writes.push([at[0], at[1], text]);
  }
  for (const rk of rowKeys) {
    const r = g.rowOf(rk);
    if (r !== undefined) rows.add(r);
  }
  // A group row shows its children's sum: it follows them.
  for (const r of [...rows]) for (let p = g.parents[r]; p !== null && p !== undefined; p = g.parents[p]) if (g.rows[p].kind === 'group') rows.add(p);
  return { writes, rows: [...rows].sort((a, b) => a - b) };
}
