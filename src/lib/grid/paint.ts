// The grid's paint: the columns' renderers (labels, units, figures with their marks and notes,
// 校验) and the delta paint, which writes the cells and repaints the rows a session delta names —
// synchronously, so a row a keystroke breaks is red in that keystroke's frame. It never goes
// through Handsontable's change cycle (no re-entrancy, no full redraw of the table).
import type Handsontable from 'handsontable/base';
import { textRenderer } from 'handsontable/renderers';
import { display } from '$lib/domain/entry';
import type { CellKey } from '$lib/domain/model';
import { cellText, checkClasses, rowClasses, valueClasses, type PaintSource } from './cell-text';
import { labelIndent, type GridLayout } from './grid-layout';
import { paintPlan } from './paint-plan';
import type { RowHeights } from './row-heights';

export { gridData, type PaintSource } from './cell-text';

type Renderer = Handsontable.renderers.BaseRenderer;

/** The classes Handsontable's selection layers put on cells (walkontable's highlight types). */
const SELECTION_CLASS = /^(current|area(-\d+)?|highlight|fullySelected|fill)$/;

/** The renderer of each grid column, left to right. */
export function renderers(g: GridLayout, src: PaintSource): { label: Renderer; unit: Renderer; value: Renderer; check: Renderer } {
  return {
    label(hot, td, r, c, prop, value, props) {
      textRenderer(hot, td, r, c, prop, value, props);
      td.className = ['cell-label', ...rowClasses(g, src, r)].join(' ');
      td.style.paddingLeft = `${labelIndent(g.rows[r].level)}px`;
    },
    unit(hot, td, r, c, prop, value, props) {
      textRenderer(hot, td, r, c, prop, value, props);
      td.className = ['cell-unit', ...rowClasses(g, src, r)].join(' ');
    },
    value(hot, td, r, c, prop, value, props) {
      // Derived subtotals are computed at paint time, so they follow every edit.
      const derived = g.derivedAt(r, c);
      textRenderer(hot, td, r, c, prop, derived ? cellText(g, src, r, g.colAt(c)!) : value, props);
      const key = g.keyAt(r, c);
      const classes = valueClasses(g, src, r, c);
      if (key) {
        td.dataset.cell = key;
        const note = src.note(key);
        if (note) {
          classes.push('has-note');
          td.title = `批注：${note}`;
        } else td.removeAttribute('title');
      } else {
        td.removeAttribute('data-cell');
        td.removeAttribute('title');
      }
      td.className = classes.join(' ');
    },
    check(hot, td, r, c, prop, _value, props) {
      const status = src.marks().rows.get(`${g.table.id}/${g.rows[r].id}`);
      textRenderer(hot, td, r, c, prop, status?.text ?? '', props);
      td.className = checkClasses(g, src, r).join(' ');
      td.dataset.checkRow = g.rows[r].id;
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
      if (c < g.first) td.className = [c === 0 ? 'cell-label' : 'cell-unit', ...rowClasses(g, src, r)].join(' ');
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
