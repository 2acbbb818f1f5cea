// What a key does in the grid, decided from the layout and the selection alone (no DOM, no
// Handsontable): Tab and Enter go to the next cell that takes a figure and run on into the next
// table past the last; Ctrl+Shift+PgDn/PgUp change table; Esc lets go; Ctrl+Z/Y are the session's;
// Shift+F2 opens the cell's note; a figure typed where none goes is explained.
import { hasCell } from '$lib/domain/model';
import type { GridLayout } from './grid-layout';

export type LeaveTo = 'next' | 'prev' | 'next-table' | 'prev-table' | 'out';

/** The facts of a keydown the decision needs (a KeyboardEvent has them all). */
export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  /** An input method is composing: Enter confirms its text and is no move (keyCode 229). */
  isComposing?: boolean;
  keyCode?: number;
}

/** Where the selection is: its focused cell (null when none: a header chosen, Ctrl+A) and whether it is one cell. */
export interface KeyContext {
  at: [number, number] | null;
  single: boolean;
  editing: boolean;
  /** The page listens for the keyboard leaving the table (the report page does). */
  canLeave: boolean;
}

export type KeyAction =
  /** Handsontable's own handling (arrows, typing into a figure cell, Enter inside a block…). */
  | { kind: 'default' }
  | { kind: 'move'; to: [number, number] }
  /** Tab or Enter with nowhere further to go in this table and no page to run on to: nothing. */
  | { kind: 'stay' }
  | { kind: 'leave'; to: LeaveTo }
  | { kind: 'notice'; text: string }
  | { kind: 'note' }
  | { kind: 'clear' }
  | { kind: 'undo' }
  | { kind: 'redo' };

const plain = (e: KeyPress) => !e.ctrlKey && !e.altKey && !e.metaKey;

export function keyAction(g: GridLayout, e: KeyPress, ctx: KeyContext): KeyAction {
  if (e.isComposing || e.keyCode === 229) return { kind: 'default' }; // the input method's key
  // Ctrl+Shift+PgDn / PgUp: the next or previous table (Chrome keeps Ctrl+PgDn for its tabs;
  // Google Sheets uses these for its sheets).
  if ((e.key === 'PageDown' || e.key === 'PageUp') && e.ctrlKey && e.shiftKey && !e.altKey) return ctx.canLeave ? { kind: 'leave', to: e.key === 'PageDown' ? 'next-table' : 'prev-table' } : { kind: 'stay' };
  if ((e.key === 'Tab' || e.key === 'Enter') && plain(e)) {
    // Enter inside a selected block walks the block (Handsontable's own).
    if (!ctx.at || !ctx.single) return { kind: 'default' };
    const [r, c] = ctx.at;
    const forward = !e.shiftKey;
    const to = stepFrom(g, e.key, r, c, forward);
    if (to[0] !== r || to[1] !== c) return { kind: 'move', to };
    // Past the table's last figure (Shift: before its first): on to the next table, as one sheet.
    // An Enter from a label with no figure below stays.
    // Enter goes on to the next table's first figure only (past the report's last figure it stays,
    // as the first frame does: a figure typed next still lands); Tab goes on to what follows.
    if (ctx.canLeave && (g.keyAt(r, c) || e.key === 'Tab')) return { kind: 'leave', to: forward ? (e.key === 'Enter' ? 'next-table' : 'next') : 'prev' };
    return { kind: 'stay' };
  }
  if (e.key === 'Escape' && !ctx.editing && plain(e)) return ctx.canLeave ? { kind: 'leave', to: 'out' } : { kind: 'default' };
  // Ctrl+Home / Ctrl+End: the table's first and last figure (its corner is a label, where a figure
  // typed or pasted would not go). With Shift, Handsontable's own: the selection grows.
  if ((e.key === 'Home' || e.key === 'End') && e.ctrlKey && !e.shiftKey && !e.altKey && !ctx.editing) {
    const to = e.key === 'Home' ? firstInput(g) : lastInput(g);
    return to ? { kind: 'move', to } : { kind: 'default' };
  }
  if (ctx.editing || !ctx.at) return { kind: 'default' };
  const [r, c] = ctx.at;
  // A figure typed on a cell that takes none would vanish: say why and where it goes.
  if (e.key.length === 1 && plain(e) && !g.keyAt(r, c)) return { kind: 'notice', text: whyNoFigure(g, r, c) };
  // Shift+F2: Excel's key for a cell's comment.
  if (e.key === 'F2' && e.shiftKey && !e.ctrlKey && !e.altKey && g.keyAt(r, c)) return { kind: 'note' };
  // Delete and Backspace clear the selected figures through the session, like any edit.
  if ((e.key === 'Delete' || e.key === 'Backspace') && plain(e)) return { kind: 'clear' };
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return { kind: 'default' };
  const k = e.key.toLowerCase();
  if (k === 'z' && !e.shiftKey) return { kind: 'undo' };
  if (k === 'y' || (k === 'z' && e.shiftKey)) return { kind: 'redo' };
  return { kind: 'default' };
}

/**
 * The next cell that takes a figure from (r, c) in the direction of a Tab (dc ±1, on to the next
 * or previous row at the row's end) or an Enter (dr ±1, down or up the column); the cell itself
 * when there is none.
 */
export function nextInput(g: GridLayout, r: number, c: number, dr: number, dc: number): [number, number] {
  const { rows, first, check } = g;
  if (dc !== 0 && dr === 0) {
    const step = Math.sign(dc);
    let rr = r;
    let cc = c + step;
    while (rr >= 0 && rr < rows.length) {
      if (cc >= check) [rr, cc] = [rr + 1, first];
      else if (cc < first) [rr, cc] = [rr - 1, check - 1];
      else if (g.keyAt(rr, cc)) return [rr, cc];
      else cc += step;
    }
    return [r, c];
  }
  const step = Math.sign(dr) || 1;
  // From a label or 校验 cell an Enter goes down to the row's first figure cell.
  const col = c >= first && c < check ? c : first;
  for (let rr = r + step; rr >= 0 && rr < rows.length; rr += step) if (g.keyAt(rr, col)) return [rr, col];
  return [r, c];
}

/**
 * Where Tab or Enter (Shift: back) goes from [r, c]: Tab along the row, Enter down the column —
 * and along the row in a table whose figures are all in one row (表四), where down would leave the
 * table after its first figure.
 */
export function stepFrom(g: GridLayout, key: 'Tab' | 'Enter', r: number, c: number, forward: boolean): [number, number] {
  const d = forward ? 1 : -1;
  return key === 'Tab' || oneFigureRow(g) ? nextInput(g, r, c, 0, d) : nextInput(g, r, c, d, 0);
}

const oneRow = new WeakMap<GridLayout, boolean>();
function oneFigureRow(g: GridLayout): boolean {
  let known = oneRow.get(g);
  if (known === undefined) {
    let rows = 0;
    for (let r = 0; r < g.rows.length && rows < 2; r++) for (let c = g.first; c < g.check; c++) if (g.keyAt(r, c)) (rows++, (c = g.check));
    oneRow.set(g, (known = rows === 1));
  }
  return known;
}

/** The first cell that takes a figure (reading order), or null. */
export function firstInput(g: GridLayout): [number, number] | null {
  for (let r = 0; r < g.rows.length; r++) for (let c = g.first; c < g.check; c++) if (g.keyAt(r, c)) return [r, c];
  return null;
}

/** The last cell that takes a figure (reading order), or null. */
export function lastInput(g: GridLayout): [number, number] | null {
  for (let r = g.rows.length - 1; r >= 0; r--) for (let c = g.check - 1; c >= g.first; c--) if (g.keyAt(r, c)) return [r, c];
  return null;
}

/** Why a cell takes no figure, and where the figure goes instead. */
export function whyNoFigure(g: GridLayout, r: number, c: number): string {
  const row = g.rows[r];
  const where = hasCell(row) ? `请填在本行的“${g.cols.find((x) => !x.derived)?.label ?? '数字'}”列。` : '';
  if (c < g.first) return `“${row.label.trim()}”是指标名称，不能填写数字。${where || '本行是分组标题，数字填在下面各行。'}`;
  if (c === g.check) return '“校验”列由本工具自动给出，不能填写。';
  const col = g.colAt(c);
  if (col?.derived) return `“${col.label}”由各项自动相加，不能填写；请填在各项中。`;
  return '本行是分组标题，不填数字；数字填在下面各行。';
}

/** The cells that take a figure within rectangular blocks (each [r1, c1, r2, c2], any corner order), once each. */
export function keysIn(g: GridLayout, blocks: [number, number, number, number][]) {
  const out: string[] = [];
  for (const [r1, c1, r2, c2] of blocks)
    for (let r = Math.max(0, Math.min(r1, r2)); r <= Math.max(r1, r2); r++)
      for (let c = Math.max(0, Math.min(c1, c2)); c <= Math.max(c1, c2); c++) {
        const key = g.keyAt(r, c);
        if (key && !out.includes(key)) out.push(key);
      }
  return out;
}
