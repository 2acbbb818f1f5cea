// Every real published table (tests/fixtures/real), in every way users hold it, through paste and
// through import: 100 % of printed figures land in their cell, the form is recognised, and the
// findings equal the hand audit — no false alarm, no miss.
import { describe, expect, it } from 'vitest';
import { check } from '../../src/lib/domain/checks';
import { decidePaste } from '../../src/lib/domain/mapping';
import { pasteReport } from '../../src/lib/domain/paste-report';
import type { FormPlan } from '../../src/lib/domain/form-map';
import type { CellEntry, ColumnDef } from '../../src/lib/domain/model';
import { clipboardBlocks } from '../../src/lib/sheets/blocks';
import { findForm } from '../../src/lib/sheets/import';
import { readSource } from '../../src/lib/sheets/read-source';
import { templates } from '../../src/lib/templates/index';
import { realTables, type RealTable } from '../fixtures/real/load';
import { docx, excelClipboard, pdfText, pdfUnplaceable, templateOf, webPage, wordClipboard, xlsx } from '../fixtures/render';

type Landing = { plan: FormPlan; meta?: { unit?: string; year?: number } };

const pastes: [string, (fx: RealTable) => { html?: string; text: string }][] = [
  ['Excel clipboard (html + tsv)', excelClipboard],
  ['Excel clipboard, text only', (fx) => ({ text: excelClipboard(fx).text })],
  ['Word clipboard (tables with headings between)', wordClipboard],
  ['Word clipboard, text only', (fx) => ({ text: wordClipboard(fx).text })],
  ['the web page', (fx) => ({ html: webPage(fx), text: '' })],
  ['PDF-copied text', (fx) => ({ text: pdfText(fx) })],
  ['PDF-copied text, a figure a line', (fx) => ({ text: pdfText(fx, true) })]
];

const files: [string, (fx: RealTable) => Promise<{ name: string; bytes: Uint8Array }>][] = [
  ['xlsx, one sheet', async (fx) => ({ name: `${fx.source.unit}.xlsx`, bytes: xlsx(fx, 'one-sheet') })],
  ['xlsx, one sheet per table', async (fx) => ({ name: '统计表.xlsx', bytes: xlsx(fx, 'per-table') })],
  ['xlsx, one sheet per table, reversed', async (fx) => ({ name: '统计表.xlsx', bytes: xlsx(fx, 'per-table-reversed') })],
  ['docx', async (fx) => ({ name: '年度报告.docx', bytes: await docx(fx) })],
  ['saved web page (.html)', async (fx) => ({ name: '年度报告.html', bytes: new TextEncoder().encode(webPage(fx)) })],
  ['PDF text saved as .txt', async (fx) => ({ name: '年度报告.txt', bytes: new TextEncoder().encode(pdfText(fx)) })]
];

/** Printed figures land in their cells; nothing lands where the page printed nothing. */
function expectLanded(fx: RealTable, plan: FormPlan, unplaceable = new Set<string>()) {
  const written = new Map(plan.writes.map((w) => [w.key, w.raw]));
  const wrong: string[] = [];
  for (const [key, raw] of Object.entries(fx.cells)) {
    if (unplaceable.has(key)) continue;
    const got = written.get(key) ?? '';
    if (got.trim() !== raw.trim()) wrong.push(`${key}: printed「${raw}」, got「${got}」`);
  }
  for (const [key, raw] of written) if (!(key in fx.cells) && raw.trim() !== '') wrong.push(`${key}: not printed, got「${raw}」`);
  // Rows PDF text cannot place are reported, never guessed.
  for (const key of unplaceable) if ((written.get(key) ?? '').trim() !== '') wrong.push(`${key}: unplaceable, got「${written.get(key)}」`);
  expect(wrong).toEqual([]);
  if (unplaceable.size) expect(plan.dropped.length).toBeGreaterThan(0);
}

/** The findings of the landed figures equal the audit: the same error cells, and no warning but the one about blanks. */
function expectAudit(fx: RealTable, plan: FormPlan) {
  const template = templateOf(fx);
  const values = new Map<string, CellEntry>(pasteReport(plan).entries.filter((e) => e.entry.raw !== '').map((e) => [e.key, e.entry]));
  const findings = check(template, values).findings;
  // Only findings about cells the source holds are judged: a stored copy cut after some row (or a
  // hybrid form) leaves the rest of the table unknown, and a blank total there says nothing of the page.
  const errors = findings.filter((f) => f.severity === 'error' && f.subjectKey in fx.cells).map((f) => f.subjectKey).sort();
  expect(errors).toEqual([...new Set(fx.audit.map((a) => a.cell))].sort());
  for (const w of findings.filter((f) => f.severity === 'warning')) expect([w.kind, hasGaps(fx)]).toEqual(['incomplete', true]);
}

/** A page with blank cells, or one that leaves out cells of a table it prints (the hybrid forms). */
function hasGaps(fx: RealTable): boolean {
  if (Object.values(fx.cells).some((raw) => raw.trim() === '')) return true;
  return templateOf(fx).tables.some((t) => {
    const printed = Object.keys(fx.cells).filter((k) => k.startsWith(`${t.id}/`)).length;
    const leaves = (cs: ColumnDef[]): ColumnDef[] => cs.filter((c) => !c.derived).flatMap((c) => (c.children?.length ? leaves(c.children) : [c]));
    return printed > 0 && printed < t.rows.filter((r) => r.kind !== 'section' && r.kind !== 'group').length * leaves(t.columns).length;
  });
}

describe('the real tables', () => {
  it('are at least 12, from at least 4 provinces, in both national formats, some with real errors', () => {
    expect(realTables.length).toBeGreaterThanOrEqual(12);
    expect(new Set(realTables.map((t) => t.source.province)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(realTables.map((t) => t.form))).toEqual(new Set(['gov-2019', 'gov-2021']));
    expect(realTables.filter((t) => t.audit.some((a) => a.rule !== 'value')).length).toBeGreaterThanOrEqual(3);
    for (const t of realTables) expect(t.source.url || t.source.via).toBeTruthy();
  });
});

for (const fx of realTables) {
  describe(`${fx.id} (${fx.source.unit} ${fx.source.year}, ${fx.form})`, () => {
    for (const [how, render] of pastes) {
      it(`pasted from ${how}`, () => {
        const { html, text } = render(fx);
        const decision = decidePaste(templates, templateOf(fx), clipboardBlocks(html, text));
        expect(decision.kind).toBe('fill');
        const plan = (decision as { plan: FormPlan }).plan;
        expect(plan.template.id).toBe(fx.form);
        const unplaceable = how.startsWith('PDF') ? pdfUnplaceable(fx) : undefined;
        expectLanded(fx, plan, unplaceable);
        if (!unplaceable?.size) expectAudit(fx, plan);
      });
    }
    it('pasted into a report of another form: offered as a new report of its own form, nothing written', () => {
      const { html, text } = excelClipboard(fx);
      for (const other of templates.filter((t) => t.id !== fx.form)) {
        const decision = decidePaste(templates, other, clipboardBlocks(html, text));
        expect(decision.kind).toBe('other-form');
        expect((decision as { plan: FormPlan }).plan.template.id).toBe(fx.form);
      }
    });
    for (const [how, render] of files) {
      it(`imported from ${how}`, async () => {
        const { name, bytes } = await render(fx);
        const { fits } = findForm(templates, await readSource(bytes, name));
        expect(fits?.template.id).toBe(fx.form);
        const landing: Landing = { plan: fits!.plan, meta: fits!.meta };
        const unplaceable = how.startsWith('PDF') ? pdfUnplaceable(fx) : undefined;
        expectLanded(fx, landing.plan, unplaceable);
        if (!unplaceable?.size) expectAudit(fx, landing.plan);
        if (how !== 'xlsx, one sheet per table' && how !== 'xlsx, one sheet per table, reversed') expect(landing.meta).toEqual({ unit: fx.source.unit, year: fx.source.year });
      });
    }
  });
}
