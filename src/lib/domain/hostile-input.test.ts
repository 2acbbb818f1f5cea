// Whatever is typed or pasted: a clear outcome, the raw text kept, nothing thrown.
import { describe, expect, it } from 'vitest';
import { check } from './checks';
import { makeEntry } from './entry';
import { formatFigure, parseFigure } from './figures';
import type { CellEntry } from './model';
import { gov2017County as tpl } from '$lib/templates/gov-2017-county';

// Sixty-odd kinds of input a cell may receive, each with what must come of it in a 件 count row.
const CASES: [raw: string, outcome: number | 'empty' | RegExp][] = [
  ['7', 7], ['0', 0], ['-0', 0], ['+7', 7], [' 7 ', 7], ['\t7', 7], ['7\n', 7], ['\u00a07', 7], ['\u30007\u3000', 7], ['００７', 7],
  ['７', 7], ['1,234', 1234], ['１，２３４', 1234], ['12,345,678', 12345678], ['7件', 7], ['7 件', 7], ['7.0', 7], ['007', 7],
  ['', 'empty'], ['   ', 'empty'], ['\u3000', 'empty'],
  ['abc', /不是数字/], ['七', /不是数字/], ['十二', /不是数字/], ['7a', /不是数字/], ['a7', /不是数字/], ['7 8', /不是数字/],
  ['1e309', /科学计数法/], ['1e3', /科学计数法/], ['1E-2', /科学计数法/], ['NaN', /不是数字/], ['Infinity', /不是数字/], ['-Infinity', /不是数字/],
  ['0x10', /不是数字/], ['0b101', /不是数字/], ['0o17', /不是数字/], ['1_000', /不是数字/], ['1.2.3', /不是数字/], ['1,2,3', /逗号/], ['12,34', /逗号/],
  ['1.234,5', /逗号|不是数字/], ['-3', /不能为负数/], ['−3', /不能为负数/], ['－3', /不能为负数/], ['1.5', /应为整数/], ['0.1', /应为整数/],
  ['99999999999999999999', /数字过大/], ['9007199254740993', /数字过大/], ['=1+1', /公式/], ['=SUM(A1:A3)', /公式/], ['@A1', /公式/], ['+A1', /公式/],
  ['—', /请填 0/], ['-', /请填 0/], ['/', /请填 0/], ['无', /请填 0/], ['N/A', /请填 0/], ['--', /请填 0/],
  ['7条', /单位「条」与本行单位「件」不符/], ['7元', /单位「元」与本行单位「件」不符/], ['7万', /不是数字/], ['7个人', /不是数字/],
  ['<script>alert(1)</script>', /不是数字/], ['<img src=x onerror=alert(1)>', /不是数字/], ['7😀', /不是数字/], ['😀', /不是数字/],
  ['\u202e7', /不是数字/], ['7\u0000', /不是数字/], ['__proto__', /不是数字/], ['constructor', /不是数字/], ['x'.repeat(2000), /内容过长/],
  ['(7)', /不是数字/], ['7%', /不是数字/], ['¥7', /不是数字/], ['$7', /不是数字/]
];

describe(`${CASES.length} kinds of cell input`, () => {
  it('has at least sixty', () => expect(CASES.length).toBeGreaterThanOrEqual(60));

  it.each(CASES)('%j', (raw, outcome) => {
    const made = makeEntry(tpl, { table: 't1', row: '4', col: 'v' }, raw)!;
    expect(made.entry.raw).toBe(raw);
    if (outcome === 'empty') expect(made.figure.kind).toBe('empty');
    else if (typeof outcome === 'number') expect(made.entry.value).toBe(outcome);
    else {
      expect(made.figure.kind).toBe('invalid');
      expect(made.entry.value).toBeNull();
      expect(made.figure.kind === 'invalid' && made.figure.reason).toMatch(outcome);
    }
    // The whole table still checks, and only this cell is reported for it.
    const values = new Map<string, CellEntry>([['t1/4/v', made.entry], ['t1/4.1/v', { raw: '1', value: 1 }]]);
    const findings = check(tpl, values).findings.filter((f) => f.kind === 'value');
    expect(findings.map((f) => f.subjectKey)).toEqual(made.figure.kind === 'invalid' ? ['t1/4/v'] : []);
  });

  it('keeps formatted figures stable: format(parse(x)) parses to the same figure', () => {
    for (const [raw] of CASES) {
      const f = parseFigure(raw, 'count', '件');
      if (f.kind === 'number') expect(parseFigure(formatFigure(f.value), 'count', '件')).toEqual({ kind: 'number', value: f.value, adjusted: null });
    }
  });
});
