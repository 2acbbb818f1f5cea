// A block typed one place off. A clerk copying a paper form row by row who skips or repeats a
// line shifts every figure after it by one row: each row still adds up, every column sum breaks,
// and a dozen figures look wrong where one slip explains them. A row typed starting one column
// too far left or right is the same slip across. We try each run of rows (and each run of a
// row's cells) moved back by one place, the line whose figures went missing left unknown, and
// keep a shift only where the move itself is what makes the table hold: leaving that line
// unknown without moving anything must not be enough. The line at the block's other end has its
// figures dropped by the move (they belong outside the block). Where leaving that line unknown
// alone would also make the table hold, the run of rows may only be getting rid of one bad row:
// a row typed one column off is then the likelier slip, and wins if there is one.
import { cellKey, hasCell, inputColumns, type CellKey } from '../model';
import { holds, type CellKind, type Edit, type EditSystem } from './edits';
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

/** A candidate's move: which figures it moves where, the cells left unknown, how many figures other than 0 it changes. */
interface Move {
  edge: number[];
  /** The cells whose figures no cell takes: the line at the other end of the block. */
  dropped: number[];
  moves: { from: number; to: number }[];
  count: number;
  /** The cells the move writes (`edge` among them). */
  touched: number[];
}

/**
 * The block moved back by one place, written into `kind` and `value` (copies of the system's,
 * restored by `undo`): position i takes what position i+by holds; the position nothing moves
 * into is left unknown (free). Null, with nothing written, when fewer than `least` figures other
 * than 0 actually move. Every read is of the system as entered, so the order of writes is moot.
 */
function moved(sys: EditSystem, c: Candidate, least: number, kind: CellKind[], value: number[]): Move | null {
  if (moving(sys, c) < least) return null;
  const edge: number[] = [];
  const moves: { from: number; to: number }[] = [];
  const touched: number[] = [];
  let count = 0;
  const n = c.lines.length;
  for (let i = 0; i < n; i++) {
    const src = i + c.by;
    const line = c.lines[i];
    for (let k = 0; k < line.length; k++) {
      const dst = line[k];
      if (src < 0 || src >= n) {
        if (sys.kind[dst] !== 'zero') {
          kind[dst] = 'free';
          value[dst] = NaN;
          edge.push(dst);
          touched.push(dst);
        }
        continue;
      }
      const from = c.lines[src][k];
      kind[dst] = sys.kind[from];
      value[dst] = sys.value[from];
      touched.push(dst);
      if (sys.kind[from] === 'fixed') {
        moves.push({ from, to: dst });
        if (sys.value[from] !== 0 && sys.value[from] !== sys.value[dst]) count++;
      }
    }
  }
  const ends = c.lines[c.by === 1 ? 0 : n - 1];
  return { edge, dropped: ends.filter((j) => sys.kind[j] !== 'zero'), moves, count, touched };
}

/** Puts back what `moved` wrote. */
function undo(sys: EditSystem, m: Move, kind: CellKind[], value: number[]) {
  for (const j of m.touched) {
    kind[j] = sys.kind[j];
    value[j] = sys.value[j];
  }
}

/** How many figures other than 0 the move changes, read only: most candidates end here, before anything is written. */
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
  // Most candidates fail a relation with no unknown cell in it: judged by arithmetic, before any
  // LP. The relations failing as entered are judged first: most candidates leave one of them failing.
  const asEntered = (e: Edit) => e.terms.some(([j]) => sys.kind[j] === 'free') || holds(e, sys.value);
  const all = comp.edits.map((i) => sys.hard[i]);
  const failing = all.filter((e) => !asEntered(e));
  const edits = [...failing, ...all.filter(asEntered)];
  // Where each cell sits in this table's grid (-1: another table). A relation failing as entered
  // with no cell in a block fails after that block moves too: such a block is passed over unread.
  const rowOf = new Int32Array(sys.keys.length).fill(-1);
  const colOf = new Int32Array(sys.keys.length).fill(-1);
  at.forEach((line, i) => line.forEach((j, k) => ((rowOf[j] = i), (colOf[j] = k))));
  const missed = (inBlock: (j: number) => boolean) => failing.some((e) => !e.terms.some(([j]) => inBlock(j)));
  const plainlyFails = (kind: readonly CellKind[], value: number[]) => edits.some((e) => !e.terms.some(([j]) => kind[j] === 'free') && !holds(e, value));
  // One working copy of the figures for every candidate: a candidate writes its move into it and
  // takes it back (hundreds of candidates per table, most rejected by arithmetic alone).
  const kind = sys.kind.slice();
  const value = sys.value.slice();
  // `rows`: a run of rows, whose dropped line is judged too (a row of cells moved across has none that matters).
  const attempt = (c: Candidate, least: number, rows: boolean) => {
    const m = moved(sys, c, least, kind, value);
    if (!m) return null;
    const fails = plainlyFails(kind, value) || !feasible({ ...sys, kind: kind.slice(), value: value.slice() }, comp.edits, []);
    undo(sys, m, kind, value);
    if (fails) return null;
    // The unknown line alone, nothing moved: if that already holds, the line is wrong, not the block.
    const alone = sys.kind.slice();
    for (const j of m.edge) alone[j] = 'free';
    if (feasible({ ...sys, kind: alone }, comp.edits, [])) return null;
    if (!rows) return { ...m, loose: false };
    const dropped = sys.kind.slice();
    for (const j of m.dropped) dropped[j] = 'free';
    return { ...m, loose: feasible({ ...sys, kind: dropped }, comp.edits, []) };
  };
  // The shift that puts the most figures back wins (a longer true shift over a short coincidence),
  // then the shorter block. A run of rows that holds only as well as leaving its dropped line
  // unknown (loose) comes after any that does not, and after a row typed one column off.
  type Found = { shift: Shift; count: number };
  const better = (a: Found | null, axis: 'row' | 'column', by: 1 | -1, lines: string[], inRows: string[], m: Move): Found => {
    if (a && (m.count < a.count || (m.count === a.count && a.shift.moves.length <= m.moves.length))) return a;
    return { count: m.count, shift: { table: tableId, axis, by, lines, rows: inRows, moves: m.moves.map((x) => ({ from: sys.keys[x.from], to: sys.keys[x.to] })), edge: m.edge.map((j) => sys.keys[j]) } };
  };
  let tight: Found | null = null;
  let loose: Found | null = null;
  // Runs of rows, each moved whole.
  for (let a = 0; a < rows.length; a++)
    for (let b = a + 2; b < rows.length; b++) {
      if (missed((j) => rowOf[j] >= a && rowOf[j] <= b)) continue;
      for (const by of [1, -1] as const) {
        const m = attempt({ lines: at.slice(a, b + 1), by }, 3, true);
        if (m?.loose) loose = better(loose, 'row', by, rows.slice(a, b + 1), rows.slice(a, b + 1), m);
        else if (m) tight = better(tight, 'row', by, rows.slice(a, b + 1), rows.slice(a, b + 1), m);
      }
    }
  if (tight) return tight.shift;
  let across: Found | null = null;
  // Runs of one row's cells, each moved one column.
  if (cols.length >= 3)
    rows.forEach((r, i) => {
      for (let a = 0; a < cols.length; a++)
        for (let b = a + 1; b < cols.length; b++) {
          if (missed((j) => rowOf[j] === i && colOf[j] >= a && colOf[j] <= b)) continue;
          for (const by of [1, -1] as const) {
            const m = attempt({ lines: at[i].slice(a, b + 1).map((j) => [j]), by }, 2, false);
            if (m) across = better(across, 'column', by, cols.slice(a, b + 1), [r], m);
          }
        }
    });
  return (across ?? loose)?.shift ?? null;
}
