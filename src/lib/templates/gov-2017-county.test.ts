// The seed's own table: exactly the four inconsistencies of docs/domain.md §1, nothing else.
import { describe, expect, it } from 'vitest';
import { check } from '$lib/domain/checks';
import { makeEntry } from '$lib/domain/entry';
import type { CellEntry } from '$lib/domain/model';
import { gov2017County as tpl } from './gov-2017-county';
import { seed2017 } from '../../../tests/fixtures/seed-2017.js';
import { seedTable } from '../../../tests/fixtures/seed-table.js';

function seedValues(overrides: Record<string, string> = {}) {
  const values = new Map<string, CellEntry>();
  for (const [row, raw0] of seed2017) {
    const raw = overrides[row] ?? raw0;
    values.set(`t1/${row}/v`, makeEntry(tpl, { table: 't1', row, col: 'v' }, raw)!.entry);
  }
  return values;
}

describe('2017 template', () => {
  it('has a unique id per row and a unit on every value row', () => {
    const rows = tpl.tables[0].rows;
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    for (const r of rows) expect(Boolean(r.unit)).toBe(r.kind === 'value');
  });

  it('transcribes the seed: labels and figures in printed order', () => {
    const printed = seedTable();
    const rows = tpl.tables[0].rows;
    const figureOf = new Map(seed2017);
    expect(printed.length).toBe(rows.length);
    printed.forEach(([label, unit, figure], i) => {
      const row = rows[i];
      expect(label.replace(/\s/g, '')).toContain(row.label.replace(/\s/g, '').slice(0, 8));
      expect(unit).toBe(row.unit ?? '');
      if (row.kind !== 'section') expect(figure.trim()).toBe(figureOf.get(row.id));
    });
  });

  it('finds exactly the seed’s four inconsistencies', () => {
    const { findings } = check(tpl, seedValues());
    expect(findings.map((f) => ({ row: f.subject.row, kind: f.kind, severity: f.severity, expected: f.expected, actual: f.actual, short: f.short }))).toEqual([
      { row: '1.1', kind: 'cover', severity: 'error', expected: 12054, actual: 12052, short: '渠道合计 12052 < 总数 12054' },
      { row: '2.2', kind: 'header', severity: 'error', expected: 14, actual: 1, short: '≠ 子项合计 14（差 -13）' },
      { row: '3.3.4', kind: 'exhaustive', severity: 'error', expected: 0, actual: 3, short: '≠ 其中各项合计 0（差 +3）' },
      { row: '10', kind: 'sum', severity: 'error', expected: 1500, actual: null, short: '未填（子项合计 1500）' }
    ]);
    expect(findings.map((f) => f.name)).toEqual([
      '一（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）',
      '二（二）通过不同渠道和方式回应解读的情况',
      '三（三）4.不同意公开答复数',
      '十、查阅点接待人数'
    ]);
  });

  it('marks the relations that hold', () => {
    const { passed } = check(tpl, seedValues());
    for (const row of ['3.1', '3.3', '4', '8', '9', '11.2', '11.3']) expect(passed.has(`t1/${row}/v`)).toBe(true);
  });

  it('finds the fix: 1500 into 十 clears that finding and no other', () => {
    const { findings } = check(tpl, seedValues({ '10': '1500' }));
    expect(findings.map((f) => f.subject.row)).toEqual(['1.1', '2.2', '3.3.4']);
    expect(check(tpl, seedValues({ '10': '1500' })).passed.has('t1/10/v')).toBe(true);
  });

  it('does not compare 一（一） with its 其中 and 制发 rows', () => {
    const { findings } = check(tpl, seedValues({ '1.1.q1': '2', '1.1.m1': '500' }));
    expect(findings.filter((f) => f.subject.row.startsWith('1.1.'))).toEqual([]);
  });
});

describe('the seed\'s findings carry their facts as values', () => {
  it('relation, what actual is, expected and actual — nothing to read back from the wording', () => {
    const facts = check(tpl, seedValues()).findings.map((f) => [f.subject.row, f.kind, f.relation, f.actualIs, f.expected, f.actual]);
    expect(facts).toEqual([
      ['1.1', 'cover', '≥', 'sum', 12054, 12052], // the channels add up to fewer than the total
      ['2.2', 'header', '=', 'cell', 14, 1],
      ['3.3.4', 'exhaustive', '=', 'cell', 0, 3], // the reasons add up to 0, the row says 3
      ['10', 'sum', '=', 'cell', 1500, null] // blank while its parts add up to 1500
    ]);
  });

  it('a single channel above the total says so, as a channel', () => {
    const f = check(tpl, seedValues({ '1.2.2': '20000' })).findings.find((x) => x.subject.row === '1.2.2')!;
    expect([f.relation, f.actualIs, f.expected, f.actual]).toEqual(['≤', 'channel', 12054, 20000]);
  });
});
