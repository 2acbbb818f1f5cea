// What the person types or pastes, handed up as raw text: the cell editor's commit, text an input
// method commits without a composition, the clipboard read for the report's paste, and any other
// change Handsontable would make to the data (cut). And what a copy puts on the clipboard. The session parses and decides; the grid never
// writes a figure itself — it paints what the session's delta names.
import type Handsontable from 'handsontable/base';
import { TextEditor } from 'handsontable/editors';
import type { CellEntry, CellKey } from '$lib/domain/model';
import { cellText } from './cell-text';
import { copyBlock } from './copy';
import type { GridLayout } from './grid-layout';
import { keysIn, whyNoFigure } from './keys';

export interface RawCell {
  key: CellKey;
  raw: string;
}

export interface InputHandlers {
  /** Raw text for cells, as typed (the editor's commit) or cleared. */
  onRaw(cells: RawCell[]): void;
  onNotice(text: string): void;
  onPaste(clip: { html: string; text: string }, anchor?: { table: string; row: string; col: string }): void;
  /** A cell's entry, for what a copy puts on the clipboard (derived subtotals computed as shown). */
  entry(key: CellKey): CellEntry | undefined;
}

/**
 * The figure cells' editor: Handsontable's text editor whose commit hands the text to the session
 * instead of writing the grid's data (that write would run Handsontable's change cycle: a full
 * redraw of the table per keystroke, re-entered by the session's own paint). Ctrl+Enter fills
 * the selected block, as in Excel.
 *
 * It is also lighter to open: the first figure typed into a cell opens it, and Handsontable's own
 * opening scrolled its viewport to the cell, sized the input by measuring its text and redrew the
 * table around it (~45 ms of script and nine forced layouts at CPU ×4, before the digit showed).
 * `reveal` keeps the cell in view instead (the page scrolls, never the grid: page-scroll.ts).
 */
export function sessionEditor(g: GridLayout, onRaw: (cells: RawCell[]) => void, reveal: () => void) {
  return class SessionEditor extends TextEditor {
    /** Whether Handsontable's measuring sizes the open input (its text did not fit the cell). */
    private measured = false;
    /** The open input's width as set here, in px. */
    private width = 0;

    override beginEditing(initial?: unknown, event?: Event) {
      // Handsontable scrolls its viewport to the cell, then redraws the selection so that the fill
      // handle disappears. Our grids never scroll inside themselves, and the handle is hidden here.
      const view = this.hot.view as unknown as Record<'scrollViewport' | 'render', unknown>;
      view.scrollViewport = () => false;
      view.render = () => {};
      try {
        super.beginEditing(initial as string, event as KeyboardEvent);
      } finally {
        // Their own methods are the prototype's: removing the stand-ins restores them.
        delete view.scrollViewport;
        delete view.render;
      }
      if (!this.isOpened()) return;
      // The next draw (the editor closed, the selection moved) places the handle again.
      for (const corner of this.hot.rootElement.querySelectorAll<HTMLElement>('.wtBorder.corner')) corner.style.display = 'none';
      reveal();
    }

    /**
     * On every selection Handsontable prepares the editor for the new cell and sizes its hidden
     * input to the cell's text (computed style, a measuring element: ~8 ms of an Enter at CPU ×4).
     * Hidden, only its place matters — an input method's candidate window opens there. Opened
     * empty (the first figure typed), it covers the cell; Handsontable's measuring takes over as soon
     * as it holds text when sized (F2, a double-click, a scroll while typing) or its text may no
     * longer fit (typed past the cell's edge, a line break: see bindEvents). In a row taller than a
     * line, a long text wraps inside the cell's width rather than widening the input.
     */
    override refreshDimensions(force = false) {
      if (this.measured) return super.refreshDimensions(force);
      if (!this.isOpened() && !force) return;
      this.TD = this.getEditedCell();
      const rect = this.TD ? this.getEditedCellRect() : undefined;
      // The cell out of the view: Handsontable's own path closes an open editor.
      if (!rect) return this.isOpened() ? super.refreshDimensions(force) : undefined;
      this.textareaParentStyle.top = `${rect.top}px`;
      this.textareaParentStyle[this.hot.isRtl() ? 'right' : 'left'] = `${rect.start}px`;
      if (!this.isOpened()) return;
      if (this.TEXTAREA.value) return this.measure();
      this.showEditableElement();
      const style = this.TEXTAREA.style;
      const width = Math.min(rect.width, rect.maxWidth);
      style.resize = 'none';
      style.overflowY = 'hidden';
      this.width = width;
      style.width = `${width}px`;
      style.minWidth = `${width}px`;
      style.maxWidth = `${rect.maxWidth}px`;
      style.height = `${Math.min(rect.height, rect.maxHeight)}px`;
    }

    /** From now until it closes, the open input is sized by Handsontable's measuring of its text. */
    private measure() {
      this.measured = true;
      super.refreshDimensions();
    }

    override bindEvents() {
      super.bindEvents();
      // A figure is a few narrow characters: only a text that may reach the cell's edge is looked
      // at (a layout read per character typed otherwise).
      this.eventManager.addEventListener(this.TEXTAREA, 'input', () => {
        const t = this.TEXTAREA;
        if (!this.isOpened() || this.measured || (roughWidth(t.value) < this.width - 20 && !t.value.includes('\n'))) return;
        if (t.scrollWidth > t.clientWidth + 1 || t.scrollHeight > t.clientHeight + 1) this.measure();
      });
    }

    override close() {
      // Handsontable stops its measuring here, which never started when the text fitted.
      if (this.measured) super.close();
      else {
        const resizer = this.autoResize as { unObserve(): void };
        const unObserve = resizer.unObserve;
        resizer.unObserve = () => {};
        try {
          super.close();
        } finally {
          resizer.unObserve = unObserve;
        }
      }
      this.measured = false;
    }

    override saveValue(value: unknown, ctrlDown?: boolean) {
      const text = String((value as unknown[][])?.[0]?.[0] ?? '');
      if (this.row === null || this.col === null) return;
      let keys: CellKey[];
      const range = ctrlDown ? this.hot.getSelectedRangeActive() : undefined;
      if (range) {
        const a = range.getTopStartCorner();
        const b = range.getBottomEndCorner();
        keys = keysIn(g, [[a.row ?? this.row, a.col ?? this.col, b.row ?? this.row, b.col ?? this.col]]);
      } else {
        const key = g.keyAt(this.row, this.col);
        keys = key ? [key] : [];
      }
      if (keys.length) onRaw(keys.map((key) => ({ key, raw: text })));
    }
  };
}

/**
 * A generous guess at a text's width in px at the grid's size (14 px): 9 a digit or a figure's
 * separator (8–8.5 px), 16 a wide (CJK) character, 14 any other (W, M, % are ~12–13 px).
 */
function roughWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[0-9.,\-+ ]/.test(ch) ? 9 : ch.charCodeAt(0) > 0x2e7f ? 16 : 14;
  return w;
}

/**
 * Any other change Handsontable would make to the data (a cut, a clear of a whole column chosen
 * by its header): handed up as raw text and cancelled, so the session stays the one writer.
 * Handsontable then redraws the table once, from the data the paint has already written.
 */
export function takeChanges(g: GridLayout, onRaw: (cells: RawCell[]) => void) {
  return (changes: (Handsontable.CellChange | null)[]): false => {
    const cells: RawCell[] = [];
    for (const change of changes) {
      if (!change) continue;
      const [r, c, , next] = change;
      const key = g.keyAt(r, Number(c));
      if (key) cells.push({ key, raw: next == null ? '' : String(next) });
    }
    if (cells.length) onRaw(cells);
    return false;
  };
}

/** The selection's focused cell, or null when none (a header chosen, Ctrl+A: negative coordinates). */
export function activeCell(hot: Handsontable, g: GridLayout): [number, number] | null {
  const h = hot.getSelectedRangeLast()?.highlight;
  return h && (h.row ?? -1) >= 0 && (h.col ?? -1) >= 0 && (h.row ?? 0) < g.rows.length ? [h.row!, h.col!] : null;
}

/**
 * Listens for input that does not come through Handsontable's keys: text from an input method
 * without a composition, and the paste. Returns the undo.
 */
export function listenForInput(hot: Handsontable, g: GridLayout, on: InputHandlers): () => void {
  const textareaOf = () => (hot.getActiveEditor() as unknown as { TEXTAREA?: HTMLTextAreaElement } | undefined)?.TEXTAREA;
  // With imeFastEdit Handsontable keeps its input focused on the selected cell and re-selects its
  // text ~1 ms after every selection. A key typed in that window has already opened the editor,
  // and the late select() marks that first character so the next keystroke replaces it (a slow PC
  // makes the window real). The input is never re-selected while the editor is open.
  // Nor is it re-selected once the table has let the keyboard go (run on to the next table): its
  // late select() would take the focus back from the next table, with the figures typed next.
  const inert = document.createElement('textarea'); // detached: selecting it changes nothing
  hot.getFocusManager().setRefocusElementGetter(() => (!hot.isListening() || hot.getActiveEditor()?.isOpened() ? inert : (textareaOf() ?? inert)));

  // Text an input method commits without a composition (some Windows IMEs, handwriting, voice
  // and on-screen keyboards: a key event 229 / "Process", then inserted text) lands in the grid's
  // input while no editor is open; Handsontable would drop it. Open the editor with it instead.
  const onInput = (e: Event) => {
    const ev = e as InputEvent;
    const editor = hot.getActiveEditor() as unknown as { TEXTAREA?: HTMLTextAreaElement; isOpened(): boolean; beginEditing(v?: string): void } | undefined;
    if (!editor?.TEXTAREA || ev.target !== editor.TEXTAREA || editor.isOpened() || ev.isComposing || ev.inputType !== 'insertText' || !ev.data) return;
    const at = activeCell(hot, g);
    if (!at) return;
    if (!g.keyAt(at[0], at[1])) {
      on.onNotice(whyNoFigure(g, at[0], at[1]));
      return;
    }
    // Opening clears the input (outside F2's full-edit mode): put the text back, caret at its end.
    const text = editor.TEXTAREA.value;
    editor.beginEditing();
    editor.TEXTAREA.value = text;
    editor.TEXTAREA.setSelectionRange(text.length, text.length);
  };

  // Our own paste: Handsontable would place a block by position; the report reads the clipboard's
  // table (text/html first, as Excel, WPS, Word and web pages provide it) and maps it by label.
  // Capture phase on the document, so this runs before Handsontable's own listener.
  const onPaste = (e: ClipboardEvent) => {
    if (!hot.isListening() || hot.getActiveEditor()?.isOpened() || !e.clipboardData) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    const clip = { html: e.clipboardData.getData('text/html'), text: e.clipboardData.getData('text/plain') };
    const from = hot.getSelectedRangeLast()?.getTopStartCorner();
    const r = from?.row ?? -1;
    const col = g.colAt(from?.col ?? -1);
    // Bare figures fill down from the selected cell of a figure column (as in Excel).
    const anchor = r >= 0 && col && !col.derived ? { table: g.table.id, row: g.rows[r].id, col: col.id } : undefined;
    on.onPaste(clip, anchor);
  };

  // Our own copy: the selected figures with their labels and headers (copy.ts), so they paste back
  // by name — Handsontable's gave bare figures, 小计 among them.
  const onCopy = (e: ClipboardEvent) => {
    if (!hot.isListening() || hot.getActiveEditor()?.isOpened() || !e.clipboardData) return;
    const range = hot.getSelectedRangeLast();
    if (!range) return;
    const { row: r1, col: c1 } = range.getTopStartCorner();
    const { row: r2, col: c2 } = range.getBottomEndCorner();
    // A header chosen (negative), or a whole column (rows from -1): from the first row.
    if (r2 === null || c1 === null || c2 === null || r2 < 0 || c2 < 0) return;
    const block = copyBlock(g, { rows: [Math.max(0, r1 ?? 0), Math.min(r2, g.rows.length - 1)], cols: [Math.max(0, c1), c2] }, (r, c) => cellText(g, on, r, g.colAt(c)!));
    if (!block) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    e.clipboardData.setData('text/plain', block.text);
    e.clipboardData.setData('text/html', block.html);
  };

  // The editor's input may sit outside the container (Handsontable's portal): listen on the document.
  document.addEventListener('input', onInput, true);
  document.addEventListener('paste', onPaste, true);
  document.addEventListener('copy', onCopy, true);
  return () => {
    document.removeEventListener('input', onInput, true);
    document.removeEventListener('paste', onPaste, true);
    document.removeEventListener('copy', onCopy, true);
  };
}
