// 汇总 across years: units that joined or left (by unit record, so a renamed unit is the same
// unit), each unit's carry-over against its own last year, and the like-for-like sums.
import { describe, expect, it } from 'vitest';
import { templates } from '$lib/templates';
import { summarise } from './summary';
import { compareCollections, type YearOfUnits } from './summary-history';
import { valuesOf as values } from '../../../tests/fixtures/values';

const f21 = templates.find((t) => t.id === 'gov-2021')!;
const f17 = templates.find((t) => t.id === 'gov-2017-county')!;

function year(y: number, id: string, units: { unit: string; unitId?: string; cells: Record<string, string> }[]): YearOfUnits {
  const us = units.map((u, i) => ({ id: `${id}-${i}`, unit: u.unit, unitId: u.unitId, values: values(f21, u.cells) }));
  return { year: y, template: f21, id, units: us, summary: summarise(f21, us) };
}

describe('汇总 across years', () => {
  it('names units added and dropped, matching a renamed unit by its record, and each unit whose carry-over breaks', () => {
    const prev = year(2022, 'p', [
      { unit: '甲局', unitId: 'u-a', cells: { 't3/4/natural': '3', 't3/4/total': '3' } },
      { unit: '旧名乙', unitId: 'u-b', cells: { 't3/4/natural': '2', 't3/4/total': '2' } },
      { unit: '丙局', unitId: 'u-c', cells: {} }
    ]);
    const cur = year(2023, 'c', [
      // 甲局 carries 3 over correctly; 乙 (renamed) carries 5 instead of 2.
      { unit: '甲局', unitId: 'u-a', cells: { 't3/2/natural': '3', 't3/2/total': '3' } },
      { unit: '新名乙', unitId: 'u-b', cells: { 't3/2/natural': '5', 't3/2/total': '5' } },
      { unit: '丁局', unitId: 'u-d', cells: { 't3/2/natural': '7', 't3/2/total': '7' } }
    ]);
    const c = compareCollections(prev, cur);
    expect(c.added).toEqual(['丁局']);
    expect(c.dropped).toEqual(['丙局']);
    expect(c.common).toBe(2);
    expect(c.units.map((u) => [u.unit, u.findings.map((f) => f.kind)])).toEqual([['新名乙', ['carry', 'carry']]]);
    const carry = c.units[0].findings.find((f) => f.subjectKey === 't3/2/total')!;
    expect([carry.expected, carry.actual]).toEqual([2, 5]);
    // Like for like (甲 and 乙): 8 carried over where last year left 5; 丁's 7 is not counted.
    const total = c.likeForLike.find((f) => f.subjectKey === 't3/2/total')!;
    expect([total.expected, total.actual]).toEqual([5, 8]);
    expect(c.series.years.map((y) => y.year)).toEqual([2022, 2023]);
  });

  it('without unit records units match by name; another form gives the figures only', () => {
    const prev = year(2022, 'p', [{ unit: '甲局', cells: { 't3/1/total': '4' } }]);
    const cur = year(2023, 'c', [{ unit: '甲局', unitId: 'u-a', cells: { 't3/1/total': '6' } }]);
    expect(compareCollections(prev, cur)).toMatchObject({ added: [], dropped: [], common: 1 });
    const old: YearOfUnits = { year: 2017, template: f17, id: 'o', units: [{ id: 'o1', unit: '甲局', values: values(f17, { 't1/3.1/v': '10' }) }], summary: summarise(f17, [{ id: 'o1', unit: '甲局', values: values(f17, { 't1/3.1/v': '10' }) }]) };
    const c = compareCollections(old, cur);
    expect(c.formsDiffer).toBe(true);
    expect(c.units).toEqual([]);
    expect(c.likeForLike).toEqual([]);
    expect(c.series.measures.find((m) => m.id === 'received')?.values).toEqual([10, 6]);
  });

  it('a unit with two reports in one year (both kept) counts once, with their sum', () => {
    const prev = year(2022, 'p', [{ unit: '甲局', unitId: 'u-a', cells: { 't3/4/natural': '3', 't3/4/total': '3' } }]);
    const cur = year(2023, 'c', [
      { unit: '甲局', unitId: 'u-a', cells: { 't3/2/natural': '1', 't3/2/total': '1' } },
      { unit: '甲局', unitId: 'u-a', cells: { 't3/2/natural': '2', 't3/2/total': '2' } }
    ]);
    const c = compareCollections(prev, cur);
    expect(c.common).toBe(1);
    // 1 + 2 carried over = last year's 3: no finding, neither for the unit nor like for like.
    expect(c.units).toEqual([]);
    expect(c.likeForLike.filter((f) => f.kind === 'carry')).toEqual([]);
    const wrong = compareCollections(prev, year(2023, 'c', [
      { unit: '甲局', unitId: 'u-a', cells: { 't3/2/natural': '3', 't3/2/total': '3' } },
      { unit: '甲局', unitId: 'u-a', cells: { 't3/2/natural': '3', 't3/2/total': '3' } }
    ]));
    const total = wrong.likeForLike.find((f) => f.subjectKey === 't3/2/total')!;
    expect([total.expected, total.actual]).toEqual([3, 6]);
    expect(wrong.units.map((u) => u.unit)).toEqual(['甲局']);
  });
});
