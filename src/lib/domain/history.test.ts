import { describe, expect, it } from 'vitest';
import { compile } from './relations';
import { templates } from '$lib/templates';
import { yearSeries } from './history';
import { valuesOf as values } from '../../../tests/fixtures/values';
import { report2021 } from '../../../tests/fixtures/national-2021';

const form = (id: string) => templates.find((t) => t.id === id)!;

describe('历年对比', () => {
  it('every measure of every form names cells of that form', () => {
    for (const t of templates) {
      expect(t.measures?.length, t.id).toBeGreaterThan(0);
      const refs = compile(t).refs;
      for (const m of t.measures ?? []) for (const k of m.cells) expect(refs.has(k), `${t.id} ${m.id} ${k}`).toBe(true);
    }
  });

  it('lines a unit\'s years up across forms, sums a measure\'s cells, and leaves what a form lacks empty', () => {
    const f17 = form('gov-2017-county');
    const f21 = form('gov-2021');
    const s = yearSeries([
      { id: 'b', year: 2022, template: f21, values: values(f21, { 't3/1/total': '30', 't4/n/d.total': '2', 't4/n/a.total': '1', 't2a/norms/valid': '40' }) },
      { id: 'a', year: 2017, template: f17, values: values(f17, { 't1/3.1/v': '10', 't1/5/v': '4' }) }
    ]);
    expect(s.years.map((y) => y.year)).toEqual([2017, 2022]);
    const m = Object.fromEntries(s.measures.map((x) => [x.id, x.values]));
    expect(m.received).toEqual([10, 30]);
    expect(m.litigation).toEqual([4, 3]);
    expect(m.normsValid).toEqual([null, 40]);
    expect(m.review).toBeUndefined(); // blank in every year: not drawn
  });

  it('marks a year whose carry-over does not follow the year before (same form)', () => {
    const f21 = form('gov-2021');
    const s = yearSeries([
      { id: 'x', year: 2022, template: f21, values: values(f21, { 't3/4/natural': '3', 't3/4/total': '3' }) },
      { id: 'y', year: 2023, template: f21, values: values(f21, { 't3/2/natural': '5', 't3/2/total': '5' }) }
    ]);
    expect(s.years[0].crossYear).toEqual([]);
    expect(s.years[1].crossYear.map((f) => f.kind)).toContain('carry');
  });

  it('says which year\'s figure the localisation blames where a carry-over does not follow', () => {
    const f21 = form('gov-2021');
    const base = report2021();
    // 2022 types its 四 × 自然人 wrong (its own 一 + 二 − （七） and its row say 2); 2023 carries over the right 2.
    const s = yearSeries([
      { id: 'x', year: 2022, template: f21, values: values(f21, { ...base, 't3/4/natural': '5' }) },
      { id: 'y', year: 2023, template: f21, values: values(f21, { ...base, 't3/2/natural': base['t3/4/natural'], 't3/1/natural': String(Number(base['t3/1/natural']) + Number(base['t3/2/natural']) - Number(base['t3/4/natural'])), 't3/1/total': String(Number(base['t3/1/total']) + Number(base['t3/2/natural']) - Number(base['t3/4/natural'])), 't3/2/total': String(Number(base['t3/2/total']) - Number(base['t3/2/natural']) + Number(base['t3/4/natural'])) }) }
    ]);
    const i = s.years[1].crossYear.findIndex((f) => f.subjectKey === 't3/2/natural');
    expect(i).toBeGreaterThanOrEqual(0);
    expect(s.years[1].blame[i]).toBe(`2022年的四、结转下年度继续办理 × 自然人本身对不上：疑为 ${base['t3/4/natural']}（填了 5）`);
  });
});
