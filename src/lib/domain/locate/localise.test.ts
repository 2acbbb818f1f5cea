// Which figure is wrong: worked examples on the national and the 2017 forms, and the localisation
// held equal to a brute-force oracle (every set of up to k figures) on random small forms and on
// the national forms with up to three wrong figures.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../checks';
import type { CellEntry, RowDef, Template } from '../model';
import { causesFor } from '../report-check';
import { localise, type Localisation } from './localise';
import { typoOf } from './typos';
import { oracle } from '../../../../tests/fixtures/oracle';
import { report2021 } from '../../../../tests/fixtures/national-2021';
import { gov2021, seedValues, valuesOf } from '../../../../tests/fixtures/values';
import { gov2017County } from '$lib/templates/gov-2017-county';
import { realTables } from '../../../../tests/fixtures/real/load';
import { templates } from '$lib/templates';

const gov2019 = templates.find((t) => t.id === 'gov-2019')!;

/** The smallest sets over all groups (one from each), as cell keys: what the oracle finds globally. */
function globalSets(loc: Localisation): { cost: number; sets: string[][] } | null {
  let sets: string[][] = [[]];
  for (const g of loc.groups) {
    if (g.status !== 'located') return null;
    sets = sets.flatMap((s) => g.sets.map((t) => [...s, ...t.map((c) => c.key)]));
  }
  return { cost: sets[0].length, sets: sets.map((s) => s.sort()).sort() };
}

const sorted = (sets: string[][]) => sets.map((s) => [...s].sort()).sort();

function with2021(changes: Record<string, string>) {
  return valuesOf(gov2021, { ...report2021(), ...changes });
}

function causes2021(changes: Record<string, string>) {
  const values = with2021(changes);
  return causesFor(gov2021, values, check(gov2021, values));
}

describe('which figure is wrong, on the 2021 form', () => {
  it('a clean table needs no change', () => {
    expect(localise(gov2021, with2021({})).groups).toEqual([]);
  });

  it('一、本年新收 × 总计 typed 50: that total is named, 应为 its parts, and 四 × 总计 is not asked to change', () => {
    const base = report2021();
    const typed = String(Number(base['t3/1/total']) + 2);
    const causes = causes2021({ 't3/1/total': typed });
    expect(causes[0]).toMatchObject({ kind: 'figure', key: 't3/1/total' });
    expect(causes[0].options[0][0]).toMatchObject({ actual: Number(typed), value: Number(base['t3/1/total']) });
    expect(causes[0].short).toBe(`疑为 ${base['t3/1/total']}（填了 ${typed}）`);
    // One cause for the two relations it breaks (its row and I1 of the 总计 column).
    expect(causes.filter((c) => c.severity === 'error')).toHaveLength(1);
    expect(causes[0].findings.map((f) => f.subjectKey).sort()).toEqual(['t3/1/total', 't3/4/total']);
    expect(causes.some((c) => c.key === 't3/4/total')).toBe(false);
  });

  it("the domain notes' example: 科研机构 12 where the row's total and the column's （七）总计 say 0 → 科研机构 疑为 0", () => {
    const base = report2021();
    const causes = causes2021({ 't3/3.3.2/sci': '12' });
    expect(base['t3/3.3.2/sci']).toBe('0');
    expect(causes[0]).toMatchObject({ kind: 'figure', key: 't3/3.3.2/sci', short: '疑为 0（填了 12）' });
    expect(causes[0].message).toBe('表三 · 三（三）2.其他法律行政法规禁止公开 × 科研机构：疑为 0（填了 12）——本行总计和本列（七）总计因此都对不上');
    expect(causes[0].findings.map((f) => f.subjectKey).sort()).toEqual(['t3/3.3.2/total', 't3/3.7/sci']);
  });

  it('two digits swapped are said as such', () => {
    expect(typoOf(84, 48)).toBe('swap');
    expect(typoOf(1203, 1230)).toBe('swap');
    expect(typoOf(5, 50)).toBe('dropped');
    expect(typoOf(550, 50)).toBe('doubled');
    expect(typoOf(-7, 7)).toBe('sign');
    expect(typoOf(0, 12, true)).toBe('zero-total');
    expect(typoOf(0, 12, false)).toBeNull();
    expect(typoOf(13, 12)).toBeNull();
    expect(typoOf(1.5, 5.1)).toBeNull();
    const causes = causes2021({ 't3/3.1/total': '12', 't3/3.1/natural': '3' });
    expect(report2021()['t3/3.1/total']).toBe('63');
    // 63 typed as 12 is no slip; the localisation still names the figure with its value.
    expect(causes.filter((c) => c.severity === 'error').length).toBeGreaterThan(0);
  });

  it('a swap is preferred among equally small explanations (表四: any of five figures could be wrong)', () => {
    // 行政复议 维持 42 · 纠正 3 · 总计 27: the total is 45, or 维持 is 24 (its digits swapped); 纠正 cannot go below 0.
    const values = valuesOf(gov2021, { ...report2021(), 't4/n/r.keep': '42', 't4/n/r.fix': '3', 't4/n/r.other': '0', 't4/n/r.pending': '0', 't4/n/r.total': '27' });
    const causes = causesFor(gov2021, values, check(gov2021, values));
    expect(causes[0].kind).toBe('choice');
    expect(causes[0].options.map((o) => o.map((c) => c.key))).toEqual([['t4/n/r.keep'], ['t4/n/r.total']]);
    expect(causes[0].options[0][0]).toMatchObject({ key: 't4/n/r.keep', value: 24, typo: 'swap' });
  });

  it('a blank （七）总计 is one finding, with its value', () => {
    const base = report2021();
    const causes = causes2021({ 't3/3.7/total': '' });
    const errors = causes.filter((c) => c.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ kind: 'blank', key: 't3/3.7/total', short: `未填，应为 ${base['t3/3.7/total']}` });
    expect(errors[0].findings.length).toBe(2);
  });

  it('a whole 表三 typed one row off (a real table) is one finding, not a dozen', () => {
    const fx = realTables.find((t) => t.id === '2024-jiangsu-huaian-city')!;
    const rows = gov2021.tables.find((t) => t.id === 't3')!.rows.filter((r) => r.kind === 'value').map((r) => r.id);
    const shifted: Record<string, string> = {};
    // Each row's figures typed one row lower (row i holds row i−1's), the first row given zeros.
    for (const col of ['natural', 'biz', 'sci', 'pub', 'law', 'other', 'total']) rows.forEach((r, i) => (shifted[`t3/${r}/${col}`] = i === 0 ? '0' : fx.cells[`t3/${rows[i - 1]}/${col}`]));
    const values = valuesOf(gov2021, { ...fx.cells, ...shifted });
    const result = check(gov2021, values);
    expect(result.findings.filter((f) => f.severity === 'error').length).toBeGreaterThan(5);
    const errors = causesFor(gov2021, values, result).filter((c) => c.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ kind: 'shift' });
    expect(errors[0].short).toBe('从「表三 · 一、本年新收政府信息公开申请数量」到「表三 · 三（七）总计」的各行疑似整体错位：每个数字都填到了下一行');
  });

  it('one row of 表三 typed one column to the right (a real table) is a slip in that row, not a run of rows moved past it', () => {
    const fx = realTables.find((t) => t.id === '2024-jiangsu-huaian-city')!;
    const cols = ['natural', 'biz', 'sci', 'pub', 'law', 'other'];
    // 三（一）: 1288 21 0 0 50 3 → 0 1288 21 0 0 50 (总计 1362 as it was). A run of rows 三（一）…三（六）2
    // moved up also makes the table hold, by dropping this row's figures: it must not be the answer.
    for (const row of ['1', '3.1', '3.2']) {
      const shifted = Object.fromEntries(cols.map((c, k) => [`t3/${row}/${c}`, k === 0 ? '0' : fx.cells[`t3/${row}/${cols[k - 1]}`]]));
      const values = valuesOf(gov2021, { ...fx.cells, ...shifted });
      const errors = causesFor(gov2021, values, check(gov2021, values)).filter((c) => c.severity === 'error');
      expect(errors, row).toHaveLength(1);
      expect(errors[0].shift, row).toMatchObject({ table: 't3', axis: 'column', by: 1, rows: [row] });
      expect(errors[0].short, row).toContain('每个数字都填到了右边一栏');
    }
  });

  it('beyond six figures it says so instead of guessing', () => {
    const changes: Record<string, string> = {};
    ['3.1', '3.2', '3.3.1', '3.4.2', '3.5.2', '3.6.3', '1'].forEach((r, i) => (changes[`t3/${r}/natural`] = String(100 + 7 * i)));
    const causes = causes2021(changes);
    expect(causes[0]).toMatchObject({ kind: 'unlocated' });
    expect(causes[0].short).toMatch(/至少要改动 7 个数字/);
  });
});

describe('the seed report (2017 county form)', () => {
  it('names the same four problems, each once, and the figure behind each', () => {
    const values = seedValues();
    const causes = causesFor(gov2017County, values, check(gov2017County, values));
    expect(causes.map((c) => [c.kind, c.key])).toEqual([
      ['choice', 't1/1.1/v'],
      ['figure', 't1/2.2/v'],
      ['choice', 't1/3.3.4.q1/v'],
      ['blank', 't1/10/v']
    ]);
    // 二（二） holds 1 while its parts add up to 14: the header is the wrong figure (a digit dropped).
    expect(causes[1].short).toBe('疑为 14（填了 1，疑为漏了一位数字）');
    expect(causes[3].short).toBe('未填，应为 1500');
    // The channels fall 2 short of the total: the total, or any channel, could be the wrong figure.
    expect(causes[0].options[0][0]).toMatchObject({ key: 't1/1.1/v', min: 11946, max: 12052 });
    expect(causes[0].options).toHaveLength(6);
  });
});

/** A random consistent 2021 table (details, then every total worked out), as raw texts. */
const consistent2021 = fc
  .record({
    details: fc.array(fc.nat({ max: 6 }), { minLength: 22 * 6, maxLength: 22 * 6 }),
    carried: fc.array(fc.nat({ max: 4 }), { minLength: 6, maxLength: 6 }),
    forward: fc.array(fc.nat({ max: 4 }), { minLength: 6, maxLength: 6 }),
    t4: fc.array(fc.nat({ max: 5 }), { minLength: 12, maxLength: 12 })
  })
  .map(({ details, carried, forward, t4 }) => {
    const t3 = gov2021.tables.find((t) => t.id === 't3')!;
    const detailRows = t3.rows.filter((r) => r.kind === 'value' && r.id.startsWith('3.') && r.id !== '3.7').map((r) => r.id);
    const cols = ['natural', 'biz', 'sci', 'pub', 'law', 'other'];
    const cells: Record<string, number> = {};
    detailRows.forEach((r, i) => cols.forEach((c, j) => (cells[`t3/${r}/${c}`] = i % 3 === 0 ? details[i * 6 + j] : details[i * 6 + j] > 4 ? 1 : 0)));
    cols.forEach((c, j) => {
      const seven = detailRows.reduce((s, r) => s + cells[`t3/${r}/${c}`], 0);
      cells[`t3/3.7/${c}`] = seven;
      cells[`t3/4/${c}`] = forward[j];
      cells[`t3/2/${c}`] = Math.min(carried[j], seven + forward[j]);
      cells[`t3/1/${c}`] = seven + forward[j] - cells[`t3/2/${c}`];
    });
    for (const r of t3.rows) if (r.kind === 'value') cells[`t3/${r.id}/total`] = cols.reduce((s, c) => s + cells[`t3/${r.id}/${c}`], 0);
    ['r', 'd', 'a'].forEach((b, i) => {
      const v = t4.slice(i * 4, i * 4 + 4);
      ['keep', 'fix', 'other', 'pending'].forEach((k, j) => (cells[`t4/n/${b}.${k}`] = v[j]));
      cells[`t4/n/${b}.total`] = v.reduce((x, y) => x + y, 0);
    });
    return Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, String(v)]));
  });

const NATIONAL_KEYS = Object.keys(report2021()).filter((k) => k.startsWith('t3/') || k.startsWith('t4/'));

/** Up to n changes: a new value, two digits swapped, a blank, a zero. */
const changes = (n: number) =>
  fc.array(fc.record({ key: fc.constantFrom(...NATIONAL_KEYS), how: fc.constantFrom('value', 'swap', 'zero', 'blank'), value: fc.nat({ max: 60 }) }), { minLength: 1, maxLength: n });

function applyChanges(cells: Record<string, string>, list: { key: string; how: string; value: number }[]) {
  const out = { ...cells };
  for (const c of list) {
    const was = out[c.key] ?? '';
    out[c.key] = c.how === 'blank' ? '' : c.how === 'zero' ? '0' : c.how === 'swap' && was.length > 1 ? [...was].reverse().join('') : String(c.value);
  }
  return out;
}

describe('the localisation equals the brute-force oracle', () => {
  it('on the 2021 form with up to three wrong figures', () => {
    let compared = 0;
    fc.assert(
      fc.property(consistent2021, changes(3), (cells, list) => {
        const values = valuesOf(gov2021, applyChanges(cells, list));
        const loc = localise(gov2021, values);
        const got = globalSets(loc);
        const want = oracle(gov2021, values, 3);
        if (loc.groups.some((g) => g.status === 'shift')) return;
        if (want.cost === null) {
          expect(got === null || got.cost > 3).toBe(true);
          return;
        }
        compared++;
        expect(got).not.toBeNull();
        expect(got!.cost).toBe(want.cost);
        expect(got!.sets).toEqual(sorted(want.sets));
      }),
      { numRuns: 150 }
    );
    expect(compared).toBeGreaterThan(100);
  }, 120_000);

  it('on the 2019 form (one 其他处理 row, the trial 表二) with up to two wrong figures', () => {
    fc.assert(
      fc.property(consistent2021, changes(2), (cells, list) => {
        // The 2021 table's figures folded into the 2019 rows: （六） is one row, the sum of its three.
        const c19: Record<string, string> = {};
        for (const [k, v] of Object.entries(cells)) if (!/^t3\/3\.6\./.test(k)) c19[k] = v;
        for (const col of ['natural', 'biz', 'sci', 'pub', 'law', 'other', 'total']) c19[`t3/3.6/${col}`] = String([1, 2, 3].reduce((s, i) => s + Number(cells[`t3/3.6.${i}/${col}`]), 0));
        const values = valuesOf(gov2019, applyChanges(c19, list.filter((x) => !/^t3\/3\.6\./.test(x.key))));
        const loc = localise(gov2019, values);
        const want = oracle(gov2019, values, 2);
        if (want.cost === null || loc.groups.some((g) => g.status === 'shift')) return;
        const got = globalSets(loc)!;
        expect(got.cost).toBe(want.cost);
        expect(got.sets).toEqual(sorted(want.sets));
      }),
      { numRuns: 60 }
    );
  }, 120_000);

  /** A random small form: an outline of rows (sums, 其中, headers) × up to three columns with a 总计 column, and perhaps a ≤ and a same. */
  const smallForm = fc
    .record({
      rows: fc.array(fc.record({ up: fc.integer({ min: -2, max: 1 }), kind: fc.constantFrom('value', 'value', 'value', 'header'), part: fc.boolean(), exhaustive: fc.boolean() }), { minLength: 2, maxLength: 6 }),
      cols: fc.integer({ min: 1, max: 3 }),
      extra: fc.constantFrom('none', 'lte', 'same', 'cover')
    })
    .map(({ rows: specs, cols, extra }): Template => {
      let level = 0;
      const rows = specs.map((s, i): RowDef => {
        level = i === 0 ? 0 : Math.max(0, Math.min(level + s.up, level + 1));
        return { id: `r${i}`, level, label: `${i + 1}.行${i}`, unit: s.kind === 'value' ? '件' : undefined, kind: s.kind as RowDef['kind'], role: s.part && i > 0 ? 'part' : 'child', exhaustive: s.exhaustive };
      });
      const columns = cols === 1 ? [{ id: 'v', label: '数' }] : [...Array.from({ length: cols }, (_, i) => ({ id: `c${i}`, label: `栏${i}` })), { id: 'total', label: '总计' }];
      const relations: Template['tables'][number]['relations'] = cols > 1 ? [{ kind: 'colsum', id: 'cs', total: 'total', parts: columns.slice(0, -1).map((c) => c.id), what: '各栏合计' }] : [];
      const withCells = rows.filter((r) => r.kind !== 'section');
      if (extra === 'lte' && withCells.length > 1) relations.push({ kind: 'lte', id: 'le', row: withCells.at(-1)!.id, max: withCells[0].id });
      if (extra === 'same' && withCells.length > 1) relations.push({ kind: 'same', id: 'sm', row: withCells.at(-1)!.id, as: withCells[0].id });
      if (extra === 'cover' && withCells.length > 2) relations.push({ kind: 'cover', id: 'cv', total: withCells[0].id, channels: withCells.slice(1, 3).map((r) => r.id) });
      return { id: 'small', version: 1, name: 's', title: 's', source: 's', tables: [{ id: 't', title: 'T', labelHeader: '指标', columns, rows, relations }] };
    });

  it('on random small forms (sums, 其中, headers, column totals, ≤, same, channels; blanks), up to four wrong figures', () => {
    let compared = 0;
    fc.assert(
      fc.property(smallForm, fc.array(fc.oneof(fc.nat({ max: 9 }).map(String), fc.constant('')), { minLength: 24, maxLength: 24 }), (template, figs) => {
        const keys = [...check(template, new Map()).passed].length >= 0 ? template.tables[0].rows.filter((r) => r.kind !== 'section').flatMap((r) => template.tables[0].columns.map((c) => `t/${r.id}/${c.id}`)) : [];
        const raw: Record<string, string> = {};
        keys.forEach((k, i) => (raw[k] = figs[i % figs.length]));
        const values = valuesOf(template, raw) as Map<string, CellEntry>;
        const loc = localise(template, values);
        if (loc.groups.some((g) => g.status === 'shift')) return;
        const want = oracle(template, values, 4);
        const got = globalSets(loc);
        if (want.cost === null) {
          expect(got === null || got.cost > 4).toBe(true);
          return;
        }
        compared++;
        expect(got?.cost).toBe(want.cost);
        expect(got!.sets).toEqual(sorted(want.sets));
      }),
      { numRuns: 400 }
    );
    expect(compared).toBeGreaterThan(200);
  }, 120_000);
});
