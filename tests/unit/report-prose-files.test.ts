// A published report's prose comes in with its tables from a Word report, a saved report page and
// a .txt of PDF text (not only from a PDF): the real reports of tests/fixtures/prose, their text
// put around their own tables, are read as a file and by the 汇总's batch, and their prose judged
// as the text itself is.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { proseStatements } from '../../src/lib/domain/prose/statements';
import type { CellEntry } from '../../src/lib/domain/model';
import { readBatchFile } from '../../src/lib/sheets/batch-read';
import { unpackFigures } from '../../src/lib/sheets/packed-figures';
import { proseOf, readSource } from '../../src/lib/sheets/read-source';
import { findTemplate } from '../../src/lib/templates';
import { realTables } from '../fixtures/real/load';
import { docx, pdfText, webPage } from '../fixtures/render';

const dir = new URL('../fixtures/prose/', import.meta.url);
const reports = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => ({ id: f.replace(/\.txt$/, ''), text: readFileSync(new URL(f, dir), 'utf8') }));

function verdicts(id: string, text: string) {
  const fx = realTables.find((t) => t.id === id)!;
  const values = new Map<string, CellEntry>();
  for (const [k, raw] of Object.entries(fx.cells)) if (/^\s*-?\d+(\.\d+)?\s*$/.test(raw)) values.set(k, { raw, value: Number(raw) });
  return proseStatements(findTemplate(fx.form, 1)!, values, text).map((s) => `${s.name} ${s.raw}${s.unit} ${s.verdict}`);
}

describe('the prose of a report read from a file', () => {
  it('is the text around the tables when there is enough of it; a title line is not', () => {
    expect(proseOf('某县2023年政府信息公开工作年度报告统计表')).toBeUndefined();
    expect(proseOf('本年度共受理政府信息公开申请58件，办结55件，结转下年度继续办理3件。全年未发生政府信息公开行政复议、行政诉讼案件。')).toMatch(/^本年度共受理/);
    // A page's source lines, joined by the browser with spaces, are Chinese again.
    expect(proseOf('本年度共受理政府信息   公开申请 58 件，办结 55 件，结转下年度继续办理 3 件，全年未发生政府信息公开行政复议、行政诉讼案件。')).toContain('共受理政府信息公开申请 58 件');
  });

  for (const { id, text } of reports) {
    const fx = realTables.find((t) => t.id === id)!;
    const expected = verdicts(id, text);
    it(`${id}: from a Word report, a report page and a .txt, judged as the text itself`, async () => {
      for (const [name, bytes] of [
        ['年度报告.docx', await docx(fx, text)],
        ['年度报告.html', new TextEncoder().encode(webPage(fx, text))],
        ['年度报告.txt', new TextEncoder().encode(`${text}\n${pdfText(fx)}`)]
      ] as const) {
        const source = await readSource(bytes, name);
        expect(source.prose, name).toBeDefined();
        expect(verdicts(id, source.prose!), name).toEqual(expected);
      }
    });
  }

  it('the 汇总 keeps a unit file\'s prose and counts its disagreements in the summary', async () => {
    const withDisagreement = reports.find(({ id, text }) => verdicts(id, text).some((v) => v.endsWith('disagrees')))!;
    const fx = realTables.find((t) => t.id === withDisagreement.id)!;
    const read = await readBatchFile({ name: `${fx.source.unit}.docx`, data: (await docx(fx, withDisagreement.text)).slice().buffer as ArrayBuffer, templateId: fx.form });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.prose).toBeDefined();
    expect(read.summary.prose).toBe(verdicts(fx.id, withDisagreement.text).filter((v) => v.endsWith('disagrees')).length);
    // Its figures cross to the page packed, and unpack to the table's own: every filled cell once, as printed.
    const figures = unpackFigures(read.figures);
    const printed = Object.entries(fx.cells).filter(([, raw]) => raw.trim() !== '');
    expect(read.count).toBe(printed.length);
    expect(figures.map(([k, raw]) => [k, raw]).sort()).toEqual(printed.sort());
    for (const [, raw, value] of figures) if (/^\s*-?\d+(\.\d+)?\s*$/.test(raw)) expect(value).toBe(Number(raw));
    const plain = await readBatchFile({ name: `${fx.source.unit}.docx`, data: (await docx(fx)).slice().buffer as ArrayBuffer, templateId: fx.form });
    expect(plain.ok && plain.prose).toBeFalsy();
  });
});
