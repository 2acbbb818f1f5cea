// 新建表式 on tables it was never told about: every real published national-format table
// (tests/fixtures/real, 19 reports of 2019–2024), copied as people copy it, is given to the form
// builder as if it were a provincial form nobody coded. The builder must read its structure —
// captions and header rows inside one block (表二), labels over three columns (表三), a table of
// figures only under three header rows (表四), merged headers, 总计 rows and columns, the corner
// note's 第一项加第二项之和，等于第三项加第四项之和, money and 增/减 columns — well enough that the
// table's own figures give exactly the hand audit's findings: none where the audit has none, and
// each audited difference with its figures. Nothing here knows the national form.
import { describe, expect, it } from 'vitest';
import { check } from '../../src/lib/domain/checks';
import { proposeForm } from '../../src/lib/domain/form-builder';
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
