// A group row's figures in a pasted or imported table (表三 （三）不予公开 over its 1.–8.): the
// form shows that row as the sum of its children, so they are not written. With the children
// beside them they are the form's own row, no sign of another form, and one that disagrees with
// its children is said, never silently lost. Without the children (a 2019 table's （六）其他处理,
// one row there, three in 2021) the form has no place for them: figures without a place.
import { derivedValue } from '../derived';
import { parseFigure, formatFigure } from '../figures';
import { inputColumns, type CellEntry, type TableDef } from '../model';
import type { MapWrite } from '../form-map';

type Drop = { text: string; why: string };

export interface Subtotal {
  table: TableDef;
  row: number;
  col: string;
  raw: string;
}

/**
 * The subtotals not taken as they stand, in the paste report's words: `unplaced`, those whose
 * children were not given (they count against the form), `disagree`, those that differ from their
 * children's sum (the source's own inconsistency).
 */
export function subtotalDrops(subtotals: Subtotal[], written: ReadonlyMap<string, MapWrite>): { unplaced: Drop[]; disagree: Drop[] } {
  const unplaced: Drop[] = [];
  const disagree: Drop[] = [];
  if (!subtotals.length) return { unplaced, disagree };
  const values = new Map<string, CellEntry>();
  for (const w of written.values()) {
    const f = parseFigure(w.raw);
    values.set(w.key, { raw: w.raw, value: f.kind === 'number' ? f.value : null });
  }
  const seen = new Set<string>();
  for (const s of subtotals) {
    // One figure said once, though a source may give the same cell twice (a title row repeated).
    if (seen.has(`${s.table.id}/${s.row}/${s.col}`)) continue;
    seen.add(`${s.table.id}/${s.row}/${s.col}`);
    const given = parseFigure(s.raw);
    if (given.kind !== 'number') continue;
    const col = inputColumns(s.table.columns).find((c) => c.id === s.col);
    if (!col) continue;
    const sum = derivedValue(s.table, values, s.row, col);
    // Named with its column: a row off in two columns is two figures, not one said twice.
    const several = inputColumns(s.table.columns).length > 1;
    const label = `${s.table.rows[s.row].label}${several ? ` × ${col.label}` : ''}`;
    if (sum === null) unplaced.push({ text: `${label}：${s.raw}`, why: '本表式中该行由子项自动合计，子项未填，这个合计数没有填入' });
    else if (Math.abs(sum - given.value) > 1e-6) disagree.push({ text: `${label}：${s.raw}`, why: `与子项合计 ${formatFigure(sum)} 不符（本表式中该行由子项自动合计）` });
  }
  return { unplaced, disagree };
}
