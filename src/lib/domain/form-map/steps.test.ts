// The mapper's steps on their own: a header row's context, a row's own label where PDF text or
// Word broke it, header rows, a row of figures without a label, and odd columns' suggestions.
import { describe, expect, it } from 'vitest';
import { gov2017County } from '$lib/templates/gov-2017-county';
import { gov2021 } from '$lib/templates/gov-2021';
import { labelKey } from '../labels';
import { candidatesFor } from './candidates';
import { shape } from './cells';
import { extendHeader } from './columns';
import { formIndex } from './form-index';
import { keepOddFigure, noOddFigures, suggestOddColumns } from './odd-columns';
import { isHeaderRow, ownLabel, type BlockLayout } from './rows';

const knownIn = (template = gov2017County, text = false) => {
  const idx = formIndex(template);
  return (label: string) => template.tables.some((t) => idx.matchers.get(t.id)!.known(label, text));
};

describe('extendHeader', () => {
  it('a merged cell names every column it spans; the row below adds each column its own word', () => {
    const top = extendHeader(null, ['信息内容', '申请人情况', '', ''], ['', '申请人情况', '申请人情况', '申请人情况']);
    const both = extendHeader(top, ['', '自然人', '法人或其他组织', '总计'], undefined);
    expect(both.chains).toEqual([['信息内容'], ['申请人情况', '自然人'], ['申请人情况', '法人或其他组织'], ['申请人情况', '总计']].map((c) => c.map(labelKey)));
    // The context above is left as it was: a new header row after data rows starts from nothing.
    expect(top.chains[1]).toEqual([labelKey('申请人情况')]);
  });

  it('a column without a word has an empty chain, never a hole', () => {
    const { chains } = extendHeader(null, ['', '', '本年度'], undefined);
    expect(chains.length).toBe(3);
    expect(0 in chains && 1 in chains).toBe(true);
    expect(chains[0]).toEqual([]);
  });
});

describe('ownLabel', () => {
  const idx = formIndex(gov2017County);
  const known = knownIn();
  const label = (cells: string[], carry = '') => ownLabel(idx, shape(cells, idx.units), carry, known);

  it('is the last known label left of the figures, not a group label beside it nor a note after it', () => {
    expect(label(['三、依申请公开情况', '（一）收到申请数', '件', '12'])).toEqual({ labelCol: 1, label: '（一）收到申请数' });
    expect(label(['（一）收到申请数', '含网上申请', '件', '12'])).toEqual({ labelCol: 0, label: '（一）收到申请数' });
  });

  it('PDF text that ran the unit into the label: the unit word at its end goes', () => {
    expect(label(['（一）收到申请数件', '12']).label).toBe('（一）收到申请数');
    // Only where what is left is a row of the form.
    expect(label(['（一）收到文件件', '12']).label).toBe('（一）收到文件件');
  });

  it('a label Word wrapped joins the line above it (carry) only where together they name a row', () => {
    const wrapped = label(['公开相同信息计1条）', '条', '12054'], '（一）主动公开政府信息数（不同渠道和方式');
    expect(wrapped.label).toBe('（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）');
    expect(label(['（一）收到申请数', '件', '12'], '一、主动公开情况').label).toBe('（一）收到申请数');
  });
});

describe('isHeaderRow', () => {
  const idx = formIndex(gov2017County);
  const known = knownIn();
  const hits = (cells: string[]) => shape(cells, idx.units).labels.filter((c) => idx.headerWords.has(labelKey(cells[c]))).length;
  const header = (cells: string[], label = '') => isHeaderRow(shape(cells, idx.units), hits(cells), label, known);

  it('the form\'s own header words, or a layout of its own: three words that name no row', () => {
    expect(header(['统计指标', '单位', '统计数'])).toBe(true);
    expect(header(['指标名称', '计量单位', '本年度', '历年累计'])).toBe(true);
  });

  it('never a row with figures, nor rows of the form printed side by side', () => {
    expect(header(['统计指标', '单位', '2024'])).toBe(false);
    expect(header(['（一）收到申请数', '（二）申请办结数', '（三）申请答复数'])).toBe(false);
  });
});

describe('candidatesFor: a row of figures without a label', () => {
  const idx = formIndex(gov2021);
  const layout = (text: boolean, width: number): BlockLayout => ({ name: '文本', text, width, unitCol: -1, knownRow: knownIn(gov2021, text) });
  const line = (cells: string[]) => ({ s: shape(cells, idx.units), labelCol: -1, label: '', known: false });
  const figures = (n: number) => ['', ...Array.from({ length: n }, (_, i) => String(i))];

  it('in PDF text, by count, is 表四 when it has its 15 figures', () => {
    const got = candidatesFor(idx, layout(true, 16), line(figures(15)), null, new Map(), null);
    expect(got.map((c) => [c.table.id, c.positional, c.cols.size])).toEqual([['t4', true, 15]]);
  });

  it('two stray numbers are no row of any one-row table, and a grid without headers counts nothing', () => {
    expect(candidatesFor(idx, layout(true, 3), line(figures(2)), null, new Map(), null)).toEqual([]);
    expect(candidatesFor(idx, layout(false, 16), line(figures(15)), null, new Map(), null)).toEqual([]);
  });
});

describe('odd columns', () => {
  const idx = formIndex(gov2021);
  const t2a = gov2021.tables.find((t) => t.id === 't2a')!;
  const row = (i: number) => ({ id: t2a.rows[i].id, label: t2a.rows[i].label });

  it('figures under one odd header in one column are one column, offered as the unnamed column it resembles', () => {
    const odd = noOddFigures();
    const chain = [labelKey('本年废除件数')];
    keepOddFigure(odd, 't2a', 2, row(0), chain, '0');
    keepOddFigure(odd, 't2a', 2, row(1), chain, '2');
    keepOddFigure(odd, 't2a', 4, row(0), [labelKey('备注')], '见说明');
    const got = suggestOddColumns(idx, odd, new Set(['t2a/issued', 't2a/valid']));
    expect(got.map((o) => [o.header, o.suggest, o.figures.map((f) => f.raw)])).toEqual([
      [labelKey('本年废除件数'), 'repealed', ['0', '2']],
      [labelKey('备注'), null, ['见说明']]
    ]);
    expect([...odd.headers]).toEqual([labelKey('本年废除件数'), labelKey('备注')]);
  });

  it('a column a header named is never offered again', () => {
    const odd = noOddFigures();
    keepOddFigure(odd, 't2a', 2, row(0), [labelKey('本年废除件数')], '0');
    expect(suggestOddColumns(idx, odd, new Set(['t2a/repealed']))[0].suggest).toBe(null);
  });
});
