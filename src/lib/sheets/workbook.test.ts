// The downloaded workbook: layout, values, comments, findings sheet, round trip through the
// reader and the label mapping, and formulas that say what the app says (evaluated by HyperFormula).
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { check } from '$lib/domain/checks';
import { makeEntry } from '$lib/domain/entry';
import { computeMarks, verdictMarks } from '$lib/domain/marks';
import type { CellEntry } from '$lib/domain/model';
import { gov2017County as tpl } from '$lib/templates/gov-2017-county';
import { seed2017 } from '../../../tests/fixtures/seed-2017.js';
import { evaluateSheet } from '../../../tests/fixtures/hyperformula';
import { sourceOfSheets } from '$lib/sheets/read-source';
import { findForm, findTable } from './import';
import { readSheets } from './read';
import { buildWorkbook, fileName, SHEET_FINDINGS, SHEET_TABLE, writeWorkbook } from './workbook';
import { templates } from '$lib/templates';

function values(overrides: Record<string, string> = {}, base: [string, string][] = seed2017) {
  const v = new Map<string, CellEntry>();
  for (const [row, raw0] of base) {
    const raw = overrides[row] ?? raw0;
    if (raw !== '') v.set(`t1/${row}/v`, makeEntry(tpl, { table: 't1', row, col: 'v' }, raw)!.entry);
  }
  for (const [row, raw] of Object.entries(overrides)) if (!base.some(([r]) => r === row) && raw !== '') v.set(`t1/${row}/v`, makeEntry(tpl, { table: 't1', row, col: 'v' }, raw)!.entry);
  return v;
}
const data = (v: Map<string, CellEntry>, unit = '商河县人民政府办公室') => ({ template: tpl, unit, year: 2017, values: v });
const rows = tpl.tables[0].rows;
const FIRST = 3; // title, 单位名称/年度, header

describe('the checked workbook', () => {
  const wb = buildWorkbook(data(values()));
  const ws = wb.Sheets[SHEET_TABLE];
  const at = (a: string) => ws[a] as XLSX.CellObject | undefined;

  it('has the official layout: title, unit and year, header, every row with label and unit', () => {
    expect(wb.SheetNames).toEqual([SHEET_TABLE, SHEET_FINDINGS]);
    expect(at('A1')?.v).toBe('2017年度政府信息公开工作情况统计表');
    expect(at('A2')?.v).toBe('单位名称：商河县人民政府办公室');
    expect(at('C2')?.v).toBe('年度：2017');
    expect([at('A3')?.v, at('B3')?.v, at('C3')?.v, at('D3')?.v]).toEqual(['统计指标', '单位', '统计数', '校验']);
    rows.forEach((row, i) => {
      expect(String(at(`A${FIRST + i + 1}`)?.v).trim()).toBe(row.label);
      expect(at(`B${FIRST + i + 1}`)?.v).toBe(row.unit);
    });
  });

  it('writes figures as numbers and leaves empty cells empty', () => {
    const r = (id: string) => FIRST + rows.findIndex((x) => x.id === id) + 1;
    expect(at(`C${r('1.1')}`)).toMatchObject({ t: 'n', v: 12054 });
    expect(at(`C${r('10')}`)).toBeUndefined();
    expect(at(`C${r('1')}`)).toBeUndefined();
  });

  it('puts no finding in a comment: a comment would stay after the figures are corrected in Excel', () => {
    const r = (id: string) => FIRST + rows.findIndex((x) => x.id === id) + 1;
    expect(at(`C${r('2.2')}`)?.c).toBeUndefined();
    expect(at(`C${r('4')}`)?.c).toBeUndefined();
  });

  it('writes each note (批注) as a cell comment, also on a blank cell, and lists it in 校验结果', () => {
    const notes = new Map([['t1/2.2/v', '解读以政策问答为主'], ['t1/10/v', '查阅点未统计人数']]);
    const bytes = XLSX.write(buildWorkbook({ ...data(values()), notes }), { type: 'array', bookType: 'xlsx' });
    const back = XLSX.read(bytes, { type: 'array' });
    const sheet = back.Sheets[SHEET_TABLE];
    const r = (id: string) => FIRST + rows.findIndex((x) => x.id === id) + 1;
    expect(sheet[`C${r('2.2')}`].c[0].t).toBe('批注：解读以政策问答为主');
    expect(sheet[`C${r('10')}`].c[0].t).toBe('批注：查阅点未统计人数');
    expect(sheet[`C${r('10')}`].v).toBeUndefined();
    const aoa = XLSX.utils.sheet_to_json<unknown[]>(back.Sheets[SHEET_FINDINGS], { header: 1 });
    const at = aoa.findIndex((row) => row[0] === '批注');
    expect(at).toBeGreaterThan(0);
    expect(aoa.slice(at + 1, at + 3).map((row) => [row[1], row[9]])).toEqual([
      ['二（二）通过不同渠道和方式回应解读的情况', '解读以政策问答为主'],
      ['十、查阅点接待人数', '查阅点未统计人数']
    ]);
  });

  it('lists the findings in 校验结果 by cause, in the app\'s words: the likely wrong figure and its probable value, then the relations under it beside their rows\' live 校验', () => {
    const aoa = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[SHEET_FINDINGS], { header: 1 });
    expect(aoa[0]).toEqual(['序号', '格子', '疑似有误的数字', '可能应为', '类型', '严重程度', '应为', '实填', '差', '说明（下载时）', '核实', '统计表中该行现在的校验']);
    const top = aoa.filter((r) => typeof r[0] === 'number');
    expect(top.map((r) => [r[1], r[2], r[3], r[4], r[5]])).toEqual([
      ['以下 6 种改法之一', '', '', '有误（无法确定是哪一处）', '错误'],
      ['二（二）通过不同渠道和方式回应解读的情况', '填了 1', '应为 14', '疑似有误的数字', '错误'],
      ['以下 6 种改法之一', '', '', '有误（无法确定是哪一处）', '错误'],
      ['十、查阅点接待人数', '未填', '应为 1500', '未填的数字', '错误']
    ]);
    // Under each cause, the relation it breaks: row, expected, actual, difference, and its row's 校验 live.
    const under = aoa.find((r) => r[0] === '2-1')!;
    expect([under[1], under[6], under[7], under[8], under[11]]).toEqual(['二（二）通过不同渠道和方式回应解读的情况', 14, 1, -13, '≠ 子项合计 14（差 -13）']);
    const at = aoa.indexOf(under);
    const r = FIRST + rows.findIndex((x) => x.id === '2.2') + 1;
    expect(wb.Sheets[SHEET_FINDINGS][XLSX.utils.encode_cell({ r: at, c: 11 })].f).toBe(`'统计表'!D${r}`);
    // The channels fall 2 short: the total or any one channel — each alternative on a row of its own.
    expect(aoa.filter((r) => String(r[0]).startsWith('1.')).map((r) => r[1])).toHaveLength(6);
    const labels = aoa.map((r) => r[0]);
    expect(labels).toContain('校验时间');
    expect(labels).toContain('表式');
    expect(labels).toContain('工具版本');
    expect(JSON.stringify(aoa)).not.toMatch(/gov-2017-county|cover:|t1\//);
  });

  it('a reviewed cause (已核实) is listed with its reason', () => {
    const v = values();
    const withReview = buildWorkbook({ ...data(v), reviews: [{ id: 'blank:t1/10/v', reason: '查阅点未统计人数', at: 1, reads: [['t1/10/v', ''], ['t1/10.1/v', '500'], ['t1/10.2/v', '1000']] }] });
    const aoa = XLSX.utils.sheet_to_json<unknown[]>(withReview.Sheets[SHEET_FINDINGS], { header: 1 });
    expect(aoa.find((r) => r[1] === '十、查阅点接待人数' && r[0] === 4)![10]).toBe('已核实：查阅点未统计人数');
  });

  it('lists the clauses of the report text that disagree with its tables (正文与表格), the figures in words', () => {
    const t2021 = templates.find((t) => t.id === 'gov-2021')!;
    const v = new Map<string, CellEntry>([['t3/1/total', { raw: '74', value: 74 }]]);
    const wb = buildWorkbook({ template: t2021, unit: '平潭', year: 2022, values: v, text: '2022年，全区收到政府信息公开申请75件，均按时答复。' });
    const aoa = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[SHEET_FINDINGS], { header: 1 });
    const at = aoa.findIndex((r) => r[0] === '正文与表格');
    expect(at).toBeGreaterThan(0);
    expect(aoa[at + 1].slice(0, 6)).toEqual([1, '全区收到政府信息公开申请75件', '正文为 75', '表中为 74', '正文与表格不一致', '错误']);
    // Reviewed (已核实): listed with the reason in 核实, as a reviewed finding is.
    const id = 'prose:receive:全区收到政府信息公开申请75件';
    const reviewed = buildWorkbook({ template: t2021, unit: '平潭', year: 2022, values: v, text: '2022年，全区收到政府信息公开申请75件，均按时答复。', reviews: [{ id, reason: '正文含上年结转 1 件', at: 1, reads: [['t3/1/total', '74']] }] });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(reviewed.Sheets[SHEET_FINDINGS], { header: 1 });
    expect(rows[rows.findIndex((r) => r[0] === '正文与表格') + 1][10]).toBe('已核实：正文含上年结转 1 件');
  });

  it('lists a comparison with last year with its figures, and the parts of the report as hints (提示)', () => {
    const t2021 = templates.find((t) => t.id === 'gov-2021')!;
    const now = new Map<string, CellEntry>([['t3/1/total', { raw: '58', value: 58 }]]);
    const previous = new Map<string, CellEntry>([['t3/1/total', { raw: '46', value: 46 }]]);
    const text = '一、总体情况\n本年度共受理政府信息公开申请58件，比上年增加10件。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n无。';
    const wb = buildWorkbook({ template: t2021, unit: '洪泽区', year: 2024, values: now, previous, text });
    const aoa = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[SHEET_FINDINGS], { header: 1 });
    const change = aoa.find((r) => r[1] === '比上年增加10件')!;
    expect(change.slice(2, 6)).toEqual(['正文为 10', '表中为 12', '正文与表格不一致', '错误']);
    expect(String(change[9])).toContain('上年 46 件，本年 58 件');
    const part = aoa.find((r) => r[1] === '报告结构')!;
    expect(part[5]).toBe('提示');
    expect(String(part[9])).toContain('信息处理费');
  });

  it('never turns user text into a formula', () => {
    const v = values({ '4.1': '=1+1', '4.2': '+2', '4.3': '@SUM(A1)', '5.1': '-1' });
    const sheet = buildWorkbook(data(v, '=HYPERLINK("http://x")')).Sheets[SHEET_TABLE];
    for (const [addr, cell] of Object.entries(sheet)) {
      if (addr.startsWith('!')) continue;
      // Formulas only in the 校验 column (D) and the hidden helper cells right of it.
      if ((cell as XLSX.CellObject).f) expect(XLSX.utils.decode_cell(addr).c).toBeGreaterThanOrEqual(3);
    }
    const r = (id: string) => FIRST + rows.findIndex((x) => x.id === id) + 1;
    expect(sheet[`C${r('4.1')}`]).toMatchObject({ t: 's', v: '=1+1' });
    expect(sheet[`C${r('4.3')}`]).toMatchObject({ t: 's', v: '@SUM(A1)' });
    expect(sheet.A2).toMatchObject({ t: 's', v: '单位名称：=HYPERLINK("http://x")' });
    // And so after writing and reading the file back.
    const back = XLSX.read(XLSX.write({ SheetNames: ['s'], Sheets: { s: sheet } }, { type: 'array', bookType: 'xlsx' }), { type: 'array', cellFormula: true });
    expect(back.Sheets.s[`C${r('4.1')}`].f).toBeUndefined();
  });

  it('names the file after unit and year, safely', () => {
    expect(fileName('商河县', 2017)).toBe('商河县_2017_政府信息公开统计表_已校验.xlsx');
    expect(fileName('a/b:c*?', 2018)).toBe('a_b_c___2018_政府信息公开统计表_已校验.xlsx');
    expect(fileName('  ', 2018)).toBe('未命名单位_2018_政府信息公开统计表_已校验.xlsx');
  });
});

describe('round trip: download, import', () => {
  it.each([
    ['the seed', {}],
    ['with refused text and decimals', { '4.2': 'abc', '11.4': '3.25', '10': '1500', '7': '=SUM(A1:A3)' }]
  ])('%s gives back the same figures and findings', (_, overrides) => {
    const v = values(overrides);
    const bytes = writeWorkbook(data(v));
    const found = findTable(tpl, sourceOfSheets(readSheets(bytes, 'x.xlsx')))!;
    expect(found.sheet).toBe(SHEET_TABLE);
    expect(found.meta).toEqual({ unit: '商河县人民政府办公室', year: 2017 });
    expect(found.report.unmatched).toEqual([]);
    const back = new Map(found.report.entries.filter((e) => e.entry.raw !== '').map((e) => [e.key, e.entry]));
    expect(back).toEqual(v);
    expect(check(tpl, back).findings).toEqual(check(tpl, v).findings);
    // The 校验结果 sheet beside it (names of rows, 应为 | 实填 | 差) is no part of the table.
    const { fits } = findForm(templates, sourceOfSheets(readSheets(bytes, 'x.xlsx')));
    expect(fits?.template).toBe(tpl);
    expect([fits!.plan.droppedColumns, fits!.plan.oddColumns, fits!.plan.blocks]).toEqual([[], [], [SHEET_TABLE]]);
  });
});

describe('check formulas say what the app says', () => {
  const hfRow = (v: Map<string, CellEntry>) => {
    const value = evaluateSheet(buildWorkbook(data(v)).Sheets[SHEET_TABLE]);
    return (i: number) => value(FIRST + i, 3);
  };

  const scenarios: [string, Record<string, string>][] = [
    ['seed', {}],
    ['seed fixed', { '10': '1500', '2.2': '', '3.3.4.q6': '3', '1.2.5': '2' }],
    ['partial children', { '4.2': '', '8.2': '', '8': '5' }],
    ['part above parent and missing parent', { '2.2.1.q1': '5', '1.1.q1': '9', '1.1': '' }],
    ['channel above total', { '1.2.2': '20000' }],
    ['same figure', { '11.2': '60' }],
    ['same figure, one blank', { '9': '' }],
    ['refused figures', { '4.1': 'abc', '5.1': '-1', '6.1': '1.5', '12.1': '12件' }],
    ['money', { '11.4': '0.1' }],
    ['zeros with blank children', { '7': '0', '7.1': '', '7.2': '' }],
    ['empty', Object.fromEntries(seed2017.map(([r]) => [r, '']))]
  ];
  it.each(scenarios)('%s', (_, overrides) => {
    const v = values(overrides);
    const marks = verdictMarks(check(tpl, v));
    const formula = hfRow(v);
    rows.forEach((row, i) => {
      const app = marks.rows.get(`t1/${row.id}`)?.text ?? '';
      expect([row.id, formula(i)]).toEqual([row.id, app]);
    });
  });

  it('keeps checking after an edit in the spreadsheet', () => {
    const v = values();
    const ws = buildWorkbook(data(v)).Sheets[SHEET_TABLE];
    const r10 = FIRST + rows.findIndex((x) => x.id === '10');
    ws[XLSX.utils.encode_cell({ r: r10, c: 2 })] = { t: 'n', v: 1500 };
    const edited = new Map(v);
    edited.set('t1/10/v', { raw: '1500', value: 1500 });
    // Evaluate the unchanged formulas on the edited sheet: 十 now shows ✓, as the app would.
    expect(evaluateSheet(ws)(r10, 3)).toBe('✓');
    expect(computeMarks(check(tpl, edited)).rows.get('t1/10')?.text).toBe('✓');
  });
});

describe('formulas stay within what Excel and WPS accept', () => {
  it.each(templates.map((t) => [t.id, t] as const))('%s: every 校验 formula under 8,192 characters', (_, template) => {
    const ws = buildWorkbook({ template, unit: '某单位', year: 2022, values: new Map() }).Sheets[SHEET_TABLE];
    const lengths = Object.values(ws).filter((c): c is XLSX.CellObject => typeof c === 'object' && c !== null && 'f' in c).map((c) => c.f!.length);
    expect(lengths.length).toBeGreaterThan(0);
    expect(Math.max(...lengths)).toBeLessThan(8192);
  });
});
