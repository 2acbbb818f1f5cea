import { describe, expect, it } from 'vitest';
import { gov2017County as tpl } from '$lib/templates/gov-2017-county';
import { check } from './checks';
import { mapToForm } from './form-map';
import { planValues } from './mapping';
import { pasteReport, pasteSummary } from './paste-report';
import { seedTable } from '../../../tests/fixtures/seed-table.js';
import { seed2017 } from '../../../tests/fixtures/seed-2017.js';

const table = tpl.tables[0];
const valuesOf = (block: string[][], anchor?: { row: string; col: string }) => {
  const plan = anchor ? planValues(tpl, table.id, block, anchor) : mapToForm(tpl, [{ name: '粘贴', rows: block }]);
  const report = pasteReport(plan);
  return { plan, report, values: new Map(report.entries.map((e) => [e.key, e.entry])) };
};
const SEED_ROWS = seed2017.map(([row]) => row);

describe('labelled blocks map by label', () => {
  it('maps the seed table as printed (Word: wrapped labels, full-width indents) and finds its four findings', () => {
    const { plan, report, values } = valuesOf(seedTable());
    expect(plan.mode).toBe('labels');
    expect(plan.unmatched).toEqual([]);
    expect(plan.missing).toEqual([]);
    for (const [row, raw] of seed2017) expect(values.get(`t1/${row}/v`)?.raw ?? '').toBe(raw);
    expect(check(tpl, values).findings.map((f) => f.subject.row)).toEqual(['1.1', '2.2', '3.3.4', '10']);
    expect(pasteSummary(report)).toBe(`填入 ${seed2017.filter(([, r]) => r).length} 格，2 格为空`);
  });

  it('uses a header row to find the figure column, wherever it is', () => {
    const block = [['单位', '统计指标', '备注', '统计数'], ['件', '四、行政复议数量', '', '7'], ['件', '（一）维持具体行政行为数', 'x', '1']];
    const { values, plan } = valuesOf(block);
    expect(values.get('t1/4/v')?.value).toBe(7);
    expect(values.get('t1/4.1/v')?.value).toBe(1);
    expect(plan.unmatched).toEqual([]);
  });

  it('matches other numbering styles and half-width brackets, and keeps order for repeated labels', () => {
    const block = [
      ['九、设置政府信息查阅点数', '个', '61'],
      ['(一)本级政府及其部门', '个', '49'],
      ['(二)乡镇政府(街道办事处)', '个', '12'],
      ['十、查阅点接待人数', '次', ''],
      ['1、本级政府及其部门', '次', '500'],
      ['2、乡镇政府（街道办事处）', '次', '1000']
    ];
    const { values } = valuesOf(block);
    expect(values.get('t1/9.1/v')?.value).toBe(49);
    expect(values.get('t1/10.1/v')?.value).toBe(500);
    expect(values.get('t1/10.2/v')?.value).toBe(1000);
    expect(values.get('t1/10/v')?.raw).toBe('');
  });

  it('joins a label Word wrapped onto the next line, and a note line carrying the figures', () => {
    const block = [
      ['（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维', '', ''],
      ['护等方面的经费）', '万元', '3.5'],
      ['（一）主动公开政府信息数', '', ''],
      ['（不同渠道和方式公开相同信息计1条）', '条', '12054']
    ];
    const { values, plan } = valuesOf(block);
    expect(values.get('t1/11.4/v')?.value).toBe(3.5);
    expect(values.get('t1/1.1/v')?.value).toBe(12054);
    expect(plan.unmatched).toEqual([]);
  });

  it('reports rows that match nothing and rows that got nothing', () => {
    const { plan, report } = valuesOf([['四、行政复议数量', '件', '7'], ['合计', '件', '99'], ['不存在的指标', '', '']]);
    // A labelled row without figures is no loss: only rows carrying figures are listed.
    expect(plan.unmatched).toEqual([{ text: '合计', values: ['99'] }]);
    expect(report.missing).toContain('十、查阅点接待人数');
    expect(report.missing).toHaveLength(SEED_ROWS.length - 1);
  });

  it('refuses a unit that disagrees with the row, keeping the raw text', () => {
    const { report, values } = valuesOf([['（四）政府信息公开专项经费', '元', '251000']]);
    expect(values.get('t1/11.4/v')).toEqual({ raw: '251000元', value: null });
    expect(report.refused[0]).toMatchObject({ raw: '251000元', reason: expect.stringContaining('单位「元」与本行单位「万元」不符') });
  });

  // Issue 24 (8): a form whose row counts in 个 where the table pasted prints 件 (its maker changed
  // the unit) refused every figure of the row with 「…不符，请换算后填写」: 件 and 个 count the same.
  it('a unit column naming another counting word (件 for a 个 row) lands the figure and says so; 元 for 万元 is still refused', () => {
    const own = structuredClone(tpl);
    own.id = 'own-units';
    own.tables[0].rows.find((r) => r.id === '4')!.unit = '个';
    const report = pasteReport(mapToForm(own, [{ name: '粘贴', rows: [['四、行政复议数量', '件', '7'], ['（一）维持具体行政行为数', '件', '1'], ['（四）政府信息公开专项经费', '元', '251000']] }]));
    const values = new Map(report.entries.map((e) => [e.key, e.entry]));
    expect(values.get('t1/4/v')).toEqual({ raw: '7', value: 7 });
    expect(values.get('t1/4.1/v')).toEqual({ raw: '1', value: 1 });
    expect(report.adjusted).toEqual([{ key: 't1/4/v', name: '四、行政复议数量', raw: '7', shown: '7', note: '表中单位为「件」，本行单位为「个」，照填数字' }]);
    expect(report.refused).toEqual([expect.objectContaining({ raw: '251000元', reason: '单位「元」与本行单位「万元」不符，请换算后填写' })]);
  });

  it('counts adjusted and refused figures', () => {
    const { report } = valuesOf([['四、行政复议数量', '件', '１２'], ['五、行政诉讼数量', '件', '1,234'], ['六、被举报投诉数量', '件', 'abc'], ['七、向图书馆、档案馆等查阅场所报送信息数', '条', '12条']]);
    expect(report.adjusted.map((a) => [a.raw, a.shown])).toEqual([['１２', '12'], ['1,234', '1234'], ['12条', '12']]);
    expect(report.refused.map((a) => a.raw)).toEqual(['abc']);
    expect(pasteSummary(report)).toMatch(/^填入 3 格，其中 3 格已调整，1 格无法识别（原文已保留）/);
  });

  it('does not fill section rows', () => {
    const { plan } = valuesOf([['一、主动公开情况', '', '5'], ['四、行政复议数量', '件', '7']]);
    expect(plan.dropped).toEqual([{ text: '一、主动公开情况：5', why: '该行是标题行，不填数' }]);
    expect(plan.writes.map((w) => w.key)).toEqual(['t1/4/v']);
  });
});

describe('bare figures fill down from the selected cell', () => {
  it('fills consecutive rows and skips nothing silently', () => {
    const { plan, values } = valuesOf([['7'], ['1'], ['3'], ['3']], { row: '4', col: 'v' });
    expect(plan.mode).toBe('values');
    expect([...values].map(([k, e]) => [k, e.value])).toEqual([['t1/4/v', 7], ['t1/4.1/v', 1], ['t1/4.2/v', 3], ['t1/4.3/v', 3]]);
  });

  it('drops what falls beyond the table or onto a section row, and says so', () => {
    const { plan } = valuesOf([['1'], ['2'], ['3']], { row: '12.2', col: 'v' });
    expect(plan.writes.map((w) => w.key)).toEqual(['t1/12.2/v', 't1/12.3/v']);
    expect(plan.dropped).toEqual([{ text: '3', why: '超出表格范围' }]);
    const two = valuesOf([['1'], ['2']], { row: '10.2', col: 'v' });
    expect(two.plan.dropped).toEqual([{ text: '十一、机构建设和保障经费情况：2', why: '该行是标题行，不填数' }]);
  });

  it('takes the whole 统计数 column copied from the official layout (blanks on section rows)', () => {
    const column = table.rows.map((r) => [seed2017.find(([id]) => id === r.id)?.[1] ?? '']);
    const { values, plan } = valuesOf(column, { row: table.rows[0].id, col: 'v' });
    expect(plan.dropped).toEqual([]);
    expect(check(tpl, values).findings).toHaveLength(4);
  });
});

describe('the paste report tells what a paste did to figures already there', () => {
  it('figures written over are listed with what they held (an unchanged figure is not), and counted in the summary', () => {
    const plan = mapToForm(tpl, [{ name: '粘贴', rows: seedTable() }]);
    const current = new Map([
      ['t1/4/v', { raw: '99', value: 99 }], // the seed prints 7 here: replaced
      ['t1/1.1/v', { raw: '12054', value: 12054 }] // the same figure: not replaced
    ]);
    const report = pasteReport(plan, current);
    expect(report.replaced).toEqual([{ key: 't1/4/v', name: '四、行政复议数量', old: '99', raw: '7' }]);
    expect(pasteSummary(report)).toContain('替换了 1 个原有数字');
  });
});
