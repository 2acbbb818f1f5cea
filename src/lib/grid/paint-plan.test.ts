// A session delta → what one table's grid writes and repaints: exactly the named cells and rows
// of this table, and the group rows above them (they show their children's sum).
import { describe, expect, it } from 'vitest';
import { gov2021 } from '$lib/templates/gov-2021';
import { gridLayout } from './grid-layout';
import { paintPlan } from './paint-plan';

const t3 = gridLayout(gov2021.tables.find((t) => t.id === 't3')!);
const row = (id: string) => t3.rows.findIndex((r) => r.id === id);

describe('paintPlan', () => {
  const shown = new Map([['t3/3.1/natural', '5'], ['t3/3.3.1/biz', '2']]);
  const text = (k: string) => shown.get(k) ?? '';

  it('writes only cells whose shown text differs, and repaints their rows', () => {
    const grid = (r: number, c: number) => (r === row('3.1') && c === 1 ? '5' : '');
    const plan = paintPlan(t3, ['t3/3.1/natural', 't3/3.3.1/biz'], [], text, grid);
    expect(plan.writes).toEqual([[row('3.3.1'), 2, '2']]);
    expect(plan.rows).toEqual([row('3.1'), row('3.3'), row('3.3.1')]);
  });

  it('repaints the rows the delta names (marks, 校验 texts) of this table only, top to bottom', () => {
    const plan = paintPlan(t3, [], ['t2a/rules', 't3/2', 't3/1', 't3/nope'], text, () => '');
    expect(plan).toEqual({ writes: [], rows: [row('1'), row('2')] });
  });

  it('a cell under a group repaints the group (its sum), a cell under a section does not repaint the section', () => {
    expect(paintPlan(t3, [], ['t3/3.3.8'], text, () => '').rows).toEqual([row('3.3'), row('3.3.8')]);
    expect(paintPlan(t3, [], ['t3/3.1'], text, () => '').rows).toEqual([row('3.1')]);
  });

  it('ignores other tables\' cells', () => {
    expect(paintPlan(t3, ['t2a/rules/issued'], [], () => '9', () => '')).toEqual({ writes: [], rows: [] });
  });
});
