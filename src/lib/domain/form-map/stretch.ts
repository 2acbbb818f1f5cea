// PDF text whose reader reordered the table (figures before their row's label, a row's figures
// among the header words of the page, two rows' figures after one label): between two rows that
// found their figures, the figures no row took and the rows that took none. Where they are
// exactly as many as those rows' cells, table by table in reading order, a table whose figures
// are one and the same text gets that figure in every one of those cells: every reading order
// puts it there. Otherwise nothing is written, and the figures stay reported.
import { cellKey, inputColumns, type CellKey, type TableDef } from '../model';

/** What a stretch of PDF text between two rows that found their figures holds. */
export interface Stretch {
  /** Figures no row took, each with the source row it came on. */
  figures: { at: number; raw: string }[];
  /** Rows of the form found in the stretch that took no figure, with the source row of their label. */
  rows: { at: number; table: TableDef; row: number }[];
  /** The reports of those figures (dropped), withdrawn when they are written. */
  drops: Set<object>;
  /** A labelled line that is no row of the form, with figures: its figures may be the table's; nothing is inferred. */
  spoiled: boolean;
}

export const newStretch = (): Stretch => ({ figures: [], rows: [], drops: new Set(), spoiled: false });

/**
 * The cells the stretch's figures fill, or null where they do not settle it. `written`: cells
 * already given a figure (a row that got one since is no longer without).
 */
export function settleStretch(stretch: Stretch, written: ReadonlyMap<CellKey, unknown>): { key: CellKey; table: string; raw: string }[] | null {
  if (stretch.spoiled || !stretch.figures.length) return null;
  const keysOf = ({ table, row }: Stretch['rows'][number]) =>
    inputColumns(table.columns).map((col) => cellKey({ table: table.id, row: table.rows[row].id, col: col.id }));
  const seen = new Set<string>();
  const rows = stretch.rows
    .filter((r) => {
      const id = `${r.table.id}/${r.row}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return keysOf(r).every((k) => !written.has(k));
    })
    .sort((a, b) => a.at - b.at);
  if (!rows.length) return null;
  // The rows table by table, in reading order: a table's rows interleaved with another's settle nothing.
  const groups: (typeof rows)[] = [];
  for (const r of rows) {
    const last = groups.at(-1);
    if (last && last[0].table === r.table) last.push(r);
    else if (groups.some((g) => g[0].table === r.table)) return null;
    else groups.push([r]);
  }
  const figures = [...stretch.figures].sort((a, b) => a.at - b.at);
  const cells = groups.map((g) => g.reduce((n, r) => n + keysOf(r).length, 0));
  if (cells.reduce((a, b) => a + b, 0) !== figures.length) return null;
  const shares: (typeof figures)[] = [];
  let from = 0;
  for (let g = 0; g < groups.length; g++) {
    const mine = figures.slice(from, from + cells[g]);
    from += cells[g];
    // A table's figures come after the rows of the table before it and before those of the next.
    if (g > 0 && mine[0].at <= groups[g - 1].at(-1)!.at) return null;
    if (g < groups.length - 1 && mine.at(-1)!.at >= groups[g + 1][0].at) return null;
    shares.push(mine);
  }
  // Each table's share settles its rows when its figures are all one text; one that is not
  // (its figures differ, so their order would matter) leaves its rows as they are.
  const out: { key: CellKey; table: string; raw: string }[] = [];
  groups.forEach((g, i) => {
    const raw = shares[i][0].raw;
    if (shares[i].every((f) => f.raw === raw)) for (const r of g) for (const key of keysOf(r)) out.push({ key, table: r.table.id, raw });
  });
  return out.length ? out : null;
}
