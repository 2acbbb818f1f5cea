// Outputs keep headings with their tables: the checked xlsx, the 汇总 xlsx and the Word file of
// real published tables, printed by LibreOffice and read back page by page with poppler — no page
// ends with a heading (三、收到和处理政府信息公开申请情况, 第二十条第（九）项) or a table's header rows,
// and the 校验结果 sheet's notes print whole. (打印, as Chromium prints it: tests/e2e/publish.spec.ts.)
// Where LibreOffice is missing the test is skipped locally and required on CI.
import { beforeAll, describe, expect, it } from 'vitest';
import { summarise } from '$lib/domain/summary';
import type { Template } from '$lib/domain/model';
import { templates } from '$lib/templates';
import { writeDocx } from '$lib/publish/docx';
import { writeStyledSummary } from '$lib/sheets/styled-summary';
import { writeStyledWorkbook } from '$lib/sheets/styled-workbook';
import { convertAll, officeAvailable, officeRequired, workDir, writeTemp } from '../fixtures/office';
import { pdfPages, strandedFeet } from '../fixtures/page-feet';
import { realTables } from '../fixtures/real/load';
import { valuesOf } from '../fixtures/values';

const report = (id: string) => {
  const fx = realTables.find((t) => t.id === id)!;
  const template = templates.find((t) => t.id === fx.form)!;
  return { template, unit: fx.source.unit, year: fx.source.year, values: valuesOf(template, fx.cells as Record<string, string>) };
};
const form = (id: string) => templates.find((t) => t.id === id) as Template;

describe.runIf(officeAvailable || officeRequired)('printed by LibreOffice, page by page', () => {
  // Each of these left a heading at a page's foot before: the xlsx 四、 (its 校验 messages
  // lengthen 表三), the 汇总 xlsx 四、, the Word file of the 2019–2020 form 三、.
  const pages: Record<string, string[]> = {};
  beforeAll(async () => {
    const dir = workDir();
    const r2021 = report('2021-fujian-pingtan-natural-resources-bureau');
    const r2020 = report('2020-fujian-pingtan-zone');
    const units = realTables.filter((t) => t.form === 'gov-2021').slice(0, 4).map((fx, i) => ({ id: String(i), unit: fx.source.unit, values: report(fx.id).values }));
    const files = {
      'xlsx 2021': writeTemp(dir, 'xlsx-2021.xlsx', await writeStyledWorkbook(r2021)),
      'xlsx 2020': writeTemp(dir, 'xlsx-2020.xlsx', await writeStyledWorkbook(r2020)),
      '汇总 xlsx 2021': writeTemp(dir, 'summary-2021.xlsx', await writeStyledSummary({ name: '平潭', year: 2021 }, summarise(form('gov-2021'), units))),
      'Word 2021': writeTemp(dir, 'docx-2021.docx', await writeDocx(r2021)),
      'Word 2020': writeTemp(dir, 'docx-2020.docx', await writeDocx(r2020))
    };
    // One LibreOffice run for all five (it takes seconds to start).
    const pdfs = convertAll(Object.values(files), 'pdf', dir);
    Object.keys(files).forEach((name, i) => (pages[name] = pdfPages(pdfs[i])));
  }, 300_000);

  it('no page of the xlsx, the 汇总 xlsx or the Word file ends with a heading or header rows', () => {
    const formOf = (name: string) => form(name.endsWith('2020') ? 'gov-2019' : 'gov-2021');
    const feet = Object.fromEntries(Object.entries(pages).map(([name, text]) => [name, strandedFeet(text, formOf(name))]));
    expect(feet).toEqual(Object.fromEntries(Object.keys(pages).map((name) => [name, []])));
    for (const [name, text] of Object.entries(pages)) expect(text.length, name).toBeGreaterThan(1);
    // In the xlsx 表四's caption, header rows and figures on one page.
    const t4 = pages['xlsx 2021'].find((p) => p.includes('四、政府信息公开行政复议、行政诉讼情况'))!;
    expect(t4).toMatch(/件数\s+1\s+0\s+2\s+0\s+3\s+12/);
  });

  it('the 汇总 xlsx prints no page for its two marker sheets (a page each, with one sentence, before)', () => {
    expect(pages['汇总 xlsx 2021'].filter((p) => p.includes('计入汇总表'))).toEqual([]);
    expect(pages['汇总 xlsx 2021'].filter((p) => !p.trim())).toEqual([]);
  });

  it('校验结果 prints whole: its notes wrap over the sheet\'s width instead of being cut at a column\'s edge', () => {
    const flat = (name: string) => pages[name].join('\n').replace(/\s+/g, '');
    expect(flat('xlsx 2021')).toContain('跨年核对与“部分格子未填”的提示不随表格变化。');
    expect(flat('xlsx 2021')).toContain('（2021年起，国办公开办函〔2021〕30号）（第1版）');
    expect(flat('汇总 xlsx 2021')).toContain('以各表的“校验”列为准。');
  });
});
