// Shows one table of a template as a Handsontable grid: 统计指标 | 单位 | figures… | 校验.
// Every typed value is normalised by the domain's figure parser before it reaches the grid
// (beforeChange), and the report is re-checked before the grid paints (beforeChangeRender),
// so a failing row turns red in the same frame as the keystroke that broke it.
import type Handsontable from 'handsontable/base';
import { textRenderer } from 'handsontable/renderers';
import { makeEntry } from '$lib/domain/entry';
import { planPaste } from '$lib/domain/mapping';
import { pasteReport, type PasteReport } from '$lib/domain/paste-report';
import { clipboardBlock } from '$lib/sheets/html-table';
import { formatFigure } from '$lib/domain/figures';
import type { Marks } from '$lib/domain/marks';
import { cellKey, leafColumns, type CellEntry, type CellKey, type TableDef, type Template } from '$lib/domain/model';
import { LICENSE_KEY, setupHandsontable } from './handsontable';
import './grid.css';

export interface GridEdit {
  key: CellKey;
  entry: CellEntry;
}

export interface TableGridOptions {
  template: Template;
  table: TableDef;
  entry(key: CellKey): CellEntry | undefined;
  marks(): Marks;
  /** Called once per edit batch (a keystroke, a paste, an undo) before the grid repaints. */
  onEdit(edits: GridEdit[], source: string): void;
  /** After a paste of a block: what it did, for the paste report. */
  onPaste(report: PasteReport): void;
}

export interface TableGrid {
  /** Repaint after a change that did not come from this grid (load, another tab). */
  refresh(): void;
  select(key: CellKey): void;
  /** Write prepared entries (a paste, an import) as one edit: one save, one undo step. */
  write(entries: GridEdit[], source: string): void;
  /** Commit an open editor (before the page goes away). */
  commitEditor(): void;
  destroy(): void;
  hot: Handsontable;
}

/** How a stored entry is shown: accepted figures in plain digits, refused ones as typed. */
export const display = (e: CellEntry | undefined) => (e ? (e.value !== null ? formatFigure(e.value) : e.raw) : '');

export function mountTableGrid(container: HTMLElement, opts: TableGridOptions): TableGrid {
  const Handsontable = setupHandsontable();
  const { template, table } = opts;
  const cols = leafColumns(table.columns);
  const rows = table.rows;
  const FIRST = 2;
  const CHECK = FIRST + cols.length;
  const keyAt = (r: number, c: number): CellKey | null =>
    rows[r] && rows[r].kind !== 'section' && c >= FIRST && c < CHECK ? cellKey({ table: table.id, row: rows[r].id, col: cols[c - FIRST].id }) : null;

  const data = () =>
    rows.map((row) => [row.label, row.unit ?? '', ...cols.map((c) => (row.kind === 'section' ? '' : display(opts.entry(cellKey({ table: table.id, row: row.id, col: c.id }))))), '']);

  let pending: GridEdit[] = [];
  // Entries prepared by a paste or import, so the cell keeps the pasted raw text (１２, 12条)
  // rather than the figure the grid displays.
  const prepared = new Map<CellKey, CellEntry>();

  const rowClass = (r: number) => {
    const row = rows[r];
    const status = opts.marks().rows.get(`${table.id}/${row.id}`);
    return [`row-${row.kind}`, status && status.severity !== 'ok' ? `row-${status.severity}` : ''];
  };

  const labelRenderer: Handsontable.renderers.BaseRenderer = (hot, td, r, c, prop, value, props) => {
    textRenderer(hot, td, r, c, prop, value, props);
    td.className = ['cell-label', ...rowClass(r)].join(' ');
    td.style.paddingLeft = `${0.4 + rows[r].level * 1.5}em`;
  };
  const unitRenderer: Handsontable.renderers.BaseRenderer = (hot, td, r, c, prop, value, props) => {
    textRenderer(hot, td, r, c, prop, value, props);
    td.className = ['cell-unit', ...rowClass(r)].join(' ');
  };
  const valueRenderer: Handsontable.renderers.BaseRenderer = (hot, td, r, c, prop, value, props) => {
    textRenderer(hot, td, r, c, prop, value, props);
    const key = keyAt(r, c);
    const m = opts.marks();
    const entry = key ? opts.entry(key) : undefined;
    const classes = ['cell-value', ...rowClass(r)];
    if (key) {
      const mark = m.cells.get(key);
      if (mark) classes.push(`mark-${mark}`);
      if (m.crossings.has(key)) classes.push('mark-crossing');
      if (entry && entry.value === null && entry.raw.trim()) classes.push('cell-invalid');
      td.dataset.cell = key;
    } else td.removeAttribute('data-cell');
    td.className = classes.join(' ');
  };
  const checkRenderer: Handsontable.renderers.BaseRenderer = (hot, td, r, c, prop, _value, props) => {
    const status = opts.marks().rows.get(`${table.id}/${rows[r].id}`);
    textRenderer(hot, td, r, c, prop, status?.text ?? '', props);
    td.className = ['cell-check', ...rowClass(r), status ? `check-${status.severity}` : ''].join(' ');
    td.dataset.checkRow = rows[r].id;
  };

  const hot = new Handsontable(container, {
    licenseKey: LICENSE_KEY,
    language: 'zh-CN',
    data: data(),
    colHeaders: [table.labelHeader, table.unitHeader ?? '单位', ...cols.map((c) => c.label), '校验'],
    rowHeaders: false,
    columns: [
      { readOnly: true, renderer: labelRenderer, width: 460 },
      { readOnly: true, renderer: unitRenderer, width: 56, className: 'htCenter' },
      ...cols.map(() => ({ renderer: valueRenderer, width: 110 })),
      { readOnly: true, renderer: checkRenderer, width: 300 }
    ],
    cells(r, c) {
      return c >= FIRST && c < CHECK && rows[r]?.kind === 'section' ? { readOnly: true } : {};
    },
    wordWrap: true,
    renderAllRows: true,
    allowInsertRow: false,
    allowInsertColumn: false,
    allowRemoveRow: false,
    allowRemoveColumn: false,
    imeFastEdit: true,
    enterMoves: { row: 1, col: 0 },
    autoWrapRow: false,
    contextMenu: ['undo', 'redo', '---------', 'copy', 'cut'],
    undo: true,
    copyPaste: true,
    // Pasted HTML is parsed by the grid; with no bundled sanitiser since 18.0 we strip
    // everything that could run (scripts, handlers, URLs) before it is parsed.
    sanitizer: sanitizeHtml,
    beforeChange(changes) {
      pending = [];
      for (let i = 0; i < changes.length; i++) {
        const change = changes[i];
        if (!change) continue;
        const [r, c, , next] = change;
        const key = keyAt(r, Number(c));
        if (!key) {
          changes[i] = null; // labels, units, 校验 and sections never take a value
          continue;
        }
        const text = next == null ? '' : String(next);
        const ready = prepared.get(key);
        prepared.delete(key);
        const entry = ready && display(ready) === text ? ready : makeEntry(template, { table: table.id, row: rows[r].id, col: cols[Number(c) - FIRST].id }, text)?.entry;
        if (!entry) {
          changes[i] = null;
          continue;
        }
        change[3] = display(entry);
        pending.push({ key, entry });
      }
    },
    beforeChangeRender(_changes, source) {
      if (!pending.length) return;
      const edits = pending;
      pending = [];
      opts.onEdit(edits, String(source));
    }
  });

  const coordsOf = (key: CellKey): [number, number] | null => {
    const [, rowId, colId] = key.split('/');
    const r = rows.findIndex((x) => x.id === rowId);
    const c = cols.findIndex((x) => x.id === colId);
    return r < 0 || c < 0 ? null : [r, FIRST + c];
  };

  const write = (entries: GridEdit[], source: string) => {
    const changes: [number, number, string][] = [];
    for (const { key, entry } of entries) {
      const at = coordsOf(key);
      if (!at) continue;
      prepared.set(key, entry);
      changes.push([...at, display(entry)]);
    }
    if (changes.length) hot.setDataAtCell(changes, source);
    prepared.clear();
  };

  // Our own paste: Handsontable would place a block by position; we read the clipboard's
  // table (text/html first, as Excel, WPS, Word and web pages provide it) and map it by label.
  // Capture phase on the document, so this runs before Handsontable's own listener.
  const onPaste = (e: ClipboardEvent) => {
    if (!hot.isListening() || hot.getActiveEditor()?.isOpened() || !e.clipboardData) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    const block = clipboardBlock(e.clipboardData.getData('text/html'), e.clipboardData.getData('text/plain'));
    const range = hot.getSelectedRangeLast();
    const from = range?.getTopStartCorner();
    const r = from?.row ?? -1;
    const c = from?.col ?? -1;
    // Bare figures fill down from the selected cell of a figure column (as in Excel).
    const anchor = r >= 0 && c >= FIRST && c < CHECK ? { row: rows[r].id, col: cols[c - FIRST].id } : undefined;
    const report = pasteReport(template, planPaste(template, table, block, anchor));
    write(report.entries, 'CopyPaste.paste');
    opts.onPaste(report);
  };
  document.addEventListener('paste', onPaste, true);

  return {
    hot,
    write,
    refresh() {
      hot.updateData(data());
    },
    select(key) {
      const at = coordsOf(key);
      if (!at) return;
      const [r, c] = at;
      // Called from a click outside the grid: Handsontable's own document listeners for that
      // click run after ours and would take the focus back, so select once they are done.
      setTimeout(() => {
        if (document.activeElement instanceof HTMLElement && !container.contains(document.activeElement)) document.activeElement.blur();
        hot.getCell(r, c)?.scrollIntoView({ block: 'center' });
        hot.selectCell(r, c);
        hot.listen();
      });
    },
    commitEditor() {
      const editor = hot.getActiveEditor();
      if (editor?.isOpened()) hot.getActiveEditor()?.finishEditing(false);
    },
    destroy() {
      document.removeEventListener('paste', onPaste, true);
      hot.destroy();
    }
  };
}

/** Keeps table structure and text; drops every element or attribute that could run code or fetch. */
export function sanitizeHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll('script,style,iframe,object,embed,link,meta,img,svg,math,template,form,input,button,video,audio,base').forEach((n) => n.remove());
  doc.querySelectorAll('*').forEach((el) => {
    for (const attr of [...el.attributes]) {
      const keep = ['rowspan', 'colspan'].includes(attr.name.toLowerCase());
      if (!keep) el.removeAttribute(attr.name);
    }
  });
  return doc.body.innerHTML;
}
