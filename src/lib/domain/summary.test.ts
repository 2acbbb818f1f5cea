// 汇总: the summary equals an independent sum of the units (property test), blank stays blank,
// counts and refused figures per cell, the same engine's findings, and the units behind them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from './relations';
import { templates } from '$lib/templates';
import { cacheOf, contributions, contributionsTo, contributionText, findingKey, summarise, summaryFromCache, unitFromKept, unitResult, type UnitReport } from './summary';
import { report2021 } from '../../../tests/fixtures/national-2021';
import { check } from './checks';
import { checkReport } from './report-check';
import { summaryOf } from '$lib/report-status';
import { gov2021, valuesOf as values } from '../../../tests/fixtures/values';

const gov2017 = templates.find((t) => t.id === 'gov-2017-county')!;

describe('汇总', () => {
  it('each cell is the sum of the units\' figures; blank in every unit stays blank; counts and refused text kept', () => {
    const units: UnitReport[] = [
      { id: 'a', unit: '甲局', values: values(gov2017, { 't1/8.1/v': '49', 't1/8.2/v': '12', 't1/8/v': '61' }) },
      { id: 'b', unit: '乙局', values: values(gov2017, { 't1/8.1/v': '1', 't1/8/v': 'abc' }) },
      { id: 'c', unit: '丙局', values: values(gov2017, {}) }
    ];
    const s = summarise(gov2017, units);
    expect(s.values.get('t1/8.1/v')).toEqual({ raw: '50', value: 50 });
    expect(s.values.get('t1/8/v')).toEqual({ raw: '61', value: 61 });
    expect(s.values.has('t1/9/v')).toBe(false);
    expect(s.counts.get('t1/8.1/v')).toBe(2);
    expect(s.counts.get('t1/8.2/v')).toBe(1);
    expect(s.refused.get('t1/8/v')).toEqual(['乙局']);
    expect(contributions(s, 't1/8.1/v').map((c) => [c.unit, c.value])).toEqual([['甲局', 49], ['乙局', 1], ['丙局', null]]);
  });

  it('a summary finding names the units whose own same finding causes it; a finding made by adding names none', () => {
    const units: UnitReport[] = [
      { id: 'a', unit: '甲局', values: values(gov2017, { 't1/8.1/v': '49', 't1/8.2/v': '12', 't1/8/v': '60' }) },
      { id: 'b', unit: '乙局', values: values(gov2017, { 't1/8.1/v': '1', 't1/8.2/v': '0', 't1/8/v': '1' }) }
    ];
    const s = summarise(gov2017, units);
    const f = s.result.findings.find((x) => x.subjectKey === 't1/8/v')!;
    expect(f.short).toBe('≠ 子项合计 62（差 -1）');
    expect(s.causes.get(findingKey(f))).toEqual(['甲局']);
    // Each unit leaves a different part blank, so neither is judged alone; their sum is wrong.
    const t = summarise(gov2017, [
      { id: 'a', unit: '甲局', values: values(gov2017, { 't1/8/v': '10', 't1/8.1/v': '8' }) },
      { id: 'b', unit: '乙局', values: values(gov2017, { 't1/8/v': '9', 't1/8.2/v': '8' }) }
    ]);
    expect(t.units.map((u) => u.errors)).toEqual([0, 0]);
    const g = t.result.findings.find((x) => x.subjectKey === 't1/8/v' && x.severity === 'error')!;
    expect(t.causes.get(findingKey(g))).toEqual([]);
  });

  it('a summary finding names every unit contributing to it, with its share and its own likely wrong figure', () => {
    // 甲县 leaves （七）总计 × 总计 blank (its details add up to 189); 乙县 types it 3 too few.
    const base = report2021();
    const units: UnitReport[] = [
      { id: 'a', unit: '甲县', values: values(gov2021, { ...base, 't3/3.7/total': '' }) },
      { id: 'b', unit: '乙县', values: values(gov2021, { ...base, 't3/3.7/total': String(Number(base['t3/3.7/total']) - 3) }) },
      { id: 'c', unit: '丙县', values: values(gov2021, base) }
    ];
    const s = summarise(gov2021, units);
    const f = s.result.findings.find((x) => x.id === 'sum:I3:t3/3.7/total')!;
    expect(f.difference).toBe(-192);
    const shares = contributionsTo(s, f)!;
    expect(shares.map((c) => [c.unit, c.amount])).toEqual([['甲县', -189], ['乙县', -3]]);
    expect(shares.map((c) => Math.round(c.share * 1000) / 1000)).toEqual([0.984, 0.016]);
    expect(shares[0].likely).toEqual([{ key: 't3/3.7/total', value: 189 }]);
    expect(shares[1].likely).toEqual([{ key: 't3/3.7/total', value: 189 }]);
    expect(contributionText(shares, compile(gov2021).names)).toBe('由 2 个单位造成：甲县 -189（98.4%，三（七）总计 × 总计 疑为 189）、乙县 -3（1.6%，三（七）总计 × 总计 疑为 189）');
    // Units erring both ways: no shares past 100 % or below 0, the amounts only.
    const both = [{ ...shares[0], amount: -4, share: 4 / 3, likely: [] }, { ...shares[1], amount: 1, share: -1 / 3, likely: [] }];
    // 甲县 left its 总计 blank: with no figure of its own named, that is what its part comes from.
    expect(shares.map((c) => c.blank)).toEqual([1, 0]);
    expect(contributionText(both, compile(gov2021).names)).toBe('由 2 个单位造成：甲县 -4（本项有 1 格未填）、乙县 +1');
    // While the units' figures are read (from the cache): not yet.
    expect(contributionsTo({ ...s, complete: false }, f)).toBeNull();
  });

  it('property: every cell of a random 2021 summary equals an independent sum of its units', () => {
    const keys = [...compile(gov2021).order.keys()];
    const unit = fc.dictionary(fc.constantFrom(...keys), fc.oneof(fc.integer({ min: 0, max: 5000 }).map(String), fc.constant('')), { maxKeys: 40 });
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 12 }), (list) => {
        const units = list.map((cells, i) => ({ id: String(i), unit: `单位${i}`, values: values(gov2021, Object.fromEntries(Object.entries(cells).filter(([, v]) => v !== ''))) }));
        const s = summarise(gov2021, units);
        for (const k of keys) {
          const figures = units.map((u) => u.values.get(k)?.value).filter((v): v is number => typeof v === 'number');
          if (!figures.length) expect(s.values.has(k)).toBe(false);
          else expect(s.values.get(k)!.value).toBe(figures.reduce((a, b) => a + b, 0));
        }
      }),
      { numRuns: 60 }
    );
  });

  it('property: a summary from the checks the reports keep is the summary from checking every unit again', () => {
    const keys = [...compile(gov2021).order.keys()];
    const unit = fc.dictionary(fc.constantFrom(...keys), fc.integer({ min: 0, max: 300 }).map(String), { maxKeys: 30 });
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 8 }), (list) => {
        const units = list.map((cells, i) => ({ id: String(i), unit: `单位${i}`, values: values(gov2021, cells) }));
        const fresh = summarise(gov2021, units);
        const kept = summarise(gov2021, [], units.map((u) => unitFromKept(u, summaryOf(gov2021, u.values, checkReport(gov2021, u.values)))!));
        expect(kept.causes).toEqual(fresh.causes);
        expect(kept.units.map((u) => [u.errors, u.warnings, u.blankTotals, u.filled])).toEqual(fresh.units.map((u) => [u.errors, u.warnings, u.blankTotals, u.filled]));
      }),
      { numRuns: 40 }
    );
    // A report kept before the findings were: not usable, it is checked again.
    expect(unitFromKept({ id: 'x', unit: 'x', values: new Map() }, { errors: 0, warnings: 0 })).toBeNull();
    expect(unitResult(gov2021, { id: 'x', unit: 'x', values: new Map() }).findingKeys.size).toBe(0);
  });

  it('a summary kept with the 汇总 shows the same sums, findings and causes; a member changed later or a member more makes it stale', () => {
    const units: UnitReport[] = [
      { id: 'a', unit: '甲局', values: values(gov2017, { 't1/8.1/v': '49', 't1/8.2/v': '12', 't1/8/v': '60', 't1/9/v': 'x' }) },
      { id: 'b', unit: '乙局', values: values(gov2017, { 't1/8.1/v': '1', 't1/8.2/v': '0', 't1/8/v': '1' }) }
    ];
    const full = summarise(gov2017, units);
    const cache = JSON.parse(JSON.stringify(cacheOf(full, 1000))); // as IndexedDB gives it back
    const bare = full.units.map((u) => ({ ...u, values: new Map(), updatedAt: 900 }));
    const shown = summaryFromCache(gov2017, cache, bare)!;
    expect(shown.complete).toBe(false);
    expect(full.complete).toBe(true);
    expect(shown.values).toEqual(full.values);
    expect(shown.counts).toEqual(full.counts);
    expect(shown.refused).toEqual(full.refused);
    expect(shown.result.findings).toEqual(full.result.findings);
    expect(shown.causes).toEqual(full.causes);
    expect(summaryFromCache(gov2017, cache, [bare[0], { ...bare[1], updatedAt: 1001 }])).toBeNull();
    expect(summaryFromCache(gov2017, cache, [...bare, { ...bare[0], id: 'c' }])).toBeNull();
    expect(summaryFromCache(gov2017, cache, [bare[1], bare[0]])).toBeNull();
  });
});
