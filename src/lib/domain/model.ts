// The template model: a form is data (tables of outlined rows × a tree of value columns,
// plus declared relations). Nothing here knows about the grid, storage or spreadsheets.

/** How a cell's figure must look. Resolved per cell: row rule, else column rule, else from the unit. */
export type ValueRule = 'count' | 'money' | 'signed-count' | 'signed-money';

/**
 * section: a pure heading (一、主动公开情况); it has no cell.
 * group:   a heading over numbered measures that has no cell in the official form
 *          (表三 （三）不予公开); the grid shows the derived subtotal of its children, read-only.
 * header:  a group of numbered measures without a unit of its own (一（二）通过不同渠道…);
 *          the official form leaves it blank, but a figure entered anyway must equal Σ children.
 * value:   a measure with a unit and a cell.
 */
export type RowKind = 'section' | 'group' | 'header' | 'value';

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
  /** Other wordings published reports print for this row (规范性文件 for 行政规范性文件). */
  aliases?: string[];
}

export interface ColumnDef {
  id: string;
  label: string;
  rule?: ValueRule;
  /**
   * What the column's figures count, when its header says so and the rows have no unit of their
   * own (本年制发件数 → 件, 单位：万元 → 万元): "12件" is 12 there. A row's unit comes first.
   */
  unit?: string;
  /** Nested headers (法人或其他组织 › 商业企业…); only leaves hold cells. */
  children?: ColumnDef[];
  /** A derived subtotal of these leaf columns: shown read-only in the grid, never stored or exported. */
  derived?: string[];
  /** Other wordings published reports print for this header. */
  aliases?: string[];
}

export type Severity = 'error' | 'warning';

/**
 * Relations between rows, applied in every leaf column (or the listed ones); colsum relates
 * columns, applied in every row (or the listed ones). Sums of numbered children come from the
 * outline; only what the outline cannot say is declared. `what` names the sum in messages.
 */
export type Relation =
  | { kind: 'sum'; id: string; total: string; parts: string[]; minus?: string[]; what: string; severity?: Severity; columns?: string[] }
  | { kind: 'colsum'; id: string; total: string; parts: string[]; what: string; severity?: Severity; rows?: string[] }
  | { kind: 'cover'; id: string; total: string; channels: string[]; severity?: Severity; columns?: string[] }
  | { kind: 'same'; id: string; row: string; as: string; severity?: Severity; columns?: string[] }
  | { kind: 'lte'; id: string; row: string; max: string; severity?: Severity; columns?: string[] }
  /** Per row, column `col` ≤ column `max` (本年度 ≤ 历年累计), in every row with cells (or the listed ones). */
  | { kind: 'collte'; id: string; col: string; max: string; severity?: Severity; rows?: string[] };

export interface TableDef {
  id: string;
  /** Short name used in findings (表三); with several tables it prefixes every cell name. */
  title: string;
  /** The caption printed above the table, when it has one (三、收到和处理政府信息公开申请情况). */
  caption?: string;
  /** Header of the label column, as printed (统计指标). */
  labelHeader: string;
  /** Header of the unit column; tables without units (the national format) have none. */
  unitHeader?: string;
  /**
   * What every figure of a table without a unit column counts (表三's applications and 表四's
   * cases are 件): "12件" is 12 there, "12条" is refused.
   */
  countUnit?: string;
  rows: RowDef[];
  columns: ColumnDef[];
  relations: Relation[];
  /** Checks against the same unit's report of the previous year (warnings). */
  yearly?: YearlyRelation[];
}

/**
 * carry: this year's row equals last year's `from` row, per column (二、上年结转 = 去年 四、结转下年度).
 * stock: per row, col = last year's col + plus − minus (现行有效件数 = 去年现行有效 + 本年制发 − 本年废止;
 *        历年累计 = 去年历年累计 + 本年度, with no minus).
 */
export type YearlyRelation =
  | { kind: 'carry'; id: string; row: string; from: string; what: string }
  | { kind: 'stock'; id: string; col: string; plus: string; minus?: string; what: string };

/** A row of one table; with `col`, one cell; without it, the row in each column the link runs over. */
export interface RowRef {
  table: string;
  row: string;
  col?: string;
}

/**
 * Relations between rows of different tables (表一 受理申请总数 = 表二 答复总数). A ref without a
 * column runs over every figure column its table prints under the same name as the other refs'
 * tables (本年度 with 本年度); tables of one figure column each pair whatever their names.
 */
export type TableLink =
  | { kind: 'same'; id: string; row: RowRef; as: RowRef; severity?: Severity }
  | { kind: 'lte'; id: string; row: RowRef; max: RowRef; severity?: Severity }
  | { kind: 'sum'; id: string; total: RowRef; parts: RowRef[]; minus?: RowRef[]; what: string; severity?: Severity };

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
  /** Relations between tables, which no single table's outline or relations can say. */
  links?: TableLink[];
  /**
   * The main figures compared across years (历年对比), each the sum of its cells. The ids are
   * shared by every form, so a unit's years line up even where the form changed (2017 → 2021).
   */
  measures?: Measure[];
}

export type MeasureId = 'received' | 'disclosed' | 'review' | 'litigation' | 'normsIssued' | 'normsValid';

export interface Measure {
  id: MeasureId;
  /** What this form calls it, when that differs from the common name (2017: 同意公开答复数). */
  note?: string;
  cells: CellKey[];
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

/** A change asked of a cell: its new entry (raw '' clears it). */
export interface CellChange {
  key: CellKey;
  entry: CellEntry;
}

/**
 * A cell as written, the one shape a figure takes from the session to the journal, to storage,
 * to other tabs and back: its entry and when it was written (ms since the epoch). Raw '' is a
 * cleared cell (a tombstone: its time keeps an older write from bringing the figure back).
 */
export interface WrittenCell extends CellEntry {
  key: CellKey;
  at: number;
}

/** Every leaf column, derived subtotals included (what the grid shows). */
export function leafColumns(cols: ColumnDef[]): ColumnDef[] {
  return collectLeaves(cols, [], true);
}

/** The leaf columns that hold cells (what is stored, checked and exported). */
export function inputColumns(cols: ColumnDef[]): ColumnDef[] {
  return collectLeaves(cols, [], false);
}

// A plain walk into one array: these are asked for per row and per cell by the mapper and the
// grid, and a flatMap of arrays per column was a fifth of a whole table's mapping time.
function collectLeaves(cols: ColumnDef[], out: ColumnDef[], derived: boolean): ColumnDef[] {
  for (const c of cols)
    if (c.children?.length) collectLeaves(c.children, out, derived);
    else if (derived || !c.derived) out.push(c);
  return out;
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
  // Money in any unit (万元, 元): fees are printed with 角 and 分 (0.50 元).
  return row.rule ?? col.rule ?? (/^(万元|元|千元|亿元)$/.test(row.unit ?? col.unit ?? '') ? 'money' : 'count');
}

export function hasCell(row: RowDef): boolean {
  return row.kind !== 'section' && row.kind !== 'group';
}

/** Every cell a user may fill, in reading order. */
export function inputCells(template: Template): CellRef[] {
  return template.tables.flatMap((t) => {
    const cols = inputColumns(t.columns);
    return t.rows.filter(hasCell).flatMap((r) => cols.map((c) => ({ table: t.id, row: r.id, col: c.id })));
  });
}
