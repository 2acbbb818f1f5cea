// What a key does in the grid: the decisions, on the built-in forms' layouts, without a DOM.
import { describe, expect, it } from 'vitest';
import { gov2017County } from '$lib/templates/gov-2017-county';
import { gov2021 } from '$lib/templates/gov-2021';
import { gridLayout } from './grid-layout';
import { firstInput, keyAction, keysIn, lastInput, nextInput, whyNoFigure, type KeyContext, type KeyPress } from './keys';

const t3 = gridLayout(gov2021.tables.find((t) => t.id === 't3')!);
const county = gridLayout(gov2017County.tables[0]);
const row = (g: typeof t3, id: string) => g.rows.findIndex((r) => r.id === id);
const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, ...mods });
const at = (r: number, c: number, more: Partial<KeyContext> = {}): KeyContext => ({ at: [r, c], single: true, editing: false, canLeave: true, ...more });

describe('Ctrl+Home and Ctrl+End', () => {
  it('go to the table\'s first and last figure, not its label corner; with Shift or while editing, Handsontable\'s own', () => {
    const somewhere = at(row(t3, '3.2'), t3.first + 2);
    expect(keyAction(t3, press('Home', { ctrlKey: true }), somewhere)).toEqual({ kind: 'move', to: firstInput(t3) });
    expect(keyAction(t3, press('End', { ctrlKey: true }), somewhere)).toEqual({ kind: 'move', to: lastInput(t3) });
    expect(keyAction(t3, press('Home', { ctrlKey: true, shiftKey: true }), somewhere)).toEqual({ kind: 'default' });
    expect(keyAction(t3, press('Home', { ctrlKey: true }), at(row(t3, '3.2'), t3.first, { editing: true }))).toEqual({ kind: 'default' });
  });
});

describe('nextInput', () => {
  it('Tab walks a 表三 row over 小计 to 总计, then on to the next row\'s first figure', () => {
    const r = row(t3, '3.1');
    const sub = t3.cols.findIndex((c) => c.derived) + t3.first;
    expect(nextInput(t3, r, sub - 1, 0, 1)).toEqual([r, sub + 1]);
    expect(nextInput(t3, r, t3.check - 1, 0, 1)).toEqual([row(t3, '3.2'), t3.first]);
    expect(nextInput(t3, r, t3.first, 0, -1)).toEqual([row(t3, '2'), t3.check - 2 + 1]);
  });

  it('Tab skips section and group rows, which take no figure', () => {
    expect(nextInput(t3, row(t3, '2'), t3.check - 1, 0, 1)).toEqual([row(t3, '3.1'), t3.first]);
    expect(nextInput(t3, row(t3, '3.2'), t3.check - 1, 0, 1)).toEqual([row(t3, '3.3.1'), t3.first]);
  });

  it('Enter goes down the column over sections; from a label, down the first figure column', () => {
    expect(nextInput(t3, row(t3, '2'), 2, 1, 0)).toEqual([row(t3, '3.1'), 2]);
    expect(nextInput(t3, row(t3, '3.1'), 2, -1, 0)).toEqual([row(t3, '2'), 2]);
    expect(nextInput(t3, row(t3, '3'), 0, 1, 0)).toEqual([row(t3, '3.1'), t3.first]);
  });

  it('stays put past the last figure and before the first', () => {
    const last = lastInput(t3)!;
    const first = firstInput(t3)!;
    expect(nextInput(t3, ...last, 0, 1)).toEqual(last);
    expect(nextInput(t3, ...last, 1, 0)).toEqual(last);
    expect(nextInput(t3, ...first, 0, -1)).toEqual(first);
    expect(first).toEqual([0, t3.first]);
  });
});

describe('keyAction', () => {
  it('Tab and Enter move to the next figure cell, editing or not', () => {
    const r = row(county, '8.1');
    expect(keyAction(county, press('Enter'), at(r, county.first, { editing: true }))).toEqual({ kind: 'move', to: [row(county, '8.2'), county.first] });
    expect(keyAction(county, press('Tab'), at(r, county.first))).toEqual({ kind: 'move', to: [row(county, '8.2'), county.first] });
    expect(keyAction(county, press('Enter', { shiftKey: true }), at(r, county.first))).toEqual({ kind: 'move', to: [row(county, '8'), county.first] });
  });

  it('past the table\'s last figure (Shift: before its first) the keyboard runs on to the next table', () => {
    expect(keyAction(t3, press('Tab'), at(...lastInput(t3)!))).toEqual({ kind: 'leave', to: 'next' });
    expect(keyAction(t3, press('Enter'), at(...lastInput(t3)!, { editing: true }))).toEqual({ kind: 'leave', to: 'next-table' });
    expect(keyAction(t3, press('Tab', { shiftKey: true }), at(...firstInput(t3)!))).toEqual({ kind: 'leave', to: 'prev' });
    // …unless no page listens: then it stays.
    expect(keyAction(t3, press('Tab'), at(...lastInput(t3)!, { canLeave: false }))).toEqual({ kind: 'stay' });
  });

  it('in 表四, whose fifteen figures are one row, Enter walks along the row (down would leave the table after its first figure)', () => {
    const t4 = gridLayout(gov2021.tables.find((t) => t.id === 't4')!);
    const [r, c] = firstInput(t4)!;
    expect(keyAction(t4, press('Enter'), at(r, c, { editing: true }))).toEqual({ kind: 'move', to: [r, c + 1] });
    expect(keyAction(t4, press('Enter', { shiftKey: true }), at(r, c + 1))).toEqual({ kind: 'move', to: [r, c] });
    expect(keyAction(t4, press('Enter'), at(...lastInput(t4)!))).toEqual({ kind: 'leave', to: 'next-table' });
    // A table of many rows: Enter still goes down the column.
    expect(keyAction(t3, press('Enter'), at(row(t3, '1'), t3.first))).toEqual({ kind: 'move', to: [row(t3, '2'), t3.first] });
  });

  it('Enter inside a selected block, or with no focused cell, is Handsontable\'s own', () => {
    expect(keyAction(t3, press('Enter'), at(2, 2, { single: false }))).toEqual({ kind: 'default' });
    expect(keyAction(t3, press('Tab'), { at: null, single: false, editing: false, canLeave: true })).toEqual({ kind: 'default' });
  });

  it('an Enter that confirms an input method\'s text is no move', () => {
    expect(keyAction(t3, press('Enter', { isComposing: true }), at(...lastInput(t3)!, { editing: true }))).toEqual({ kind: 'default' });
    expect(keyAction(t3, press('Enter', { keyCode: 229 }), at(2, 2, { editing: true }))).toEqual({ kind: 'default' });
  });

  it('Ctrl+Shift+PgDn / PgUp change table; Esc lets go unless an editor is open', () => {
    expect(keyAction(t3, press('PageDown', { ctrlKey: true, shiftKey: true }), at(2, 2, { editing: true }))).toEqual({ kind: 'leave', to: 'next-table' });
    expect(keyAction(t3, press('PageUp', { ctrlKey: true, shiftKey: true }), at(2, 2))).toEqual({ kind: 'leave', to: 'prev-table' });
    expect(keyAction(t3, press('Escape'), at(2, 2))).toEqual({ kind: 'leave', to: 'out' });
    expect(keyAction(t3, press('Escape'), at(2, 2, { editing: true }))).toEqual({ kind: 'default' });
  });

  it('a figure typed on a label, 小计 or 校验 is explained; on a figure cell it is typed', () => {
    const r = row(t3, '3.1');
    expect(keyAction(t3, press('7'), at(r, 0))).toEqual({ kind: 'notice', text: whyNoFigure(t3, r, 0) });
    expect(keyAction(t3, press('7'), at(r, t3.check))).toMatchObject({ kind: 'notice', text: expect.stringContaining('校验') });
    expect(keyAction(t3, press('7'), at(r, t3.cols.findIndex((c) => c.derived) + t3.first))).toMatchObject({ kind: 'notice', text: expect.stringContaining('自动相加') });
    expect(keyAction(t3, press('7'), at(r, t3.first))).toEqual({ kind: 'default' });
    expect(keyAction(t3, press('7'), at(r, 0, { editing: true }))).toEqual({ kind: 'default' });
  });

  it('Ctrl+Z / Ctrl+Y / Ctrl+Shift+Z are the session\'s, except inside an open editor', () => {
    expect(keyAction(t3, press('z', { ctrlKey: true }), at(2, 2))).toEqual({ kind: 'undo' });
    expect(keyAction(t3, press('y', { ctrlKey: true }), at(2, 2))).toEqual({ kind: 'redo' });
    expect(keyAction(t3, press('Z', { ctrlKey: true, shiftKey: true }), at(2, 2))).toEqual({ kind: 'redo' });
    expect(keyAction(t3, press('z', { ctrlKey: true }), at(2, 2, { editing: true }))).toEqual({ kind: 'default' });
    expect(keyAction(t3, press('c', { ctrlKey: true }), at(2, 2))).toEqual({ kind: 'default' });
  });

  it('Shift+F2 opens a figure cell\'s note; Delete clears through the session', () => {
    expect(keyAction(t3, press('F2', { shiftKey: true }), at(row(t3, '3.1'), t3.first))).toEqual({ kind: 'note' });
    expect(keyAction(t3, press('F2', { shiftKey: true }), at(row(t3, '3.1'), 0))).toEqual({ kind: 'default' });
    expect(keyAction(t3, press('Delete'), at(2, 2))).toEqual({ kind: 'clear' });
    expect(keyAction(t3, press('Backspace'), at(2, 2, { editing: true }))).toEqual({ kind: 'default' });
  });
});

describe('keysIn and whyNoFigure', () => {
  it('a block gives its figure cells once each, in any corner order', () => {
    const a = row(t3, '3.2');
    const b = row(t3, '3.3.1');
    const keys = keysIn(t3, [[b, t3.first + 1, a, 0], [a, t3.first, a, t3.first]]);
    expect(keys).toEqual(['t3/3.2/natural', 't3/3.2/biz', 't3/3.3.1/natural', 't3/3.3.1/biz']);
  });

  it('says where the figure goes instead', () => {
    expect(whyNoFigure(county, row(county, '8'), 0)).toMatch(/是指标名称，不能填写数字。请填在本行/);
    expect(whyNoFigure(t3, row(t3, '3.3'), t3.first)).toMatch(/分组标题/);
  });
});
