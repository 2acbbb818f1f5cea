// Where things sit in a table's grid and how wide its columns are, on the built-in forms.
import { describe, expect, it } from 'vitest';
import { gov2017County } from '$lib/templates/gov-2017-county';
import { gov2021 } from '$lib/templates/gov-2021';
import { columnWidths, cornerNote, gridLayout, headerRows, labelIndent, textWidth } from './grid-layout';

const table = (id: string) => gov2021.tables.find((t) => t.id === id)!;

describe('gridLayout', () => {
  const t3 = gridLayout(table('t3'));

  it('puts the figures between the label and 校验 (a unit column only where rows have units)', () => {
    expect([t3.first, t3.check]).toEqual([1, 9]);
    const county = gridLayout(gov2017County.tables[0]);
    expect(county.hasUnit).toBe(true);
    expect([county.first, county.check]).toEqual([2, 3]);
  });

  it('names a stored cell only where a figure is typed: not labels, 校验, sections, groups or derived subtotals', () => {
    const r = (id: string) => t3.rows.findIndex((x) => x.id === id);
    expect(t3.keyAt(r('3.1'), 1)).toBe('t3/3.1/natural');
    expect(t3.keyAt(r('3.1'), 0)).toBeNull(); // label
    expect(t3.keyAt(r('3.1'), t3.check)).toBeNull(); // 校验
    expect(t3.keyAt(r('3'), 1)).toBeNull(); // section
    expect(t3.keyAt(r('3.3'), 1)).toBeNull(); // group: its children's sum
    const sub = t3.cols.findIndex((c) => c.derived) + t3.first;
    expect(t3.keyAt(r('3.1'), sub)).toBeNull();
    expect(t3.derivedAt(r('3.1'), sub)).toBe(true);
    expect(t3.derivedAt(r('3.3'), 1)).toBe(true);
    expect(t3.derivedAt(r('3'), 1)).toBe(false);
  });

  it('finds a cell and a row back from their keys, and only its own table\'s', () => {
    const at = t3.coordsOf('t3/3.3.1/biz')!;
    expect(t3.keyAt(...at)).toBe('t3/3.3.1/biz');
    expect(t3.coordsOf('t2a/rules/issued')).toBeNull();
    expect(t3.coordsOf('t3/nope/biz')).toBeNull();
    expect(t3.rowOf('t3/3.3.1')).toBe(at[0]);
    expect(t3.rowOf('t2a/rules')).toBeUndefined();
    expect(t3.rows[t3.parents[at[0]]!].id).toBe('3.3');
  });

  it('gives one header row per level, each as wide as the grid', () => {
    const t4 = gridLayout(table('t4'));
    const rows = headerRows(t4);
    expect(rows).toHaveLength(t4.printed.levels);
    for (const row of rows) expect(row.reduce<number>((n, h) => n + (typeof h === 'string' ? 1 : h.colspan), 0)).toBe(t4.check + 1);
    expect(rows.at(-1)!.at(-1)).toBe('校验');
  });
});

describe('columnWidths', () => {
  it.each([
    ['t2a', 1000],
    ['t3', 1000],
    ['t4', 1000],
    ['t4', 1366],
    ['t3', 1366],
    // A 1366 px laptop at 125 % (1093 px) leaves ~810 px beside the findings.
    ['t4', 810],
    ['t3', 810]
  ])('%s in %i px: one width per grid column, and the table fits the room', (id, room) => {
    const g = gridLayout(table(id));
    const w = columnWidths(g, room);
    expect(w).toHaveLength(g.check + 1);
    expect(w.every((x) => x > 0)).toBe(true);
    expect(w.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(room);
  });

  it('never goes below 640 px, whatever the room (an unmeasured container reads 0)', () => {
    const g = gridLayout(table('t3'));
    expect(columnWidths(g, 0)).toEqual(columnWidths(g, 1000));
    expect(columnWidths(g, 300)).toEqual(columnWidths(g, 640));
  });

  it('keeps a figure column as wide as its header\'s text where there are few columns', () => {
    const g = gridLayout(gov2017County.tables[0]);
    const w = columnWidths(g, 1000);
    expect(w[1]).toBe(52); // 单位
    expect(w[2]).toBeGreaterThanOrEqual(g.printed.headers[0].text.length * 14 + 18);
  });

  // A label's lines at a column width, as the grid wraps Chinese (between any two characters).
  const lines = (label: string, level: number, width: number) => Math.ceil(textWidth(label) / (width - labelIndent(level) - 9));

  it.each([['t3', 1000], ['t3', 998], ['t4', 1000]])('%s in %i px (1366 px with the findings beside): every label in three lines or fewer, the 校验 column narrower than the labels', (id, room) => {
    const g = gridLayout(table(id));
    const w = columnWidths(g, room);
    for (const r of g.rows) expect(lines(r.label, r.level, w[0]), r.label).toBeLessThanOrEqual(3);
    expect(w.at(-1)!).toBeGreaterThanOrEqual(120);
    if (id === 't3') expect(w.at(-1)!).toBeLessThan(w[0]);
  });

  it('表三\'s labels fit in two lines when the room allows; 表四\'s one-word label column stays narrow', () => {
    const t3 = gridLayout(table('t3'));
    const w = columnWidths(t3, 1000);
    expect(Math.max(...t3.rows.map((r) => lines(r.label, r.level, w[0])))).toBe(2);
    expect(columnWidths(gridLayout(table('t4')), 1000)[0]).toBeLessThan(100);
  });
});

describe('cornerNote', () => {
  it('is 表三\'s 勾稽关系 note, and nothing for a plain header', () => {
    expect(cornerNote(table('t3'))).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(cornerNote(table('t2a'))).toBeNull();
  });
});
