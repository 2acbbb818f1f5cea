// What the person asks of the grid by key or context menu, carried out: keyAction (keys.ts)
// decides, this runs it against Handsontable and the page's callbacks.
import type Handsontable from 'handsontable/base';
import type { CellEntry, CellKey } from '$lib/domain/model';
import type { GridLayout } from './grid-layout';
import { activeCell, type RawCell } from './input';
import { keyAction, keysIn, type LeaveTo } from './keys';

export interface CommandHandlers {
  entry(key: CellKey): CellEntry | undefined;
  onRaw(cells: RawCell[]): void;
  onNotice(text: string): void;
  onCellInfo(key: CellKey, focus: 'note' | 'history'): void;
  onFillZeros(keys: CellKey[]): void;
  onUndo(): void;
  onRedo(): void;
  onLeave?(to: LeaveTo): void;
}

/** The selection as blocks [r1, c1, r2, c2]. */
const blocks = (hot: Handsontable): [number, number, number, number][] =>
  (hot.getSelectedRange() ?? []).map((range) => {
    const a = range.getTopStartCorner();
    const b = range.getBottomEndCorner();
    return [a.row ?? 0, a.col ?? 0, b.row ?? -1, b.col ?? -1];
  });

/** `grid`: the Handsontable instance, once made (its settings take these commands). */
/**
 * The key is ours: no default action, no other listener — and none of Handsontable's shortcuts,
 * which check their own flag, not the event's (helpers/dom/event isImmediatePropagationStopped):
 * without it an Enter that committed and moved here would move once more.
 */
function handled(e: KeyboardEvent) {
  e.preventDefault();
  e.stopImmediatePropagation();
  (e as KeyboardEvent & { isImmediatePropagationEnabled?: boolean }).isImmediatePropagationEnabled = false;
}

export function gridCommands(grid: () => Handsontable, g: GridLayout, on: CommandHandlers) {
  const selectedKey = () => {
    const at = activeCell(grid(), g);
    return at ? g.keyAt(at[0], at[1]) : null;
  };
  const cellInfo = (focus: 'note' | 'history') => {
    const key = selectedKey();
    if (key) on.onCellInfo(key, focus);
  };
  /** The blank cells that take a figure in the selected block(s). */
  const blanksSelected = () => keysIn(g, blocks(grid())).filter((k) => (on.entry(k)?.raw ?? '').trim() === '');
  const closeEditor = () => {
    const editor = grid().getActiveEditor();
    if (editor?.isOpened()) editor.finishEditing(false);
  };

  function beforeKeyDown(e: KeyboardEvent) {
    const hot = grid();
    const editing = Boolean(hot.getActiveEditor()?.isOpened());
    const range = hot.getSelectedRangeLast();
    const action = keyAction(g, e, { at: activeCell(hot, g), single: Boolean(range?.isSingle()), editing, canLeave: Boolean(on.onLeave) });
    if (action.kind === 'default') return;
    handled(e);
    switch (action.kind) {
      case 'move':
        // The figure typed is committed first (it goes to the session), then the selection moves:
        // in this keydown, so the next key typed already lands in the new cell.
        closeEditor();
        hot.selectCell(action.to[0], action.to[1]);
        return;
      case 'leave':
        closeEditor();
        on.onLeave?.(action.to);
        return;
      case 'stay':
        return;
      case 'notice':
        on.onNotice(action.text);
        return;
      case 'note':
        cellInfo('note');
        return;
      case 'clear': {
        const keys = keysIn(g, blocks(grid())).filter((k) => (on.entry(k)?.raw ?? '') !== '');
        if (keys.length) on.onRaw(keys.map((key) => ({ key, raw: '' })));
        return;
      }
      case 'undo':
        on.onUndo();
        return;
      case 'redo':
        on.onRedo();
        return;
    }
  }

  // Undo and redo are the session's (one step per batch, across tables, raw text kept).
  const contextMenu = {
    items: {
      sessionUndo: { name: '撤销', callback: () => on.onUndo() },
      sessionRedo: { name: '恢复', callback: () => on.onRedo() },
      sep0: { name: '---------' },
      fillZeros: { name: '空格填 0（所选区域）', disabled: () => !blanksSelected().length, callback: () => on.onFillZeros(blanksSelected()) },
      sep1: { name: '---------' },
      cellNote: { name: '批注…', disabled: () => !selectedKey(), callback: () => cellInfo('note') },
      cellHistory: { name: '修改记录…', disabled: () => !selectedKey(), callback: () => cellInfo('history') },
      sep: { name: '---------' },
      copy: {},
      cut: {}
    }
  };

  return { beforeKeyDown, contextMenu };
}
