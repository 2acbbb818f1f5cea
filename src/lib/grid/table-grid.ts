// Shows one table of a template as a Handsontable grid: 统计指标 | 单位 | figures… | 校验.
// The grid only sends input and paints: typed values are normalised by the domain's figure parser
// (beforeChange) and handed to the report session before the grid paints (beforeChangeRender),
// so a failing row turns red in the same frame as the keystroke that broke it. Undo, paste and
// everything else that changes cells goes through the session, which tells the grid what to show.
import type Handsontable from 'handsontable/base';
import { textRenderer } from 'handsontable/renderers';
import { display, makeEntry } from '$lib/domain/entry';
import { formatFigure } from '$lib/domain/figures';
import type { Marks } from '$lib/domain/marks';
import { derivedValue, isDerivedCell } from '$lib/domain/derived';
import { tableLayout } from '$lib/domain/layout';
import { cellKey, hasCell, parentIndex, type CellEntry, type CellKey, type ColumnDef, type TableDef, type Template, type Values } from '$lib/domain/model';
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

export type LeaveTo = 'next' | 'prev' | 'next-table' | 'prev-table' | 'out';

export interface TableGrid {
  /**
   * Paints what the session changed: these cells as the session now holds them (a paste, an
   * undo, another tab; a typed cell already shows its text) and the rows whose marks or 校验
   * texts changed. Only those rows are repainted, never the whole table.
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
  release(): void;
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
  const source: string[][] = rows.map((row, r) => [row.label, ...(hasUnit ? [row.unit ?? ''] : []), ...cols.map((c) => cellText(r, c)), '']);

  // Nested headers (申请人情况 › 法人或其他组织 › 商业企业…) from the printed layout: one header row
  // per level; a leaf that ends higher leaves blanks below it (Handsontable has no rowspan).
  const levels = layout.levels;
  // Handsontable widens a column to its header's unwrapped text: a long corner note (表三's
  // 勾稽关系) would take half the width. The grid shows its start; the whole note is its tooltip.
  const shortLabelHeader = layout.labelHeader.length > 8 ? `${layout.labelHeader.slice(0, 6)}…` : layout.labelHeader;
  const headerRows: (string | { label: string; colspan: number })[][] = [];
  for (let level = 0; level < levels; level++) {
    const last = level === levels - 1;
    const row: (string | { label: string; colspan: number })[] = [last ? shortLabelHeader : '', ...(hasUnit ? [last ? layout.unitHeader : ''] : [])];
    for (let c = 0; c < cols.length; ) {
      const h = layout.headers.find((x) => x.level === level && x.col === c);
      row.push(h ? (h.colspan > 1 ? { label: h.text, colspan: h.colspan } : h.text) : '');
      c += h?.colspan ?? 1;
    }
    row.push(last ? '校验' : '');
    headerRows.push(row);
  }

  // 表三 has eight figure columns, 表四 fifteen under two levels of headers.
  const wide = cols.length > 3;
  const many = cols.length > 10;
  // Handsontable widens a column to its header's unwrapped text (about 14 px a character plus
  // padding); our widths count that in (表四's headers wrap instead).
  const headerMin = cols.map((_, i) => Math.max(0, ...layout.headers.filter((h) => h.col === i && h.colspan === 1).map((h) => h.text.length * 14 + 18)));

  /** The width the page gives the table (Handsontable sizes its own container to the table). */
  function room(): number {
    return (container.parentElement ?? container).clientWidth;
  }

  /**
   * Column widths that fit the room (a 1366 px laptop with the findings beside it leaves
   * ~1,000 px): the figures and 校验 stay in view, the label column takes what is left and wraps.
   */
  function widths(space: number): number[] {
    const avail = Math.max(space || 1000, 640);
    const unit = hasUnit ? 52 : 0;
    const check = Math.round(Math.min(300, Math.max(many ? 120 : wide ? 130 : 150, avail * (many || wide ? 0.14 : 0.2))));
    const label = Math.round(Math.min(460, Math.max(many ? 90 : 170, avail * (many ? 0.1 : wide ? 0.2 : 0.4))));
    const figure = Math.floor(Math.min(150, Math.max(many ? 44 : 58, (avail - label - check - unit - 2) / cols.length)));
    const figures = cols.map((_, i) => (many ? figure : Math.max(figure, headerMin[i])));
    const rest = avail - check - unit - 2 - figures.reduce((a, b) => a + b, 0);
    const fitted = Math.round(Math.min(label, Math.max(many ? 90 : 140, rest)));
    return [fitted, ...(hasUnit ? [unit] : []), ...figures, check];
  }

  /** The widths in force, read by modifyColWidth on every render; refitted when the room changes. */
  let current = widths(room());

  let pending: GridEdit[] = [];
  /** While set, Handsontable's full redraws are skipped: the changed rows were painted here. */
  let selfPainted = false;
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
    data: source,
    ...(levels > 1 ? { nestedHeaders: headerRows } : { colHeaders: headerRows[0] as string[] }),
    rowHeaders: false,
    columns: [
      { readOnly: true, renderer: labelRenderer },
      ...(hasUnit ? [{ readOnly: true, renderer: unitRenderer, className: 'htCenter' }] : []),
      ...cols.map(() => ({ renderer: valueRenderer })),
      { readOnly: true, renderer: checkRenderer }
    ],
    // Our widths stand (they already count the header texts): the nested headers would widen
    // 表四's fifteen columns to their unwrapped texts and the page would scroll sideways.
    modifyColWidth(width, col) {
      return current[col] ?? width;
    },
    // Our widths stand, so Handsontable's own measuring of every column's text (a hidden table
    // built before each render, ~8 ms a keystroke here) is work thrown away.
    autoColumnSize: false,
    autoRowSize: false,
    // Header texts wrap onto a second line (本年收费金额（单位：万元）) and show whole on hover.
    columnHeaderHeight: Array.from({ length: levels }, (_, i) => (i === levels - 1 ? 44 : 28)),
    afterGetColHeader(col, th) {
      const text = col === 0 && th.textContent === shortLabelHeader ? layout.labelHeader : th.textContent?.trim();
      if (text) th.title = text;
    },
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
    // As in Excel: Enter and Shift+Enter move the selection; typing or F2 edits.
    enterBeginsEditing: false,
    enterMoves: { row: 1, col: 0 },
    autoWrapRow: false,
    // Tab and Enter go to the next cell that takes a figure, over labels, 小计 and 校验.
    modifyTransformStart(delta) {
      const key = moveKey;
      moveKey = null;
      if (!key || (delta.row === 0 && delta.col === 0)) return;
      const range = hot.getSelectedRangeLast();
      if (!range || !range.isSingle()) return; // Enter inside a selected block walks the block
      const from = range.highlight;
      const to = nextInput(from.row ?? 0, from.col ?? 0, delta.row ?? 0, delta.col ?? 0);
      delta.row = to[0] - (from.row ?? 0);
      delta.col = to[1] - (from.col ?? 0);
    },
    // Undo and redo are the session's (one step per batch, across tables, raw text kept).
    contextMenu: {
      items: {
        sessionUndo: { name: '撤销', callback: () => opts.onUndo() },
        sessionRedo: { name: '恢复', callback: () => opts.onRedo() },
        sep0: { name: '---------' },
        fillZeros: { name: '空格填 0（所选区域）', disabled: () => !blanksSelected().length, callback: () => opts.onFillZeros(blanksSelected()) },
        sep1: { name: '---------' },
        cellNote: { name: '批注…', disabled: () => !selectedKey(), callback: () => cellInfo('note') },
        cellHistory: { name: '修改记录…', disabled: () => !selectedKey(), callback: () => cellInfo('history') },
        sep: { name: '---------' },
        copy: {},
        cut: {}
      }
    },
    undo: false,
    // The menu is a Handsontable too, with the same ARIA trouble: role="menu" on a wrapper around
    // its focus catcher, and rows between the menu and its items (axe, critical). The menu role
    // goes to its tables, whose row structure becomes presentational.
    afterContextMenuShow() {
      const menu = document.querySelector('.htContextMenu');
      if (!menu) return;
      for (const el of [menu, ...menu.querySelectorAll('[role="menu"]')]) if (el.tagName !== 'TABLE') el.removeAttribute('role');
      for (const table of menu.querySelectorAll('table')) {
        table.setAttribute('role', 'menu');
        table.setAttribute('aria-label', '表格菜单');
        for (const part of table.querySelectorAll('thead, tbody, tr, colgroup')) part.setAttribute('role', 'presentation');
      }
    },
    beforeKeyDown(e: KeyboardEvent) {
      const editing = hot.getActiveEditor()?.isOpened();
      moveKey = (e.key === 'Tab' || e.key === 'Enter') && !e.ctrlKey && !e.altKey && !e.metaKey ? e.key : null;
      // Ctrl+Shift+PgDn / PgUp: the next or previous table (Chrome keeps Ctrl+PgDn for its tabs;
      // Google Sheets uses these for its sheets). Esc with no editor open lets go of the grid.
      if ((e.key === 'PageDown' || e.key === 'PageUp') && e.ctrlKey && e.shiftKey && !e.altKey) {
        e.preventDefault();
        e.stopImmediatePropagation();
        if (editing) hot.getActiveEditor()?.finishEditing(false);
        opts.onLeave?.(e.key === 'PageDown' ? 'next-table' : 'prev-table');
        return;
      }
      // Tab or Enter past the table's last figure (Shift: before its first): on to the next table,
      // as one sheet — in this keydown, so the next key typed already lands there.
      if ((e.key === 'Tab' || e.key === 'Enter') && !e.ctrlKey && !e.altKey && !e.metaKey && opts.onLeave) {
        const range = hot.getSelectedRangeLast();
        const at = activeCell();
        if (at && range?.isSingle()) {
          const forward = !e.shiftKey;
          const to = e.key === 'Tab' ? nextInput(at[0], at[1], 0, forward ? 1 : -1) : nextInput(at[0], at[1], forward ? 1 : -1, 0);
          if (to[0] === at[0] && to[1] === at[1] && (keyAt(at[0], at[1]) || e.key === 'Tab')) {
            e.preventDefault();
            e.stopImmediatePropagation();
            moveKey = null;
            if (editing) hot.getActiveEditor()?.finishEditing(false);
            opts.onLeave(forward ? 'next' : 'prev');
            return;
          }
        }
      }
      if (e.key === 'Escape' && !editing && !e.ctrlKey && !e.altKey && !e.metaKey && opts.onLeave) {
        e.preventDefault();
        e.stopImmediatePropagation();
        opts.onLeave('out');
        return;
      }
      // A figure typed on a cell that takes none would vanish: say why and where it goes.
      if (!editing && e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
        const at = activeCell();
        if (at && !keyAt(at[0], at[1])) {
          e.preventDefault();
          e.stopImmediatePropagation();
          opts.onNotice(whyNoFigure(at[0], at[1]));
          return;
        }
      }
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
      // The session paints this grid's changed rows (paint() below) before Handsontable would
      // redraw the whole table; that redraw is skipped until the change is done.
      selfPainted = true;
      try {
        opts.onEdit(edits, String(source));
      } catch (e) {
        selfPainted = false;
        throw e;
      }
    },
    afterChange() {
      selfPainted = false;
    },
    // A change whose rows we painted ourselves needs no full redraw (Handsontable redraws every
    // rendered row, measuring each, ~30 ms on this machine for a keystroke that changed one row).
    beforeViewRender(_forced, skip) {
      if (selfPainted) skip.skipRender = true;
    }
  });

  /** The key that is moving the selection (Tab or Enter skip cells that take no figure; arrows do not). */
  let moveKey: string | null = null;

  /**
   * The next cell that takes a figure from (r, c) in the direction of a Tab (dc ±1, on to the next
   * or previous row at the row's end) or an Enter (dr ±1, down or up the column); the cell itself
   * when there is none.
   */
  function nextInput(r: number, c: number, dr: number, dc: number): [number, number] {
    if (dc !== 0 && dr === 0) {
      const step = Math.sign(dc);
      let rr = r;
      let cc = c + step;
      while (rr >= 0 && rr < rows.length) {
        if (cc >= CHECK) [rr, cc] = [rr + 1, FIRST];
        else if (cc < FIRST) [rr, cc] = [rr - 1, CHECK - 1];
        else if (rr >= 0 && rr < rows.length && keyAt(rr, cc)) return [rr, cc];
        else cc += step;
      }
      return [r, c];
    }
    const step = Math.sign(dr) || 1;
    // From a label or 校验 cell an Enter goes down to the row's first figure cell.
    const col = c >= FIRST && c < CHECK ? c : FIRST;
    for (let rr = r + step; rr >= 0 && rr < rows.length; rr += step) if (keyAt(rr, col)) return [rr, col];
    return [r, c];
  }

  /** Why a cell takes no figure, and where the figure goes instead. */
  function whyNoFigure(r: number, c: number): string {
    const row = rows[r];
    const where = hasCell(row) ? `请填在本行的“${cols.find((x) => !x.derived)?.label ?? '数字'}”列。` : '';
    if (c < FIRST) return `“${row.label.trim()}”是指标名称，不能填写数字。${where || '本行是分组标题，数字填在下面各行。'}`;
    if (c === CHECK) return '“校验”列由本工具自动给出，不能填写。';
    const col = colAt(c);
    if (col?.derived) return `“${col.label}”由各项自动相加，不能填写；请填在各项中。`;
    return '本行是分组标题，不填数字；数字填在下面各行。';
  }

  /** The blank cells that take a figure in the selected block(s). */
  function blanksSelected(): CellKey[] {
    const out: CellKey[] = [];
    for (const range of hot.getSelectedRange() ?? []) {
      const a = range.getTopStartCorner();
      const b = range.getBottomEndCorner();
      for (let r = Math.max(0, a.row ?? 0); r <= (b.row ?? -1); r++)
        for (let c = Math.max(0, a.col ?? 0); c <= (b.col ?? -1); c++) {
          const key = keyAt(r, c);
          if (key && (opts.entry(key)?.raw ?? '').trim() === '' && !out.includes(key)) out.push(key);
        }
    }
    return out;
  }

  /**
   * The cell that has the focus within the selection, or null when none does (a whole column
   * chosen by its header, Ctrl+A: Handsontable then gives negative header coordinates).
   */
  function activeCell(): [number, number] | null {
    const h = hot.getSelectedRangeLast()?.highlight;
    return h && (h.row ?? -1) >= 0 && (h.col ?? -1) >= 0 && (h.row ?? 0) < rows.length ? [h.row!, h.col!] : null;
  }

  function selectedKey(): CellKey | null {
    const at = activeCell();
    return at ? keyAt(at[0], at[1]) : null;
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

  const rowIndex = new Map(rows.map((row, i) => [row.id, i]));
  const parents = parentIndex(rows);
  /** The marks last painted: rows whose marks changed since are repainted too ('related' cells sit in other rows than the finding). */
  let paintedMarks: Marks | null = opts.marks();

  /** Repaints one row's cells through the columns' renderers (what a full render does, for one row). */
  const paintRow = (r: number) => {
    for (let c = 0; c <= CHECK; c++) {
      const td = hot.getCell(r, c);
      if (!td) continue; // not rendered (scrolled away): the next render paints it
      const meta = hot.getCellMeta(r, c);
      hot.getCellRenderer(meta)(hot, td, r, c, c, hot.getDataAtCell(r, c), meta);
    }
  };

  /** Rows of this table whose painted marks differ between two mark sets. */
  const marksChanged = (a: Marks, b: Marks, into: Set<number>) => {
    const add = (rk: string) => {
      const [t, rowId] = rk.split('/');
      if (t === table.id && rowIndex.has(rowId)) into.add(rowIndex.get(rowId)!);
    };
    for (const [k, m] of a.cells) if (b.cells.get(k) !== m) add(k);
    for (const [k, m] of b.cells) if (a.cells.get(k) !== m) add(k);
    for (const [rk, st] of a.rows) { const o = b.rows.get(rk); if (o?.severity !== st.severity || o.text !== st.text) add(rk); }
    for (const rk of b.rows.keys()) if (!a.rows.has(rk)) add(rk);
  };

  // A repainted row may grow or shrink (a long 校验 text wraps): then Handsontable's measured sizes
  // are stale, and a full render once the page is idle takes them again. Heights are compared in
  // the next frame, where reading them costs no extra layout.
  const heightOf = (r: number) => (hot.getCell(r, 0)?.parentElement as HTMLElement | null | undefined)?.offsetHeight ?? 0;
  const knownHeights = new Map<number, number>();
  let refit = 0;
  let heightCheck = 0;
  const toCheck = new Set<number>();
  const refitLater = () => {
    if (refit) return;
    const idle = window.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 200));
    refit = idle(() => {
      refit = 0;
      hot.render();
    }, { timeout: 1000 }) as number;
  };
  const checkHeightsNextFrame = (painted: Iterable<number>) => {
    for (const r of painted) toCheck.add(r);
    if (heightCheck) return;
    heightCheck = requestAnimationFrame(() => {
      heightCheck = 0;
      let changed = false;
      for (const r of toCheck) {
        const h = heightOf(r);
        if (knownHeights.has(r) && knownHeights.get(r) !== h) changed = true;
        knownHeights.set(r, h);
      }
      toCheck.clear();
      if (changed) refitLater();
    });
  };
  // A full render has just measured every row (layout is clean): note the heights it left —
  // now for the render the constructor did, then after each full render.
  const noteHeights = () => {
    for (let r = 0; r < rows.length; r++) knownHeights.set(r, heightOf(r));
  };
  noteHeights();
  hot.addHook('afterRender', (full) => {
    if (full && !selfPainted) noteHeights();
  });

  const paint = (keys: CellKey[], rowKeys: Iterable<string>) => {
    const changes: [number, number, string][] = [];
    const touched = new Set<number>();
    for (const key of keys) {
      const at = coordsOf(key);
      if (!at) continue;
      touched.add(at[0]);
      const text = display(opts.entry(key));
      if (hot.getDataAtCell(...at) !== text) changes.push([...at, text]);
    }
    for (const rk of rowKeys) {
      const [t, rowId] = rk.split('/');
      if (t === table.id && rowIndex.has(rowId)) touched.add(rowIndex.get(rowId)!);
    }
    const marks = opts.marks();
    if (paintedMarks && paintedMarks !== marks) marksChanged(paintedMarks, marks, touched);
    paintedMarks = marks;
    // A group row shows its children's sum: it follows them.
    for (const r of [...touched]) for (let p = parents[r]; p !== null && p !== undefined; p = parents[p]) if (rows[p].kind === 'group') touched.add(p);
    if (changes.length) {
      // The selected cell goes through Handsontable's change cycle: its editor (prepared when the
      // cell was selected, open or not) must take the new value, or F2 would show — and Enter
      // save — the old one. Every other cell is written into the bound data array and its row
      // repainted, without the cycle's layout reads (one per grid, ~5 ms a paste here).
      const at = activeCell();
      const mine = at ? changes.filter(([r, c]) => r === at[0] && c === at[1]) : [];
      for (const [r, c, text] of changes) if (!mine.some(([mr, mc]) => mr === r && mc === c)) source[r][c] = text;
      if (mine.length) {
        const was = selfPainted;
        selfPainted = true;
        try {
          hot.setDataAtCell(mine, SHOWN);
        } finally {
          selfPainted = was;
        }
      }
    }
    if (!touched.size) return;
    for (const r of touched) paintRow(r);
    checkHeightsNextFrame(touched);
  };

  // With imeFastEdit Handsontable selects its input's text ~1 ms after every selection. A key
  // typed in that window has already opened the editor, and the late select() marks that first
  // character so the next keystroke replaces it (a slow PC makes the window real). The input is
  // never re-selected while the editor is open.
  // Accessibility (axe-core: no critical or serious finding). Handsontable puts role="treegrid" on
  // its wrapper, around its focus catchers and its input too, which a treegrid may not own
  // (aria-required-children, critical). The treegrid role and its counts move to the master
  // <table>, which holds exactly the rowgroups, rows and cells; the input gets a name.
  const ariaFix = () => {
    const wrapper = container.querySelector('.ht-wrapper[role="treegrid"]');
    const table = container.querySelector('.ht_master table.htCore');
    // The sticky-header clones (hidden from screen readers) hold rowgroups too: same parent role.
    for (const clone of container.querySelectorAll('[class*="ht_clone_"] table[role="presentation"]')) clone.setAttribute('role', 'treegrid');
    if (wrapper && table) {
      table.setAttribute('role', 'treegrid');
      table.setAttribute('aria-label', container.closest('[aria-label]')?.getAttribute('aria-label') ?? table.getAttribute('aria-label') ?? '');
      for (const name of ['aria-rowcount', 'aria-colcount', 'aria-multiselectable']) {
        const v = wrapper.getAttribute(name);
        if (v !== null) table.setAttribute(name, v);
        wrapper.removeAttribute(name);
      }
      wrapper.removeAttribute('role');
    }
    for (const ta of container.querySelectorAll<HTMLTextAreaElement>('textarea.handsontableInput:not([aria-label])')) {
      ta.setAttribute('aria-label', '单元格内容');
      // Focused by the grid itself, never by Tab: Tab from the table (after Esc) goes on to what follows.
      ta.tabIndex = -1;
    }
  };
  ariaFix();
  hot.addHook('afterRender', ariaFix);
  hot.addHook('afterSelectionEnd', ariaFix);

  // The table is one stop of the page's Tab order (its host element), entered with Enter.
  // Handsontable's focus catchers would take Tab from that stop, or Shift+Tab from below, into the
  // grid: Tab on the host goes on past the table, and focus arriving at a catcher from outside
  // goes to the host.
  const tabbable = () =>
    [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]')].filter(
      (el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && !el.hidden && el.offsetParent !== null && !(container.contains(el) && el !== container)
    );
  const onHostKey = (e: KeyboardEvent) => {
    if (e.key !== 'Tab' || e.target !== container || e.ctrlKey || e.altKey || e.metaKey) return;
    const list = tabbable();
    const at = list.indexOf(container);
    const next = list[at + (e.shiftKey ? -1 : 1)];
    if (!next) return;
    e.preventDefault();
    next.focus();
  };
  const onCatcher = (e: FocusEvent) => {
    const t = e.target as HTMLElement;
    if (!t.classList?.contains('htFocusCatcher') || hot.isListening()) return;
    const from = e.relatedTarget as Node | null;
    if (from && container.contains(from) && from !== container) return;
    e.stopPropagation();
    container.focus();
  };
  container.addEventListener('keydown', onHostKey);
  container.addEventListener('focusin', onCatcher, true);

  const inert = document.createElement('textarea'); // detached: selecting it changes nothing
  hot.getFocusManager().setRefocusElementGetter(() => (hot.getActiveEditor()?.isOpened() ? inert : ((hot.getActiveEditor() as unknown as { TEXTAREA?: HTMLTextAreaElement } | undefined)?.TEXTAREA ?? inert)));

  // Text an input method commits without a composition (some Windows IMEs, handwriting, voice
  // and on-screen keyboards: a key event 229 / "Process", then inserted text) lands in the grid's
  // input while no editor is open; Handsontable would drop it. Open the editor with it instead.
  const onInput = (e: Event) => {
    const ev = e as InputEvent;
    const editor = hot.getActiveEditor() as unknown as { TEXTAREA?: HTMLTextAreaElement; isOpened(): boolean; beginEditing(v?: string): void } | undefined;
    if (!editor?.TEXTAREA || ev.target !== editor.TEXTAREA || editor.isOpened() || ev.isComposing || ev.inputType !== 'insertText' || !ev.data) return;
    const at = activeCell();
    if (!at) return;
    if (!keyAt(at[0], at[1])) {
      opts.onNotice(whyNoFigure(at[0], at[1]));
      return;
    }
    // Opening clears the input (outside F2's full-edit mode): put the text back, caret at its end.
    const text = editor.TEXTAREA.value;
    editor.beginEditing();
    editor.TEXTAREA.value = text;
    editor.TEXTAREA.setSelectionRange(text.length, text.length);
  };
  // The editor's input may sit outside the container (Handsontable's portal): listen on the document.
  document.addEventListener('input', onInput, true);

  // Our own paste: Handsontable would place a block by position; we read the clipboard's
  // table (text/html first, as Excel, WPS, Word and web pages provide it) and map it by label.
  // Capture phase on the document, so this runs before Handsontable's own listener.
  const onPaste = (e: ClipboardEvent) => {
    if (!hot.isListening() || hot.getActiveEditor()?.isOpened() || !e.clipboardData) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    const clip = { html: e.clipboardData.getData('text/html'), text: e.clipboardData.getData('text/plain') };
    const range = hot.getSelectedRangeLast();
    const from = range?.getTopStartCorner();
    const r = from?.row ?? -1;
    const c = from?.col ?? -1;
    // Bare figures fill down from the selected cell of a figure column (as in Excel).
    const anchor = r >= 0 && colAt(c) && !colAt(c)!.derived ? { table: table.id, row: rows[r].id, col: colAt(c)!.id } : undefined;
    opts.onPaste(clip, anchor);
  };
  document.addEventListener('paste', onPaste, true);

  // The page gives the table more or less room (window resized, a scroll bar came, the findings
  // panel folded): refit. Measured on the parent: Handsontable sizes its own container to the table.
  let lastWidth = room();
  const resized = new ResizeObserver(() => {
    const w = room();
    if (Math.abs(w - lastWidth) < 4) return;
    lastWidth = w;
    current = widths(w);
    // modifyColWidth reads the new widths; a render (not updateSettings) keeps an open editor open.
    hot.render();
  });
  resized.observe(container.parentElement ?? container);

  return {
    hot,
    paint,
    repaint() {
      paintedMarks = opts.marks();
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
    selectFirst() {
      for (let r = 0; r < rows.length; r++)
        for (let c = FIRST; c < CHECK; c++)
          if (keyAt(r, c)) {
            hot.selectCell(r, c, r, c, false);
            hot.listen();
            return;
          }
    },
    selectLast() {
      for (let r = rows.length - 1; r >= 0; r--)
        for (let c = CHECK - 1; c >= FIRST; c--)
          if (keyAt(r, c)) {
            hot.selectCell(r, c);
            hot.getCell(r, c)?.scrollIntoView({ block: 'nearest' });
            hot.listen();
            return;
          }
    },
    release() {
      hot.getActiveEditor()?.finishEditing(false);
      hot.deselectCell();
      hot.unlisten();
      container.closest<HTMLElement>('[tabindex]')?.focus();
    },
    commitEditor() {
      const editor = hot.getActiveEditor();
      if (editor?.isOpened()) hot.getActiveEditor()?.finishEditing(false);
    },
    destroy() {
      if (refit) (window.cancelIdleCallback ?? clearTimeout)(refit);
      if (heightCheck) cancelAnimationFrame(heightCheck);
      document.removeEventListener('paste', onPaste, true);
      document.removeEventListener('input', onInput, true);
      container.removeEventListener('keydown', onHostKey);
      container.removeEventListener('focusin', onCatcher, true);
      resized.disconnect();
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
