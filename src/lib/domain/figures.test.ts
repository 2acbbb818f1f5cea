import { describe, expect, it } from 'vitest';
import { formatFigure, parseFigure } from './figures';

describe('parseFigure accepts', () => {
  it.each([
    ['12054', 'count', '条', 12054, null],
    [' 12 ', 'count', '条', 12, null],
    ['\t7\n', 'count', '件', 7, null],
    ['0', 'count', '件', 0, null],
    ['-0', 'count', '件', 0, null],
    ['１２０５４', 'count', '条', 12054, '全角字符已转为半角'],
    ['12,054', 'count', '条', 12054, '去掉千位分隔符'],
    ['1,234,567', 'count', '条', 1234567, '去掉千位分隔符'],
    ['１２，０５４', 'count', '条', 12054, '全角字符已转为半角，去掉千位分隔符'],
    ['12条', 'count', '条', 12, '去掉单位「条」'],
    ['12 条', 'count', '条', 12, '去掉单位「条」'],
    ['61人次', 'count', '人次', 61, '去掉单位「人次」'],
    ['12.0', 'count', '件', 12, '去掉多余的小数点'],
    ['+5', 'count', '件', 5, null],
    ['3.25', 'money', '万元', 3.25, null],
    ['0.1234', 'money', '万元', 0.1234, null],
    ['1234.567891', 'money', '万元', 1234.567891, null],
    ['25.1万元', 'money', '万元', 25.1, '去掉单位「万元」'],
    ['-8', 'signed-count', undefined, -8, null],
    ['－８', 'signed-count', undefined, -8, '全角字符已转为半角'],
    ['\u22128', 'signed-count', undefined, -8, null],
    ['-1.5', 'signed-money', '万元', -1.5, null],
    ['00012', 'count', '件', 12, null],
    ['\u00a012\u3000', 'count', '件', 12, null]
  ] as const)('%j (%s, %s) → %d', (raw, rule, unit, value, adjusted) => {
    expect(parseFigure(raw, rule, unit)).toEqual({ kind: 'number', value, adjusted });
  });
});

describe('a unit that is not the row\'s', () => {
  it('asks for a conversion only where there is one (元 and 万元); between counting words (件, 个) or a count and money, to check the row', () => {
    expect(parseFigure('251000元', 'money', '万元')).toEqual({ kind: 'invalid', reason: '单位「元」与本行单位「万元」不符，请换算后填写' });
    for (const [raw, unit] of [['12件', '个'], ['12条', '件'], ['12件', '万元'], ['3万元', '件']])
      expect(parseFigure(raw, unit === '万元' ? 'money' : 'count', unit)).toEqual({ kind: 'invalid', reason: `单位「${raw.replace(/^\d+/, '')}」与本行单位「${unit}」不符：请核对是否填在了本行（是本行的数就只填数字）` });
  });
});

describe('parseFigure refuses with a reason', () => {
  it.each([
    ['abc', 'count', '条', '不是数字'],
    ['-3', 'count', '件', '不能为负数'],
    ['1.5', 'count', '件', '应为整数'],
    ['=SUM(A1:A3)', 'count', '件', '公式'],
    ['@A1', 'count', '件', '公式'],
    ['—', 'count', '件', '如表示没有，请填 0'],
    ['/', 'count', '件', '如表示没有，请填 0'],
    ['-', 'count', '件', '如表示没有，请填 0'],
    ['／', 'count', '件', '如表示没有，请填 0'],
    ['无', 'count', '件', '如表示没有，请填 0'],
    ['12件', 'count', '条', '单位「件」与本行单位「条」不符'],
    ['251000元', 'money', '万元', '单位「元」与本行单位「万元」不符'],
    ['12个', 'count', undefined, '本行没有单位'],
    ['12,05', 'count', '条', '逗号位置不对'],
    ['1,2345', 'count', '条', '逗号位置不对'],
    ['1e3', 'count', '条', '科学计数法'],
    ['1e309', 'count', '条', '科学计数法'],
    ['0x10', 'count', '条', '不是数字'],
    ['NaN', 'count', '条', '不是数字'],
    ['Infinity', 'count', '条', '不是数字'],
    ['12 054', 'count', '条', '不是数字'],
    ['1.2.3', 'count', '条', '不是数字'],
    ['99999999999999999', 'count', '条', '数字过大'],
    ['0.1234567', 'money', '万元', '最多 6 位小数'],
    ['本年度未收到政府信息公开申请，也未发生因政府信息公开引起的行政复议和行政诉讼案件，特此说明备查。', 'count', '件', '是一段文字'],
    // A clause without punctuation, its figure and unit last: text, not a unit out of place.
    ['全年共作出行政处罚决定85件', 'count', undefined, '是一段文字'],
    ['全年共作出行政处罚决定85件', 'count', '件', '是一段文字'],
    ['本机关2022年共收到政府信息公开申请74件，其中自然人71件。', 'count', '件', '报告正文请粘贴到“正文与表格”'],
    ['-1', 'money', '万元', '不能为负数'],
    ['12😀', 'count', '条', '不是数字'],
    ['<b>1</b>', 'count', '条', '不是数字'],
    ['x'.repeat(2000), 'count', '条', '内容过长'],
    ['1.5万', 'money', '万元', '「万」不是数字']
  ] as const)('%j (%s, %s)', (raw, rule, unit, reason) => {
    const r = parseFigure(raw, rule, unit);
    expect(r.kind).toBe('invalid');
    expect(r.kind === 'invalid' && r.reason).toContain(reason);
  });

  it('treats blank as empty, not zero', () => {
    expect(parseFigure('')).toEqual({ kind: 'empty' });
    expect(parseFigure('   ')).toEqual({ kind: 'empty' });
    expect(parseFigure('\u3000')).toEqual({ kind: 'empty' });
  });
});

describe('formatFigure', () => {
  it.each([[12054, '12054'], [0, '0'], [3.25, '3.25'], [0.1 + 0.2, '0.3'], [-8, '-8']])('%d → %s', (v, s) => {
    expect(formatFigure(v)).toBe(s);
  });
});
