// The national format's identities on hand-computed matrices (docs/domain.md §2).
import { describe, expect, it } from 'vitest';
import { check } from '$lib/domain/checks';
import { makeEntry } from '$lib/domain/entry';
import { causeMarks } from '$lib/domain/marks';
import { causesFor } from '$lib/domain/report-check';
import { inputColumns, type CellEntry } from '$lib/domain/model';
import { compile } from '$lib/domain/relations';
import { gov2019 } from './gov-2019';
import { gov2021 as tpl } from './gov-2021';

const COLS = ['natural', 'biz', 'sci', 'pub', 'law', 'other'];

/** A consistent 表三: per column c (1-based), 新收 10c, 结转 c, results spread so that I1–I3 hold. */
function consistent(): Record<string, number> {
  const cells: Record<string, number> = {};
  const t3 = tpl.tables.find((t) => t.id === 't3')!;
  COLS.forEach((col, i) => {
    const n = i + 1;
    const details: Record<string, number> = { '3.1': 3 * n, '3.2': n, '3.3.1': n, '3.4.2': 2 * n, '3.5.2': n, '3.6.3': n };
    let total = 0;
    for (const r of t3.rows) if (r.kind === 'value' && r.id.startsWith('3.') && r.id !== '3.7') {
      cells[`t3/${r.id}/${col}`] = details[r.id] ?? 0;
      total += details[r.id] ?? 0;
    }
    cells[`t3/1/${col}`] = 10 * n;
    cells[`t3/2/${col}`] = n;
    cells[`t3/3.7/${col}`] = total;
    cells[`t3/4/${col}`] = 10 * n + n - total;
  });
  for (const r of t3.rows) if (r.kind === 'value') cells[`t3/${r.id}/total`] = COLS.reduce((s, c) => s + cells[`t3/${r.id}/${c}`], 0);
  return cells;
}

const entries = (cells: Record<string, number | string>, template = tpl) => {
  const v = new Map<string, CellEntry>();
  for (const [key, raw] of Object.entries(cells)) {
    const [table, row, col] = key.split('/');
    v.set(key, makeEntry(template, { table, row, col }, String(raw))!.entry);
  }
  return v;
};

describe('2021 表三', () => {
  it('a consistent matrix passes I1, I2 and I3', () => {
    const r = check(tpl, entries(consistent()));
    expect(r.findings).toEqual([]);
    expect(r.passed.has('t3/4/biz')).toBe(true); // I1
    expect(r.passed.has('t3/3.7/biz')).toBe(true); // I3
    expect(r.passed.has('t3/3.3.1/total')).toBe(true); // I2
  });

  it('one wrong cell breaks I2 in its row and I3 in its column; the localisation marks it, not the totals', () => {
    const cells = consistent();
    cells['t3/3.3.1/biz'] += 1;
    const r = check(tpl, entries(cells));
    // Column n holds 9n results: 商业企业 (n = 2) has 18 in （七）; the six columns 189.
    expect(r.findings.map((f) => [f.id, f.short])).toEqual([
      ['colsum:I2:t3/3.3.1/total', '≠ 各类申请人合计 22（差 -1）'],
      ['sum:I3:t3/3.7/biz', '≠ 明细合计 19（差 -1）']
    ]);
    expect(r.findings[1].name).toBe('表三 · 三（七）总计 × 商业企业');
    const marks = causeMarks(r, causesFor(tpl, entries(cells), r));
    expect(marks.cells.get('t3/3.3.1/biz')).toBe('culprit');
    expect(marks.cells.get('t3/3.3.1/total')).toBe('related');
    expect(marks.cells.get('t3/3.7/biz')).toBe('related');
    expect(marks.rows.get('t3/3.3.1')?.text).toMatch(/^商业企业：疑为 \d+（填了 \d+）/);
  });

  it('one wrong total breaks I1, I2 and I3 at once', () => {
    const cells = consistent();
    cells['t3/3.7/biz'] -= 1; // 35 for 36, as the example
    const r = check(tpl, entries(cells));
    expect(r.findings.map((f) => f.id).sort()).toEqual(['colsum:I2:t3/3.7/total', 'sum:I1:t3/4/biz', 'sum:I3:t3/3.7/biz'].sort());
    const i3 = r.findings.find((f) => f.id === 'sum:I3:t3/3.7/biz')!;
    expect(i3).toMatchObject({ expected: 18, actual: 17, difference: -1, short: '≠ 明细合计 18（差 -1）' });
    expect(causeMarks(r, causesFor(tpl, entries(cells), r)).cells.get('t3/3.7/biz')).toBe('culprit');
  });

  it('blank 总计 while its parts hold figures is a finding', () => {
    const cells: Record<string, number | string> = consistent();
    delete cells['t3/1/total'];
    const r = check(tpl, entries(cells));
    expect(r.findings.map((f) => [f.subjectKey, f.severity, f.short])).toEqual([
      ['t3/1/total', 'error', '未填（各类申请人合计 210）']
    ]);
  });

  it('groups have no cell, and their subtotal is not checked on its own', () => {
    expect(compile(tpl).refs.has('t3/3.3/biz')).toBe(false);
    expect(inputColumns(tpl.tables.find((t) => t.id === 't3')!.columns).map((c) => c.id)).toEqual([...COLS, 'total']);
  });
});

describe('2021 表四', () => {
  it('总计 = 维持 + 纠正 + 其他 + 尚未审结 in each block, named with the block', () => {
    const r = check(tpl, entries({ 't4/n/r.keep': 1, 't4/n/r.fix': 2, 't4/n/r.other': 0, 't4/n/r.pending': 1, 't4/n/r.total': 4, 't4/n/d.keep': 1, 't4/n/d.fix': 0, 't4/n/d.other': 0, 't4/n/d.pending': 0, 't4/n/d.total': 2 }));
    expect(r.findings.map((f) => [f.name, f.short])).toEqual([['表四 · 件数 × 行政诉讼·未经复议直接起诉·总计', '≠ 四项合计 1（差 +1）']]);
  });
});

describe('2019 trial format', () => {
  it('accepts a negative 本年增/减 and decimals in money, refuses them in counts', () => {
    const v = entries({ 't2b/permit/delta': '-8', 't2b/permit/prev': '3', 't2e/procurement/amount': '12.5', 't2e/procurement/count': '-1' }, gov2019);
    expect(v.get('t2b/permit/delta')?.value).toBe(-8);
    expect(v.get('t2e/procurement/amount')?.value).toBe(12.5);
    const r = check(gov2019, v);
    expect(r.findings.map((f) => [f.subjectKey, f.short])).toEqual([['t2e/procurement/count', '无法识别：不能为负数，应为非负整数']]);
  });

  it('has a single （六）其他处理 row in 表三', () => {
    const t3 = gov2019.tables.find((t) => t.id === 't3')!;
    expect(t3.rows.find((r) => r.id === '3.6')).toMatchObject({ kind: 'value', label: '（六）其他处理' });
    expect(t3.rows.some((r) => r.id.startsWith('3.6.'))).toBe(false);
  });
});

describe('cross-year (I5)', () => {
  const last = consistent();
  const lastValues = entries({ ...last, 't2a/rules/valid': 10, 't2a/norms/valid': 20 });

  it('warns where 上年结转 ≠ last year’s 结转下年度, and where 现行有效件数 does not continue', () => {
    const now = consistent();
    for (const c of [...COLS, 'total']) now[`t3/2/${c}`] = last[`t3/4/${c}`];
    now['t3/2/biz'] += 1;
    const r = check(tpl, entries({ ...now, 't2a/rules/issued': 3, 't2a/rules/repealed': 1, 't2a/rules/valid': 12, 't2a/norms/issued': 2, 't2a/norms/repealed': 0, 't2a/norms/valid': 25 }), lastValues);
    const yearly = r.findings.filter((f) => f.kind === 'carry' || f.kind === 'stock');
    expect(yearly.map((f) => [f.subjectKey, f.severity, f.short])).toEqual([
      ['t2a/norms/valid', 'warning', '≠ 去年现行有效件数 + 本年制发 − 本年废止 22（差 +3）'],
      ['t3/2/biz', 'warning', `≠ 去年“结转下年度继续办理” ${last['t3/4/biz']}（差 +1）`]
    ]);
  });

  it('warns when a whole table is identical to last year’s', () => {
    const r = check(tpl, lastValues, lastValues);
    expect(r.findings.filter((f) => f.kind === 'identical').map((f) => f.short)).toEqual([
      '表二（第二十条第（一）项）与去年的报表完全相同，请确认不是照抄去年的数字',
      '表三与去年的报表完全相同，请确认不是照抄去年的数字'
    ]);
  });
});

describe('表三 and 表四 count in 件', () => {
  it('"12件" is 12 there, with the unit said to be dropped; another unit is refused', () => {
    for (const template of [tpl, gov2019]) {
      const made = makeEntry(template, { table: 't3', row: '1', col: 'natural' }, '12件')!;
      expect(made.entry).toEqual({ raw: '12件', value: 12 });
      expect(made.figure).toMatchObject({ kind: 'number', value: 12 });
      expect(makeEntry(template, { table: 't4', row: 'n', col: 'r.keep' }, '3 件')!.entry.value).toBe(3);
      const wrong = makeEntry(template, { table: 't3', row: '1', col: 'natural' }, '12条')!;
      expect(wrong.entry.value).toBeNull();
      expect(wrong.figure).toMatchObject({ kind: 'invalid', reason: '单位「条」与本行单位「件」不符：请核对是否填在了本行（是本行的数就只填数字）' });
    }
  });
});

describe('表二 counts in the unit its headers say', () => {
  const value = (template: typeof tpl, key: string, raw: string) => {
    const [table, row, col] = key.split('/');
    return makeEntry(template, { table, row, col }, raw)!;
  };
  it('件数 columns take 件, the fees column takes 万元, 2019\'s 项目数量 takes 项; another unit is refused', () => {
    expect(value(tpl, 't2a/norms/issued', '12件').entry.value).toBe(12);
    expect(value(tpl, 't2b/permit/decisions', '1,234件').entry.value).toBe(1234);
    expect(value(tpl, 't2c/penalty/decisions', '85 件').entry.value).toBe(85);
    expect(value(tpl, 't2d/fees/fees', '3.5万元').entry.value).toBe(3.5);
    expect(value(gov2019, 't2a/rules/made', '2件').entry.value).toBe(2);
    expect(value(gov2019, 't2b/permit/delta', '-2项').entry.value).toBe(-2);
    expect(value(gov2019, 't2e/procurement/count', '7项').entry.value).toBe(7);
    expect(value(tpl, 't2a/norms/issued', '12条').figure).toMatchObject({ kind: 'invalid' });
    // 元 for 万元 is a conversion the clerk must make, never made silently.
    expect(value(tpl, 't2d/fees/fees', '35000元').figure).toMatchObject({ kind: 'invalid', reason: '单位「元」与本行单位「万元」不符，请换算后填写' });
  });
});
