// 新建表式 on tables it was never told about: every real published national-format table
// (tests/fixtures/real, 19 reports of 2019–2024), copied as people copy it, is given to the form
// builder as if it were a provincial form nobody coded. The builder must read its structure —
// captions and header rows inside one block (表二), labels over three columns (表三), a table of
// figures only under three header rows (表四), merged headers, 总计 rows and columns, the corner
// note's 第一项加第二项之和，等于第三项加第四项之和, money and 增/减 columns — well enough that the
// table's own figures give exactly the hand audit's findings: none where the audit has none, and
// each audited difference with its figures. Nothing here knows the national form.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/lib/domain/checks';
import { proposeForm } from '../../src/lib/domain/form-builder';
import { mapToForm } from '../../src/lib/domain/form-map';
import { clipboardBlocks } from '../../src/lib/sheets/blocks';
import { realTables } from '../fixtures/real/load';
import { excelClipboard, webPage, wordClipboard } from '../fixtures/render';

const ways: [string, (fx: (typeof realTables)[number]) => { html?: string; text: string }][] = [
  ['Excel clipboard', excelClipboard],
  ['Excel clipboard, text only', (fx) => ({ text: excelClipboard(fx).text })],
  ['Word clipboard', wordClipboard],
  ['the web page', (fx) => ({ html: webPage(fx), text: '' })]
];

describe.each(realTables.map((fx) => [fx.id, fx] as const))('%s as an unknown form', (_, fx) => {
  const audited = fx.audit as { rule: string; expected?: number | null; actual?: number | string | null }[];
  // Differences as figures (expected | actual); a figure that could not be read is a refusal.
  const want = audited.filter((a) => a.rule !== 'value').map((a) => `${a.expected ?? ''}|${a.actual ?? ''}`).sort();
  const refusals = audited.filter((a) => a.rule === 'value').length;

  it.each(ways)('%s: the builder\'s form finds the audit, nothing else', (way, render) => {
    const { html, text } = render(fx);
    const proposal = proposeForm(clipboardBlocks(html, text));
    expect(proposal.template.tables.length).toBeGreaterThanOrEqual(3);
    const errors = check(proposal.template, proposal.samples).findings.filter((f) => f.severity === 'error');
    const got = errors.filter((f) => f.kind !== 'value').map((f) => `${f.expected ?? ''}|${f.actual ?? ''}`).sort();
    expect(got, `${way}: ${errors.map((f) => f.message).join(' / ')}`).toEqual(want);
    expect(errors.filter((f) => f.kind === 'value').length).toBe(refusals);
  });
});

// The own forms' real tables as PDF-copied text, where the 计量单位 cell runs into the label
// (主动公开信息数条 235 440) or every cell comes on a line of its own: every printed figure lands,
// but for a row printed with a cell left blank: PDF text cannot say which column its figures are
// in (2、政府公报公开 条 0 under 2013年度 | 历年累计), so they are reported, never guessed.
describe('own forms: real tables pasted as PDF text land whole', () => {
  const dirs = ['pingtan-county-2011', 'pingtan-zone-2012', 'pingtan-zone-2014', 'pingtan-dept-2009', 'pingtan-dept-2013', 'pingtan-police-2013', 'pingtan-police-2014'];
  const read = (dir: string, file: string) => readFileSync(new URL(`../fixtures/own-forms/${dir}/${file}`, import.meta.url), 'utf8').trimEnd().split('\n').map((l) => l.split('\t'));
  it.each(dirs)('%s', (dir) => {
    const { template } = proposeForm([{ name: '统计表', rows: read(dir, 'blank.tsv') }]);
    for (const file of readdirSync(new URL(`../fixtures/own-forms/${dir}/`, import.meta.url)).filter((f) => /^filled.*\.tsv$/.test(f))) {
      const rows = read(dir, file);
      const figures = (r: string[]) => r.slice(1).map((c) => c.trim()).filter((c) => /^-?\d+(\.\d+)?$/.test(c));
      const columns = Math.max(...rows.slice(1).map((r) => figures(r).length));
      const whole = rows.slice(1).filter((r) => figures(r).length === columns || columns === 1);
      const printed = whole.flatMap(figures).sort();
      const partial = rows.slice(1).filter((r) => !whole.includes(r) && figures(r).length);
      for (const text of [rows.map((r) => r.filter(Boolean).join(' ')).join('\n'), rows.map((r) => r.filter(Boolean).join('\n')).join('\n')]) {
        const plan = mapToForm(template, clipboardBlocks(undefined, text));
        expect(plan.writes.map((w) => w.raw.trim()).filter(Boolean).sort(), `${file}: ${text.slice(0, 40)}`).toEqual(printed);
        for (const r of partial) expect(plan.dropped.map((d) => d.text).join('\n'), `${file}: ${r[0]}`).toContain(`${r[0]}：${figures(r).join(' ')}`);
      }
    }
  });
});
