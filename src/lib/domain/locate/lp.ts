// A small dense linear-programming solver (two-phase simplex, Bland's rule) for the error
// localisation: systems of a few dozen rows and variables. Besides a solution it returns, for an
// infeasible system, a Farkas certificate — the combination of rows that proves it — from which
// the search learns which fixed figures must change (search.ts). Plain arithmetic in doubles with
// a tolerance: the figures are integers or decimals of at most 6 places.

export interface Row {
  /** [variable, coefficient] */
  terms: readonly (readonly [number, number])[];
  op: '=' | '<=';
  rhs: number;
}

export interface Problem {
  /** Lower bound of each variable: 0 (a count) or -Infinity (a signed figure). No upper bounds. */
  lower: readonly number[];
  rows: readonly Row[];
  /** Minimise Σ c·x (omit for a feasibility question). */
  objective?: readonly (readonly [number, number])[];
}

export type Solution =
  | { status: 'optimal'; x: number[]; value: number }
  | { status: 'unbounded' }
  /**
   * `certificate[i]` multiplies row i: Σ_i y_i·a_ij ≥ 0 for every variable with a lower bound,
   * = 0 for every free variable, y_i ≥ 0 on '<=' rows, and Σ_i y_i·(rhs_i − Σ_j a_ij·lower_j) < 0.
   */
  | { status: 'infeasible'; certificate: number[] };

export const EPS = 1e-7;

/** Solves the problem; with no objective, any feasible point is optimal. */
export function solve(p: Problem): Solution {
  const n = p.lower.length;
  const m = p.rows.length;
  // Standard form: each variable shifted to its lower bound (x = lo + x′, x′ ≥ 0) or split
  // (x = x⁺ − x⁻); each '<=' row gets a slack; rows with a negative right-hand side are negated.
  const colOf: number[] = []; // first standard column of each variable
  let cols = 0;
  for (let j = 0; j < n; j++) {
    colOf[j] = cols;
    cols += Number.isFinite(p.lower[j]) ? 1 : 2;
  }
  const structural = cols;
  const slackOf: number[] = [];
  for (let i = 0; i < m; i++) slackOf[i] = p.rows[i].op === '<=' ? cols++ : -1;
  // Every row starts with a basic column of its own: its slack where that is +1, else an artificial.
  const sign: number[] = [];
  const rhs: number[] = [];
  for (let i = 0; i < m; i++) {
    let b = p.rows[i].rhs;
    for (const [j, a] of p.rows[i].terms) if (Number.isFinite(p.lower[j])) b -= a * p.lower[j];
    sign[i] = b < 0 ? -1 : 1;
    rhs[i] = b * sign[i];
  }
  const artificialOf: number[] = [];
  for (let i = 0; i < m; i++) artificialOf[i] = slackOf[i] >= 0 && sign[i] > 0 ? -1 : cols++;
  const width = cols + 1; // + right-hand side
  const T = new Float64Array((m + 1) * width); // row m: reduced costs, its last cell: −objective
  const at = (i: number, j: number) => i * width + j;
  for (let i = 0; i < m; i++) {
    for (const [j, a] of p.rows[i].terms) {
      T[at(i, colOf[j])] += sign[i] * a;
      if (!Number.isFinite(p.lower[j])) T[at(i, colOf[j] + 1)] -= sign[i] * a;
    }
    if (slackOf[i] >= 0) T[at(i, slackOf[i])] = sign[i];
    if (artificialOf[i] >= 0) T[at(i, artificialOf[i])] = 1;
    T[at(i, cols)] = rhs[i];
  }
  const basis = Array.from({ length: m }, (_, i) => (artificialOf[i] >= 0 ? artificialOf[i] : slackOf[i]));
  const isArtificial = new Uint8Array(cols);
  for (const a of artificialOf) if (a >= 0) isArtificial[a] = 1;

  // Phase 1: minimise the sum of the artificials.
  const cost1 = new Float64Array(cols);
  for (let j = 0; j < cols; j++) cost1[j] = isArtificial[j];
  setCosts(T, m, width, cost1, basis);
  pivotLoop(T, m, width, basis, cols, null);
  const infeasibility = -T[at(m, cols)];
  if (infeasibility > 1e-10 * rhs.reduce((a, b) => Math.max(a, b), 1)) {
    // Duals of phase 1: y_i = c_b − d_b for row i's starting basic column b (reduced cost d_b).
    const certificate: number[] = [];
    for (let i = 0; i < m; i++) {
      const b = artificialOf[i] >= 0 ? artificialOf[i] : slackOf[i];
      const y = cost1[b] - T[at(m, b)];
      // The tableau row is sign·row, and Farkas' form wants the negated duals.
      certificate[i] = -y * sign[i];
    }
    return { status: 'infeasible', certificate };
  }
  // Drive artificials still basic at zero out of the basis where a real column can replace them.
  for (let i = 0; i < m; i++) {
    if (!isArtificial[basis[i]]) continue;
    for (let j = 0; j < cols; j++)
      if (!isArtificial[j] && Math.abs(T[at(i, j)]) > EPS) {
        pivot(T, m, width, basis, i, j);
        break;
      }
  }

  // Phase 2: the objective, artificials barred from entering.
  const cost2 = new Float64Array(cols);
  for (const [j, c] of p.objective ?? []) {
    cost2[colOf[j]] += c;
    if (!Number.isFinite(p.lower[j])) cost2[colOf[j] + 1] -= c;
  }
  setCosts(T, m, width, cost2, basis);
  if (!pivotLoop(T, m, width, basis, cols, isArtificial)) return { status: 'unbounded' };
  const xs = new Float64Array(structural);
  for (let i = 0; i < m; i++) if (basis[i] < structural) xs[basis[i]] = T[at(i, cols)];
  const x: number[] = [];
  let value = 0;
  for (let j = 0; j < n; j++) {
    x[j] = Number.isFinite(p.lower[j]) ? p.lower[j] + xs[colOf[j]] : xs[colOf[j]] - xs[colOf[j] + 1];
  }
  for (const [j, c] of p.objective ?? []) value += c * x[j];
  return { status: 'optimal', x, value };
}

/** The reduced-cost row for these costs and this basis. */
function setCosts(T: Float64Array, m: number, width: number, cost: Float64Array, basis: number[]) {
  const last = m * width;
  for (let j = 0; j < width - 1; j++) T[last + j] = cost[j];
  T[last + width - 1] = 0;
  for (let i = 0; i < m; i++) {
    const cb = cost[basis[i]];
    if (cb === 0) continue;
    for (let j = 0; j < width; j++) T[last + j] -= cb * T[i * width + j];
  }
}

/** Pivots until optimal (true) or unbounded (false); Bland's rule, so it never cycles. */
function pivotLoop(T: Float64Array, m: number, width: number, basis: number[], cols: number, barred: Uint8Array | null): boolean {
  const last = m * width;
  for (let guard = 0; guard < 5000; guard++) {
    let enter = -1;
    for (let j = 0; j < cols; j++)
      if (T[last + j] < -EPS && !(barred && barred[j])) {
        enter = j;
        break;
      }
    if (enter < 0) return true;
    let leave = -1;
    let best = Infinity;
    for (let i = 0; i < m; i++) {
      const a = T[i * width + enter];
      if (a <= EPS) continue;
      const ratio = T[i * width + width - 1] / a;
      if (ratio < best - EPS || (Math.abs(ratio - best) <= EPS && basis[i] < basis[leave])) {
        best = ratio;
        leave = i;
      }
    }
    if (leave < 0) return false;
    pivot(T, m, width, basis, leave, enter);
  }
  throw new Error('simplex: too many pivots');
}

function pivot(T: Float64Array, m: number, width: number, basis: number[], r: number, c: number) {
  const pr = r * width;
  const inv = 1 / T[pr + c];
  for (let j = 0; j < width; j++) T[pr + j] *= inv;
  T[pr + c] = 1;
  for (let i = 0; i <= m; i++) {
    if (i === r) continue;
    const pi = i * width;
    const f = T[pi + c];
    if (f === 0) continue;
    for (let j = 0; j < width; j++) T[pi + j] -= f * T[pr + j];
    T[pi + c] = 0;
  }
  basis[r] = c;
}
