import { describe, expect, it } from 'vitest';
import { check } from './checks';
import { makeEntry } from './entry';
import type { CellEntry, RowDef, Template } from './model';

const v = (id: string, level: number, label: string, extra: Partial<RowDef> = {}): RowDef => ({ id, level, label, unit: '件', kind: 'value', ...extra });

/** A small form with one of each relation kind. */
const form: Template = {
  id: 'test', version: 1, name: 'test', title: 'test', source: 'test',
  tables: [{
    id: 't', title: 'T', labelHeader: '统计指标', columns: [{ id: 'v', label: '统计数' }],
    rows: [
      { id: 's', level: 0, label: '一、章节', kind: 'section' },
      v('a', 1, '（一）总数'),
      v('a1', 2, '1.甲'),
      v('a1q', 3, '其中：甲之一', { role: 'part' }),
      v('a2', 2, '2.乙'),
      v('b', 1, '（二）答复数', { exhaustive: true }),
      v('bq1', 2, '其中：原因一', { role: 'part' }),
      v('bq2', 2, '原因二', { role: 'part' }),
      { id: 'h', level: 1, label: '（三）渠道情况', kind: 'header' },
      v('h1', 2, '1.渠道一'),
      v('h2', 2, '2.渠道二'),
      v('t', 1, '（四）信息数'),
      v('tq', 2, '其中：规范性文件数', { role: 'part' }),
      v('tm', 2, '制发文件数', { role: 'measure' }),
      v('x', 0, '二、查阅点数'),
      v('y', 0, '三、查阅点数（重复）')
    ],
    relations: [
      { kind: 'cover', id: 'ch', total: 't', channels: ['h1', 'h2'] },
      { kind: 'same', id: 'xy', row: 'y', as: 'x' },
      { kind: 'lte', id: 'tq-tm', row: 'tq', max: 'tm', severity: 'warning' }
    ]
  }]
};

function run(figures: Record<string, string>, template: Template = form) {
  const values = new Map<string, CellEntry>();
  for (const [row, raw] of Object.entries(figures)) {
    const ref = { table: template.tables[0].id, row, col: template.tables[0].columns[0].id };
    values.set(`${ref.table}/${row}/${ref.col}`, makeEntry(template, ref, raw)!.entry);
  }
  return check(template, values);
}
const short = (figures: Record<string, string>) => run(figures).findings.map((f) => [f.subject.row, f.severity, f.short]);

describe('sum (numbered children)', () => {
  it('holds', () => {
    const r = run({ a: '5', a1: '2', a2: '3' });
    expect(r.findings).toEqual([]);
    expect(r.passed.has('t/a/v')).toBe(true);
  });
  it('does not count 其中 rows as addends', () => {
    expect(short({ a: '5', a1: '2', a2: '3', a1q: '2' })).toEqual([]);
  });
  it('reports a mismatch with expected, actual and difference', () => {
    const [f] = run({ a: '6', a1: '2', a2: '3' }).findings;
    expect(f).toMatchObject({ kind: 'sum', severity: 'error', expected: 5, actual: 6, difference: 1, short: '≠ 子项合计 5（差 +1）', name: '一（一）总数' });
    expect(f.others).toEqual(['t/a1/v', 't/a2/v']);
    expect(f.message).toBe('一（一）总数：≠ 子项合计 5（差 +1）');
  });
  it('reports an empty parent whose children hold figures', () => {
    expect(short({ a1: '2', a2: '3' })).toEqual([['a', 'error', '未填（子项合计 5）']]);
  });
  it('warns while children are missing, errs once they already exceed', () => {
    // One warning for the table, on its first blank cell (not one per row and column).
    expect(short({ a: '5', a1: '2' })).toEqual([['a2', 'warning', '有 1 个格子未填，1 项合计无法核对；请按实际填写，没有的填 0']]);
    expect(short({ a: '1', a1: '2' })).toEqual([['a', 'error', '已填子项合计 2 > 本项 1']]);
  });
  it('says nothing about a wholly empty table', () => {
    expect(run({}).findings).toEqual([]);
  });
  it('treats a refused figure as blank and reports it', () => {
    // The refusal is the finding; a refused cell is not "blank" too.
    expect(short({ a: '5', a1: 'abc', a2: '3' })).toEqual([['a1', 'error', '无法识别：「abc」不是数字']]);
  });
});

describe('part of (其中)', () => {
  it('allows a part up to the whole', () => {
    expect(short({ a1: '2', a1q: '2', a: '2', a2: '0' })).toEqual([]);
  });
  it('flags a part larger than its parent', () => {
    expect(short({ a: '5', a1: '2', a2: '3', a1q: '3' })).toEqual([['a1q', 'error', '其中项 3 > 所属项 2']]);
  });
  it('flags an empty parent without a sum of its own', () => {
    expect(short({ tq: '1' })).toEqual([['t', 'error', '未填（其中项 1）']]);
  });
});

describe('exhaustive 其中', () => {
  it('requires the reasons to add up to the parent', () => {
    expect(short({ b: '3', bq1: '0', bq2: '0' })).toEqual([['b', 'error', '≠ 其中各项合计 0（差 +3）']]);
    expect(short({ b: '3', bq1: '1', bq2: '2' })).toEqual([]);
  });
});

describe('header', () => {
  it('may stay blank', () => {
    expect(short({ h1: '1', h2: '2', t: '3' })).toEqual([]);
  });
  it('must equal its children when filled', () => {
    expect(short({ h: '1', h1: '1', h2: '2', t: '3' })).toEqual([['h', 'error', '≠ 子项合计 3（差 -2）']]);
  });
});

describe('cover (channels)', () => {
  it('accepts channels that overlap', () => {
    expect(short({ t: '3', h1: '3', h2: '2' })).toEqual([]);
  });
  it('flags channels that do not reach the total', () => {
    const [f] = run({ t: '10', h1: '3', h2: '2' }).findings;
    expect(f).toMatchObject({ kind: 'cover', expected: 10, actual: 5, difference: -5, short: '渠道合计 5 < 总数 10' });
  });
  it('flags a single channel above the total', () => {
    expect(short({ t: '3', h1: '4', h2: '0' })).toEqual([['h1', 'error', '单一渠道 4 > 总数 3']]);
  });
  it('flags an empty total', () => {
    expect(short({ h1: '4', h2: '0' })).toEqual([['t', 'error', '未填（渠道合计 4）']]);
  });
});

describe('same figure and ≤', () => {
  it('same', () => {
    expect(short({ x: '61', y: '61' })).toEqual([]);
    expect(short({ x: '61', y: '60' })).toEqual([['y', 'error', '≠ 二、查阅点数 61（差 -1）']]);
    expect(short({ x: '61' })).toEqual([['y', 'warning', '未填（应与二、查阅点数相同：61）']]);
  });
  it('lte is a warning here', () => {
    expect(short({ t: '9', h1: '9', tq: '3', tm: '2' })).toEqual([['tq', 'warning', '3 > 一（四）制发文件数 2']]);
    expect(short({ t: '9', h1: '9', tq: '2', tm: '2' })).toEqual([]);
  });
});

describe('money', () => {
  it('adds decimals without float noise', () => {
    const money: Template = structuredClone(form);
    for (const r of money.tables[0].rows) if (r.kind !== 'section') r.unit = '万元';
    expect(run({ a: '0.3', a1: '0.1', a2: '0.2' }, money).findings).toEqual([]);
  });
});

describe('finding ids are stable', () => {
  it('gives the same id for the same rule and cell', () => {
    const a = run({ a: '6', a1: '2', a2: '3' }).findings.map((f) => f.id);
    const b = run({ a: '7', a1: '2', a2: '3' }).findings.map((f) => f.id);
    expect(a).toEqual(b);
    expect(a).toEqual(['sum:t/a/v']);
  });
});

describe('links between two tables', () => {
  // 表一 counts applications received, 表二 their replies: every application got one reply, in
  // 本年度 and in 历年累计 alike (columns pair by printed name, not by position or id).
  const two: Template = {
    id: 'two', version: 1, name: 'two', title: 'two', source: 'test',
    tables: [
      { id: 'a', title: '表一', labelHeader: '指标', columns: [{ id: 'y', label: '本年度' }, { id: 'z', label: '历年累计' }], relations: [],
        rows: [v('recv', 0, '受理申请总数'), v('web', 1, '1.网上申请'), v('mail', 1, '2.信函申请')] },
      { id: 'b', title: '表二', labelHeader: '指标', columns: [{ id: 'z2', label: '历年 累计' }, { id: 'y2', label: '本年度' }], relations: [],
        rows: [v('done', 0, '答复总数'), v('ok', 1, '其中：同意公开', { role: 'part' }), v('fee', 0, '收费（元）')] }
    ],
    links: [
      { kind: 'same', id: 'reply', row: { table: 'b', row: 'done' }, as: { table: 'a', row: 'recv' } },
      { kind: 'lte', id: 'ok', row: { table: 'b', row: 'ok', col: 'y2' }, max: { table: 'a', row: 'web', col: 'y' }, severity: 'warning' }
    ]
  };
  const runTwo = (figures: Record<string, string>) => {
    const values = new Map<string, CellEntry>();
    for (const [key, raw] of Object.entries(figures)) {
      const [table, row, col] = key.split('/');
      values.set(key, makeEntry(two, { table, row, col }, raw)!.entry);
    }
    return check(two, values).findings.map((f) => [f.subject.table + '/' + f.subject.row + '/' + f.subject.col, f.severity, f.message]);
  };

  it('compares the row in each column both tables print under the same name', () => {
    const full = { 'a/recv/y': '5', 'a/web/y': '3', 'a/mail/y': '2', 'a/recv/z': '40', 'a/web/z': '30', 'a/mail/z': '10' };
    expect(runTwo({ ...full, 'b/done/y2': '5', 'b/ok/y2': '3', 'b/done/z2': '40', 'b/ok/z2': '30' })).toEqual([]);
    expect(runTwo({ ...full, 'b/done/y2': '4', 'b/ok/y2': '3', 'b/done/z2': '40', 'b/ok/z2': '30' })).toEqual([
      ['b/done/y2', 'error', '表二 · 答复总数 × 本年度：≠ 表一 · 受理申请总数 × 本年度 5（差 -1）']
    ]);
  });

  it('a link with fixed columns compares those cells only', () => {
    const full = { 'a/recv/y': '5', 'a/web/y': '3', 'a/mail/y': '2', 'b/done/y2': '5' };
    expect(runTwo({ ...full, 'b/ok/y2': '4' })).toEqual([
      ['b/ok/y2', 'warning', '表二 · 其中：同意公开 × 本年度：4 > 表一 · 1.网上申请 × 本年度 3']
    ]);
  });
});

describe('a 2021 table filled in part', () => {
  it('一、二 typed, 三、四 not yet: one 提示 for the table (blanks), never an error, never silence', async () => {
    const { gov2021 } = await import('$lib/templates/gov-2021');
    const values = new Map<string, CellEntry>([
      ['t3/1/natural', { raw: '40', value: 40 }], ['t3/1/total', { raw: '40', value: 40 }],
      ['t3/2/natural', { raw: '2', value: 2 }], ['t3/2/total', { raw: '2', value: 2 }]
    ]);
    const { findings } = check(gov2021, values);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.filter((f) => f.subject.table === 't3').map((f) => f.id)).toEqual(['incomplete:t3']);
    // Nothing typed: nothing said.
    expect(check(gov2021, new Map()).findings).toEqual([]);
  });
});
