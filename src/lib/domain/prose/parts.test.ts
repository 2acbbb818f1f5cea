// The report's six parts (2021 template): constructed texts for each note and for what must not be
// one. The 14 real texts are in tests/unit/prose-parts.test.ts.
import { describe, expect, it } from 'vitest';
import { PART_TITLES, reportParts } from './parts';

const body = (title: string, words = '本部分内容。') => `${title}\n${words}\n`;
const SIX_FEE = '本年度未收取信息处理费。';
/** A whole report: the six parts, in order, each with a line of text (六 with the fee). */
const report = (titles: readonly string[] = PART_TITLES, six = SIX_FEE) => titles.map((t) => body(t, t.startsWith('六') ? six : '本部分内容。')).join('');

describe('the six parts', () => {
  it('a whole report in order with its fee: nothing', () => {
    expect(reportParts(report(), 2021)).toEqual([]);
    for (const six of ['全年收取政府信息公开信息处理费 0 元。', '收取信息处理费120元。', '严格落实《政府信息公开信息处理费管理办法》。', '本机关依申请提供政府信息，不收取费用。'])
      expect(reportParts(report(PART_TITLES, six), 2024), six).toEqual([]);
  });

  it('a part missing: where it would begin', () => {
    const text = report(PART_TITLES.filter((t) => !t.startsWith('五')));
    expect(reportParts(text, 2022)).toEqual([{ kind: 'missing', part: 5, message: '缺少「五、存在的主要问题及改进情况」', at: text.indexOf('六、') }]);
    const noSix = report(PART_TITLES.slice(0, 5));
    expect(reportParts(noSix, 2022)).toEqual([{ kind: 'missing', part: 6, message: '缺少「六、其他需要报告的事项」（其中应说明信息处理费的收取情况）', at: noSix.length }]);
  });

  it('two parts the wrong way round', () => {
    const text = report([PART_TITLES[0], PART_TITLES[1], PART_TITLES[2], PART_TITLES[4], PART_TITLES[3], PART_TITLES[5]]);
    const notes = reportParts(text, 2021);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'order', message: '「四、政府信息公开行政复议、行政诉讼情况」出现在「五、存在的主要问题及改进情况」之后' });
    expect([text.indexOf('四、'), text.indexOf('五、')]).toContain(notes[0].at);
  });

  it('part 六 without the fee', () => {
    const text = report(PART_TITLES, '无。');
    expect(reportParts(text, 2021)).toEqual([{ kind: 'fee', part: 6, message: '「六、其他需要报告的事项」中没有说明信息处理费的收取情况', at: text.indexOf('六、') }]);
    // Stated in another part: still a hint, saying so.
    const elsewhere = text.replace('三、收到和处理政府信息公开申请情况\n本部分内容。', '三、收到和处理政府信息公开申请情况\n本年度未收取信息处理费。');
    expect(reportParts(elsewhere, 2021)[0].message).toBe('「六、其他需要报告的事项」中没有说明信息处理费的收取情况（正文其他部分提到了信息处理费）');
    // 行政事业性收费 in 表二 is not the fee.
    expect(reportParts(text.replace('二、主动公开政府信息情况\n本部分内容。', '二、主动公开政府信息情况\n行政事业性收费 0\n'), 2021)[0].message).not.toContain('其他部分');
  });

  it('headings worded and printed in other ways are found', () => {
    const variants = [
      '一 、 总 体 情 况',
      '二．主动公开政府信息情况',
      '三,收到和处理政府信息公开申请情况',
      '四、因政府信息公开工作被申请行政复议和提起行政诉讼情况',
      '五、政府信息公开工作存在的主要问题及改进情况',
      '六、其它需要报告的事项'
    ];
    expect(reportParts(report(variants), 2021)).toEqual([]);
    expect(reportParts(report(['一、總體情況', '二、主動公開政府信息情況', '三、收到和處理政府信息公開申請情況', '四、政府信息公開行政復議、行政訴訟情況', '五、存在的主要問題及改進情況', '六、其他需要報告的事項']), 2021)).toEqual([]);
    // A misprint seen in real reports, and headings run into the lines around them (PDF, archive text).
    expect(reportParts(report().replace('行政复议', '行政法复议'), 2021)).toEqual([]);
    expect(reportParts(report().replace(/\n/g, '').replace(/二、/, '9913万元二、'), 2021)).toEqual([]);
  });

  it('the tables\' own titles (二、三、四 again, in a PDF\'s text) and a contents list are no finding', () => {
    const tables = `${PART_TITLES[1]}\n第二十条第（一）项 信息内容 本年制发件数\n${PART_TITLES[2]}\n（本列数据的勾稽关系为…）一、本年新收政府信息公开申请数量 5 三、本年度办理结果\n${PART_TITLES[3]}\n行政复议 行政诉讼\n`;
    const text = [body(PART_TITLES[0]), body(PART_TITLES[1]), tables.split(PART_TITLES[2])[0].split(PART_TITLES[1])[1], body(PART_TITLES[2]), body(PART_TITLES[3]), body(PART_TITLES[4]), body(PART_TITLES[5], SIX_FEE)].join('');
    expect(reportParts(text, 2021)).toEqual([]);
    expect(reportParts(report().replace(PART_TITLES[4], `${PART_TITLES[4]}\n${tables}`), 2021).map((n) => n.kind)).toEqual([]);
    expect(reportParts(`目录 ${PART_TITLES.join(' ')}\n${report()}`, 2021)).toEqual([]);
  });

  it('tables appended after 六 while the body leaves out 二、三、四: told', () => {
    const text = [body(PART_TITLES[0]), body(PART_TITLES[4]), body(PART_TITLES[5], SIX_FEE), body(PART_TITLES[1]), body(PART_TITLES[2]), body(PART_TITLES[3])].join('');
    const notes = reportParts(text, 2021);
    expect(notes.map((n) => n.kind)).toEqual(['order', 'order']);
    expect(notes.every((n) => n.message.startsWith('「二、主动公开政府信息情况」出现在'))).toBe(true);
  });

  it('nothing before 2021, and nothing for a text that is not a whole report', () => {
    expect(reportParts(report(PART_TITLES.slice(0, 4)), 2020)).toEqual([]);
    expect(reportParts('2023年，全区受理政府信息公开申请21件，均在法定期限答复。', 2023)).toEqual([]);
    expect(reportParts(body(PART_TITLES[5], '无。'), 2023)).toEqual([]);
    expect(reportParts(report(PART_TITLES.slice(4)), 2023)).toEqual([]);
    // Three headings are a report with parts missing.
    expect(reportParts(report(PART_TITLES.slice(3)), 2023).map((n) => n.part)).toEqual([1, 2, 3]);
  });
});
