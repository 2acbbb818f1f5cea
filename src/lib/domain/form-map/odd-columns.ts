// Odd columns: figures under a header that names no column of the table their row is in (本年废纸
// 件数 where the form has 本年新收件数). They are never written; they are kept with their header
// so that the person can be offered the column of the form it most resembles.
import { labelKey, similarity } from '../labels';
import { inputColumns } from '../model';
import type { OddColumn } from '../form-map';
import type { FormIndex } from './form-index';

/** The odd columns found so far. */
export interface OddFigures {
  /** Each odd header as printed (its words joined by ›): the plan's droppedColumns. */
  headers: Set<string>;
  /** By table, block column and header: one header printed over two columns is two columns. */
  columns: Map<string, OddColumn & { at: number }>;
}

export const noOddFigures = (): OddFigures => ({ headers: new Set(), columns: new Map() });

/** A figure under a header that names no column of the table its row is in: kept with that header. */
export function keepOddFigure(odd: OddFigures, table: string, at: number, row: { id: string; label: string }, chain: string[], raw: string): void {
  const header = chain.join('›');
  odd.headers.add(header);
  const k = `${table}|${at}|${header}`;
  const o = odd.columns.get(k) ?? odd.columns.set(k, { header, table, suggest: null, figures: [], at }).get(k)!;
  o.figures.push({ row: row.id, label: row.label, raw });
}

/**
 * Each odd column is offered as the column of its table it most resembles, among those no header
 * named (`namedColumns`: table/column); left to right, so two alike (本年新 | 本年新) take the
 * form's in its order.
 */
export function suggestOddColumns(idx: FormIndex, odd: OddFigures, namedColumns: ReadonlySet<string>): OddColumn[] {
  for (const table of idx.template.tables) {
    const mine = [...odd.columns.values()].filter((o) => o.table === table.id).sort((a, b) => a.at - b.at);
    if (!mine.length) continue;
    const leaves = inputColumns(table.columns);
    const taken = new Set(leaves.filter((c) => namedColumns.has(`${table.id}/${c.id}`)).map((c) => c.id));
    for (const o of mine) {
      const own = labelKey(o.header.split('›').at(-1)!);
      let best: string | null = null;
      let score = 0.45;
      for (const leaf of idx.leaves.get(table.id)!) {
        const id = leaves[leaf.index].id;
        if (taken.has(id)) continue;
        const sim = similarity(own, leaf.key);
        if (sim > score) [best, score] = [id, sim];
      }
      if (best) taken.add(best);
      o.suggest = best;
    }
  }
  return [...odd.columns.values()].map(({ at: _, ...o }) => o);
}
