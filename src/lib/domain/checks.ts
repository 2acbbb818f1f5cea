// check(template, values) → findings: plain objects that the grid, the findings panel and
// the xlsx writer all read. Empty is not zero: a relation with blanks is judged only where the
// blanks cannot change the verdict, otherwise it reports what is missing.
import { parseFigure, formatFigure } from './figures';
import { cellSpec } from './entry';
import { cellKey, hasCell, type CellEntry, type CellKey, type CellRef, type Severity, type Template, type Values } from './model';
import { compile, type CheckKind, type CompiledCheck } from './relations';

export type FindingKind = CheckKind | 'value' | 'carry' | 'stock' | 'identical' | 'incomplete';

export interface Finding {
  /** Stable across runs: the same rule on the same cell always has the same id. */
  id: string;
  kind: FindingKind;
  severity: Severity;
  /** The cell the finding is about; its row shows `short`. */
  subject: CellRef;
  subjectKey: CellKey;
  /** The cells it was compared with. */
  others: CellKey[];
  /** Display name of the subject row (三（三）4.不同意公开答复数). */
  name: string;
  /** The subject's column, in tables with several figure columns (商业企业). */
  column?: string;
  expected: number | null;
  actual: number | null;
  /** actual − expected, when both are known. */
  difference: number | null;
  /** What the 校验 cell says: ≠ 子项合计 14（差 -13）. */
  short: string;
  /** A whole sentence for the findings panel and the exported sheet. */
  message: string;
  // The facts as values, so no one reads them back out of the wording:
  /** How `actual` must stand to `expected`. */
  relation?: '=' | '≤' | '≥';
  /** row: across the columns of one row (总计 = the six applicants); column: down one column's rows. */
  axis?: 'row' | 'column';
  /** What `actual` is: the subject cell's own figure, a sum of cells (渠道合计), or one channel. */
  actualIs?: 'cell' | 'sum' | 'channel';
  /** Why a figure was refused (value findings). */
  reason?: string;
}

export interface CheckResult {
  findings: Finding[];
  /** Subjects of relations that were fully checked and hold: the grid shows ✓ there. */
  passed: Set<CellKey>;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const f = formatFigure;
const signed = (d: number) => (d > 0 ? `+${f(d)}` : f(d));

const WHAT: Record<'sum' | 'header' | 'exhaustive', string> = { sum: '子项合计', header: '子项合计', exhaustive: '其中各项合计' };

interface Verdict {
  severity?: Severity;
  relation?: '=' | '≤' | '≥';
  actualIs?: 'cell' | 'sum' | 'channel';
  /** Which cell the finding sits on, when not the check's subject. */
  on?: CellKey;
  expected: number | null;
  actual: number | null;
  short: string;
  /** A warning only because some cells are blank: gathered into one warning per table. */
  incomplete?: boolean;
}

const valueOf = (values: Values, k: CellKey): number | null => values.get(k)?.value ?? null;

/**
 * Judges one check on the figures. Runs on every keystroke for the checks that read the cell, so
 * it walks `others` once without building arrays or closures; message strings are built only
 * for a verdict that fails.
 */
function judge(c: CompiledCheck, others: readonly CellKey[], values: Values, names: ReadonlyMap<CellKey, string>): Verdict[] | 'passed' | null {
  const total = valueOf(values, c.subject);
  let added = 0;
  let count = 0;
  for (let i = 0; i < others.length; i++) {
    const v = values.get(others[i])?.value;
    if (v !== null && v !== undefined) {
      added += v;
      count++;
    }
  }
  const sum = round(added);
  const missing = others.length - count;
  const name = (k: CellKey) => names.get(k) ?? k;

  switch (c.kind) {
    case 'sum':
    case 'header':
    case 'exhaustive': {
      const what = c.what ?? WHAT[c.kind];
      if (c.minus?.length) return judgeBalance(c, total, others.map((k) => valueOf(values, k)), c.minus.map((k) => valueOf(values, k)), what);
      if (total === null) {
        if (!count || c.kind === 'header') return null;
        return [{ expected: sum, actual: null, short: `未填（${what} ${f(sum)}）` }];
      }
      if (missing) {
        if (sum > total) return [{ expected: sum, actual: total, relation: '≥', short: `已填${what} ${f(sum)} > 本项 ${f(total)}` }];
        if (!count && total === 0) return null;
        return [{ severity: 'warning', expected: null, actual: total, short: `子项有 ${missing} 项未填（已填合计 ${f(sum)}）`, incomplete: true }];
      }
      if (round(total - sum) === 0) return 'passed';
      return [{ expected: sum, actual: total, relation: '=', short: `≠ ${what} ${f(sum)}（差 ${signed(round(total - sum))}）` }];
    }
    case 'part': {
      const parent = valueOf(values, others[0]);
      if (total === null) return null;
      if (parent === null) {
        if (!c.reportMissing) return null;
        return [{ on: c.others[0], expected: null, actual: null, short: `未填（其中项 ${f(total)}）` }];
      }
      if (total > parent) return [{ expected: parent, actual: total, relation: '≤', short: `其中项 ${f(total)} > 所属项 ${f(parent)}` }];
      return null;
    }
    case 'cover': {
      if (total === null) return count ? [{ expected: null, actual: null, short: `未填（渠道合计 ${f(sum)}）` }] : null;
      const out: Verdict[] = [];
      for (const k of others) {
        const v = valueOf(values, k);
        if (v !== null && v > total) out.push({ on: k, expected: total, actual: v, relation: '≤', actualIs: 'channel', short: `单一渠道 ${f(v)} > 总数 ${f(total)}` });
      }
      if (sum < total) {
        if (missing) out.push({ severity: 'warning', expected: total, actual: sum, relation: '≥', actualIs: 'sum', short: `渠道有 ${missing} 项未填（已填合计 ${f(sum)} < 总数 ${f(total)}）`, incomplete: true });
        else out.push({ expected: total, actual: sum, relation: '≥', actualIs: 'sum', short: `渠道合计 ${f(sum)} < 总数 ${f(total)}` });
      }
      return out.length ? out : 'passed';
    }
    case 'same': {
      const other = valueOf(values, others[0]);
      if (total === null && other === null) return null;
      if (total === null || other === null)
        return [{ severity: 'warning', expected: other, actual: total, short: total === null ? `未填（应与${name(c.others[0])}相同：${f(other!)}）` : `${name(c.others[0])}未填，无法核对` }];
      if (total === other) return 'passed';
      return [{ expected: other, actual: total, relation: '=', short: `≠ ${name(c.others[0])} ${f(other)}（差 ${signed(round(total - other))}）` }];
    }
    case 'lte': {
      const max = valueOf(values, others[0]);
      if (total === null || max === null) return null;
      return total > max ? [{ expected: max, actual: total, relation: '≤', short: `${f(total)} > ${name(c.others[0])} ${f(max)}` }] : 'passed';
    }
  }
}

/** A sum with parts taken away (一 + 二 − 三（七） = 四): judged only once every part is there. */
function judgeBalance(c: CompiledCheck, total: number | null, plus: (number | null)[], minus: (number | null)[], what: string): Verdict[] | 'passed' | null {
  const all = [...plus, ...minus];
  const missing = all.filter((v) => v === null).length;
  const expected = round(plus.reduce<number>((a, b) => a + (b ?? 0), 0) - minus.reduce<number>((a, b) => a + (b ?? 0), 0));
  // A half-filled table (一、二 typed, 三、四 not yet): the sum cannot be judged, and the table says
  // it has blanks, as it does when the total is there and a part is not.
  if (total === null) return !missing ? [{ expected, actual: null, short: `未填（${what} ${f(expected)}）` }] : missing === all.length ? null : [{ severity: 'warning', expected: null, actual: null, short: `${what}有 ${missing} 项未填，无法核对`, incomplete: true }];
  if (missing) return missing === all.length ? null : [{ severity: 'warning', expected: null, actual: total, short: `${what}有 ${missing} 项未填，无法核对`, incomplete: true }];
  if (round(total - expected) === 0) return 'passed';
  return [{ expected, actual: total, relation: '=', short: `≠ ${what} ${f(expected)}（差 ${signed(round(total - expected))}）` }];
}

/**
 * Last year's report of the same unit and form: carried-over figures and stocks must continue,
 * and a table copied unchanged from last year is suspicious. Warnings only.
 */
export function judgeYearly(template: Template, values: Values, previous: Values, findings: Finding[]) {
  const compiled = compile(template);
  const now = (k: CellKey) => values.get(k)?.value ?? null;
  const before = (k: CellKey) => previous.get(k)?.value ?? null;
  const push = (kind: FindingKind, id: string, subjectKey: CellKey, expected: number | null, actual: number | null, short: string) =>
    findings.push({
      id, kind, severity: 'warning', subject: compiled.refs.get(subjectKey)!, subjectKey, others: [], name: compiled.names.get(subjectKey) ?? subjectKey, column: compiled.columns.get(subjectKey),
      expected, actual, difference: expected !== null && actual !== null ? round(actual - expected) : null, short, message: `${compiled.names.get(subjectKey)}：${short}`,
      ...(kind === 'identical' ? {} : { relation: '=' as const, actualIs: 'cell' as const })
    });
  for (const y of compiled.yearly) {
    const v = now(y.subject);
    const last = before(y.previous);
    if (last === null) continue;
    if (y.kind === 'carry') {
      if (v === null) push('carry', y.ruleId, y.subject, last, null, `未填（${y.what} ${f(last)}）`);
      else if (v !== last) push('carry', y.ruleId, y.subject, last, v, `≠ ${y.what} ${f(last)}（差 ${signed(round(v - last))}）`);
    } else {
      const plus = now(y.plus!);
      const minus = y.minus ? now(y.minus) : 0;
      if (v === null || plus === null || minus === null) continue;
      const expected = round(last + plus - minus);
      if (v !== expected) push('stock', y.ruleId, y.subject, expected, v, `≠ ${y.what} ${f(expected)}（差 ${signed(round(v - expected))}）`);
    }
  }
  for (const table of template.tables) {
    const keys = [...compiled.refs].filter(([, r]) => r.table === table.id).map(([k]) => k);
    const filled = keys.filter((k) => (values.get(k)?.raw ?? '').trim() !== '');
    // A small unit's table of zeros is the same every year: only tables with figures are suspicious.
    if (filled.some((k) => (values.get(k)?.value ?? 0) !== 0) && keys.every((k) => (values.get(k)?.raw ?? '').trim() === (previous.get(k)?.raw ?? '').trim()))
      push('identical', `identical:${table.id}`, keys[0], null, null, `${table.title}与去年的报表完全相同，请确认不是照抄去年的数字`);
  }
}

/** A refused entry: the user must see why (it reads as blank in every check). */
export function valueFinding(template: Template, key: CellKey, entry: CellEntry | undefined): Finding | null {
  if (!entry || entry.value !== null || entry.raw.trim() === '') return null;
  const compiled = compile(template);
  const ref = compiled.refs.get(key);
  if (!ref) return null;
  const spec = cellSpec(template, ref)!;
  const parsed = parseFigure(entry.raw, spec.rule, spec.row.unit);
  const reason = parsed.kind === 'invalid' ? parsed.reason : '无法识别';
  const name = compiled.names.get(key) ?? key;
  return {
    id: `value:${key}`, kind: 'value', severity: 'error', subject: ref, subjectKey: key, others: [], name, column: compiled.columns.get(key),
    expected: null, actual: null, difference: null, reason,
    short: `无法识别：${reason}`, message: `${name}：「${entry.raw.slice(0, 40)}」无法识别，${reason}`
  };
}

/** What one compiled check says: its findings, whether it holds, and the blank cells that leave it unchecked. */
export interface CheckOutcome {
  findings: Finding[];
  passed: boolean;
  /** Cells left empty that keep the check from being judged (one warning per table gathers them). */
  blanks: CellKey[] | null;
}

/** Judges one compiled check; `none` holds cells of part columns left wholly blank (they mean none). */
export function runCheck(template: Template, c: CompiledCheck, values: Values, none: ReadonlySet<CellKey>): CheckOutcome {
  const compiled = compile(template);
  // A column sum leaves out the part columns left wholly blank (they mean none).
  const others = none.size && c.ruleId.startsWith('colsum:') && c.others.some((k) => none.has(k)) ? c.others.filter((k) => !none.has(k)) : c.others;
  const verdict = judge(c, others, values, compiled.names);
  const out: CheckOutcome = { findings: [], passed: verdict === 'passed', blanks: null };
  if (!verdict || verdict === 'passed') return out;
  for (const v of verdict) {
    if (v.incomplete) {
      // Only cells left empty: a refused figure has its own error.
      out.blanks = [c.subject, ...others, ...(c.minus ?? [])].filter((k) => (values.get(k)?.raw ?? '').trim() === '');
      continue;
    }
    const on = v.on ?? c.subject;
    const name = compiled.names.get(on) ?? on;
    // A finding placed on one cell of the check (a channel above the total, a parent left
    // empty) involves that cell and the check's subject, not every sibling.
    const involved = v.on ? [c.subject] : [c.subject, ...others, ...(c.minus ?? [])].filter((k) => k !== on);
    const difference = v.expected !== null && v.actual !== null ? round(v.actual - v.expected) : null;
    out.findings.push({
      id: `${c.ruleId}${v.on ? `@${v.on}` : ''}`,
      kind: c.kind, severity: v.severity ?? c.severity,
      subject: compiled.refs.get(on)!, subjectKey: on, others: involved,
      name, column: compiled.columns.get(on), expected: v.expected, actual: v.actual, difference,
      short: v.short, message: `${name}：${v.short}`,
      relation: v.relation ?? '=', axis: c.ruleId.startsWith('colsum:') ? 'row' : 'column', actualIs: v.actualIs ?? 'cell'
    });
  }
  return out;
}

/**
 * A table filled in part: one warning for the table, on its first blank cell, naming how many
 * cells are blank and how many sums they leave unchecked — not one warning per row and column.
 * A blank cell an error already names (未填（合计 210）) needs no warning too.
 */
export function incompleteFinding(template: Template, tableId: string, checks: number, blanks: Iterable<CellKey>, named: (k: CellKey) => boolean): Finding | null {
  const compiled = compile(template);
  const order = (k: CellKey) => compiled.order.get(k) ?? Infinity;
  const list = [...new Set(blanks)].filter((k) => !named(k)).sort((a, b) => order(a) - order(b));
  if (!list.length) return null;
  const on = list[0];
  const name = compiled.names.get(on) ?? on;
  const table = template.tables.find((t) => t.id === tableId)!;
  const short = `有 ${list.length} 个格子未填，${checks} 项合计无法核对；请按实际填写，没有的填 0`;
  return {
    id: `incomplete:${tableId}`, kind: 'incomplete', severity: 'warning', subject: compiled.refs.get(on)!, subjectKey: on, others: list.slice(1),
    name, column: compiled.columns.get(on), expected: null, actual: null, difference: null,
    short, message: `${table.title}${short}（第一处：${name}）`
  };
}

/** Findings in the form's reading order (stable: a refusal before the checks on its cell). */
export function inReadingOrder(template: Template, findings: Finding[]): Finding[] {
  const order = compile(template).order;
  return findings.sort((a, b) => (order.get(a.subjectKey) ?? Infinity) - (order.get(b.subjectKey) ?? Infinity));
}

/** The reference check: every rule on every cell, from scratch. CheckState (check-state.ts) is the incremental one. */
export function check(template: Template, values: Values, previous?: Values): CheckResult {
  const compiled = compile(template);
  const findings: Finding[] = [];
  const passed = new Set<CellKey>();
  for (const key of compiled.order.keys()) {
    const f = valueFinding(template, key, values.get(key));
    if (f) findings.push(f);
  }
  // A part column left wholly blank in a table of several rows (no 科研机构 applications at
  // all) means none: it drops out of the row sums instead of making every row incomplete.
  const none = whollyBlankParts(template, values);
  const incomplete = new Map<string, { checks: number; blanks: CellKey[] }>();
  for (const c of compiled.checks) {
    const outcome = runCheck(template, c, values, none);
    if (outcome.passed) passed.add(c.subject);
    findings.push(...outcome.findings);
    if (outcome.blanks) {
      const table = compiled.refs.get(c.subject)!.table;
      const group = incomplete.get(table) ?? incomplete.set(table, { checks: 0, blanks: [] }).get(table)!;
      group.checks++;
      group.blanks.push(...outcome.blanks);
    }
  }
  const named = new Set(findings.filter((x) => x.severity === 'error').map((x) => x.subjectKey));
  for (const table of template.tables) {
    const group = incomplete.get(table.id);
    const f = group && incompleteFinding(template, table.id, group.checks, group.blanks, (k) => named.has(k));
    if (f) findings.push(f);
  }
  if (previous) judgeYearly(template, values, previous, findings);
  for (const fd of findings) passed.delete(fd.subjectKey);
  return { findings: inReadingOrder(template, findings), passed };
}

/** Cells of part columns (of column sums) that are blank in every row of a table of several rows. */
export function whollyBlankParts(template: Template, values: Values): Set<CellKey> {
  const out = new Set<CellKey>();
  for (const table of template.tables) {
    const rows = table.rows.filter(hasCell);
    if (rows.length < 2) continue;
    for (const rel of table.relations) {
      if (rel.kind !== 'colsum') continue;
      for (const col of rel.parts) {
        const keys = rows.map((r) => cellKey({ table: table.id, row: r.id, col }));
        if (keys.every((k) => (values.get(k)?.raw ?? '').trim() === '')) keys.forEach((k) => out.add(k));
      }
    }
  }
  return out;
}

export function summarize(findings: Finding[]) {
  const errors = findings.filter((x) => x.severity === 'error').length;
  return { errors, warnings: findings.length - errors };
}
