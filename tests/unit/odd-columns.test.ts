// One odd column never sinks the rest (issue: a 表二 header the form lacks made a whole real table
// "not like any form", and a whole-section paste did nothing). Real tables, each with one header
// printed otherwise: through paste and import every other figure lands, the odd column is reported
// with its figures, and offered as the form's column it resembles for the person to accept.
import { describe, expect, it } from 'vitest';
import { decidePaste } from '../../src/lib/domain/mapping';
import type { FormPlan } from '../../src/lib/domain/form-map';
import { clipboardBlocks } from '../../src/lib/sheets/blocks';
import { findForm } from '../../src/lib/sheets/import';
import { readSource } from '../../src/lib/sheets/read-source';
import { templates } from '../../src/lib/templates/index';
import { realTables, type RealTable } from '../fixtures/real/load';
import { excelClipboard, templateOf, webPage, wordClipboard, xlsx } from '../fixtures/render';

/** A real table as a page printed it with one column header in other words. */
function withHeader(id: string, col: string, header: string): RealTable {
  const fx = realTables.find((t) => t.id === id)!;
  return { ...fx, columns: { ...fx.columns, [col]: header } };
}

/** A real table printed without the cells of one column: what lands must be everything else. */
function expectRestLanded(fx: RealTable, plan: FormPlan, oddCol: string) {
  const written = new Map(plan.writes.map((w) => [w.key, w.raw]));
  const wrong: string[] = [];
  for (const [key, raw] of Object.entries(fx.cells)) {
    const odd = key.startsWith(`${oddCol.split('/')[0]}/`) && key.endsWith(`/${oddCol.split('/')[1]}`);
    if (odd) {
      if ((written.get(key) ?? '') !== '') wrong.push(`${key}: odd column, got「${written.get(key)}」`);
    } else if ((written.get(key) ?? '').trim() !== raw.trim()) wrong.push(`${key}: printed「${raw}」, got「${written.get(key) ?? ''}」`);
  }
  expect(wrong).toEqual([]);
}

const cases: [string, string, string, string][] = [
  // A 2021 table whose 收费 header carries words of the trial form.
  ['2022-fujian-pingtan-zone', 't2d/fees', '本年收费金额（单位：万元）上一年项目数量', 'fees'],
  // A 2019–2020 table whose 许可 header reads "<year>年项目数量" for 上一年项目数量.
  ['2020-fujian-pingtan-zone', 't2b/prev', '2020年项目数量', 'prev']
];

describe('a table with one odd header', () => {
  for (const [id, col, header, suggest] of cases) {
    const fx = withHeader(id, col, header);
    for (const [how, clip] of [
      ['Excel clipboard', () => excelClipboard(fx)],
      ['Word clipboard (the whole section)', () => wordClipboard(fx)],
      ['the web page', () => ({ html: webPage(fx), text: '' })]
    ] as const)
      it(`${id}, 「${header}」, pasted from ${how}: every other figure lands, the odd column is reported and offered as ${suggest}`, () => {
        const { html, text } = clip();
        const decision = decidePaste(templates, templateOf(fx), clipboardBlocks(html, text));
        expect(decision.kind).toBe('fill');
        const plan = (decision as { plan: FormPlan }).plan;
        expectRestLanded(fx, plan, col);
        const table = col.split('/')[0];
        const odd = plan.oddColumns.filter((o) => o.table === table);
        expect(odd).toHaveLength(1);
        expect(odd[0].header).toContain(header.slice(0, 4));
        expect(odd[0].suggest).toBe(suggest);
        const printed = Object.entries(fx.cells).filter(([k]) => k.startsWith(`${table}/`) && k.endsWith(`/${col.split('/')[1]}`));
        expect(odd[0].figures.map((f) => f.raw).sort()).toEqual(printed.map(([, raw]) => raw).filter((r) => r !== '').sort());
      });
    it(`${id}, 「${header}」, imported from xlsx: the form is recognised, every other figure lands`, async () => {
      const { fits } = findForm(templates, await readSource(xlsx(fx, 'one-sheet'), 'x.xlsx'));
      expect(fits?.template.id).toBe(fx.form);
      expectRestLanded(fx, fits!.plan, col);
      expect(fits!.plan.oddColumns.map((o) => o.suggest)).toEqual([suggest]);
    });
  }

  it('two odd headers alike (a page cut 本年新制作数量 and 本年新公开数量 to 本年新): offered in the form\'s order', () => {
    const fx = withHeader('2020-fujian-pingtan-zone', 't2a/made', '本年新');
    fx.columns!['t2a/published'] = '本年新';
    const { html, text } = wordClipboard(fx);
    const decision = decidePaste(templates, templateOf(fx), clipboardBlocks(html, text));
    expect(decision.kind).toBe('fill');
    const plan = (decision as { plan: FormPlan }).plan;
    expect(plan.oddColumns.filter((o) => o.table === 't2a').map((o) => o.suggest)).toEqual(['made', 'published']);
  });
});
