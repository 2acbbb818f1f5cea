// One place where text becomes a cell entry, for typing, paste and import alike.
import { formatFigure, parseFigure, type Figure, MAX_RAW } from './figures';
import { hasCell, inputColumns, valueRule, type CellEntry, type CellRef, type ColumnDef, type RowDef, type TableDef, type Template, type ValueRule } from './model';

/** How a stored entry is shown: accepted figures in plain digits, refused ones as typed. */
export const display = (e: CellEntry | undefined) => (e ? (e.value !== null ? formatFigure(e.value) : e.raw) : '');

type Spec = { table: TableDef; row: RowDef; col: ColumnDef; rule: ValueRule } | null;
// Looked up on every keystroke: kept per template and cell.
const specs = new WeakMap<Template, Map<string, Spec>>();

export function cellSpec(template: Template, ref: CellRef): Spec {
  let byKey = specs.get(template);
  if (!byKey) specs.set(template, (byKey = new Map()));
  const key = `${ref.table}/${ref.row}/${ref.col}`;
  let spec = byKey.get(key);
  if (spec === undefined) {
    const table = template.tables.find((t) => t.id === ref.table);
    const row = table?.rows.find((r) => r.id === ref.row);
    const col = table && inputColumns(table.columns).find((c) => c.id === ref.col);
    spec = !table || !row || !col || !hasCell(row) ? null : { table, row, col, rule: valueRule(row, col) };
    byKey.set(key, spec);
  }
  return spec;
}

/** Parses raw text for a cell; null when the cell does not exist or cannot hold a figure. */
export function makeEntry(template: Template, ref: CellRef, raw: string): { entry: CellEntry; figure: Figure } | null {
  const spec = cellSpec(template, ref);
  if (!spec) return null;
  const kept = raw.length > MAX_RAW ? raw.slice(0, MAX_RAW) : raw;
  const figure = parseFigure(kept, spec.rule, spec.row.unit ?? spec.col.unit ?? spec.table.countUnit);
  return { entry: { raw: kept, value: figure.kind === 'number' ? figure.value : null }, figure };
}
