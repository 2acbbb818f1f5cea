import { describe, expect, it } from 'vitest';
import { isPartLabel, leadingNumbering, nameNumber, startsRow, stripNumbering } from './outline';

describe('outline numbering', () => {
  it('reads every printed style, half- and full-width, with the number normalised', () => {
    const cases: [string, string | null, string][] = [
      ['一、主动公开情况', 'cn', '一'],
      ['十二．其他', 'cn', '十二'],
      ['（一）主动公开规范性文件数', 'cn-paren', '（一）'],
      ['(二)通过不同渠道', 'cn-paren', '（二）'],
      ['1.政府网站', 'arabic', '1'],
      ['2、政务微博', 'arabic', '2'],
      ['（3）其他', 'arabic-paren', '（3）'],
      ['(4) 其他', 'arabic-paren', '（4）'],
      ['①政务微信', 'circled', '①'],
      ['第一项 政府信息', 'item', '第一项'],
      ['  一、 缩进的', 'cn', '一']
    ];
    for (const [label, style, number] of cases) expect([label, leadingNumbering(label)?.style, leadingNumbering(label)?.number]).toEqual([label, style, number]);
    // A figure or a date is not numbering.
    for (const label of ['1.5万元', '2023年', '政府网站', '其中：主动公开']) expect(leadingNumbering(label), label).toBeNull();
  });

  it('strips numbering and 其中 in any order; tells 其中 rows and row starts', () => {
    expect(stripNumbering('（一）其中：1.网站')).toBe('网站');
    expect(stripNumbering('其中：①政务微博')).toBe('政务微博');
    expect(isPartLabel('其中：主动公开')).toBe(true);
    expect(isPartLabel('主动公开其中')).toBe(false);
    expect(startsRow('（二）依申请公开')).toBe(true);
    expect(startsRow('第三项')).toBe(true);
    expect(startsRow('办理情况）')).toBe(false);
  });

  it('lends parents\' numbers to display names as the national form prints them', () => {
    expect(['二、收到申请', '（三）不予公开', '4.其他', '①网站', '其中：x', '无编号'].map(nameNumber)).toEqual(['二', '（三）', '4.', '', '', '']);
  });
});
