// Which table and row a source row may be, and the block column of each of its figures there.
import { isFigureLike } from '../labels';
import { hasCell, inputColumns, leafColumns, type TableDef } from '../model';
import { blank } from './cells';
import { mapColumns, positionalColumns, type HeaderContext } from './columns';
import type { FormIndex } from './form-index';
import type { BlockLayout, Line } from './rows';

/** Which table and row a line may be, and the block column of each of its figures. */
export interface Candidate {
  table: TableDef;
  row: number;
  cols: Map<number, number>;
  /** Columns by position (no header word over the figures), not by header. */
  positional: boolean;
}

/**
 * Which table and row a line may be: its label read against every table's rows (after the row each
 * last matched, `after`; a misprint against the row expected next in `last`, the table of the row
 * before); the header decides the columns.
 */
export function candidatesFor(idx: FormIndex, layout: BlockLayout, line: Line, ctx: HeaderContext | null, after: ReadonlyMap<string, number>, last: string | null): Candidate[] {
  const at = (table: TableDef, row: number): Candidate => ({ table, row, ...columnsFor(idx, layout, line, ctx, table) });
  const { label, known } = line;
  if (known)
    return idx.template.tables.flatMap((table) => {
      const i = idx.matchers.get(table.id)!.match(label, after.get(table.id) ?? -1, layout.text);
      return i >= 0 ? [at(table, i)] : [];
    });
  const misprint = label && last ? idx.matchers.get(last)!.misprint(label, after.get(last) ?? -1) : -1;
  // A misprint of the row expected next, numbering and most words alike.
  if (misprint >= 0) return [at(idx.template.tables.find((t) => t.id === last)!, misprint)];
  // A row of figures without a row label: a table of one row (表四), when every text in the
  // row sits under one of that table's columns (an unknown row label disqualifies it).
  const oneRow = idx.template.tables.flatMap((table) => {
    const cellRows = table.rows.filter(hasCell);
    return cellRows.length === 1 ? [at(table, table.rows.indexOf(cellRows[0]))] : [];
  });
  const { cells } = line.s;
  const filledCols = cells.map((t, c) => (blank(t) ? -1 : c)).filter((c) => c >= 0);
  // A row label left of the figures is allowed where no header word stands above it (表四
  // printed with 件数 or 数量 before its figures); under 信息内容 it is a row of its own.
  const fitting = oneRow.filter(
    (c) => !c.positional && c.cols.size && filledCols.every((fc) => c.cols.has(fc) || (fc < Math.min(...c.cols.keys()) && !ctx?.chains[fc]?.length && !isFigureLike(cells[fc])))
  );
  // By count only in PDF text, and only for a wide table (表四's 15 figures): two stray
  // numbers are no row of 表二.
  const byCount = oneRow.filter((c) => layout.text && c.positional && c.cols.size >= 5 && !label);
  return fitting.length ? fitting : byCount;
}

/** The block column of each figure of a line, were it a row of `table`. */
function columnsFor(idx: FormIndex, layout: BlockLayout, line: Line, ctx: HeaderContext | null, table: TableDef): Pick<Candidate, 'cols' | 'positional'> {
  const header = ctx && !layout.text ? mapColumns(idx, table, ctx, line.labelCol) : new Map<number, number>();
  if (header.size) return { cols: header, positional: false };
  // No header word over the figures: by position, only when the count is exact.
  const headerOverFigures = ctx && !layout.text && line.s.figures.some((c) => (ctx.chains[c]?.length ?? 0) > 0);
  if (headerOverFigures) return { cols: header, positional: false };
  // PDF text has no empty cells: a line's figures are all it has (18 18 under seven columns is
  // two figures, not the first two columns), whatever the widest line of the block.
  const width = layout.text ? line.s.cells.length : layout.width;
  // A sheet's row may be laid out as the grid shows it, 小计 among the columns; PDF text has no
  // blank cells to tell where a column was (eight figures there are no row of seven and a 小计).
  const derived = layout.text ? [] : leafColumns(table.columns).map((c) => Boolean(c.derived));
  return { cols: positionalColumns(line.s.cells, line.labelCol, layout.unitCol, width, inputColumns(table.columns).length, idx.units, derived), positional: true };
}

/** The candidate placing most figures; on a tie, one in the table of the row before. */
export function bestCandidate(candidates: Candidate[], lastTable: string | null): Candidate {
  return candidates.sort((a, b) => b.cols.size - a.cols.size || Number(b.table.id === lastTable) - Number(a.table.id === lastTable))[0];
}
