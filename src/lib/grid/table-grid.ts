// Shows one table of a template as a Handsontable grid: 统计指标 | 单位 | figures… | 校验.
// The grid only sends input and paints: typed values are normalised by the domain's figure parser
// (beforeChange) and handed to the report session before the grid paints (beforeChangeRender),
// so a failing row turns red in the same frame as the keystroke that broke it. Undo, paste and
// everything else that changes cells goes through the session, which tells the grid what to show.
import type Handsontable from 'handsontable/base';
import { textRenderer } from 'handsontable/renderers';
import { display, makeEntry } from '$lib/domain/entry';
import type { SourceBlock } from '$lib/domain/form-map';
import { clipboardBlocks } from '$lib/sheets/blocks';
import { formatFigure } from '$lib/domain/figures';
import type { Marks } from '$lib/domain/marks';
import { derivedValue, isDerivedCell } from '$lib/domain/derived';
import { tableLayout } from '$lib/domain/layout';
import { cellKey, hasCell, type CellEntry, type CellKey, type ColumnDef, type TableDef, type Template, type Values } from '$lib/domain/model';
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
  /** The cell's note (批注), if it has one: marked in its corner, shown on hover. */
  note(key: CellKey): string | undefined;
  /** 批注… / 修改记录… (context menu, Shift+F2): the person wants to see or write about a cell. */
  onCellInfo(key: CellKey, focus: 'note' | 'history'): void;
  /** Called once per typed edit batch, before the grid repaints. */
  onEdit(edits: GridEdit[], source: string): void;
  /** Ctrl+Z / Ctrl+Y (and the context menu): the session's undo and redo, across all tables. */
  onUndo(): void;
  onRedo(): void;
  /**
   * A paste: the clipboard's tables, and the selected cell (which matters only for bare
   * figures). The report decides where everything goes; the grid only hands the block up.
   */
  onPaste(blocks: SourceBlock[], anchor?: { table: string; row: string; col: string }): void;
}

export interface TableGrid {
  /** Shows these cells as the session now holds them (a paste, an undo, another tab), then repaints. */
  show(keys: CellKey[]): void;
  /** Repaints marks and 校验 texts (the session's findings changed). */
  repaint(): void;
  select(key: CellKey): void;
  /** Commit an open editor (before the page goes away). */
  commitEditor(): void;
  destroy(): void;
  hot: Handsontable;
}


export function mountTableGrid(container: HTMLElement, opts: TableGridOptions): TableGrid {
  const Handsontable = setupHandsontable();
  const { template, table } = opts;
  // The printed layout, with the derived subtotal columns the grid shows read-only.
  const layout = tableLayout(table, { derived: true });
  const cols = layout.columns;
  const rows = table.rows;
  const hasUnit = layout.hasUnit;
  const FIRST = hasUnit ? 2 : 1;
  const CHECK = FIRST + cols.length;
  const colAt = (c: number) => (c >= FIRST && c < CHECK ? cols[c - FIRST] : undefined);
  /** The stored cell under a grid position, or null (labels, units, 校验, derived subtotals). */
  const keyAt = (r: number, c: number): CellKey | null => {
    const col = colAt(c);
    return rows[r] && hasCell(rows[r]) && col && !col.derived ? cellKey({ table: table.id, row: rows[r].id, col: col.id }) : null;
  };
  const derivedAt = (r: number, c: number) => {
    const col = colAt(c);
    return Boolean(col && rows[r] && rows[r].kind !== 'section' && isDerivedCell(table, r, col));
  };
  const valuesView = { get: (k: CellKey) => opts.entry(k) } as unknown as Values;
  const cellText = (r: number, col: ColumnDef) => {
    const row = rows[r];
    if (row.kind === 'section') return '';
    if (isDerivedCell(table, r, col)) {
      const v = derivedValue(table, valuesView, r, col);
      return v === null ? '' : formatFigure(v);
    }
    return display(opts.entry(cellKey({ table: table.id, row: row.id, col: col.id })));
  };
  const data = () => rows.map((row, r) => [row.label, ...(hasUnit ? [row.unit ?? ''] : []), ...cols.map((c) => cellText(r, c)), '']);

  // Nested headers (申请人情况 › 法人或其他组织 › 商业企业…) from the printed layout: one header row
  // per level; a leaf that ends higher leaves blanks below it (Handsontable has no rowspan).
  const levels = layout.levels;
  const headerRows: (string | { label: string; colspan: number })[][] = [];
  for (let level = 0; level < levels; level++) {
    const last = level === levels - 1;
    const row: (string | { label: string; colspan: number })[] = [last ? layout.labelHeader : '', ...(hasUnit ? [last ? layout.unitHeader : ''] : [])];
    for (let c = 0; c < cols.length; ) {
      const h = layout.headers.find((x) => x.level === level && x.col === c);
      row.push(h ? (h.colspan > 1 ? { label: h.text, colspan: h.colspan } : h.text) : '');
      c += h?.colspan ?? 1;
    }
    row.push(last ? '校验' : '');
    headerRows.push(row);
  }

  let pending: GridEdit[] = [];
  /** Source of the grid's own writes of what the session holds: painted, never sent back. */
  const SHOWN = 'session';

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
    // Derived subtotals are computed at paint time, so they follow every edit.
    textRenderer(hot, td, r, c, prop, derivedAt(r, c) ? cellText(r, colAt(c)!) : value, props);
    const key = keyAt(r, c);
    const m = opts.marks();
    const entry = key ? opts.entry(key) : undefined;
    const classes = ['cell-value', ...rowClass(r)];
    if (derivedAt(r, c)) classes.push('cell-derived');
    if (key) {
      const mark = m.cells.get(key);
      if (mark) classes.push(`mark-${mark}`);
      if (m.crossings.has(key)) classes.push('mark-crossing');
      if (entry && entry.value === null && entry.raw.trim()) classes.push('cell-invalid');
      td.dataset.cell = key;
      const note = opts.note(key);
      if (note) {
        classes.push('has-note');
        td.title = `批注：${note}`;
      } else td.removeAttribute('title');
    } else {
      td.removeAttribute('data-cell');
      td.removeAttribute('title');
    }
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
    ...(levels > 1 ? { nestedHeaders: headerRows } : { colHeaders: headerRows[0] as string[] }),
    rowHeaders: false,
    columns: [
      { readOnly: true, renderer: labelRenderer, width: cols.length > 3 ? 340 : 460 },
      ...(hasUnit ? [{ readOnly: true, renderer: unitRenderer, width: 56, className: 'htCenter' }] : []),
      ...cols.map(() => ({ renderer: valueRenderer, width: cols.length > 3 ? 84 : hasUnit ? 110 : 150 })),
      { readOnly: true, renderer: checkRenderer, width: cols.length > 3 ? 240 : 300 }
    ],
    cells(r, c) {
      return c >= FIRST && c < CHECK && !keyAt(r, c) ? { readOnly: true } : {};
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
    // Undo and redo are the session's (one step per batch, across tables, raw text kept).
    contextMenu: {
      items: {
        sessionUndo: { name: '撤销', callback: () => opts.onUndo() },
        sessionRedo: { name: '恢复', callback: () => opts.onRedo() },
        sep0: { name: '---------' },
        cellNote: { name: '批注…', disabled: () => !selectedKey(), callback: () => cellInfo('note') },
        cellHistory: { name: '修改记录…', disabled: () => !selectedKey(), callback: () => cellInfo('history') },
        sep: { name: '---------' },
        copy: {},
        cut: {}
      }
    },
    undo: false,
    beforeKeyDown(e: KeyboardEvent) {
      // Shift+F2: Excel's key for a cell's comment.
      if (e.key === 'F2' && e.shiftKey && !hot.getActiveEditor()?.isOpened() && selectedKey()) {
        e.preventDefault();
        e.stopImmediatePropagation();
        cellInfo('note');
        return;
      }
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const k = e.key.toLowerCase();
      const undo = k === 'z' && !e.shiftKey;
      const redo = k === 'y' || (k === 'z' && e.shiftKey);
      if (!undo && !redo) return;
      if (hot.getActiveEditor()?.isOpened()) return; // the editor's own text undo
      e.preventDefault();
      e.stopImmediatePropagation();
      if (undo) opts.onUndo();
      else opts.onRedo();
    },
    copyPaste: true,
    // Pasted HTML is parsed by the grid; with no bundled sanitiser since 18.0 we strip
    // everything that could run (scripts, handlers, URLs) before it is parsed.
    sanitizer: sanitizeHtml,
    beforeChange(changes, source) {
      pending = [];
      if (String(source) === SHOWN) return;
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
        const entry = makeEntry(template, { table: table.id, row: rows[r].id, col: cols[Number(c) - FIRST].id }, text)?.entry;
        if (!entry) {
          changes[i] = null;
          continue;
        }
        change[3] = display(entry);
        pending.push({ key, entry });
      }
    },
    beforeChangeRender(_changes, source) {
      if (String(source) === SHOWN || !pending.length) return;
      const edits = pending;
      pending = [];
      opts.onEdit(edits, String(source));
    }
  });

  function selectedKey(): CellKey | null {
    const last = hot.getSelectedLast();
    return last ? keyAt(last[0], last[1]) : null;
  }
  function cellInfo(focus: 'note' | 'history') {
    const key = selectedKey();
    if (key) opts.onCellInfo(key, focus);
  }

  const coordsOf = (key: CellKey): [number, number] | null => {
    const [, rowId, colId] = key.split('/');
    const r = rows.findIndex((x) => x.id === rowId);
    const c = cols.findIndex((x) => x.id === colId);
    return r < 0 || c < 0 ? null : [r, FIRST + c];
  };

  const show = (keys: CellKey[]) => {
    const changes: [number, number, string][] = [];
    for (const key of keys) {
      const at = coordsOf(key);
      if (!at) continue;
      const text = display(opts.entry(key));
      if (hot.getDataAtCell(...at) !== text) changes.push([...at, text]);
    }
    if (changes.length) hot.setDataAtCell(changes, SHOWN);
    else hot.render();
  };

  // Our own paste: Handsontable would place a block by position; we read the clipboard's
  // table (text/html first, as Excel, WPS, Word and web pages provide it) and map it by label.
  // Capture phase on the document, so this runs before Handsontable's own listener.
  const onPaste = (e: ClipboardEvent) => {
    if (!hot.isListening() || hot.getActiveEditor()?.isOpened() || !e.clipboardData) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    const blocks = clipboardBlocks(e.clipboardData.getData('text/html'), e.clipboardData.getData('text/plain'));
    const range = hot.getSelectedRangeLast();
    const from = range?.getTopStartCorner();
    const r = from?.row ?? -1;
    const c = from?.col ?? -1;
    // Bare figures fill down from the selected cell of a figure column (as in Excel).
    const anchor = r >= 0 && colAt(c) && !colAt(c)!.derived ? { table: table.id, row: rows[r].id, col: colAt(c)!.id } : undefined;
    opts.onPaste(blocks, anchor);
  };
  document.addEventListener('paste', onPaste, true);

  return {
    hot,
    show,
    repaint() {
      hot.render();
    },
    select(key) {
      const at = coordsOf(key);
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
