// Subtotals the grid shows read-only to help find which block is off: a group row's children
// (表三 （三）不予公开) and a derived column (法人或其他组织 小计). Never stored or exported.
import { cellKey, hasCell, parentIndex, type ColumnDef, type TableDef, type Values } from './model';

export function derivedValue(table: TableDef, values: Values, rowIndex: number, col: ColumnDef): number | null {
  const row = table.rows[rowIndex];
  const sources = col.derived ?? [col.id];
  const rowsToSum = hasCell(row) ? [row] : row.kind === 'group' ? childRows(table, rowIndex) : [];
  let sum: number | null = null;
  for (const r of rowsToSum)
    for (const c of sources) {
      const v = values.get(cellKey({ table: table.id, row: r.id, col: c }))?.value;
      if (v !== null && v !== undefined) sum = Math.round(((sum ?? 0) + v) * 1e6) / 1e6;
    }
  return sum;
}

const childCache = new WeakMap<TableDef, Map<number, TableDef['rows']>>();
function childRows(table: TableDef, i: number) {
  let map = childCache.get(table);
  if (!map) {
    map = new Map();
    const parents = parentIndex(table.rows);
    parents.forEach((p, j) => p !== null && hasCell(table.rows[j]) && (map!.get(p) ?? map!.set(p, []).get(p)!).push(table.rows[j]));
    childCache.set(table, map);
  }
  return map.get(i) ?? [];
}

/** Whether a grid cell shows a derived figure rather than an entered one. */
export function isDerivedCell(table: TableDef, rowIndex: number, col: ColumnDef): boolean {
  return Boolean(col.derived) || table.rows[rowIndex].kind === 'group';
}

