// A block typed one place off. A clerk copying a paper form row by row who skips or repeats a
// line shifts every figure after it by one row: each row still adds up, every column sum breaks,
// and a dozen figures look wrong where one slip explains them. A row typed starting one column
// too far left or right is the same slip across. We try each run of rows (and each run of a
// row's cells) moved back by one place, the line whose figures went missing left unknown, and
// keep a shift only where the move itself is what makes the table hold: leaving that line
// unknown without moving anything must not be enough.
import { cellKey, hasCell, inputColumns, type CellKey } from '../model';
import { holds, type EditSystem } from './edits';
import { feasible, type Component } from './search';

export interface Shift {
  table: string;
  axis: 'row' | 'column';
  /** +1: each figure sits one place after where it belongs (down or right); −1: before. */
  by: 1 | -1;
  /** The rows (axis row) or the columns (axis column, within `rows[0]`) of the block, in order. */
  lines: string[];
  rows: string[];
  /** Where each moved figure belongs: the cell that holds it now → the cell it belongs in. */
  moves: { from: CellKey; to: CellKey }[];
  /** The cells nothing moves into: their figures went missing. */
  edge: CellKey[];
}

interface Candidate {
  /** Indices of the cells of the block, in order along the shift; per position, the cells across. */
  lines: number[][];
  by: 1 | -1;
}

/**
 * The values if the block is moved back by one place: position i takes what position i+by holds;
 * the position nothing moves into is left unknown (free). Null when fewer than `least` figures
 * other than 0 actually move.
 */
function moved(sys: EditSystem, c: Candidate, least: number) {
  if (moving(sys, c) < least) return null;
  const kind = sys.kind.slice();
  const value = sys.value.slice();
  const edge: number[] = [];
  const moves: { from: number; to: number }[] = [];
  let count = 0;
  const n = c.lines.length;
  for (let i = 0; i < n; i++) {
    const src = i + c.by;
    c.lines[i].forEach((dst, k) => {
      if (src < 0 || src >= n) {
        if (kind[dst] !== 'zero') {
          kind[dst] = 'free';
          value[dst] = NaN;
          edge.push(dst);
        }
        return;
      }
      const from = c.lines[src][k];
      kind[dst] = sys.kind[from];
      value[dst] = sys.value[from];
      if (sys.kind[from] === 'fixed') {
        moves.push({ from, to: dst });
        if (sys.value[from] !== 0 && sys.value[from] !== sys.value[dst]) count++;
      }
    });
  }
  if (count < least) return null;
  return { kind, value, edge, moves, count };
}

/** How many figures other than 0 the move changes, read only: most candidates end here, before the system is copied. */
function moving(sys: EditSystem, c: Candidate): number {
  let count = 0;
  const n = c.lines.length;
  for (let i = 0; i < n; i++) {
    const src = i + c.by;
    if (src < 0 || src >= n) continue;
    const line = c.lines[i];
    for (let k = 0; k < line.length; k++) {
      const from = c.lines[src][k];
      if (sys.kind[from] === 'fixed' && sys.value[from] !== 0 && sys.value[from] !== sys.value[line[k]]) count++;
    }
  }
  return count;
}

/** The shift of one block that lets the component hold where nothing else as simple does, or null. */
export function findShift(sys: EditSystem, comp: Component, tableId: string): Shift | null {
  const table = sys.template.tables.find((t) => t.id === tableId)!;
  const rows = table.rows.filter(hasCell).map((r) => r.id);
  const cols = inputColumns(table.columns).map((c) => c.id);
  const at = rows.map((r) => cols.map((c) => sys.index.get(cellKey({ table: tableId, row: r, col: c }))!));
  const edits = comp.edits.map((i) => sys.hard[i]);
  // Most candidates fail a relation with no unknown cell in it: judged by arithmetic, before any LP.
  const plainlyFails = (kind: EditSystem['kind'], value: number[]) => edits.some((e) => !e.terms.some(([j]) => kind[j] === 'free') && !holds(e, value));
  const attempt = (c: Candidate, least: number) => {
    const m = moved(sys, c, least);
    if (!m || plainlyFails(m.kind, m.value) || !feasible({ ...sys, kind: m.kind, value: m.value }, comp.edits, [])) return null;
    // The unknown line alone, nothing moved: if that already holds, the line is wrong, not the block.
    const kind = sys.kind.slice();
    for (const j of m.edge) kind[j] = 'free';
    if (feasible({ ...sys, kind }, comp.edits, [])) return null;
    return m;
  };
  // The shift that puts the most figures back wins (a longer true shift over a short coincidence),
  // then the shorter block.
  let best: Shift | null = null;
  let bestCount = 0;
  const keep = (axis: 'row' | 'column', by: 1 | -1, lines: string[], inRows: string[], m: { moves: { from: number; to: number }[]; count: number; edge: number[] }) => {
    if (best && (m.count < bestCount || (m.count === bestCount && best.moves.length <= m.moves.length))) return;
    bestCount = m.count;
    best = { table: tableId, axis, by, lines, rows: inRows, moves: m.moves.map((x) => ({ from: sys.keys[x.from], to: sys.keys[x.to] })), edge: m.edge.map((j) => sys.keys[j]) };
  };
  // Runs of rows, each moved whole.
  for (let a = 0; a < rows.length; a++)
    for (let b = a + 2; b < rows.length; b++)
      for (const by of [1, -1] as const) {
        const m = attempt({ lines: at.slice(a, b + 1), by }, 3);
        if (m) keep('row', by, rows.slice(a, b + 1), rows.slice(a, b + 1), m);
      }
  if (best) return best;
  // Runs of one row's cells, each moved one column.
  if (cols.length >= 3)
    rows.forEach((r, i) => {
      for (let a = 0; a < cols.length; a++)
        for (let b = a + 1; b < cols.length; b++)
          for (const by of [1, -1] as const) {
            const m = attempt({ lines: at[i].slice(a, b + 1).map((j) => [j]), by }, 2);
            if (m) keep('column', by, cols.slice(a, b + 1), [r], m);
          }
    });
  return best;
}
