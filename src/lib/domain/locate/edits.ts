// A report's relations as linear edit rules over its figures, the form statistical offices give
// them for error localisation (Fellegi–Holt): each compiled check becomes one or more rows
// Σ a·x (= or ≤) b. Errors are hard rules; warnings and last year's checks are soft (they only
// order equally small explanations). Cells are variables of three kinds:
//   fixed — a figure as entered: kept unless the localisation changes it (one change each);
//   free  — blank or unreadable: its value is unknown, any value that fits costs nothing;
//   zero  — a cell of an applicant column left wholly blank, which means none (checks.ts).
import { whollyBlankParts } from '../checks';
import { cellSpec } from '../entry';
import type { CellKey, Template, Values } from '../model';
import { compile, type CompiledCheck } from '../relations';

export type CellKind = 'fixed' | 'free' | 'zero';

export interface Edit {
  /** The check it comes from (CompiledCheck.ruleId, yearly ruleId): findings are matched by it. */
  check: string;
  terms: [number, number][];
  op: '=' | '<=';
  rhs: number;
}

export interface EditSystem {
  template: Template;
  keys: CellKey[];
  index: Map<CellKey, number>;
  kind: CellKind[];
  /** The figure as entered (fixed), 0 (zero), NaN (free). */
  value: number[];
  /** 0 for counts and money, -Infinity for signed figures (本年增/减). */
  lower: number[];
  integer: boolean[];
  /** Each cell a total of a sum (the subject of a sum check), where a person adds up by hand. */
  total: boolean[];
  /** A total whose parts, as entered, hold figures other than 0 (a 0 there was never added up). */
  partsFilled: boolean[];
  hard: Edit[];
  soft: Edit[];
}

/** An edit row over cells (not yet over the system's variables). */
export interface CellRow {
  terms: [CellKey, number][];
  op: '=' | '<=';
  rhs: number;
}

/** The edit rows of one compiled check (cover gives one row per channel and one for the sum). */
export function checkRows(c: CompiledCheck): CellRow[] {
  const s = c.subject;
  switch (c.kind) {
    case 'sum':
    case 'header':
    case 'exhaustive':
      return [{ terms: [[s, 1], ...c.others.map((k): [CellKey, number] => [k, -1]), ...(c.minus ?? []).map((k): [CellKey, number] => [k, 1])], op: '=', rhs: 0 }];
    case 'part':
    case 'lte':
      return [{ terms: [[s, 1], [c.others[0], -1]], op: '<=', rhs: 0 }];
    case 'same':
      return [{ terms: [[s, 1], [c.others[0], -1]], op: '=', rhs: 0 }];
    case 'cover':
      return [
        ...c.others.map((k) => ({ terms: [[k, 1], [s, -1]] as [CellKey, number][], op: '<=' as const, rhs: 0 })),
        { terms: [[s, 1], ...c.others.map((k): [CellKey, number] => [k, -1])], op: '<=', rhs: 0 }
      ];
  }
}

/** Merges repeated variables of a row (a cell named twice) into one term. */
function tidy(terms: [number, number][]): [number, number][] {
  const m = new Map<number, number>();
  for (const [j, a] of terms) m.set(j, (m.get(j) ?? 0) + a);
  return [...m].filter(([, a]) => a !== 0);
}

export function buildEdits(template: Template, values: Values, previous?: Values): EditSystem {
  const compiled = compile(template);
  const keys = [...compiled.order.keys()];
  const index = new Map(keys.map((k, i) => [k, i]));
  const none = whollyBlankParts(template, values);
  const sys: EditSystem = { template, keys, index, kind: [], value: [], lower: [], integer: [], total: [], partsFilled: [], hard: [], soft: [] };
  keys.forEach((k, i) => {
    const e = values.get(k);
    const spec = cellSpec(template, compiled.refs.get(k)!)!;
    const filled = e !== undefined && e.raw.trim() !== '';
    sys.kind[i] = none.has(k) ? 'zero' : filled && e.value !== null ? 'fixed' : 'free';
    sys.value[i] = sys.kind[i] === 'fixed' ? e!.value! : sys.kind[i] === 'zero' ? 0 : NaN;
    sys.lower[i] = spec.rule === 'signed-count' || spec.rule === 'signed-money' ? -Infinity : 0;
    sys.integer[i] = spec.rule === 'count' || spec.rule === 'signed-count';
    sys.total[i] = false;
    sys.partsFilled[i] = false;
  });
  const at = (k: CellKey) => index.get(k)!;
  for (const c of compiled.checks) {
    if (c.kind === 'sum' || c.kind === 'header' || c.kind === 'exhaustive') {
      const s = at(c.subject);
      sys.total[s] = true;
      if (!c.minus?.length && c.others.some((k) => sys.kind[at(k)] === 'fixed' && sys.value[at(k)] !== 0)) sys.partsFilled[s] = true;
    }
    for (const row of checkRows(c)) (c.severity === 'error' ? sys.hard : sys.soft).push({ check: c.ruleId, op: row.op, rhs: row.rhs, terms: tidy(row.terms.map(([k, a]) => [at(k), a])) });
  }
  // Last year's report: 上年结转 = last year's 结转下年度, stocks continue (soft: they order, never force).
  if (previous)
    for (const y of compiled.yearly) {
      const last = previous.get(y.previous)?.value;
      if (last === null || last === undefined) continue;
      if (y.kind === 'carry') sys.soft.push({ check: y.ruleId, terms: [[at(y.subject), 1]], op: '=', rhs: last });
      else sys.soft.push({ check: y.ruleId, terms: tidy([[at(y.subject), 1], [at(y.plus!), -1], ...(y.minus ? [[at(y.minus), 1] as [number, number]] : [])]), op: '=', rhs: last });
    }
  return sys;
}

/** Σ a·x − b of a row at these values (NaN where a free cell has none). */
export function residual(e: Pick<Edit, 'terms' | 'rhs'>, x: ArrayLike<number>): number {
  let s = -e.rhs;
  for (const [j, a] of e.terms) s += a * x[j];
  return s;
}

/** Whether a row holds at these values, to the precision figures are kept in (6 decimals). */
export function holds(e: Pick<Edit, 'terms' | 'rhs' | 'op'>, x: ArrayLike<number>): boolean {
  const r = residual(e, x);
  return e.op === '=' ? Math.abs(r) < 5e-7 : r < 5e-7;
}
