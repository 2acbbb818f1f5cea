import { describe, expect, it } from 'vitest';
import { FormStandings, layoutKey } from './form-standings';
import { chooseForm, type SourceBlock } from '$lib/domain/form-map';
import type { Template } from '$lib/domain/model';
import { readBatchFile } from './batch-read';
import { builtinForms } from '$lib/templates';
import { realTables, type RealTable } from '../../../tests/fixtures/real/load';
import { webPage, xlsx } from '../../../tests/fixtures/render';

/** Another unit's file of the same layout: its name in the title, every plain figure changed by `by`. */
const shifted = (fx: RealTable, by: number): RealTable => ({
  ...fx,
  source: { ...fx.source, unit: `测试单位${by}`, title: `测试单位${by}${fx.source.year}年政府信息公开工作年度报告` },
  cells: Object.fromEntries(Object.entries(fx.cells).map(([k, v]) => [k, /^\d+$/.test(v) ? String(Number(v) + by) : v]))
});
const buffer = (b: Uint8Array | string) => {
  const u = typeof b === 'string' ? new TextEncoder().encode(b) : b;
  return u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;
};
const renderings: [string, (fx: RealTable) => ArrayBuffer][] = [
  ['xlsx', (fx) => buffer(xlsx(fx, 'one-sheet'))],
  ['web page', (fx) => buffer(webPage(fx))]
];

describe('FormStandings', () => {
  it('decides a file of a layout seen before as scoring every form would: same form, same refusal, same figures and check', async () => {
    let hits = 0;
    for (const prefer of ['gov-2021', 'gov-2019', 'gov-2017-county'])
      for (const [how, render] of renderings) {
        const standings = new FormStandings();
        for (const fx of realTables) {
          const first = { name: `${fx.id}.${how === 'web page' ? 'html' : 'xlsx'}`, data: render(shifted(fx, 0)), templateId: prefer };
          await readBatchFile(first, standings);
          // Another unit's figures in the same layout: decided from the standing kept.
          const next = { ...first, data: render(shifted(fx, 3)) };
          const kept = await readBatchFile(next, standings);
          const scored = await readBatchFile({ ...next, data: render(shifted(fx, 3)) }, new FormStandings());
          expect(kept, `${fx.id}, ${how}, into ${prefer}`).toEqual(scored);
        }
        hits += standings.hits;
      }
    // The files of the 汇总's own form were decided without the other forms.
    expect(hits).toBeGreaterThanOrEqual(realTables.length * renderings.length);
  });

  it('never takes a kept standing where the line it hides or a merged figure could change another form\'s score (review cases)', () => {
    // Two own forms alike but for one row or one column: which one a file is turns on one line.
    const row = (id: string, label: string) => ({ id, label, level: 0, kind: 'value' as const });
    const form = (id: string, rows: string[], cols: string[]) =>
      ({ id, version: 1, name: id, title: id, source: '', tables: [{ id: 't1', title: 't', labelHeader: '项目', rows: rows.map((l, i) => row(`r${i}`, l)), columns: cols.map((label, i) => ({ id: `c${i}`, label })), relations: [] }] }) as unknown as Template;
    const pick = (templates: Template[], a: SourceBlock[], b: SourceBlock[]) => {
      const standings = new FormStandings();
      standings.choose(templates, a, 'own-p');
      return [standings.choose(templates, b, 'own-p').best?.template.id, chooseForm(templates, b, 'own-p').best?.template.id, standings.hits];
    };
    // A last line numbered as the matcher reads numbering (⒈, １．, 1 . are 1.): a misprint of
    // own-o's third row, so B is own-o; its title-like twin in A is nothing to either form.
    const rows = ['一、甲类事项', '二、乙类事项'];
    const byRow = [...builtinForms, form('own-p', rows, ['件数']), form('own-o', [...rows, '1.丙类事项的数量'], ['件数'])];
    const lines = (title: string, last: string): SourceBlock[] => [{ name: 'x.xlsx', rows: [[title], ['项目', '件数'], ['一、甲类事项', '5'], ['二、乙类事项', '7'], [last]] }];
    for (const numbered of ['⒈丙类事项之数量', '１．丙类事项之数量', '1 .丙类事项之数量'])
      expect(pick(byRow, lines('甲局2022年报告', '甲局填报'), lines('乙局2022年报告', numbered))).toEqual(['own-o', 'own-o', 0]);
    // A figure merged down into the header row is a header word there (own-o has a column 2021).
    const byColumn = [...builtinForms, form('own-p', rows, ['件数', '数量']), form('own-o', rows, ['件数', '数量', '2021'])];
    const merged = (n: string): SourceBlock[] => [
      { name: 'x.xlsx', rows: [['', '', '', n], ['项目', '件数', '数量', ''], ['一、甲类事项', '5', '6', '7'], ['二、乙类事项', '5', '6', '7']], spanned: [[], ['', '', '', n], [], []] }
    ];
    expect(pick(byColumn, merged('12'), merged('2021'))).toEqual(['own-o', 'own-o', 0]);
  });

  it('keeps a layout by its words and where figures stand, not by what the figures say or whose title it is', () => {
    const key = (rows: string[][], name = '甲局.html', kind?: 'text') => layoutKey([{ name, rows, ...(kind ? { kind } : {}) }], builtinForms);
    const table = (title: string, a: string, b: string) => [[title], ['项目', '件'], ['（一）本年新收政府信息公开申请数量', a], ['（二）上年结转政府信息公开申请数量', b]];
    const one = key(table('甲局2022年政府信息公开工作年度报告', '12', '0'));
    // Another unit's figures and title, another file's name for its one table: the same layout.
    expect(key(table('乙局2022年政府信息公开工作年度报告', '7', '30'), '乙局.html')).toBe(one);
    // A figure written otherwise, a blank where a figure stood, other words: another layout.
    expect(key(table('甲局2022年政府信息公开工作年度报告', '12件', '0'))).not.toBe(one);
    expect(key(table('甲局2022年政府信息公开工作年度报告', '', '0'))).not.toBe(one);
    expect(key(table('甲局2022年政府信息公开工作年度报告', '12', '0').map((r) => r.map((t) => t.replace('本年新收', '本年新'))))).not.toBe(one);
    // A title line a form could read something from is kept as it reads: the words of a row, a
    // header word, numbering, or a bracket that a wrapped label below could close.
    for (const title of ['本年新收政府信息公开申请数量', '本年度', '一、总体情况', '甲局（2022年）'])
      expect(key(table(title, '12', '0'))).not.toBe(key(table(`乙${title}`, '12', '0')));
    // PDF text lines are joined by what each form knows: never kept.
    expect(key([['（一）本年新收申请 12']], '甲局', 'text')).toBeNull();
  });
});
