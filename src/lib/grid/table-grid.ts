// Shows one table of a template as a Handsontable grid: 统计指标 | 单位 | figures… | 校验.
// The grid only sends input and paints: typed text goes up raw (the session parses it), and what
// the session changed — a keystroke, a paste, an undo, another tab — comes down as a delta whose
// cells and rows are painted at once, so a failing row turns red in the keystroke's own frame.
// The parts: grid-layout (where things sit, widths), keys + commands (the keyboard and menu),
// input (editor commit, IME, paste), paint (renderers, the delta paint), row-heights, aria.
import type Handsontable from 'handsontable/base';
import type { Marks } from '$lib/domain/marks';
import type { CellEntry, CellKey, TableDef, Template } from '$lib/domain/model';
import { accessible } from './aria';
import { gridCommands } from './commands';
import { columnWidths, gridLayout, headerRows, shortLabelHeader } from './grid-layout';
import { LICENSE_KEY, setupHandsontable } from './handsontable';
import { pageScroll } from './page-scroll';
import { listenForInput, sessionEditor, takeChanges, type RawCell } from './input';
import type { Handover } from './first-frame';
import { firstInput, lastInput, type LeaveTo } from './keys';
import { gridData, painter, renderers } from './paint';
import { watchRowHeights } from './row-heights';
import { sanitizeHtml } from './sanitize';
import './grid.css';

export type { LeaveTo } from './keys';
export type { RawCell } from './input';
export { sanitizeHtml } from './sanitize';
export { cornerNote } from './grid-layout';

export interface TableGridOptions {
  template: Template;
  table: TableDef;
  entry(key: CellKey): CellEntry | undefined;
  marks(): Marks;
  /** The cell's note (批注), if it has one: marked in its corner, shown on hover. */
  note(key: CellKey): string | undefined;
  /** 批注… / 修改记录… (context menu, Shift+F2): the person wants to see or write about a cell. */
  onCellInfo(key: CellKey, focus: 'note' | 'history'): void;
  /**
   * Text typed (or cleared) into cells, raw, as one batch: the session parses it (a refused
   * figure keeps its text and its row says why) and its delta comes back through `paint`.
   */
  onRaw(cells: RawCell[]): void;
  /** Something the person should be told at once (typing on a cell that takes no figure). */
  onNotice(text: string): void;
  /** 空格填 0: these blank cells of the selected block are to become 0 (one undoable batch). */
  onFillZeros(keys: CellKey[]): void;
  /** Ctrl+Z / Ctrl+Y (and the context menu): the session's undo and redo, across all tables. */
  onUndo(): void;
  onRedo(): void;
  /**
   * A paste: what the clipboard holds (read while the event lasts), and the selected cell (which
   * matters only for bare figures). The report decides where everything goes.
   */
  onPaste(clip: { html: string; text: string }, anchor?: { table: string; row: string; col: string }): void;
  /**
   * The keyboard leaves this table: Tab or Enter past its last figure goes on to the next table's
   * first figure ('next'); Shift+Tab or Shift+Enter before its first figure to the previous
   * table's last ('prev'); Ctrl+Shift+PgDn / PgUp to the next / previous table's first figure
   * ('next-table', 'prev-table'); Esc lets go of the grid ('out').
   */
  onLeave?(to: LeaveTo): void;
}

export interface TableGrid {
  /**
   * Paints what the session changed: these cells as the session now holds them and the rows the
   * delta names (changed cells' rows and rows whose marks or 校验 texts changed; other tables'
   * rows are ignored). Only those rows are repainted, never the whole table.
   */
  paint(keys: CellKey[], rows: Iterable<string>): void;
  /** Repaints the whole table. */
  repaint(): void;
  select(key: CellKey): void;
  /** Selects the first cell that takes a figure (a report just opened), without scrolling the page. */
  selectFirst(): void;
  /** Selects the last cell that takes a figure (Shift+Tab arriving from the table below). */
  selectLast(): void;
  /** Lets go of the keyboard: nothing selected, the grid's host element focused (Tab goes on from there). */
  /** `focusHost` false: the focus is going elsewhere (another table's late refocus sent back). */
  release(focusHost?: boolean): void;
  /** The keyboard back to this table's `el` (its input or selected cell), which had it: a late refocus elsewhere took it. */
  refocus(el: HTMLElement): void;
  /** Commit an open editor (before the page goes away). */
  commitEditor(): void;
  /** Takes over from the first frame: its selected cell, and the text typed there in an open editor. */
  resume(h: Handover): void;
  destroy(): void;
  hot: Handsontable;
}

export function mountTableGrid(container: HTMLElement, opts: TableGridOptions): TableGrid {
  const Handsontable = setupHandsontable();
  const g = gridLayout(opts.table);
  const data = gridData(g, opts);
  const render = renderers(g, opts);
  const headers = headerRows(g);
  const levels = g.printed.levels;
  const shortLabel = shortLabelHeader(g);
  // Handsontable's settings type takes an editor as `new (...args: unknown[]) => unknown`, which
  // its own editor classes (constructed with the grid) do not satisfy.
  const Editor = sessionEditor(g, opts.onRaw, () => scroll.reveal()) as unknown as new (...args: unknown[]) => unknown;
  /** The room the page gives the table (Handsontable sizes its own container to the table). */
  const room = () => (container.parentElement ?? container).clientWidth;
  /** The widths in force, read by modifyColWidth on every render; refitted when the room changes. */
  let widths = columnWidths(g, room());
  // The commands are settings of the grid they act on: they reach it once it is made.
  let hot: Handsontable;
  const commands = gridCommands(() => hot, g, opts);
  const scroll = pageScroll(() => hot);

  hot = new Handsontable(container, {
    licenseKey: LICENSE_KEY,
    language: 'zh-CN',
    data,
    ...(levels > 1 ? { nestedHeaders: headers } : { colHeaders: headers[0] as string[] }),
    rowHeaders: false,
    columns: [
      { readOnly: true, renderer: render.label },
      ...(g.hasUnit ? [{ readOnly: true, renderer: render.unit, className: 'htCenter' }] : []),
      ...g.cols.map(() => ({ renderer: render.value, editor: Editor })),
      { readOnly: true, renderer: render.check }
    ],
    // Our widths stand (they already count the header texts): the nested headers would widen
    // 表四's fifteen columns to their unwrapped texts and the page would scroll sideways.
    modifyColWidth: (width, col) => widths[col] ?? width,
    // Our widths stand, so Handsontable's own measuring of every column's text (a hidden table
    // built before each render, ~8 ms a keystroke here) is work thrown away.
    autoColumnSize: false,
    autoRowSize: false,
    // Header texts wrap onto a second line (本年收费金额（单位：万元）) and show whole on hover.
    columnHeaderHeight: Array.from({ length: levels }, (_, i) => (i === levels - 1 ? 44 : 28)),
    afterGetColHeader(col, th) {
      const text = col === 0 && th.textContent === shortLabel ? g.printed.labelHeader : th.textContent?.trim();
      if (text) th.title = text;
    },
    cells: (r, c) => (c >= g.first && c < g.check && !g.keyAt(r, c) ? { readOnly: true } : {}),
    wordWrap: true,
    renderAllRows: true,
    allowInsertRow: false,
    allowInsertColumn: false,
    allowRemoveRow: false,
    allowRemoveColumn: false,
    imeFastEdit: true,
    // As in Excel: Enter and Shift+Enter move the selection; typing or F2 edits. Tab and Enter
    // skip cells that take no figure (commands.ts); Enter inside a selected block walks it.
    enterBeginsEditing: false,
    enterMoves: { row: 1, col: 0 },
    autoWrapRow: false,
    contextMenu: commands.contextMenu,
    undo: false,
    beforeKeyDown: commands.beforeKeyDown,
    ...scroll.hooks,
    copyPaste: true,
    sanitizer: sanitizeHtml,
    beforeChange: takeChanges(g, opts.onRaw)
  });

  const heights = watchRowHeights(hot, g.rows.length);
  const paint = painter(hot, g, data, opts, heights);
  const unaccessible = accessible(hot, container);
  const unlisten = listenForInput(hot, g, opts);

  // The page gives the table more or less room (window resized, a scroll bar came, the findings
  // panel folded): refit. Measured on the parent: Handsontable sizes its own container to the table.
  let lastWidth = room();
  const resized = new ResizeObserver(() => {
    const w = room();
    if (Math.abs(w - lastWidth) < 4) return;
    lastWidth = w;
    widths = columnWidths(g, w);
    // modifyColWidth reads the new widths; a render (not updateSettings) keeps an open editor open.
    hot.render();
  });
  resized.observe(container.parentElement ?? container);

  return {
    hot,
    paint,
    repaint: () => hot.render(),
    select(key) {
      const at = g.coordsOf(key);
      if (!at) return;
      const [r, c] = at;
      // Called from a click outside the grid: Handsontable's own document listeners for that
      // click run after ours and would take the focus back, so select once they are done.
      setTimeout(() => {
        if (document.activeElement instanceof HTMLElement && !container.contains(document.activeElement)) document.activeElement.blur();
        hot.selectCell(r, c);
        hot.getCell(r, c)?.scrollIntoView({ block: 'center' });
        hot.listen();
      });
    },
    selectFirst() {
      const at = firstInput(g);
      if (!at) return;
      scroll.quietly(() => hot.selectCell(at[0], at[1], at[0], at[1], false));
      hot.listen();
    },
    selectLast() {
      const at = lastInput(g);
      if (!at) return;
      hot.selectCell(at[0], at[1]);
      hot.getCell(at[0], at[1])?.scrollIntoView({ block: 'nearest' });
      hot.listen();
    },
    release(focusHost = true) {
      hot.getActiveEditor()?.finishEditing(false);
      hot.deselectCell();
      hot.unlisten();
      if (focusHost) container.closest<HTMLElement>('[tabindex]')?.focus();
    },
    refocus(el) {
      hot.listen();
      el.focus({ preventScroll: true });
    },
    commitEditor() {
      const editor = hot.getActiveEditor();
      if (editor?.isOpened()) editor.finishEditing(false);
    },
    resume({ at, typing }) {
      scroll.quietly(() => hot.selectCell(at[0], at[1], at[0], at[1], false));
      hot.listen();
      if (typing === null || !g.keyAt(at[0], at[1])) return;
      // Opening clears the input: put the text typed back, caret at its end.
      const editor = hot.getActiveEditor() as unknown as { TEXTAREA?: HTMLTextAreaElement; beginEditing(v?: string): void } | undefined;
      if (!editor?.TEXTAREA) return;
      editor.beginEditing();
      editor.TEXTAREA.value = typing;
      editor.TEXTAREA.setSelectionRange(typing.length, typing.length);
    },
    destroy() {
      heights.destroy();
      unlisten();
      unaccessible();
      resized.disconnect();
      hot.destroy();
    }
  };
}
