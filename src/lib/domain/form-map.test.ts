// The whole-form mapper on the ways real tables arrive (shared/domain.md "How real tables look
// when they arrive"); the real published tables themselves are in tests/unit/real-tables.test.ts.
import { describe, expect, it } from 'vitest';
import { gov2017County } from '$lib/templates/gov-2017-county';
import { gov2019 } from '$lib/templates/gov-2019';
import { gov2021 } from '$lib/templates/gov-2021';
import { templates } from '$lib/templates';
import { clipboardBlocks, pdfTextBlock } from '$lib/sheets/blocks';
import { chooseForm, mapToForm, recognised, type SourceBlock } from './form-map';
import { decidePaste } from './mapping';
import { pasteReport } from './paste-report';
import type { CellEntry } from './model';
import { report2021, table3Html, table4Html } from '../../../tests/fixtures/national-2021';

const block = (rows: string[][], name = '粘贴'): SourceBlock[] => [{ name, rows }];
const written = (blocks: SourceBlock[], template = gov2021) => new Map(mapToForm(template, blocks).writes.map((w) => [w.key, w.raw]));

const T2_2021 = [
  ['二、主动公开政府信息情况'],
  ['第二十条第(一)项'],
  ['信息内容', '本年(2021)制发件数', '本年废止件数', '现行有效件数（历史累计）'],
  ['规章', '0', '0', '3'],
  ['规范性文件', '12', '2', '45'],
  ['第二十条第(五)项'],
  ['信息内容', '本年处理决定数量'],
  ['行政许可', '1320'],
  ['第二十条第(六)项'],
  ['信息内容', '本年处理决定数量'],
  ['行政处罚', '85'],
  ['行政强制', '4'],
  ['第二十条第(八)项'],
  ['信息内容', '本年收费金额(单位:万元)'],
  ['行政事业性收费', '1234.567891']
];

describe('表二 as printed', () => {
  it('one table with its caption rows, half-width brackets, annotated headers and 规范性文件', () => {
    const got = written(block(T2_2021));
    expect(Object.fromEntries(got)).toEqual({
      't2a/rules/issued': '0', 't2a/rules/repealed': '0', 't2a/rules/valid': '3',
      't2a/norms/issued': '12', 't2a/norms/repealed': '2', 't2a/norms/valid': '45',
      't2b/permit/decisions': '1320', 't2c/penalty/decisions': '85', 't2c/coercion/decisions': '4', 't2d/fees/fees': '1234.567891'
    });
    const report = pasteReport(mapToForm(gov2021, block(T2_2021)));
    expect(report.refused).toEqual([]); // 万元 to 6 decimals is a figure
  });

  it('the 2019 trial 表二 is never read as the 2021 form: its own form wins, by its headers', () => {
    const t2019 = [
      ['第二十条第（五）项'],
      ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'],
      ['行政许可', '31', '-8', '1320'],
      ['其他对外管理服务事项', '5', '0', '20']
    ];
    const { best, ranking } = chooseForm(templates, block(t2019));
    expect(best?.template.id).toBe('gov-2019');
    const as2021 = ranking.find((p) => p.template.id === 'gov-2021')!;
    expect(as2021.fits).toBe(false);
    expect(as2021.writes.filter((w) => w.raw)).toEqual([]); // never under another column's header
    expect(decidePaste(templates, gov2021, block(t2019)).kind).toBe('other-form');
  });
});

describe('a whole section in one paste', () => {
  const cells = report2021();
  const t3 = table3Html(cells);
  const t4 = table4Html(cells);
  const t2 = `<table>${T2_2021.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>`;
  const section = (...parts: string[]) => `<html><body>${parts.join('<p>该部分以表格形式报告。表格如下：</p>')}</body></html>`;

  it.each([
    ['表二, 表三, 表四', [t2, t3, t4]],
    ['表四, 表三, 表二', [t4, t3, t2]]
  ])('fills every table whatever the order (%s), and the selected cell changes nothing', (_, parts) => {
    const blocks = clipboardBlocks(section(...parts), '');
    const anchors = [undefined, { table: 't2a', row: 'rules', col: 'issued' }, { table: 't3', row: '1', col: 'natural' }, { table: 't4', row: 'n', col: 'r.keep' }];
    const plans = anchors.map((a) => decidePaste(templates, gov2021, blocks, a));
    for (const p of plans) expect(p.kind).toBe('fill');
    const writes = plans.map((p) => (p.kind === 'fill' ? p.plan.writes : []));
    for (const w of writes) expect(w).toEqual(writes[0]);
    const got = new Map(writes[0].map((w) => [w.key, w.raw]));
    for (const [k, v] of Object.entries(cells)) if (!k.startsWith('t2')) expect([k, got.get(k)]).toEqual([k, v]);
    expect(got.get('t2b/permit/decisions')).toBe('1320');
    // Header, caption and note text never lands in a figure cell.
    for (const raw of got.values()) expect(raw).toMatch(/^[\d.]*$/);
  });

  it('lists existing figures a paste blanks, with their old value', () => {
    const plan = mapToForm(gov2021, block([['信息内容', '本年处理决定数量'], ['行政许可', '']]));
    const current = new Map<string, CellEntry>([['t2b/permit/decisions', { raw: '17', value: 17 }], ['t2c/penalty/decisions', { raw: '3', value: 3 }]]);
    const report = pasteReport(plan, current);
    expect(report.cleared).toEqual([{ key: 't2b/permit/decisions', name: expect.stringContaining('行政许可'), old: '17' }]);
    expect(report.entries.map((e) => e.key)).toEqual(['t2b/permit/decisions']); // nothing else changes
  });
});

describe('labels as published', () => {
  it('reads headers printed one character per line and a page machine-converted to traditional characters', () => {
    const rows = [
      ['（本列數據的勾稽關係為：第一項加第二項之和，等於第三項加第四項之和）', '', '', '申請人情況'],
      ['', '', '', '自\n然\n人', '法人或其他組織', '', '', '', '', '總\n計'],
      ['', '', '', '', '商業\n企業', '科研\n機構', '社會公益組織', '法律服務機構', '其他', ''],
      ['一、本年新收政府信息公開申請數量', '', '', '5', '1', '0', '0', '0', '0', '6'],
      ['四、結轉下年度繼續辦理', '', '', '1', '0', '0', '0', '0', '0', '1']
    ];
    const got = written(block(rows));
    expect(got.get('t3/1/natural')).toBe('5');
    expect(got.get('t3/1/biz')).toBe('1');
    expect(got.get('t3/1/total')).toBe('6');
    expect(got.get('t3/4/total')).toBe('1');
  });

  it('reads PDF text: label and figures separated by spaces, long labels cut by the line end', () => {
    const text = [
      '三、收到和处理政府信息公开申请情况',
      '一、本年新收政府信息公开申请数量 10 0 0 0 0 0 10',
      '（二）部分公开（区分处理的，只计这一 1 0 0 0 0 0 1',
      '情形，不计其他情形）',
      '1.申请人无正当理由逾期不补正、行政机关 2 0 0 0 0 0 2',
      '不再处理其政府信息公开申请',
      '结果维持 结果纠正 其他结果 尚未审结 总计',
      '1 0 0 0 1 0 0 0 0 0 0 0 0 0 0'
    ].join('\n');
    const got = written([pdfTextBlock(text)]);
    expect(got.get('t3/1/total')).toBe('10');
    expect(got.get('t3/3.2/natural')).toBe('1');
    expect(got.get('t3/3.6.1/total')).toBe('2');
    expect(got.get('t4/n/r.keep')).toBe('1');
    expect(got.get('t4/n/r.total')).toBe('1');
  });

  it('reads PDF text that puts the figures on lines of their own, one or several a line', () => {
    const text = ['一、本年新收政府信息公开申请数量', '16', '0', '0', '2', '0', '0', '18', '二、上年结转政府信息公开申请数量', '0 0 0', '0 0 0 0'].join('\n');
    const got = written([pdfTextBlock(text)]);
    expect(got.get('t3/1/natural')).toBe('16');
    expect(got.get('t3/1/pub')).toBe('2');
    expect(got.get('t3/1/total')).toBe('18');
    expect(got.get('t3/2/total')).toBe('0');
  });

  it('a PDF row that lost a blank cell is reported, never guessed', () => {
    const plan = mapToForm(gov2021, [pdfTextBlock('一、本年新收政府信息公开申请数量 10 10')]);
    expect(plan.writes).toEqual([]);
    expect(plan.dropped[0].why).toContain('无法确定各数字所在的栏');
  });
});

describe('a table that fits no form', () => {
  it('is named as such, with what was recognised and every dropped column', () => {
    const provincial = [
      ['指标名称', '计量单位', '本年度', '历年累计'],
      ['主动公开政府信息数', '条', '1200', '35000'],
      ['（一）政府网站公开政府信息数', '条', '1100', '30000'],
      ['受理政府信息公开申请数', '件', '20', '400']
    ];
    const { best, closest } = chooseForm(templates, block(provincial));
    expect(best).toBeNull();
    expect(closest.template.id).toBe('gov-2017-county');
    expect(closest.droppedColumns).toEqual(expect.arrayContaining(['本年度', '历年累计']));
    expect(recognised(closest)).toContain('历年累计');
    expect(decidePaste(templates, gov2017County, block(provincial)).kind).toBe('no-form');
  });

  it('a sheet of stray words and numbers is no table of any form', () => {
    expect(chooseForm(templates, block([['a', 'b'], ['1', '2']])).best).toBeNull();
  });

  it('a sheet beside the table that holds nothing of the form (校验结果) is not reported as unmatched', () => {
    const plan = mapToForm(gov2021, [...block(T2_2021, '统计表'), ...block([['序号', '问题', '应为', '实为'], ['1', '某行', '12', '13']], '校验结果')]);
    expect(plan.unmatched).toEqual([]);
    expect(plan.dropped).toEqual([]);
    expect(plan.blocks).toEqual(['统计表']);
  });

  it('bare figures (no label, no header) fill down from the selected cell', () => {
    const decision = decidePaste(templates, gov2019, block([['3'], ['4']]), { table: 't3', row: '1', col: 'natural' });
    expect(decision.kind).toBe('fill');
    expect(decision.kind === 'fill' && decision.plan.writes.map((w) => [w.key, w.raw])).toEqual([['t3/1/natural', '3'], ['t3/2/natural', '4']]);
  });

  it('a column of figures as plain text (Notepad, a web page, a chat) fills down the selected column, not the one beside it', () => {
    // Read as a text of labels and figures, its empty label column took the selected column
    // (clearing it) and the figures went one column right; in the last column they were refused.
    for (const text of ['10\n2\n', '10\r\n2\r\n', '10 \n2 ', '10\n\n2']) {
      for (const [col, next] of [['natural', 'biz'], ['total', null]] as const) {
        const decision = decidePaste(templates, gov2021, clipboardBlocks('', text), { table: 't3', row: '1', col });
        expect(decision.kind).toBe('fill');
        const writes = decision.kind === 'fill' ? decision.plan.writes.filter((w) => w.raw !== '') : [];
        expect(writes.map((w) => [w.key, w.raw]), JSON.stringify(text)).toEqual([[`t3/1/${col}`, '10'], [`t3/2/${col}`, '2']]);
        if (next) expect(decision.kind === 'fill' && decision.plan.writes.some((w) => w.key.endsWith(`/${next}`))).toBe(false);
      }
    }
    // Two figures a line, separated by spaces: a block of two columns from the selected cell.
    const two = decidePaste(templates, gov2021, clipboardBlocks('', '5 6\n7 8\n'), { table: 't3', row: '1', col: 'natural' });
    expect(two.kind === 'fill' && two.plan.writes.map((w) => [w.key, w.raw])).toEqual([['t3/1/natural', '5'], ['t3/1/biz', '6'], ['t3/2/natural', '7'], ['t3/2/biz', '8']]);
  });
});

describe('rows that are not what they seem', () => {
  it('an unknown row below a blank row is its own row, never the blank one\'s figures', () => {
    const plan = mapToForm(gov2021, block([['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'], ['规章', '', '', ''], ['政府规章（市级）', '1', '0', '3'], ['行政规范性文件', '2', '0', '5']]));
    expect(plan.writes.filter((w) => w.key.startsWith('t2a/rules/')).map((w) => w.raw)).toEqual(['', '', '']);
    expect(plan.unmatched).toEqual([{ text: '政府规章（市级）', values: ['1', '0', '3'] }]);
  });

  it('a label printed under two sections, with nothing before it to tell which, is reported', () => {
    const plan = mapToForm(gov2017County, block([['（二）被依法纠错数', '件', '3'], ['（三）其他情形数', '件', '4']]));
    expect(plan.writes.filter((w) => w.raw)).toEqual([]);
    expect(plan.unmatched.map((u) => u.text)).toEqual(['（二）被依法纠错数', '（三）其他情形数']);
  });
});

describe('variants seen in published tables', () => {
  it('a printed 法人或其他组织 小计 column is a known subtotal, not a foreign column; 合计 for 总计', () => {
    const rows = [
      ['', '自然人', '法人或其他组织', '', '', '', '', '', '合计'],
      ['', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '小计', ''],
      ['一、本年新收政府信息公开申请数量', '5', '1', '0', '0', '0', '1', '2', '7']
    ];
    const plan = mapToForm(gov2021, block(rows));
    expect(plan.fits).toBe(true);
    expect(plan.droppedColumns).toEqual([]);
    expect(Object.fromEntries(plan.writes.map((w) => [w.key, w.raw]))).toEqual({
      't3/1/natural': '5', 't3/1/biz': '1', 't3/1/sci': '0', 't3/1/pub': '0', 't3/1/law': '0', 't3/1/other': '1', 't3/1/total': '7'
    });
  });

  it('表四 printed with a row label before its figures', () => {
    const rows = [
      ['', '行政复议', '', '', '', '', '行政诉讼'],
      ['', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '未经复议直接起诉', '', '', '', '', '复议后起诉'],
      ['', '', '', '', '', '', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计'],
      ['数量', '1', '0', '0', '0', '1', '0', '0', '0', '2', '2', '0', '0', '0', '0', '0']
    ];
    const got = written(block(rows));
    expect(got.get('t4/n/r.keep')).toBe('1');
    expect(got.get('t4/n/d.pending')).toBe('2');
    expect(got.get('t4/n/a.total')).toBe('0');
  });
});

// What PDF readers copy of a table (tests/unit/pdf.test.ts has whole tables): in the content's
// order a line a cell (pdf.js, as a viewer built on it copies), or rows of cells (poppler's
// pdftotext -raw); poppler's own reading order moves figures before, after and among the labels.
describe('text copied out of a PDF reader, cell by cell', () => {
  const lines = (...ls: (string | string[])[]) => ls.flat().join('\n');
  const seven = (...f: string[]) => (f.length === 1 ? Array(7).fill(f[0]) : f);

  it('an outline number alone on its line, and a label the cell wrapped over lines, are one label', () => {
    const got = written([
      pdfTextBlock(
        lines(
          '（二）部分公开（区分处理的，只计这一', '情形，不计其他情形）', seven('1', '0', '0', '0', '0', '0', '1'),
          '（三）不予公开', '1.', '属于国家秘密', seven('0'),
          '3.', '危及', '“', '三安全一稳定', '”', seven('2', '0', '0', '0', '0', '0', '2'),
          '（五）不予处理', '5.要求行政机关确认或重新出具已获取', '信息', seven('3', '0', '0', '0', '0', '0', '3')
        )
      )
    ]);
    expect(got.get('t3/3.2/natural')).toBe('1');
    expect(got.get('t3/3.3.1/total')).toBe('0');
    expect(got.get('t3/3.3.3/total')).toBe('2');
    expect(got.get('t3/3.5.5/total')).toBe('3');
  });

  it('a group label run into its first row\'s label gives way to it; a page number is no figure', () => {
    const row = ['（四）无法提供 1.本机关不掌握相关政府信息 31 0 0 0 0 0 31', '- 4 -', '2.没有现成信息需要另行制作 1 0 0 0 0 0 1'];
    const got = written([pdfTextBlock(lines(row))]);
    expect(got.get('t3/3.4.1/total')).toBe('31');
    expect(got.get('t3/3.4.2/total')).toBe('1');
    // A cell a line: the page number's three lines do not join the row's figures.
    const cells = written([pdfTextBlock(lines('（四）无法提供', '1.', '本机关不掌握相关政府信息', seven('31', '0', '0', '0', '0', '0', '31'), '-', '4', '-', '2.', '没有现成信息需要另行制作', seven('1', '0', '0', '0', '0', '0', '1')))]);
    expect(cells.get('t3/3.4.1/total')).toBe('31');
    expect(cells.get('t3/3.4.2/total')).toBe('1');
    // Right under a label waiting for its figures, - / 3 / - are its cells (none, 3, none).
    const marks = written([pdfTextBlock(lines('第二十条第（五）项', '信息内容 上一年项目数量 本年增/减 处理决定数量', '行政许可', '-', '3', '-'))], gov2019);
    expect(['prev', 'delta', 'decisions'].map((c) => marks.get(`t2b/permit/${c}`))).toEqual(['-', '3', '-']);
  });

  it('a unit word after a figure is that figure\'s, on its line or the next: 元 is refused where 万元 is meant', () => {
    const head = ['第二十条第（九）项', '信息内容 采购项目数量 采购总金额'];
    expect(written([pdfTextBlock(lines(head, '政府集中采购 6 251000 元'))], gov2019).get('t2e/procurement/amount')).toBe('251000元');
    expect(written([pdfTextBlock(lines(head, '政府集中采购', '6', '251000', '元'))], gov2019).get('t2e/procurement/amount')).toBe('251000元');
  });

  it('a line with fewer figures than the columns is reported even beside a line with all of them', () => {
    const plan = mapToForm(gov2021, [pdfTextBlock(lines('一、本年新收政府信息公开申请数量 1 2 3 4 5 6 21', '二、上年结转政府信息公开申请数量 18 18'))]);
    expect(plan.writes.map((w) => w.key).filter((k) => k.startsWith('t3/2/'))).toEqual([]);
    expect(plan.dropped.map((d) => d.text)).toContain('二、上年结转政府信息公开申请数量：18 18');
  });

  it('a row found without figures blanks no cell: its figures may come elsewhere', () => {
    const plan = mapToForm(gov2021, [pdfTextBlock(lines('三、本年度办理结果', '（一）予以公开', '（二）部分公开（区分处理的，只计这一情形，不计其他情形） 1 0 0 0 0 0 1'))]);
    expect(plan.writes.filter((w) => w.raw === '')).toEqual([]);
  });

  it('表四\'s figures after its header\'s 总 / 计 (or 总计) are its row', () => {
    const head = ['行政复议 行政诉讼', '结果', '维持', '结果', '纠正', '其他', '结果', '尚未', '审结'];
    const figures = '10 1 0 0 11 0 0 0 0 0 5 0 0 0 5';
    for (const total of [['总', '计'], ['总 计']]) {
      const got = written([pdfTextBlock(lines('四、结转下年度继续办理 0 0 0 0 0 0 0', '四、政府信息公开行政复议、行政诉讼情况', head, total, figures))]);
      expect([got.get('t4/n/r.keep'), got.get('t4/n/r.total'), got.get('t4/n/a.keep')]).toEqual(['10', '11', '5']);
    }
  });

  describe('in a reading order that moves figures away from their labels', () => {
    it('left-over figures fill the rows that found none where they are as many and all one figure', () => {
      const got = written([pdfTextBlock(lines('3.其他 1 0 0 0 0 0 1', '（七）总计', seven('0'), seven('0'), '四、结转下年度继续办理', '四、政府信息公开行政复议、行政诉讼情况'))]);
      for (const row of ['3.7', '4']) for (const col of ['natural', 'law', 'total']) expect(got.get(`t3/${row}/${col}`)).toBe('0');
    });

    it('a figure before the label of a table of one row is that row\'s', () => {
      const got = written([pdfTextBlock(lines('第二十条第（五）项', '信息内容', '本年处理决定数量', '27', '行政许可', '第二十条第（六）项', '信息内容', '本年处理决定数量', '行政处罚', '0', '行政强制', '0'))]);
      expect(got.get('t2b/permit/decisions')).toBe('27');
      expect(got.get('t2c/penalty/decisions')).toBe('0');
    });

    it('figures that differ are never spread by count: their order is unknown', () => {
      const plan = mapToForm(gov2021, [pdfTextBlock(lines('3.其他 1 0 0 0 0 0 1', '（七）总计', '5 0 0 0 0 3 8 0 0 0 0 0 0 0', '四、结转下年度继续办理'))]);
      expect(plan.writes.filter((w) => /^t3\/(3\.7|4)\//.test(w.key))).toEqual([]);
      expect(plan.dropped.map((d) => d.text).join('\n')).toContain('5 0 0 0 0 3 8');
    });

    it('nor when they are not exactly as many as the cells, nor a page header\'s year', () => {
      const short = mapToForm(gov2021, [pdfTextBlock(lines('3.其他 1 0 0 0 0 0 1', '（七）总计', seven('0'), '0 0 0 0 0 0', '四、结转下年度继续办理'))]);
      expect(short.writes.filter((w) => /^t3\/(3\.7|4)\//.test(w.key))).toEqual([]);
      const year = written([pdfTextBlock(lines('第二十条第（五）项', '信息内容', '本年处理决定数量', '行政许可', '平潭综合实验区财政金融局', '2021', '年度', '第二十条第（六）项', '信息内容', '本年处理决定数量', '行政处罚', '0'))]);
      expect(year.get('t2b/permit/decisions')).toBeUndefined();
    });
  });
});

describe('group rows that carry their subtotals (表三 （三）–（六） as Excel or the app itself copies them)', () => {
  const cells = report2021();
  const t3 = gov2021.tables.find((t) => t.id === 't3')!;
  const cols = ['natural', 'biz', 'sci', 'pub', 'law', 'other', 'total'];
  const head = [['', '申请人情况'], ['', '自然人', '法人或其他组织', '', '', '', '', '总计'], ['', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '']];
  const sumOf = (group: string, col: string) => String(t3.rows.filter((r) => r.id.startsWith(`${group}.`)).reduce((s, r) => s + Number(cells[`t3/${r.id}/${col}`] ?? 0), 0));
  const rows = (subtotal: (group: string, col: string) => string = sumOf) => [
    ...head,
    ...t3.rows.map((r) => [r.label, ...(r.kind === 'group' ? cols.map((c) => subtotal(r.id, c)) : r.kind === 'section' ? [] : cols.map((c) => cells[`t3/${r.id}/${c}`]))])
  ];

  it('is the 2021 form (not the 2019 trial, whose （六） has no children): every figure lands, nothing is said to be lost', () => {
    const d = decidePaste(templates, gov2021, block(rows()));
    expect(d.kind).toBe('fill');
    if (d.kind !== 'fill') return;
    expect(d.plan.dropped).toEqual([]);
    const want = Object.entries(cells).filter(([k]) => k.startsWith('t3/'));
    expect(Object.fromEntries(d.plan.writes.map((w) => [w.key, w.raw]))).toEqual(Object.fromEntries(want));
  });

  it('a subtotal that disagrees with its children is said (the form sums them itself), and the rest still lands', () => {
    const d = decidePaste(templates, gov2021, block(rows((g, c) => (g === '3.4' && c === 'natural' ? '9' : sumOf(g, c)))));
    expect(d.kind).toBe('fill');
    if (d.kind !== 'fill') return;
    expect(d.plan.dropped).toEqual([{ text: '（四）无法提供 × 自然人：9', why: `与子项合计 ${sumOf('3.4', 'natural')} 不符（本表式中该行由子项自动合计）` }]);
  });

  it('a 2019 table (one （六）其他处理 row with figures) is still offered as its own form', () => {
    const t2019 = rows().filter((r) => !/^\d\.(申请人|其他$)/.test(r[0]));
    const six = t2019.findIndex((r) => r[0].startsWith('（六）'));
    expect(six).toBeGreaterThan(0);
    expect(decidePaste(templates, gov2021, block(t2019)).kind).toBe('other-form');
  });
});

describe('表三 rows laid out as the grid shows them, 小计 among the columns, and no header', () => {
  // A sheet made like the app's grid (or the grid's rows copied without the header):
  // label | 自然人 | 5 × 法人或其他组织 | 小计 | 总计.
  const cells = report2021();
  const t3 = gov2021.tables.find((t) => t.id === 't3')!;
  const APPLICANTS = ['natural', 'biz', 'sci', 'pub', 'law', 'other'];
  const valueRows = t3.rows.filter((r) => r.kind === 'value');
  const rows = (subtotal: (r: string) => string) => valueRows.map((r) => [r.label, ...APPLICANTS.map((c) => cells[`t3/${r.id}/${c}`]), subtotal(r.id), cells[`t3/${r.id}/total`]]);
  const want = Object.fromEntries(Object.entries(cells).filter(([k]) => k.startsWith('t3/')));

  it('with the 小计 cell left blank, every figure lands in its column', () => {
    const plan = mapToForm(gov2021, block(rows(() => '')));
    expect(Object.fromEntries(plan.writes.map((w) => [w.key, w.raw]))).toEqual(want);
    expect(plan.dropped).toEqual([]);
  });

  it('with the 小计 figures in it, they are no cell of the form and the rest lands the same', () => {
    const sub = (r: string) => String(APPLICANTS.slice(1).reduce((s, c) => s + Number(cells[`t3/${r}/${c}`] ?? 0), 0));
    const plan = mapToForm(gov2021, block(rows(sub)));
    expect(Object.fromEntries(plan.writes.map((w) => [w.key, w.raw]))).toEqual(want);
  });

  it('a row one figure short of the table (six figures, no blank where it lacks one) is still not guessed', () => {
    const short = valueRows.slice(0, 1).map((r) => [r.label, ...APPLICANTS.slice(0, 5).map((c) => cells[`t3/${r.id}/${c}`]), cells[`t3/${r.id}/total`]]);
    expect(mapToForm(gov2021, block(short)).writes).toEqual([]);
  });

  it('seven figures spread over nine cells are not placed, and the message says why (not "7 个数字，本表有 7 栏")', () => {
    const r = valueRows[0];
    const spread = [[r.label, cells[`t3/${r.id}/natural`], '', ...APPLICANTS.slice(1).map((c) => cells[`t3/${r.id}/${c}`]), '', cells[`t3/${r.id}/total`]]];
    const plan = mapToForm(gov2021, block(spread));
    expect(plan.writes).toEqual([]);
    expect(plan.dropped[0].why).toBe('有 7 个数字，分布在 9 格中（其间有空格），本表有 7 栏，又没有表头，无法确定各数字所在的栏：请连同表头一起复制粘贴');
  });
});
