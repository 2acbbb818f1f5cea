// The grid's paint: the columns' renderers (labels, units, figures with their marks and notes,
// 校验) and the delta paint, which writes the cells and repaints the rows a session delta names —
// synchronously, so a row a keystroke breaks is red in that keystroke's frame. It never goes
// through Handsontable's change cycle (no re-entrancy, no full redraw of the table).
import type Handsontable from 'handsontable/base';
import { display } from '$lib/domain/entry';
import type { CellKey } from '$lib/domain/model';
import { cellText, checkClasses, rowClasses, valueClasses, type PaintSource } from './cell-text';
import { labelIndent, type GridLayout } from './grid-layout';
import { paintPlan } from './paint-plan';
import type { RowHeights } from './row-heights';

export { gridData, type PaintSource } from './cell-text';

type Renderer = Handsontable.renderers.BaseRenderer;

/** What the grid's data holds, as text. */
const textOf = (value: unknown) => (value == null ? '' : String(value));

/** The classes Handsontable's selection layers put on cells (walkontable's highlight types). */
const SELECTION_CLASS = /^(current|area(-\d+)?|highlight|fullySelected|fill)$/;

/**
 * A cell's text and classes, written only where they differ from what the cell shows. A delta
 * repaints whole rows, most of whose cells are unchanged, and Handsontable's text renderer wrote
 * every cell's text node anew, the same text too: a DOM mutation and the cell marked for layout
 * again, on the keystroke's path (half the paint's script at CPU ×4 in a profile).
 * As Handsontable's text renderer does, a cell holding one text node keeps it, and the text is
 * shown trimmed (its trimWhitespace); the stored raw text keeps its spaces and line breaks.
 */
function setText(td: HTMLTableCellElement, raw: string) {
  const text = raw.trim();
  const node = td.firstChild;
  if (node && node.nodeType === Node.TEXT_NODE && node.nextSibling === null) {
    if ((node as Text).data !== text) (node as Text).data = text;
  } else td.replaceChildren(td.ownerDocument.createTextNode(text));
}

function setClasses(td: HTMLTableCellElement, classes: string[]) {
  const next = classes.filter(Boolean).join(' ');
  if (td.className !== next) td.className = next;
}

function setData(td: HTMLTableCellElement, name: 'cell' | 'checkRow', value: string | undefined) {
  if (td.dataset[name] === value) return;
  if (value === undefined) delete td.dataset[name];
  else td.dataset[name] = value;
}

function setTitle(td: HTMLTableCellElement, title: string | undefined) {
  if (title === undefined) {
    if (td.hasAttribute('title')) td.removeAttribute('title');
  } else if (td.title !== title) td.title = title;
}

/** The renderer of each grid column, left to right. */
export function renderers(g: GridLayout, src: PaintSource): { label: Renderer; unit: Renderer; value: Renderer; check: Renderer } {
  return {
    label(_hot, td, r, _c, _prop, value) {
      setText(td, textOf(value));
      setClasses(td, ['cell-label', ...rowClasses(g, src, r)]);
      const indent = `${labelIndent(g.rows[r].level)}px`;
      if (td.style.paddingLeft !== indent) td.style.paddingLeft = indent;
    },
    unit(_hot, td, r, _c, _prop, value) {
      setText(td, textOf(value));
      setClasses(td, ['cell-unit', ...rowClasses(g, src, r)]);
    },
    value(_hot, td, r, c, _prop, value) {
      // Derived subtotals are computed at paint time, so they follow every edit.
      setText(td, g.derivedAt(r, c) ? cellText(g, src, r, g.colAt(c)!) : textOf(value));
      const key = g.keyAt(r, c);
      const classes = valueClasses(g, src, r, c);
      const note = key ? src.note(key) : undefined;
      if (note) classes.push('has-note');
      setData(td, 'cell', key ?? undefined);
      setTitle(td, note ? `批注：${note}` : undefined);
      setClasses(td, classes);
    },
    check(_hot, td, r) {
      const status = src.marks().rows.get(`${g.table.id}/${g.rows[r].id}`);
      setText(td, status?.text ?? '');
      setClasses(td, checkClasses(g, src, r));
      setData(td, 'checkRow', g.rows[r].id);
    }
  };
}

/**
 * Paints a session delta into the grid: the changed cells' texts go straight into the bound data
 * array, then the named rows are repainted through the columns' renderers (what a full render
 * does, for those rows only).
 */
export function painter(hot: Handsontable, g: GridLayout, data: string[][], src: PaintSource, heights: RowHeights) {
  const paintRow = (r: number) => {
    for (let c = 0; c <= g.check; c++) {
      const td = hot.getCell(r, c);
      if (!td) continue; // not rendered (scrolled away): the next render paints it
      // The renderers set a cell's classes anew; Handsontable puts the selection's on as it draws.
      // Outside its draw they are kept, or the selected cell loses its frame — and Handsontable,
      // which finds its selected cells by class to clear them, leaves aria-selected behind.
      const selection = [...td.classList].filter((k) => SELECTION_CLASS.test(k));
      // A label's or a unit's text never changes: only its row's state (its classes) can.
      if (c < g.first) setClasses(td, [c === 0 ? 'cell-label' : 'cell-unit', ...rowClasses(g, src, r)]);
      else {
        const meta = hot.getCellMeta(r, c);
        hot.getCellRenderer(meta)(hot, td, r, c, c, data[r][c], meta);
      }
      if (selection.length) td.classList.add(...selection);
    }
  };
  return (keys: Iterable<CellKey>, rowKeys: Iterable<string>) => {
    const plan = paintPlan(g, keys, rowKeys, (k) => display(src.entry(k)), (r, c) => data[r][c]);
    for (const [r, c, text] of plan.writes) data[r][c] = text;
    // The selected cell's editor was prepared with the text it had when selected: F2 must show —
    // and Enter keep — the new one (a paste, an undo, another tab's write). An open editor holds
    // the person's own typing and is left alone.
    const editor = hot.getActiveEditor();
    if (editor && !editor.isOpened()) for (const [r, c, text] of plan.writes) if (editor.row === r && editor.col === c) editor.originalValue = text;
    for (const r of plan.rows) paintRow(r);
    if (plan.rows.length) heights.painted(plan.rows);
  };
}
