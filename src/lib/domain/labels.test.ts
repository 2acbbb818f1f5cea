import { describe, expect, it } from 'vitest';
import { gov2017County } from '$lib/templates/gov-2017-county';
import { labelKey, rowMatcher } from './labels';

const rows = gov2017County.tables[0].rows;
const id = (i: number) => (i < 0 ? null : rows[i].id);

describe('labelKey ignores what copies change', () => {
  it.each([
    ['（一）收到申请数', '收到申请数'],
    ['(一)收到申请数', '收到申请数'],
    ['一、主动公开情况', '主动公开情况'],
    ['1.当面申请数', '当面申请数'],
    ['1、当面申请数', '当面申请数'],
    ['１．当面申请数', '当面申请数'],
    ['（1）当面申请数', '当面申请数'],
    ['①当面申请数', '当面申请数'],
    ['　　　　　1.当面申请数　', '当面申请数'],
    ['其中：涉及国家秘密', '涉及国家秘密'],
    ['其中:涉及国家秘密', '涉及国家秘密'],
    ['　　　　　 　其中：涉及国家秘密', '涉及国家秘密'],
    ['（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）', '主动公开政府信息数'],
    ['（一）主动公开政府信息数\n（不同渠道和方式公开相同信息计1条）', '主动公开政府信息数'],
    ['（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维\n护等方面的经费）', '政府信息公开专项经费'],
    ['危及国家安全、公共安全、经济安全和社会稳定', '危及国家安全公共安全经济安全和社会稳定'],
    ['不是《条例》所指政府信息', '不是条例所指政府信息'],
    ['二、回应解读情况（不同方式回应同一热点或舆情计1次）', '回应解读情况'],
    ['统　计　指　标', '统计指标']
  ])('%j → %s', (label, key) => {
    expect(labelKey(label)).toBe(key);
  });
});

describe('rowMatcher', () => {
  const m = rowMatcher(rows);

  it('matches every template label to itself, in order', () => {
    let after = -1;
    rows.forEach((r, i) => {
      const got = m.match(r.label, after);
      expect(id(got)).toBe(r.id);
      after = got;
    });
  });

  it('uses order and section for repeated labels', () => {
    const nine = rows.findIndex((r) => r.id === '9');
    const ten = rows.findIndex((r) => r.id === '10');
    expect(id(m.match('（一）本级政府及其部门', nine))).toBe('9.1');
    expect(id(m.match('（一）本级政府及其部门', ten))).toBe('10.1');
    const four = rows.findIndex((r) => r.id === '4');
    const six = rows.findIndex((r) => r.id === '6');
    expect(id(m.match('（一）维持具体行政行为数', four))).toBe('4.1');
    expect(id(m.match('（一）维持具体行政行为数', six))).toBe('6.1');
    expect(id(m.match('（三）其他情形数', six))).toBe('6.3');
    // A paste that starts mid-table with no context: the label names two rows, so it is
    // reported rather than guessed into the first.
    expect(m.match('（一）本级政府及其部门', -1)).toBe(-1);
  });

  it.each([
    '政府网站公开政府信息', // missing 数
    '政府公报公开政府信息数量',
    '网络申请',
    '收到申请',
    '主动公开规范性文件',
    '本级政府及其部门门户',
    '维持具体行政行为',
    '查阅点接待人次',
    '合计',
    ''
  ])('does not match the near miss %j', (label) => {
    expect(m.match(label, -1)).toBe(-1);
  });
});
