// The form builder's steps on their own: header words over columns, label, unit and value
// columns, column rules, row levels, 其中 lists, and the relations of nested periods.
import { describe, expect, it } from 'vitest';
import type { SourceBlock } from '../form-map';
import type { RowDef } from '../model';
import { headsOf, labelColumns, proposeColumns, valueColumns } from './columns';
import { periodRelations } from './relations';
import { markExhaustive, proposeRows } from './rows';
import { clean, type SourceRow } from './words';

const block = (rows: string[][], spanned?: string[][]): SourceBlock => ({ name: '粘贴的表格', rows, ...(spanned ? { spanned } : {}) });
const sourceRows = (b: SourceBlock, from: number): SourceRow[] => b.rows.slice(from).map((r, k) => ({ i: from + k, cells: r.map(clean) }));

describe('headsOf', () => {
  const rows = [
    ['信息内容', '申请人情况', '', ''],
    ['', '自 然 人', '法人或其他组织', '总计']
  ];

  it('copied as plain text, a header merged across columns continues over the empty cells right of it', () => {
    const heads = headsOf(block(rows), [0, 1], 4);
    expect([1, 2, 3].map(heads.words)).toEqual([['申请人情况', '自然人'], ['申请人情况', '法人或其他组织'], ['申请人情况', '总计']]);
    expect(heads.raw(1)).toEqual(['申请人情况', '自 然 人']);
    expect(heads.words(9)).toEqual([]);
  });

  it('with merged cells known, an empty cell is empty', () => {
    const heads = headsOf(block(rows, [[], []]), [0, 1], 4);
    expect(heads.words(2)).toEqual(['法人或其他组织']);
  });
});

describe('label, unit and value columns', () => {
  it('a 序号 column is skipped, a label printed over two columns is one outline, a unit column ends it', () => {
    const b = block([
      ['序号', '项目', '', '计量单位', '本年度'],
      ['1', '三、本年度办理结果', '', '', ''],
      ['2', '', '（一）予以公开', '件', '12'],
      ['3', '', '（二）部分公开', '件', '3']
    ]);
    const heads = headsOf(b, [0], 5);
    const labels = labelColumns(sourceRows(b, 1), heads, 5);
    expect(labels).toEqual({ labelCol: 1, lastLabelCol: 2, unitCol: 3 });
    expect(valueColumns(b, sourceRows(b, 1), [0], heads, 5, labels)).toEqual({ cols: [4], guessed: false });
  });

  it('a header merged over three columns with no figures of their own is one value column', () => {
    const b = block(
      [
        ['信息内容', '本年处理决定数量', '', ''],
        ['行政许可', '1320', '', '']
      ],
      [['', '本年处理决定数量', '本年处理决定数量', '本年处理决定数量'], []]
    );
    const heads = headsOf(b, [0], 4);
    const labels = labelColumns(sourceRows(b, 1), heads, 4);
    expect(valueColumns(b, sourceRows(b, 1), [0], heads, 4, labels).cols).toEqual([1]);
  });

  it('a table of figures only has no label column; a table without headers or figures guesses its last column', () => {
    const figures = block([['结果维持', '结果纠正'], ['1', '2']]);
    expect(labelColumns(sourceRows(figures, 1), headsOf(figures, [0], 2), 2).labelCol).toBe(-1);
    const blank = block([['一、主动公开', ''], ['二、依申请公开', '']]);
    const heads = headsOf(blank, [], 2);
    const labels = labelColumns(sourceRows(blank, 0), heads, 2);
    expect(valueColumns(blank, sourceRows(blank, 0), [], heads, 2, labels)).toEqual({ cols: [1], guessed: true });
  });
});

describe('proposeColumns', () => {
  it('a year in the header is 本年度; money and 增/减 set the rule', () => {
    const b = block([['项目', '2014年度', '本年增/减', '收费金额（万元）']]);
    const { columns, leafIds } = proposeColumns([1, 2, 3], headsOf(b, [0], 4), 1);
    expect(columns.map((c) => [c.id, c.label, c.rule])).toEqual([
      ['c1', '本年度', undefined],
      ['c2', '本年增/减', 'signed-count'],
      ['c3', '收费金额（万元）', 'money']
    ]);
    expect([...leafIds]).toEqual([[1, 'c1'], [2, 'c2'], [3, 'c3']]);
  });
});

describe('proposeRows', () => {
  const levels = (labels: string[]) => {
    const b = block(labels.map((l, k) => [l, String(k)]));
    const { defs, samples } = proposeRows(b, sourceRows(b, 0), { labelCol: 0, lastLabelCol: 0, unitCol: -1 }, new Map([[1, 'c1']]), 't1');
    return { got: defs.map((d) => [d.label, d.level, d.role ?? 'child']), samples };
  };

  it('a 其中 list prints 其中 on its first item only: the items after it continue it', () => {
    const { got, samples } = levels(['1.收到申请数', '其中：当面申请', '传真申请', '2.申请办结数']);
    expect(got).toEqual([
      ['1.收到申请数', 0, 'child'],
      ['其中：当面申请', 1, 'part'],
      ['传真申请', 1, 'part'],
      ['2.申请办结数', 0, 'child']
    ]);
    expect(samples.get('t1/r3/c1')).toBe('2');
  });

  it('where the main rows carry no number, numbered rows sit under them', () => {
    expect(levels(['主动公开信息数', '1.政府网站', '2.政务微博', '申请总数']).got.map(([, level]) => level)).toEqual([0, 1, 1, 0]);
  });
});

describe('markExhaustive', () => {
  const row = (id: string, level: number, label: string, part = false): RowDef => ({ id, level, label, kind: 'value', ...(part ? { role: 'part' as const } : {}) });

  it('a 其中 list ending in 其他… names every case; channels of publishing do not', () => {
    const defs = [row('r1', 0, '不予公开数'), row('r2', 1, '其中：国家秘密', true), row('r3', 1, '其他情形', true)];
    markExhaustive(defs);
    expect(defs[0].exhaustive).toBe(true);
    const channels = [row('r1', 0, '公开信息数'), row('r2', 1, '其中：政府网站', true), row('r3', 1, '其他方式', true)];
    markExhaustive(channels);
    expect(channels[0].exhaustive).toBeUndefined();
  });
});

describe('periodRelations', () => {
  it('本年度 ≤ 历年累计 of the same measure, and the accumulation carries from last year', () => {
    const leaves = [
      { id: 'c1', label: '本年度件数' },
      { id: 'c2', label: '历年累计件数' },
      { id: 'c3', label: '本年收费金额' },
      { id: 'c4', label: '本年增/减', rule: 'signed-count' as const }
    ];
    const { relations, yearly } = periodRelations(leaves);
    expect(relations).toEqual([{ kind: 'collte', id: 'year-le-total', col: 'c1', max: 'c2' }]);
    expect(yearly.map((y) => [y.id, y.kind === 'stock' && [y.col, y.plus]])).toEqual([['total-carry', ['c2', 'c1']]]);
  });
});
