// The printed layout of a table: which header sits where (levels of the column tree, each header
// spanning the figure columns under it, a leaf spanning down to the last header row), the label
// and unit columns, and each row's printed label and indent. One model for the grid's headers,
// the xlsx writer (and, next, Word, the web page and print), so they cannot disagree.
import { type ColumnDef, type RowDef, type TableDef } from './model';

export interface HeaderCell {
  text: string;
  /** Header level (0 = top). */
  level: number;
  /** Index of the first figure column it stands over. */
  col: number;
  colspan: number;
  /** Levels it spans down (a leaf that ends above the last header row). */
  rowspan: number;
}

export interface TableLayout {
  table: TableDef;
  /** The figure columns in printed order. */
  columns: ColumnDef[];
  /** Header rows: the depth of the column tree. */
  levels: number;
  headers: HeaderCell[];
  /** Whether the table prints a unit column (统计指标 | 单位 | 统计数). */
  hasUnit: boolean;
  labelHeader: string;
  unitHeader: string;
  rows: { row: RowDef; label: string; indent: number }[];
}

/**
 * The table as printed. `derived`: include derived subtotal columns (the grid shows 小计（自动）
 * read-only; the official layout, the xlsx and Word leave it out).
 */
export function tableLayout(table: TableDef, { derived }: { derived: boolean }): TableLayout {
  const keep = (c: ColumnDef) => derived || !c.derived;
  const depth = (list: ColumnDef[]): number => Math.max(...list.filter(keep).map((c) => (c.children?.filter(keep).length ? 1 + depth(c.children) : 1)));
  const leafCount = (c: ColumnDef): number => (c.children?.filter(keep).length ? c.children.filter(keep).reduce((n, k) => n + leafCount(k), 0) : 1);
  const levels = depth(table.columns);
  const headers: HeaderCell[] = [];
  const columns: ColumnDef[] = [];
  const walk = (list: ColumnDef[], level: number) => {
    for (const c of list.filter(keep)) {
      const kids = c.children?.filter(keep) ?? [];
      headers.push({ text: c.label, level, col: columns.length, colspan: leafCount(c), rowspan: kids.length ? 1 : levels - level });
      if (kids.length) walk(kids, level + 1);
      else columns.push(c);
    }
  };
  walk(table.columns, 0);
  return {
    table, columns, levels, headers,
    hasUnit: table.rows.some((r) => r.unit),
    labelHeader: table.labelHeader,
    unitHeader: table.unitHeader ?? '单位',
    rows: table.rows.map((row) => ({ row, label: row.label, indent: row.level }))
  };
}
