// Incremental checks: an edit re-judges only the checks that read the cells it changed, and says
// which rows changed, so a keystroke costs microseconds and the grid repaints only those rows.
// check() (checks.ts) stays the reference; a property test holds the two equal on random edits.
import {
  incompleteFinding, inReadingOrder, judgeYearly, runCheck, valueFinding, whollyBlankParts,
  type CheckOutcome, type CheckResult, type Finding
} from './checks';
import { cellKey, hasCell, parseCellKey, type CellKey, type Template, type Values } from './model';
import { compile, type CompiledTemplate } from './relations';

interface Index {
  /** Checks that read a cell (as subject, part or minus). */
  byCell: Map<CellKey, number[]>;
  /** Column sums whose parts lie in a column (table/col): a column turning wholly blank changes them all. */
  byPartColumn: Map<string, number[]>;
  /** Cells of each part column of a column sum, in tables of several rows. */
  partColumns: Map<string, CellKey[]>;
  /** The table of each check. */
  tableOf: string[];
  /** Each cell's row (table/row) and column (table/col): strings a keystroke should not rebuild. */
  rowOf: Map<CellKey, string>;
  columnOf: Map<CellKey, string>;
}

const indexes = new WeakMap<CompiledTemplate, Index>();

function indexOf(template: Template): Index {
  const compiled = compile(template);
  let idx = indexes.get(compiled);
  if (idx) return idx;
  idx = { byCell: new Map(), byPartColumn: new Map(), partColumns: new Map(), tableOf: [], rowOf: new Map(), columnOf: new Map() };
  for (const [k, ref] of compiled.refs) {
    idx.rowOf.set(k, `${ref.table}/${ref.row}`);
    idx.columnOf.set(k, `${ref.table}/${ref.col}`);
  }
  const add = <K>(map: Map<K, number[]>, k: K, i: number) => (map.get(k) ?? map.set(k, []).get(k)!).push(i);
  compiled.checks.forEach((c, i) => {
    for (const k of new Set([c.subject, ...c.others, ...(c.minus ?? [])])) add(idx!.byCell, k, i);
    idx!.tableOf[i] = compiled.refs.get(c.subject)!.table;
  });
  for (const table of template.tables) {
    const rows = table.rows.filter(hasCell);
    if (rows.length < 2) continue;
    for (const rel of table.relations)
      if (rel.kind === 'colsum')
        for (const col of rel.parts) idx.partColumns.set(`${table.id}/${col}`, rows.map((r) => cellKey({ table: table.id, row: r.id, col })));
  }
  compiled.checks.forEach((c, i) => {
    if (!c.ruleId.startsWith('colsum:')) return;
    for (const k of c.others) {
      const { table, col } = parseCellKey(k);
      if (idx!.partColumns.has(`${table}/${col}`)) add(idx!.byPartColumn, `${table}/${col}`, i);
    }
  });
  indexes.set(compiled, idx);
  return idx;
}

/**
 * What an edit changed: the rows (table/row) whose findings, marks or 校验 text may differ — the
 * changed cells' rows, each re-judged relation's subject row, and every row with a cell named by
 * a finding that came, went or changed (its cells are marked as related).
 */
export interface CheckDelta {
  rows: Set<string>;
}

/** What a finding shows: equal signatures paint alike. */
const shown = (fs: readonly Finding[]) => fs.map((f) => `${f.id}|${f.severity}|${f.short}|${f.others.join(',')}`).join('\n');

export class CheckState {
  private readonly index: Index;
  private readonly outcomes: CheckOutcome[];
  private readonly refusals = new Map<CellKey, Finding>();
  /** How many error findings name each cell: a blank named by an error needs no blanks warning. */
  private readonly errorsOn = new Map<CellKey, number>();
  private none: Set<CellKey>;
  private readonly incomplete = new Map<string, Finding | null>();
  /** Per table, the checks left unjudged by blank cells. */
  private readonly unjudged = new Map<string, Set<number>>();
  private yearly: Finding[] = [];
  private cached: CheckResult | null = null;

  constructor(
    readonly template: Template,
    /** The report's cells; the caller changes them, then calls apply() with the keys. */
    private readonly values: Values,
    private readonly previous?: Values
  ) {
    this.index = indexOf(template);
    const compiled = compile(template);
    for (const key of compiled.order.keys()) this.setRefusal(key);
    this.none = whollyBlankParts(template, values);
    for (const t of template.tables) this.unjudged.set(t.id, new Set());
    this.outcomes = compiled.checks.map((c) => runCheck(template, c, values, this.none));
    this.outcomes.forEach((o, i) => this.count(o, i, 1));
    for (const t of template.tables) this.incomplete.set(t.id, this.blanksWarning(t.id));
    this.yearly = this.judgeYearly();
  }

  /** Re-judges what reads the changed cells; returns the rows to repaint. */
  apply(keys: Iterable<CellKey>): CheckDelta {
    const compiled = compile(this.template);
    const { rowOf, columnOf } = this.index;
    const rows = new Set<string>();
    const checks = new Set<number>();
    const columns = new Set<string>();
    const tables = new Set<string>();
    for (const key of keys) {
      const ref = compiled.refs.get(key);
      if (!ref) continue;
      rows.add(rowOf.get(key)!);
      tables.add(ref.table);
      this.setRefusal(key);
      for (const i of this.index.byCell.get(key) ?? []) checks.add(i);
      const column = columnOf.get(key)!;
      if (this.index.partColumns.has(column)) columns.add(column);
    }
    // A part column that turned wholly blank, or stopped being so, changes every row sum it is in.
    for (const column of columns) {
      const cells = this.index.partColumns.get(column)!;
      const blank = cells.every((k) => (this.values.get(k)?.raw ?? '').trim() === '');
      if (blank === this.none.has(cells[0])) continue;
      for (const k of cells) (blank ? this.none.add(k) : this.none.delete(k));
      for (const i of this.index.byPartColumn.get(column) ?? []) checks.add(i);
    }
    for (const i of checks) {
      const before = this.outcomes[i];
      const after = runCheck(this.template, compiled.checks[i], this.values, this.none);
      this.count(before, i, -1);
      this.count(after, i, 1);
      this.outcomes[i] = after;
      tables.add(this.index.tableOf[i]);
      if (before.passed || after.passed) rows.add(rowOf.get(compiled.checks[i].subject)!);
      if (shown(before.findings) !== shown(after.findings)) this.touch(rows, [...before.findings, ...after.findings]);
    }
    for (const t of tables) {
      const before = this.incomplete.get(t);
      const after = this.blanksWarning(t);
      this.incomplete.set(t, after);
      const both = [before, after].filter((f): f is Finding => Boolean(f));
      if (shown(before ? [before] : []) !== shown(after ? [after] : [])) this.touch(rows, both);
      else for (const f of both) rows.add(rowOf.get(f.subjectKey)!);
    }
    if (this.previous) {
      const before = this.yearly;
      this.yearly = this.judgeYearly();
      this.touch(rows, [...before, ...this.yearly]);
    }
    this.cached = null;
    return { rows };
  }

  /** The whole result, in reading order (built on demand, then kept until the next edit). */
  get result(): CheckResult {
    if (this.cached) return this.cached;
    const compiled = compile(this.template);
    const findings: Finding[] = [...this.refusals.values()];
    const passed = new Set<CellKey>();
    this.outcomes.forEach((o, i) => {
      findings.push(...o.findings);
      if (o.passed) passed.add(compiled.checks[i].subject);
    });
    for (const t of this.template.tables) {
      const f = this.incomplete.get(t.id);
      if (f) findings.push(f);
    }
    findings.push(...this.yearly);
    for (const f of findings) passed.delete(f.subjectKey);
    this.cached = { findings: inReadingOrder(this.template, findings), passed };
    return this.cached;
  }

  /** The rows of every cell the findings name (their subject and the cells they compare). */
  private touch(rows: Set<string>, findings: readonly Finding[]) {
    const { rowOf } = this.index;
    for (const f of findings) {
      rows.add(rowOf.get(f.subjectKey)!);
      for (const k of f.others) {
        const r = rowOf.get(k);
        if (r) rows.add(r);
      }
    }
  }

  private setRefusal(key: CellKey) {
    const old = this.refusals.get(key);
    if (old) this.errorsOn.set(key, (this.errorsOn.get(key) ?? 0) - 1);
    const f = valueFinding(this.template, key, this.values.get(key));
    if (f) {
      this.refusals.set(key, f);
      this.errorsOn.set(key, (this.errorsOn.get(key) ?? 0) + 1);
    } else this.refusals.delete(key);
  }

  private count(o: CheckOutcome, i: number, by: 1 | -1) {
    for (const f of o.findings) if (f.severity === 'error') this.errorsOn.set(f.subjectKey, (this.errorsOn.get(f.subjectKey) ?? 0) + by);
    if (o.blanks) {
      const set = this.unjudged.get(this.index.tableOf[i])!;
      if (by > 0) set.add(i);
      else set.delete(i);
    }
  }

  private blanksWarning(table: string): Finding | null {
    const checks = [...this.unjudged.get(table)!].sort((a, b) => a - b);
    if (!checks.length) return null;
    const blanks = checks.flatMap((i) => this.outcomes[i].blanks!);
    return incompleteFinding(this.template, table, checks.length, blanks, (k) => (this.errorsOn.get(k) ?? 0) > 0);
  }

  private judgeYearly(): Finding[] {
    if (!this.previous) return [];
    const out: Finding[] = [];
    judgeYearly(this.template, this.values, this.previous, out);
    return out;
  }
}
