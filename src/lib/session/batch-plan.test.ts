// What 添加单位文件 offers for each file and what each choice writes: a file of another year left
// out by default (and written as the 汇总's year when included), a unit already in the 汇总 kept
// by default, a unit with a report outside the 汇总 asked about (kept and joining by default), and
// the counts the write button says.
import { describe, expect, it } from 'vitest';
import type { ReportRecord } from '$lib/storage/reports';
import { countsOf, decisionsOf, knownUnits, planRow, type Read } from './batch-plan';
import { packFigures } from '$lib/sheets/packed-figures';

const read = (name: string, unit: string, year?: number): Read => ({
  ok: true,
  name,
  unit,
  unitFrom: 'file',
  ...(year !== undefined ? { year } : {}),
  count: 1,
  figures: packFigures([['t1/1.1/v', { raw: '3', value: 3 }]]),
  summary: { errors: 0, warnings: 0, filled: 1 }
});
const record = (id: string, unit: string): ReportRecord => ({ id, unit, year: 2022, templateId: 'gov-2021', templateVersion: 1, createdAt: 0, updatedAt: 0, summary: { errors: 0, warnings: 0, filled: 5 } });

const member = record('m1', '商河县');
const outside = record('o1', '济阳县');
const known = knownUnits(new Map([['商河县', member]]), new Map([['济阳县', outside]]));

describe('planRow', () => {
  it('a new unit of the 汇总 year: imported by default, can be left out', () => {
    const p = planRow(read('a.xlsx', '长清区', 2022), '长清区', 2022, known);
    expect(p).toMatchObject({ kind: 'new', choice: 'new', writes: true, joins: false, note: '' });
    expect(p.options.map((o) => o.value)).toEqual(['new', 'skip']);
    const left = planRow(read('a.xlsx', '长清区', 2022), '长清区', 2022, known, 'skip');
    expect(left).toMatchObject({ choice: 'skip', writes: false, joins: false });
  });

  it('a file whose title names no year is taken as the 汇总 year', () => {
    expect(planRow(read('a.xlsx', '长清区'), '长清区', 2022, known)).toMatchObject({ choice: 'new', writes: true, note: '' });
  });

  it('a file of another year: left out by default and says why; included, it is written as the 汇总 year and says so', () => {
    const p = planRow(read('财政局.xlsx', '长清区', 2021), '长清区', 2022, known);
    expect(p).toMatchObject({ kind: 'new', otherYear: 2021, choice: 'skip', writes: false, joins: false });
    expect(p.note).toBe('是 2021 年度的报表，本汇总为 2022 年度：默认不导入；如确属本年度（标题年份写错），可选择“导入”。');
    const inc = planRow(read('财政局.xlsx', '长清区', 2021), '长清区', 2022, known, 'new');
    expect(inc).toMatchObject({ choice: 'new', writes: true });
    expect(inc.note).toContain('将作为 2022 年度写入本汇总');
    expect(decisionsOf([{ read: read('财政局.xlsx', '长清区', 2021), unit: '长清区', plan: inc }])).toEqual([{ read: read('财政局.xlsx', '长清区', 2021), unit: '长清区', choice: 'new' }]);
  });

  it('a unit in the 汇总: kept by default (nothing written), replace or both as chosen', () => {
    const p = planRow(read('a.xlsx', '商河县', 2022), '商河县', 2022, known);
    expect(p).toMatchObject({ kind: 'member', choice: 'keep', writes: false, joins: false });
    expect(p.options.map((o) => o.value)).toEqual(['keep', 'replace', 'both']);
    expect(planRow(read('a.xlsx', '商河县', 2022), '商河县', 2022, known, 'replace')).toMatchObject({ choice: 'replace', writes: true });
    // Of another year: still kept by default, and the row says how to include it.
    expect(planRow(read('a.xlsx', '商河县', 2021), '商河县', 2022, known).note).toContain('可选择“用此文件替换”或“都保留”');
  });

  it('a unit with a report outside the 汇总: asked, by default that report kept and joining; left out entirely when of another year', () => {
    const p = planRow(read('a.xlsx', '济阳县', 2022), '济阳县', 2022, known);
    expect(p).toMatchObject({ kind: 'outside', choice: 'keep', writes: false, joins: true, known: { report: outside, member: false } });
    expect(p.options.map((o) => o.value)).toEqual(['keep', 'replace', 'both', 'skip']);
    const old = planRow(read('a.xlsx', '济阳县', 2021), '济阳县', 2022, known);
    expect(old).toMatchObject({ choice: 'skip', writes: false, joins: false });
    const skip = planRow(read('a.xlsx', '济阳县', 2022), '济阳县', 2022, known, 'skip');
    expect(skip.note).toBe('该单位已有的 2022 年度报表不加入本汇总，此文件也不导入。');
  });

  it('a choice that does not fit the row (its unit renamed) falls back to the default of the new kind', () => {
    expect(planRow(read('a.xlsx', '济阳县', 2022), '长清区', 2022, known, 'replace')).toMatchObject({ kind: 'new', choice: 'new' });
    expect(planRow(read('a.xlsx', '长清区', 2022), '商河县', 2022, known, 'skip')).toMatchObject({ kind: 'member', choice: 'keep' });
  });

  it('a name the 汇总 has is its member, even when a report outside has that name too', () => {
    const both = knownUnits(new Map([['商河县', member]]), new Map([['商河县', record('o2', '商河县')]]));
    expect(both.get('商河县')).toEqual({ report: member, member: true });
  });
});

describe('decisionsOf and countsOf', () => {
  it('what the rows write and add, and the counts the button says', () => {
    const rows = [
      ['new.xlsx', '长清区', 2022, undefined],
      ['old.xlsx', '历城区', 2021, undefined],
      ['m.xlsx', '商河县', 2022, 'replace'],
      ['m2.xlsx', '商河县', 2022, undefined],
      ['o.xlsx', '济阳县', 2022, undefined]
    ] as const;
    const planned = rows.map(([name, unit, year, chosen]) => ({ read: read(name, unit, year), unit, plan: planRow(read(name, unit, year), unit, 2022, known, chosen) }));
    expect(countsOf(planned.map((r) => r.plan))).toEqual({ write: 2, join: 1 });
    expect(decisionsOf(planned).map((d) => [d.read.name, d.choice, d.report])).toEqual([
      ['new.xlsx', 'new', undefined],
      ['m.xlsx', 'replace', 'm1'],
      ['o.xlsx', 'join', 'o1']
    ]);
    const replaceOutside = planRow(read('o.xlsx', '济阳县', 2022), '济阳县', 2022, known, 'replace');
    const bothOutside = planRow(read('o.xlsx', '济阳县', 2022), '济阳县', 2022, known, 'both');
    expect(decisionsOf([{ read: read('o.xlsx', '济阳县', 2022), unit: '济阳县', plan: replaceOutside }])[0]).toMatchObject({ choice: 'replace', report: 'o1' });
    expect(decisionsOf([{ read: read('o.xlsx', '济阳县', 2022), unit: '济阳县', plan: bothOutside }])[0]).toMatchObject({ choice: 'both', report: 'o1' });
  });
});
