// Blank cells take any value that fits, so the localisation needs only what the edits imply for
// the entered figures: the free cells are eliminated (Fourier–Motzkin — an equality by
// substitution, inequalities pairwise), which leaves a system over the entered figures alone.
// A set of figures to change then costs an LP of at most a handful of variables, however much of
// the table is still blank. Exact. Each cell's lower bound (0 for counts) is kept implicit, as
// in the LP: a row it makes redundant is dropped. Pairing inequalities can multiply rows, so a
// cell whose pairing would make too many is left in (the LP takes it as a variable): the same
// system, only less reduced.
import type { Edit, EditSystem } from './edits';

interface Lin {
  terms: Map<number, number>;
  op: '=' | '<=';
  rhs: number;
  /** keyOf, kept until the row changes. */
  key?: string;
}

/** Rows one inequality elimination may add; beyond it the cell is left to the LP. */
const PAIRS = 24;
const CAP = 600;
const TINY = 1e-9;

/** Scaled so the largest coefficient is 1 in size (and an equality's first one positive): duplicates compare equal. */
function keyOf(l: Lin): string {
  let m = 0;
  for (const a of l.terms.values()) m = Math.max(m, Math.abs(a));
  const sorted = [...l.terms].sort((x, y) => x[0] - y[0]);
  const s = l.op === '=' && sorted[0][1] < 0 ? -1 : 1;
  const f = (v: number) => (Math.round(((v * s) / m) * 1e9) / 1e9).toString();
  return `${l.op}|${sorted.map(([j, a]) => `${j}:${f(a)}`).join(',')}|${f(l.rhs)}`;
}

/**
 * The edits of a component with its free cells (but those in `keep`) eliminated; null when the
 * blanks alone already contradict each other (then no change of figures helps, and the caller
 * keeps the full system).
 */
export function eliminateFree(sys: EditSystem, edits: readonly Edit[], keep: ReadonlySet<number> = new Set()): Edit[] | null {
  let list: Lin[] = edits.map((e) => ({ terms: new Map(e.terms), op: e.op, rhs: e.rhs }));
  const free = new Set<number>();
  for (const l of list) for (const j of l.terms.keys()) if (sys.kind[j] === 'free' && !keep.has(j)) free.add(j);
  const lower = (j: number) => sys.lower[j];

  const constantFails = (l: Lin) => (l.op === '=' ? Math.abs(l.rhs) > 5e-7 : -l.rhs > 5e-7);
  // Σ a·x ≤ b with every a ≤ 0 over cells that cannot go below 0, and b ≥ 0, always holds: the
  // bounds of cells eliminated earlier mostly turn into such rows (（七） ≥ 0 once its parts are).
  const alwaysHolds = (l: Lin) => {
    if (l.op !== '<=' || l.rhs < -5e-7) return false;
    for (const [j, a] of l.terms) if (a > 0 || !(lower(j) >= 0)) return false;
    return true;
  };
  /** A row tidied: zero terms gone; 'drop' when it holds whatever, 'fail' when it never can. */
  const tidy = (l: Lin): 'keep' | 'drop' | 'fail' => {
    for (const [j, a] of l.terms) if (Math.abs(a) < TINY) l.terms.delete(j);
    if (!l.terms.size) return constantFails(l) ? 'fail' : 'drop';
    return alwaysHolds(l) ? 'drop' : 'keep';
  };
  const settle = (rows: Lin[]): Lin[] | null => {
    const out: Lin[] = [];
    const seen = new Set<string>();
    for (const l of rows) {
      const t = tidy(l);
      if (t === 'fail') return null;
      if (t === 'drop') continue;
      const k = (l.key ??= keyOf(l));
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(l);
    }
    return out;
  };

  while (free.size) {
    // An equality holding a free cell: solve it for that cell and substitute everywhere; the
    // cell's bound (≥ 0) becomes a row on what it equals.
    let eq: Lin | null = null;
    let v = -1;
    for (const l of list) {
      if (l.op !== '=' || (eq && l.terms.size >= eq.terms.size)) continue;
      for (const j of l.terms.keys())
        if (free.has(j)) {
          eq = l;
          v = j;
          break;
        }
      if (eq?.terms.size === 2) break;
    }
    if (eq) {
      const a = eq.terms.get(v)!;
      const next: Lin[] = [];
      for (const l of list) {
        if (l === eq) continue;
        const b = l.terms.get(v);
        if (b === undefined) {
          next.push(l);
          continue;
        }
        // l − (b/a)·eq: v drops out. Only rows changed here are tidied (duplicates go at the end).
        const f = b / a;
        for (const [j, c] of eq.terms) l.terms.set(j, (l.terms.get(j) ?? 0) - f * c);
        l.terms.delete(v);
        l.rhs -= f * eq.rhs;
        l.key = undefined;
        const t = tidy(l);
        if (t === 'fail') return null;
        if (t === 'keep') next.push(l);
      }
      if (Number.isFinite(lower(v))) {
        // a·v + rest = rhs and v ≥ lo: sign(a)·rest ≤ sign(a)·(rhs − a·lo).
        const s = Math.sign(a);
        const terms = new Map<number, number>();
        for (const [j, c] of eq.terms) if (j !== v) terms.set(j, s * c);
        const bound: Lin = { terms, op: '<=', rhs: s * (eq.rhs - a * lower(v)) };
        const t = tidy(bound);
        if (t === 'fail') return null;
        if (t === 'keep') next.push(bound);
      }
      free.delete(v);
      list = next;
      continue;
    }
    const deduped = settle(list);
    if (!deduped) return null;
    list = deduped;
    // The sides each cell is met on; a cell's lower bound is a side of its own (−v ≤ −lo). A cell
    // met on one side only can always move to fit: its rows hold whatever the rest is, and all
    // such cells go at once.
    const sides = new Map<number, number>();
    for (const j of free) sides.set(j, Number.isFinite(lower(j)) ? 2 : 0);
    for (const l of list) for (const [j, a] of l.terms) if (free.has(j)) sides.set(j, sides.get(j)! | (a > 0 ? 1 : 2));
    const oneSided = new Set([...free].filter((j) => sides.get(j) !== 3));
    if (oneSided.size) {
      list = list.filter((l) => ![...l.terms.keys()].some((j) => oneSided.has(j)));
      for (const j of oneSided) free.delete(j);
      continue;
    }
    // A cell met only where it adds (a > 0) besides its bound: the rows are easiest to meet with
    // the cell at its bound, so it takes that value everywhere (all such cells at once).
    const atBound = new Set<number>();
    for (const j of free) {
      if (!Number.isFinite(lower(j))) continue;
      let negative = false;
      for (const l of list) if ((l.terms.get(j) ?? 0) < 0) negative = true;
      if (!negative) atBound.add(j);
    }
    if (atBound.size) {
      const next: Lin[] = [];
      for (const l of list) {
        let changed = false;
        for (const j of atBound) {
          const a = l.terms.get(j);
          if (a === undefined) continue;
          l.rhs -= a * lower(j);
          l.terms.delete(j);
          changed = true;
        }
        if (changed) l.key = undefined;
        next.push(l);
      }
      for (const j of atBound) free.delete(j);
      const s = settle(next);
      if (!s) return null;
      list = s;
      continue;
    }
    // Every free cell is met on both sides: eliminate the one whose pairing makes fewest rows.
    let best = -1;
    let bestCost = Infinity;
    let bestPairs = 0;
    for (const j of free) {
      let p = 0;
      let n = Number.isFinite(lower(j)) ? 1 : 0;
      for (const l of list) {
        const a = l.terms.get(j);
        if (a === undefined) continue;
        if (a > 0) p++;
        else n++;
      }
      const cost = p * n - p - n;
      if (cost < bestCost) {
        bestCost = cost;
        best = j;
        bestPairs = p * n;
      }
    }
    if (bestPairs > PAIRS || list.length + bestCost > CAP) break;
    const pos: Lin[] = [];
    const neg: Lin[] = [];
    const next: Lin[] = [];
    for (const l of list) {
      const a = l.terms.get(best);
      if (a === undefined) next.push(l);
      else (a > 0 ? pos : neg).push(l);
    }
    if (Number.isFinite(lower(best))) neg.push({ terms: new Map([[best, -1]]), op: '<=', rhs: -lower(best) });
    for (const p of pos)
      for (const n of neg) {
        const a = p.terms.get(best)!;
        const b = -n.terms.get(best)!;
        const terms = new Map<number, number>();
        for (const [j, c] of p.terms) terms.set(j, c * b);
        for (const [j, c] of n.terms) terms.set(j, (terms.get(j) ?? 0) + c * a);
        terms.delete(best);
        next.push({ terms, op: '<=', rhs: p.rhs * b + n.rhs * a });
      }
    free.delete(best);
    const s = settle(next);
    if (!s) return null;
    list = s;
  }
  const out = settle(list);
  if (!out) return null;
  return out.map((l) => ({ check: '', terms: [...l.terms], op: l.op, rhs: l.rhs }));
}
