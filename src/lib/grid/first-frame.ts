// The report's first frame: each table drawn as a plain HTML table with its figures and 校验
// texts while Handsontable (most of the report page's JavaScript) is still loading, so a report
// reads at once on a slow PC. It already takes the keyboard's first moves: a cell clicked (or
// reached with the arrows, Tab, Enter) is selected, figures typed into it are shown and, with
// Enter or Tab, handed raw to the session like the grid's own editor does. When the grid arrives
// it takes over where the person is (`handover`): the selected cell, and text typed but not yet
// committed, which the grid's editor opens with. No figure typed here is lost.
import { display } from '$lib/domain/entry';
import type { CellKey } from '$lib/domain/model';
import { cellText, checkClasses, rowClasses, valueClasses, type PaintSource } from './cell-text';
import { columnWidths, headerRows, labelIndent, type GridLayout } from './grid-layout';
import type { RawCell } from './input';
import { firstInput, stepFrom } from './keys';
import { paintPlan } from './paint-plan';
import { takeHeldKeys, type HeldKey } from '$lib/type-ahead';
import './grid.css';

export interface Handover {
  /** The cell selected in the first frame (grid coordinates). */
  at: [number, number];
  /** Text typed into it and not yet committed (the grid's editor opens with it), or null. */
  typing: string | null;
}

export interface FirstFrame {
  /** Where the person is, for the grid that replaces this frame; null when they did nothing here. */
  handover(): Handover | null;
  /** Repaints what a session delta names in this table (as the grid's paint): its cells' rows and the rows named. */
  paint(keys: Iterable<CellKey>, rows: Iterable<string>): void;
  destroy(): void;
}

export interface FirstFrameOptions {
  /** Select the first figure cell and take the keyboard (the report's first table, as the grid would). */
  selectFirst: boolean;
  onRaw(cells: RawCell[]): void;
  /** Something the person must be told (keys typed while the report opened that found no cell). */
  onNotice(text: string): void;
}

/** The event one table's first frame sends the next when Tab or Enter runs on past its last figure. */
const RUN_ON = 'first-frame-run-on';

/**
 * The keyboard runs on from a grid into a table still drawn as its first frame (grids arrive one
 * table per task): its first figure is selected. False when `host` holds no first frame.
 */
export function enterFirstFrame(host: Element): boolean {
  const frame = host.querySelector(':scope > .first-frame');
  frame?.dispatchEvent(new CustomEvent(RUN_ON, { detail: [] }));
  return Boolean(frame);
}

export function drawFirstFrame(host: HTMLElement, g: GridLayout, src: PaintSource, opts: FirstFrameOptions): FirstFrame {
  const room = (host.parentElement ?? host).clientWidth;
  const widths = columnWidths(g, room);
  const wrap = document.createElement('div');
  // .handsontable: grid.css's row and mark colours apply here as in the grid.
  wrap.className = 'first-frame handsontable';
  const table = document.createElement('table');
  const colgroup = table.appendChild(document.createElement('colgroup'));
  for (const w of widths) colgroup.appendChild(document.createElement('col')).style.width = `${w}px`;
  table.style.width = `${widths.reduce((a, b) => a + b, 0)}px`;
  const thead = table.appendChild(document.createElement('thead'));
  const headers = headerRows(g);
  for (const [level, row] of headers.entries()) {
    const tr = thead.appendChild(document.createElement('tr'));
    // The grid's header heights (table-grid.ts columnHeaderHeight): the swap does not move the rows.
    tr.style.height = `${level === headers.length - 1 ? 44 : 28}px`;
    for (const h of row) {
      const th = tr.appendChild(document.createElement('th'));
      th.textContent = typeof h === 'string' ? h : h.label;
      if (typeof h !== 'string') th.colSpan = h.colspan;
    }
  }
  const tbody = table.appendChild(document.createElement('tbody'));
  const cells: HTMLTableCellElement[][] = [];
  const rowKey = (r: number) => `${g.table.id}/${g.rows[r].id}`;

  const paintRow = (r: number) => {
    const row = g.rows[r];
    const rowClass = rowClasses(g, src, r);
    const tds = cells[r];
    tds[0].textContent = row.label;
    tds[0].className = ['cell-label', ...rowClass].join(' ');
    tds[0].style.paddingLeft = `${labelIndent(row.level)}px`;
    if (g.hasUnit) {
      tds[1].textContent = row.unit ?? '';
      tds[1].className = ['cell-unit', ...rowClass].join(' ');
    }
    for (let c = g.first; c < g.check; c++) {
      const td = tds[c];
      const key = g.keyAt(r, c);
      const classes = valueClasses(g, src, r, c);
      if (key) td.dataset.firstCell = key;
      const here = selected !== null && selected[0] === r && selected[1] === c;
      if (here) classes.push('ff-selected', ...(typing !== null ? ['ff-typing'] : []));
      td.className = classes.join(' ');
      td.textContent = here && typing !== null ? typing : cellText(g, src, r, g.colAt(c)!);
    }
    const check = tds[g.check];
    check.textContent = src.marks().rows.get(rowKey(r))?.text ?? '';
    check.className = checkClasses(g, src, r).join(' ');
    check.dataset.checkRow = row.id;
  };

  let selected: [number, number] | null = null;
  let typing: string | null = null;
  let touched = false;

  for (let r = 0; r < g.rows.length; r++) {
    const tr = tbody.appendChild(document.createElement('tr'));
    cells.push(Array.from({ length: g.check + 1 }, () => tr.appendChild(document.createElement('td'))));
  }
  for (let r = 0; r < g.rows.length; r++) paintRow(r);
  // The keyboard's target, as the grid's own hidden input: an input method's text lands here (a
  // composition has no key events to read) and is taken as typed into the selected cell.
  const input = wrap.appendChild(document.createElement('textarea'));
  input.className = 'ff-input';
  input.setAttribute('aria-label', '所选单元格的数字');
  input.tabIndex = -1;
  // The table joins the page after the input has taken the focus (below): focusing lays the page
  // out, and with the table in, the table was laid out there and again in the frame.
  host.appendChild(wrap);

  const select = (at: [number, number] | null) => {
    const before = selected;
    selected = at;
    typing = null;
    if (before) paintRow(before[0]);
    if (at) {
      paintRow(at[0]);
      cells[at[0]][at[1]].scrollIntoView({ block: 'nearest' });
    }
  };
  /** The text typed, to the session (which parses it, as from the grid's editor); the row repainted from what it holds. */
  const commit = () => {
    if (!selected || typing === null) return;
    const key = g.keyAt(selected[0], selected[1]);
    const raw = typing;
    typing = null;
    if (key) opts.onRaw([{ key, raw }]);
    paintRow(selected[0]);
  };

  const onMouseDown = (e: MouseEvent) => {
    const td = (e.target as HTMLElement).closest('td');
    if (!td) return;
    touched = true;
    commit();
    const r = cells.findIndex((row) => row.includes(td as HTMLTableCellElement));
    if (r >= 0) select([r, cells[r].indexOf(td as HTMLTableCellElement)]);
    // Not the click's own focus change (to the host): the input keeps the keyboard.
    e.preventDefault();
    input.focus({ preventScroll: true });
  };
  /** Text an input method committed (or any text that reached the input): typed into the selected cell. */
  const onInput = (e: Event) => {
    if ((e as InputEvent).isComposing) return;
    const text = input.value;
    input.value = '';
    if (!text || !selected || !g.keyAt(selected[0], selected[1])) return;
    touched = true;
    typing = (typing ?? '') + text;
    paintRow(selected[0]);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.isComposing || e.keyCode === 229 || e.ctrlKey || e.metaKey || e.altKey) return;
    if (!press(e)) return;
    e.preventDefault();
    e.stopPropagation();
  };
  /** A key in the first frame (typed here, or held while the report opened); whether it did something. */
  const press = (e: HeldKey): boolean => {
    if (!selected) return false;
    const [r, c] = selected;
    const key: CellKey | null = g.keyAt(r, c);
    touched = true;
    if (e.key.length === 1 && key) {
      typing = (typing ?? '') + e.key;
      paintRow(r);
    } else if (e.key === 'Backspace' && typing !== null) {
      typing = typing.slice(0, -1);
      paintRow(r);
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && key && display(src.entry(key)) !== '') {
      typing = '';
      commit();
    } else if (e.key === 'Escape' && typing !== null) {
      typing = null;
      paintRow(r);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      commit();
      const forward = !e.shiftKey;
      const to = stepFrom(g, e.key, r, c, forward);
      // Past the table's last figure: on to the next table's first frame, as the grid runs on.
      if (forward && to[0] === r && to[1] === c && key && runOn([])) return true;
      select(to);
    } else if (e.key.startsWith('Arrow') && typing === null) {
      const [dr, dc] = ({ ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] } as Record<string, number[]>)[e.key] ?? [0, 0];
      select([Math.min(g.rows.length - 1, Math.max(0, r + dr)), Math.min(g.check, Math.max(0, c + dc))]);
    } else return false;
    return true;
  };
  /**
   * Hands the keyboard (and `rest`, keys held while the report opened that are still to be
   * replayed) to the next table's first frame; false when there is none (the last table, or its
   * grid has already arrived).
   */
  function runOn(rest: HeldKey[]): boolean {
    const frames = [...document.querySelectorAll('.first-frame')];
    const next = frames[frames.indexOf(wrap) + 1];
    if (!next) return false;
    select(null);
    next.dispatchEvent(new CustomEvent(RUN_ON, { detail: rest }));
    return true;
  }
  /** Replays held keys; those left past the last table are said, never silently dropped. */
  function replay(keys: HeldKey[]) {
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const [r, c] = selected ?? [-1, -1];
      const end = selected && (k.key === 'Tab' || k.key === 'Enter') && !k.shiftKey && g.keyAt(r, c) && (() => {
        const to = stepFrom(g, k.key as 'Tab' | 'Enter', r, c, true);
        return to[0] === r && to[1] === c;
      })();
      if (end) {
        commit();
        if (runOn(keys.slice(i + 1))) return;
        const left = keys.slice(i + 1).filter((x) => x.key.length === 1).length;
        if (left) opts.onNotice(`打开报表时输入的 ${left} 个字符已到最后一张表的末尾，未填入任何格子，请核对。`);
        return;
      }
      press(k);
    }
  }
  const onRunOn = (e: Event) => {
    const at = firstInput(g);
    if (!at) return;
    select(at);
    input.focus({ preventScroll: true });
    replay((e as CustomEvent<HeldKey[]>).detail ?? []);
  };
  wrap.addEventListener(RUN_ON, onRunOn);

  // The page going away with a figure half typed: it is committed, as the grid's open editor is.
  const onHide = () => commit();
  wrap.addEventListener('mousedown', onMouseDown);
  input.addEventListener('input', onInput);
  input.addEventListener('compositionend', onInput);
  host.addEventListener('keydown', onKeyDown, true);
  window.addEventListener('pagehide', onHide);

  if (opts.selectFirst) {
    const at = firstInput(g);
    // Keys typed while the report was opening (type-ahead.ts) go on here, in order.
    const early = takeHeldKeys();
    if (at && (document.activeElement === document.body || !document.activeElement || early.length)) {
      selected = at;
      paintRow(at[0]);
      input.focus({ preventScroll: true });
      // Once the other tables' first frames are drawn too (they mount in the same flush, right
      // after this one): the held keys may run on into them. No key event comes in between.
      if (early.length) queueMicrotask(() => replay(early));
    }
  }
  wrap.insertBefore(table, input);

  return {
    paint(keys, rows) {
      // The first frame reads the session's figures as it paints: every row the plan names is redrawn.
      for (const r of paintPlan(g, keys, rows, () => '', () => '').rows) paintRow(r);
    },
    handover: () => (selected && (touched || host.contains(document.activeElement)) ? { at: selected, typing } : null),
    destroy() {
      wrap.removeEventListener('mousedown', onMouseDown);
      wrap.removeEventListener(RUN_ON, onRunOn);
      host.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('pagehide', onHide);
      wrap.remove();
    }
  };
}
