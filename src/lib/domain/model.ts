// The template model: a form is data (tables of outlined rows × a tree of value columns,
// plus declared relations). Nothing here knows about the grid, storage or spreadsheets.

/** How a cell's figure must look. Resolved per cell: row rule, else column rule, else from the unit. */
export type ValueRule = 'count' | 'money' | 'signed-count' | 'signed-money';

/**
 * section: a pure heading (一、主动公开情况); it has no cell.
 * header:  a group of numbered measures without a unit of its own (一（二）通过不同渠道…);
 *          the official form leaves it blank, but a figure entered anyway must equal Σ children.
 * value:   a measure with a unit and a cell.
 */
export type RowKind = 'section' | 'header' | 'value';

/**
 * child:   a numbered child (1. （一）): an addend of its parent's sum.
 * part:    a 其中 row: a subset of its parent, never an addend.
 * measure: printed under a row but measuring something else (制发规范性文件总数 under 一（一）).
 */
export type RowRole = 'child' | 'part' | 'measure';

export interface RowDef {
  id: string;
  /** Exactly as printed, numbering included. */
  label: string;
  unit?: string;
  /** Outline depth, 0 for top-level sections. The parent is the nearest earlier row with a smaller level. */
  level: number;
  kind: RowKind;
  role?: RowRole;
  /** The 其中 rows under this row enumerate every case (…其他情形): parent = Σ 其中. */
  exhaustive?: boolean;
  rule?: ValueRule;
}

export interface ColumnDef {
  id: string;
  label: string;
  rule?: ValueRule;
  /** Nested headers (法人或其他组织 › 商业企业…); only leaves hold cells. */
  children?: ColumnDef[];
}

export type Severity = 'error' | 'warning';

/** Relations between rows, applied in every leaf column (or the listed ones). Derived sums come from the outline. */
export type Relation =
  | { kind: 'cover'; id: string; total: string; channels: string[]; severity?: Severity; columns?: string[] }
  | { kind: 'same'; id: string; row: string; as: string; severity?: Severity; columns?: string[] }
  | { kind: 'lte'; id: string; row: string; max: string; severity?: Severity; columns?: string[] };

export interface TableDef {
  id: string;
  title: string;
  /** Header of the label column, as printed (统计指标). */
  labelHeader: string;
  unitHeader?: string;
  rows: RowDef[];
  columns: ColumnDef[];
  relations: Relation[];
}

export interface Template {
  id: string;
  version: number;
  /** Shown when choosing a form: 2017年度政府信息公开工作情况统计表（各县区政府）. */
  name: string;
  /** Title printed above the table; {year} is replaced by the report's year. */
  title: string;
  /** The document that defines the form. */
  source: string;
  tables: TableDef[];
}

export interface CellRef {
  table: string;
  row: string;
  col: string;
}

export type CellKey = string;

export const cellKey = (c: CellRef): CellKey => `${c.table}/${c.row}/${c.col}`;

export function parseCellKey(key: CellKey): CellRef {
  const [table, row, col] = key.split('/');
  return { table, row, col };
}

/** A cell as entered: the raw text is always kept; value is null when empty or refused. */
export interface CellEntry {
  raw: string;
  value: number | null;
}

export type Values = ReadonlyMap<CellKey, CellEntry>;

export function leafColumns(cols: ColumnDef[]): ColumnDef[] {
  return cols.flatMap((c) => (c.children?.length ? leafColumns(c.children) : [c]));
}

/** The parent of each row, derived from outline levels. */
export function parentIndex(rows: RowDef[]): (number | null)[] {
  const stack: number[] = [];
  return rows.map((row, i) => {
    while (stack.length && rows[stack[stack.length - 1]].level >= row.level) stack.pop();
    const parent = stack.length ? stack[stack.length - 1] : null;
    stack.push(i);
    return parent;
  });
}

export function valueRule(row: RowDef, col: ColumnDef): ValueRule {
  return row.rule ?? col.rule ?? (row.unit === '万元' ? 'money' : 'count');
}

export function hasCell(row: RowDef): boolean {
  return row.kind !== 'section';
}

/** Every cell a user may fill, in reading order. */
export function inputCells(template: Template): CellRef[] {
  return template.tables.flatMap((t) => {
    const cols = leafColumns(t.columns);
    return t.rows.filter(hasCell).flatMap((r) => cols.map((c) => ({ table: t.id, row: r.id, col: c.id })));
  });
}
