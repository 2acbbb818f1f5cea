// Fellegi–Holt error localisation, exact: the smallest sets of entered figures whose change lets
// every hard edit hold (blank cells take any value that fits, at no cost). A conflict-directed
// search: a set that cannot be completed is proved so by a Farkas certificate (lp.ts), whose
// fixed cells are a conflict — every feasible superset frees one of them — and the search
// branches on those cells only. Deepening one figure at a time, it finds every minimum set,
// which is what decides uniqueness and the alternatives shown. Beyond MAX_CHANGES figures it
// says so instead of guessing.
import { eliminateFree } from './eliminate';
import { EPS, solve, type Row } from './lp';
import { holds, type Edit, type EditSystem } from './edits';

export const MAX_CHANGES = 6;
/** Work allowed for one component (LP solves): a table of nonsense stops here, said as such. */
const BUDGET = 4_000;

export type ComponentResult =
  /** `sets`: every minimum set (cell indices, ascending), in no particular order. */
  | { status: 'located'; cost: number; sets: number[][]; edits: number[] }
  | { status: 'too-many'; edits: number[] }
  | { status: 'gave-up'; edits: number[] };

export interface Component {
  /** Indices into sys.hard. */
  edits: number[];
  /** Fixed (changeable) and free cells it holds. */
  cells: number[];
}

/** Hard edits connected through the cells they share (zero cells do not connect: they are constants). */
export function components(sys: EditSystem): Component[] {
  const parent = sys.hard.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const firstEdit = new Map<number, number>();
  sys.hard.forEach((e, i) => {
    for (const [j] of e.terms) {
      if (sys.kind[j] === 'zero') continue;
      const f = firstEdit.get(j);
      if (f === undefined) firstEdit.set(j, i);
      else parent[find(i)] = find(f);
    }
  });
  const byRoot = new Map<number, Component>();
  sys.hard.forEach((e, i) => {
    const r = find(i);
    const c = byRoot.get(r) ?? byRoot.set(r, { edits: [], cells: [] }).get(r)!;
    c.edits.push(i);
  });
  for (const [j, i] of firstEdit) byRoot.get(find(i))!.cells.push(j);
  for (const c of byRoot.values()) c.cells.sort((a, b) => a - b);
  return [...byRoot.values()];
}

/** The LP of some edits with these cells as variables (free cells always are); others fixed. */
function lpOf(sys: EditSystem, edits: readonly Edit[], vars: ReadonlySet<number>) {
  const col = new Map<number, number>();
  const lower: number[] = [];
  const rows: Row[] = [];
  for (const e of edits) {
    let rhs = e.rhs;
    const terms: [number, number][] = [];
    for (const [j, a] of e.terms) {
      if (vars.has(j) || sys.kind[j] === 'free') {
        let c = col.get(j);
        if (c === undefined) {
          col.set(j, (c = lower.length));
          lower.push(sys.lower[j]);
        }
        terms.push([c, a]);
      } else rhs -= a * sys.value[j];
    }
    rows.push({ terms, op: e.op, rhs });
  }
  return { col, lower, rows };
}

interface Verdict {
  ok: boolean;
  /** When not ok: fixed cells (not in the set) one of which any feasible superset must change; empty: none can help. */
  conflict: number[];
}

/**
 * The rules a search works on, with what does not change while it runs worked out once: each
 * rule's fixed cells, whether it reads a free cell, and which rules fail as entered (smallest
 * first: the smallest conflict is the cheapest to branch on).
 */
class Rules {
  readonly fixed: number[][];
  readonly hasFree: boolean[];
  readonly byCell = new Map<number, number[]>();
  /** Rules without free cells that fail as entered, fewest cells first. */
  readonly violated: number[];
  readonly withFree: number[];

  constructor(
    readonly sys: EditSystem,
    readonly edits: readonly Edit[]
  ) {
    this.fixed = edits.map((e) => e.terms.filter(([j]) => sys.kind[j] === 'fixed').map(([j]) => j));
    this.hasFree = edits.map((e) => e.terms.some(([j]) => sys.kind[j] === 'free'));
    edits.forEach((_, r) => {
      for (const j of this.fixed[r]) (this.byCell.get(j) ?? this.byCell.set(j, []).get(j)!).push(r);
    });
    this.violated = edits.map((_, r) => r).filter((r) => !this.hasFree[r] && !holds(edits[r], sys.value));
    this.violated.sort((a, b) => this.fixed[a].length - this.fixed[b].length);
    this.withFree = edits.map((_, r) => r).filter((r) => this.hasFree[r]);
  }

  /** The rules reading a cell of the set. */
  touched(set: readonly number[]): Set<number> {
    const t = new Set<number>();
    for (const j of set) for (const r of this.byCell.get(j) ?? []) t.add(r);
    return t;
  }

  /**
   * Whether the rules can hold with the cells of `set` (and every free cell) changed; if not, the
   * cells to branch on: each failing rule the set does not touch is a conflict, and so is what
   * the LP certificate of the touched rules names. With one figure left to change, the next cell
   * must lie in every conflict at once; with more, the smallest conflict is branched on.
   */
  judge(set: readonly number[], budget: number): Verdict {
    const touched = this.touched(set);
    const conflicts: number[][] = [];
    for (const r of this.violated) if (!touched.has(r)) conflicts.push(this.fixed[r]);
    // With nothing left to change, or many figures, a failing rule decides at once: no LP needed.
    if (conflicts.length && budget !== 1) return { ok: false, conflict: conflicts[0] };
    for (const r of this.withFree) touched.add(r);
    if (touched.size) {
      const edits = [...touched].map((r) => this.edits[r]);
      const { col, lower, rows } = lpOf(this.sys, edits, new Set(set));
      const s = solve({ lower, rows });
      if (s.status === 'infeasible') conflicts.push(conflictOf(this.sys, edits, rows, col, lower, s.certificate));
    }
    if (!conflicts.length) return { ok: true, conflict: [] };
    if (budget !== 1) return { ok: false, conflict: conflicts.reduce((a, b) => (b.length < a.length ? b : a)) };
    let common = conflicts[0];
    for (const c of conflicts.slice(1)) {
      const inC = new Set(c);
      common = common.filter((j) => inC.has(j));
    }
    return { ok: false, conflict: common };
  }

  /** Pairwise disjoint failing rules the set does not touch: a lower bound on the figures still to change. */
  disjoint(set: readonly number[]): number {
    const touched = this.touched(set);
    const used = new Set<number>();
    let n = 0;
    for (const r of this.violated) {
      if (touched.has(r) || this.fixed[r].some((j) => used.has(j))) continue;
      for (const j of this.fixed[r]) used.add(j);
      n++;
    }
    return n;
  }
}

/**
 * The fixed cells whose freeing would break the certificate: Σ_i y_i·a_ij ≠ 0. A certificate that
 * does not check out numerically gives every fixed cell of its rows (always a valid conflict).
 */
function conflictOf(sys: EditSystem, edits: readonly Edit[], rows: Row[], col: Map<number, number>, lower: number[], y: number[]): number[] {
  let scale = 1e-12;
  for (const v of y) scale = Math.max(scale, Math.abs(v));
  const g = new Map<number, number>();
  const gv = new Float64Array(lower.length);
  let yb = 0;
  edits.forEach((e, r) => {
    const yi = y[r];
    if (rows[r].op === '<=' && yi < -1e-9 * scale) yb = NaN;
    let b = rows[r].rhs;
    for (const [c, a] of rows[r].terms) if (Number.isFinite(lower[c])) b -= a * lower[c];
    yb += yi * b;
    if (yi === 0) return;
    for (const [j, a] of e.terms) {
      const c = col.get(j);
      if (c !== undefined) gv[c] += yi * a;
      else if (sys.kind[j] === 'fixed') g.set(j, (g.get(j) ?? 0) + yi * a);
    }
  });
  let valid = yb < -1e-9 * scale;
  gv.forEach((v, c) => {
    if (Number.isFinite(lower[c]) ? v < -1e-7 * scale : Math.abs(v) > 1e-7 * scale) valid = false;
  });
  if (!valid) {
    const all = new Set<number>();
    for (const e of edits) for (const [j] of e.terms) if (sys.kind[j] === 'fixed' && !col.has(j)) all.add(j);
    return [...all];
  }
  const out: number[] = [];
  for (const [j, v] of g) if (Math.abs(v) > 1e-7 * scale) out.push(j);
  return out;
}

/** Every minimum set of one component, up to `max` figures. */
export function locateComponent(sys: EditSystem, comp: Component, max = MAX_CHANGES): ComponentResult {
  const full = comp.edits.map((i) => sys.hard[i]);
  const edits = comp.edits;
  if (new Rules(sys, full).judge([], 0).ok) return { status: 'located', cost: 0, sets: [[]], edits };
  // The search needs only what the edits imply for the entered figures (blank cells eliminated).
  const rules = new Rules(sys, eliminateFree(sys, full) ?? full);
  // Failing rules without a cell in common each need a figure of their own: start deepening there.
  const least = rules.disjoint([]);
  if (least > max) return { status: 'too-many', edits };
  let work = 0;
  for (let k = Math.max(1, least); k <= max; k++) {
    const found: number[][] = [];
    const seen = new Set<string>();
    const dfs = (set: number[], budget: number) => {
      const key = set.join(',');
      if (seen.has(key)) return;
      seen.add(key);
      if (++work > BUDGET) throw GAVE_UP;
      const v = rules.judge(set, budget);
      if (v.ok) {
        if (set.length === k) found.push(set);
        return;
      }
      if (budget === 0 || !v.conflict.length) return;
      if (rules.disjoint(set) > budget) return;
      for (const c of v.conflict) dfs([...set, c].sort((a, b) => a - b), budget - 1);
    };
    try {
      dfs([], k);
    } catch (e) {
      if (e === GAVE_UP) return { status: 'gave-up', edits };
      throw e;
    }
    if (found.length) return { status: 'located', cost: k, sets: found, edits };
  }
  return { status: 'too-many', edits };
}

const GAVE_UP = new Error('localisation: work budget spent');

/** Whether the edits of a component hold with the cells of `set` changed (the oracle's question too). */
export function feasible(sys: EditSystem, edits: readonly number[], set: readonly number[]): boolean {
  return new Rules(sys, edits.map((i) => sys.hard[i])).judge(set, 0).ok;
}

/**
 * The range each asked cell may take when the cells of a feasible set (and every free cell) may
 * change: [min, max], ±Infinity where open. A cell an equality pins (every other cell of it known,
 * perhaps pinned in turn) is determined at once; only what stays open costs an LP.
 */
export function ranges(sys: EditSystem, edits: readonly number[], set: readonly number[], ask: readonly number[]): Map<number, [number, number]> {
  const vars = new Set(set);
  const full = edits.map((i) => sys.hard[i]);
  const isVar = (j: number) => vars.has(j) || sys.kind[j] === 'free';
  const known = new Map<number, number>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of full) {
      if (e.op !== '=') continue;
      let open = -1;
      let coef = 0;
      let rest = e.rhs;
      for (const [j, a] of e.terms) {
        if (isVar(j) && !known.has(j)) {
          if (open >= 0) {
            open = -2;
            break;
          }
          open = j;
          coef = a;
        } else rest -= a * (known.get(j) ?? sys.value[j]);
      }
      if (open < 0) continue;
      known.set(open, rest / coef);
      changed = true;
    }
  }
  const out = new Map<number, [number, number]>();
  const open = ask.filter((j) => !known.has(j));
  for (const j of ask) if (known.has(j)) out.set(j, [known.get(j)!, known.get(j)!]);
  if (!open.length) return out;
  // The rest: an LP with the pinned cells as figures.
  const kind = sys.kind.slice();
  const value = sys.value.slice();
  for (const [j, v] of known) {
    kind[j] = 'fixed';
    value[j] = v;
    vars.delete(j);
  }
  const { col, lower, rows } = lpOf({ ...sys, kind, value }, full, vars);
  for (const j of open) {
    const c = col.get(j);
    if (c === undefined) continue;
    const lo = solve({ lower, rows, objective: [[c, 1]] });
    const hi = solve({ lower, rows, objective: [[c, -1]] });
    out.set(j, [lo.status === 'optimal' ? lo.value : -Infinity, hi.status === 'optimal' ? -hi.value : Infinity]);
  }
  return out;
}

/** Soft edits a correction leaves broken (only where every figure they read is known after it). */
export function softBroken(sys: EditSystem, corrected: ArrayLike<number>): Edit[] {
  return sys.soft.filter((e) => e.terms.every(([j]) => !Number.isNaN(corrected[j])) && !holds(e, corrected));
}

export { EPS };
