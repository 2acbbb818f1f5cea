// "比上年增加 12 件，增长 26.1%" against last year's report: each wording on small constructed
// sentences, what is left alone (no last year, a subject that is not plain, an estimate), and that
// nothing changes without last year's report.
import { describe, expect, it } from 'vitest';
import { proseStatements, type Statement } from './statements';
import { readComparison, reportYear } from './change';
import { gov2021, valuesOf } from '../../../../tests/fixtures/values';

const now = valuesOf(gov2021, { 't3/1/total': '58', 't3/2/total': '2', 't3/3.7/total': '55', 't3/4/total': '5', 't4/n/r.total': '3', 't4/n/d.total': '1', 't4/n/a.total': '0', 't2a/norms/issued': '12' });
const then = valuesOf(gov2021, { 't3/1/total': '46', 't3/2/total': '0', 't3/3.7/total': '44', 't3/4/total': '2', 't4/n/r.total': '5', 't4/n/d.total': '1', 't4/n/a.total': '0', 't2a/norms/issued': '12' });

const changes = (text: string, previous = then, values = now) => proseStatements(gov2021, values, text, previous).filter((s) => s.op === 'change');
const one = (text: string, previous = then, values = now): Statement => {
  const found = changes(text, previous, values);
  expect(found, text).toHaveLength(1);
  return found[0];
};

describe('comparisons with last year, each wording', () => {
  it('比上年增加 N 件 and 增长 N%: this year − last year', () => {
    const text = '本年度共受理政府信息公开申请58件，比上年增加12件，增长26.1%。';
    const [n, p] = changes(text);
    expect(n).toMatchObject({ raw: '12', op: 'change', cells: ['t3/1/total'], table: 12, verdict: 'agrees', measure: 'receive-change', change: { direction: 'more', percent: false, previous: 46, current: 58, difference: 12 } });
    expect(n.change!.detail).toBe('上年 46 件，本年 58 件，增加 12 件（增长 26.09%）');
    expect(p).toMatchObject({ raw: '26.1', unit: '%', table: 26.09, verdict: 'agrees', change: { direction: 'more', percent: true } });
    // The year's own figure is still judged as before.
    expect(proseStatements(gov2021, now, text, then).find((s) => s.op === 'equals')).toMatchObject({ figure: 58, verdict: 'agrees' });
  });

  it('a wrong difference, a wrong rate and a wrong direction disagree', () => {
    expect(one('受理政府信息公开申请58件，比上年增加10件。')).toMatchObject({ table: 12, verdict: 'disagrees' });
    expect(one('受理政府信息公开申请58件，同比增长30%。')).toMatchObject({ table: 26.09, verdict: 'disagrees' });
    expect(one('受理政府信息公开申请58件，较上年减少12件。')).toMatchObject({ table: -12, verdict: 'disagrees', change: { difference: 12 } });
    expect(one('受理政府信息公开申请58件，同比下降26.1%。')).toMatchObject({ table: -26.09, verdict: 'disagrees' });
  });

  it('减少/下降/回落 N: last year − this year; a rate rounded or cut to the printed decimals', () => {
    expect(one('发生政府信息公开行政复议3件，比上年减少2件。')).toMatchObject({ cells: ['t4/n/r.total'], table: 2, verdict: 'agrees', change: { direction: 'less', previous: 5, current: 3 } });
    expect(one('发生政府信息公开行政复议3件，同比下降40%。')).toMatchObject({ table: 40, verdict: 'agrees' });
    // 12/46 = 26.087 %: 26.08 (cut) and 26.09 (rounded) both agree, 26 too.
    for (const r of ['26', '26.1', '26.08', '26.09']) expect(one(`受理政府信息公开申请58件，比上年增长${r}%。`).verdict, r).toBe('agrees');
  });

  it('other words: 较去年回落, 比上年多/少, 增加了, 增幅为, 与上年相比，增加', () => {
    expect(one('共受理政府信息公开申请58件，申请数量较去年回落12.1%。', valuesOf(gov2021, { 't3/1/total': '66' }))).toMatchObject({ verdict: 'agrees', table: 12.12, change: { direction: 'less' } });
    expect(one('受理政府信息公开申请58件，比上年多12件。').verdict).toBe('agrees');
    expect(one('受理政府信息公开申请58件，比上年少12件。').verdict).toBe('disagrees');
    expect(one('受理政府信息公开申请58件，比上年增加了12件。').verdict).toBe('agrees');
    expect(one('受理政府信息公开申请58件，同比增幅为26.1%。').verdict).toBe('agrees');
    expect(one('受理政府信息公开申请58件，与上年相比，增加12件。').verdict).toBe('agrees');
    expect(one('受理政府信息公开申请58件，与去年同期相比增加12件。').verdict).toBe('agrees');
    expect(one('受理政府信息公开申请58件，较上一年度上升12件。').verdict).toBe('agrees');
  });

  it('a subject named in the comparison itself', () => {
    expect(one('本年度受理政府信息公开申请比上年增加12件。')).toMatchObject({ cells: ['t3/1/total'], verdict: 'agrees' });
    expect(one('政府信息公开行政复议案件比上年减少2件。')).toMatchObject({ cells: ['t4/n/r.total'], verdict: 'agrees' });
    expect(one('本年度，办结政府信息公开申请比上年增加11件。')).toMatchObject({ cells: ['t3/3.7/total'], verdict: 'agrees' });
  });

  it('持平: this year equals last year', () => {
    expect(one('本年制发行政规范性文件12件，与上年持平。')).toMatchObject({ raw: '0', cells: ['t2a/norms/issued'], table: 0, verdict: 'agrees', change: { direction: 'same', previous: 12, current: 12 } });
    expect(one('受理政府信息公开申请58件，与上年持平。')).toMatchObject({ table: 12, verdict: 'disagrees', change: { direction: 'same', difference: 12 } });
    expect(one('受理政府信息公开申请58件，同比持平。').verdict).toBe('disagrees');
    // 基本持平 is an estimate.
    expect(changes('受理政府信息公开申请58件，与上年基本持平。')).toEqual([]);
  });

  it('由上年的 46 件增加到 58 件: last year\'s figure against last year\'s report, this year\'s against this year\'s', () => {
    const all = proseStatements(gov2021, now, '受理政府信息公开申请由上年的46件增加到58件，增长26.1%。', then);
    expect(all.map((s) => [s.raw, s.op, s.verdict, s.table])).toEqual([['46', 'change', 'agrees', 46], ['58', 'equals', 'agrees', 58], ['26.1', 'change', 'agrees', 26.09]]);
    expect(all[0]).toMatchObject({ name: '上年本年新收政府信息公开申请数量', change: { direction: 'was', previous: 46 } });
    const wrong = proseStatements(gov2021, now, '受理政府信息公开申请由上年的40件增加到58件。', then);
    expect(wrong.map((s) => [s.raw, s.verdict])).toEqual([['40', 'disagrees'], ['58', 'agrees']]);
    // Without last year's report, this year's figure is still read and last year's is not.
    expect(proseStatements(gov2021, now, '受理政府信息公开申请由上年的40件增加到60件。').map((s) => [s.raw, s.verdict])).toEqual([['60', 'disagrees']]);
    // 由 46 件 (no year said) is a starting point, never this year's count (and 58 after 增至 has no words of its own).
    expect(proseStatements(gov2021, now, '受理政府信息公开申请由46件增至58件。')).toEqual([]);
  });

  it('a year by number: only last year\'s', () => {
    const head = '2023年政府信息公开工作年度报告\n';
    expect(one(`${head}2023年，共受理政府信息公开申请58件，申请数量较2022年上升26.1%。`).verdict).toBe('agrees');
    expect(changes(`${head}2023年，共受理政府信息公开申请58件，申请数量较2021年上升26.1%。`)).toEqual([]);
    // The report's year unknown: a year by number is not read.
    expect(changes('共受理政府信息公开申请58件，申请数量较2022年上升26.1%。')).toEqual([]);
  });
});

describe('comparisons left alone or not told', () => {
  it('without last year\'s report nothing is listed, and the rest is unchanged', () => {
    const text = '本年度共受理政府信息公开申请58件，比上年增加10件，增长30%；办结55件，与上年持平。';
    const without = proseStatements(gov2021, now, text);
    expect(without.map((s) => [s.raw, s.op])).toEqual([['58', 'equals'], ['55', 'equals']]);
    expect(proseStatements(gov2021, now, text, then).filter((s) => s.op !== 'change')).toEqual(without);
  });

  it('last year\'s cells blank (or this year\'s): cannot tell', () => {
    const blank = valuesOf(gov2021, { 't3/3.7/total': '44' });
    expect(one('受理政府信息公开申请58件，比上年增加12件。', blank)).toMatchObject({ table: null, verdict: 'cannot-tell', change: { previous: null, current: 58, difference: null, detail: '上年报告中未填' } });
    expect(one('受理政府信息公开申请58件，比上年增加12件。', then, valuesOf(gov2021, {}))).toMatchObject({ verdict: 'cannot-tell', change: { detail: '本年表中未填' } });
    // A rate of a year with none: cannot tell.
    expect(one('受理政府信息公开申请58件，比上年增长100%。', valuesOf(gov2021, { 't3/1/total': '0' }))).toMatchObject({ table: null, verdict: 'cannot-tell' });
  });

  it('a subject that is not plain is never judged', () => {
    const none = (text: string) => expect(changes(text), text).toEqual([]);
    // Information items, not applications.
    none('主动公开政府信息2428条，比上年增加300条。');
    // Two measures named at once.
    none('政府信息公开行政复议和行政诉讼案件比上年减少2件。');
    // A part (其中) right before: the whole or the part?
    none('受理政府信息公开申请58件，其中自然人申请50件，比上年增加12件。');
    // 申请数量 after a figure that is not the applications received.
    none('办结政府信息公开申请55件，申请数量较去年增加11件。');
    // A figure the tables do not hold right before.
    none('召开新闻发布会8场，受理咨询30件，比上年增加5件。');
    // No word of last year: 增长 alone is not read.
    none('受理政府信息公开申请58件，增长26.1%。');
    // …nor read as a count (行政复议 2).
    expect(proseStatements(gov2021, now, '发生政府信息公开行政复议案件降低2件。', then)).toEqual([]);
    expect(proseStatements(gov2021, now, '发生政府信息公开行政复议案件回落2件。')).toEqual([]);
    // Estimates, percentage points, 环比, 倍.
    none('受理政府信息公开申请58件，比上年增加约12件。');
    none('受理政府信息公开申请58件，比上年增加12件左右。');
    none('受理政府信息公开申请58件，比上年增长近三成。');
    none('办结率100%，比上年提高5个百分点。');
    none('受理政府信息公开申请58件，环比增加12件。');
    none('受理政府信息公开申请58件，是上年的1.26倍。');
    // A new sentence: nothing to refer to.
    none('受理政府信息公开申请58件。比上年增加12件。');
  });

  it('reads the words of a comparison', () => {
    expect(readComparison('，比上年增加', '', '件', '12', null)).toEqual({ kind: 'change', subject: '', explicit: true, direction: 'more' });
    expect(readComparison('，申请数量较去年回落', '', '%', '12.3', null)).toMatchObject({ subject: '申请数量', direction: 'less' });
    expect(readComparison('，增长', '', '%', '26.1', null)).toMatchObject({ explicit: false });
    expect(readComparison('受理申请由上年的', '', '件', '46', null)).toEqual({ kind: 'was', subject: '受理申请' });
    expect(readComparison('增加到', '', '件', '58', null)).toEqual({ kind: 'to' });
    expect(readComparison('，比上年增加', '个百分点', '个', '5', null)).toBeNull();
    expect(reportYear('洪泽区人民政府\n2023 年政府信息公开工作年度报告\n…统计期限自 2023 年 1 月 1 日起')).toBe(2023);
    expect(reportYear('2023年政府信息公开工作年度报告…统计期限自2022年1月1日起')).toBeNull();
  });
});
