// The published table (copy for Word/WPS, web code, Word file): its structure read directly, and
// (LibreOffice installed; always on CI) opened by a real office suite and printed to PDF, where
// every figure must sit on the line of its label and the merged headers keep their text.
import { describe, expect, it } from 'vitest';
import { gov2017County } from '$lib/templates/gov-2017-county';
import { gov2021, richest2021, seedValues } from '../../../tests/fixtures/values';
import { convert, officeAvailable, officeRequired, pdfWords, workDir, writeTemp, type PdfWord } from '../../../tests/fixtures/office';
import { writeDocx } from './docx';
import { printedTables, tablesHtml, tablesTsv, type PublishData } from './tables';

const seed = (): PublishData => ({ template: gov2017County, unit: '商河县人民政府办公室', year: 2017, values: seedValues() });
const real2021 = richest2021;

/** Parses the HTML with a tiny reader (no DOM in unit tests): rows of cells with their spans. */
function htmlTables(html: string) {
  return [...html.matchAll(/<table[\s\S]*?<\/table>/g)].map((m) =>
    [...m[0].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((tr) =>
      [...tr[1].matchAll(/<t([hd])([^>]*)>([\s\S]*?)<\/t[hd]>/g)].map((c) => ({
        head: c[1] === 'h',
        colspan: Number(/colspan="(\d+)"/.exec(c[2])?.[1] ?? 1),
        rowspan: Number(/rowspan="(\d+)"/.exec(c[2])?.[1] ?? 1),
        text: c[3].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
      }))
    )
  );
}

describe('the published tables', () => {
  it('2017: one table, label | 单位 | 统计数, every figure in its row, no 校验 column', () => {
    const [t] = htmlTables(tablesHtml(seed(), { flavour: 'office' }));
    expect(t[0].map((c) => c.text)).toEqual(['统计指标', '单位', '统计数']);
    const row = t.find((r) => r[0].text === '2.政府网站公开政府信息数')!;
    expect(row.map((c) => c.text)).toEqual(['2.政府网站公开政府信息数', '条', '11946']);
    expect(t.flat().some((c) => c.text.includes('校验') || c.text.includes('≠'))).toBe(false);
  });

  it('2021: the section headings and the merged headers of 表三 as printed; every row as wide as the header', () => {
    const data = real2021();
    const html = tablesHtml(data, { flavour: 'office', title: true });
    expect(html).toContain('二、主动公开政府信息情况');
    expect(html).toContain('三、收到和处理政府信息公开申请情况');
    expect(html).toContain('四、政府信息公开行政复议、行政诉讼情况');
    const tables = htmlTables(html);
    expect(tables).toHaveLength(gov2021.tables.length);
    tables.forEach((rows, i) => {
      const t = printedTables(data)[i];
      // Each body row has one cell per column; the header rows' spans cover the width exactly.
      for (const r of rows.filter((r) => !r[0].head)) expect(r.length).toBe(t.columns);
      const heads = rows.filter((r) => r[0].head && !(r.length === 1 && r[0].colspan === t.columns));
      const filled = heads.map(() => 0);
      heads.forEach((r, level) => r.forEach((c) => { for (let l = level; l < level + c.rowspan; l++) filled[l] += c.colspan; }));
      expect(filled.every((n) => n === t.columns)).toBe(true);
    });
    const t3 = tables[gov2021.tables.findIndex((t) => t.id === 't3')];
    expect(t3[0].find((c) => c.text === '申请人情况')?.colspan).toBe(printedTables(data).find((t) => t.layout.table.id === 't3')!.layout.columns.length);
  });

  it('the web fragment is clean: no classes, no scripts, no event handlers, text escaped', () => {
    const data = seed();
    const html = tablesHtml({ ...data, unit: '<script>alert(1)</script>某县' }, { flavour: 'web', title: true });
    expect(html).not.toMatch(/class=|<script|on\w+=|javascript:/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('仿宋');
  });

  it('tab-separated text keeps the title, headings, headers and rows', () => {
    const tsv = tablesTsv(real2021()).split('\r\n');
    expect(tsv[0]).toMatch(/^20\d\d年度政府信息公开工作年度报告统计表$/);
    expect(tsv).toContain('三、收到和处理政府信息公开申请情况');
    const row = tsv.find((l) => l.startsWith('三、本年度办理结果'));
    expect(row).toBeDefined();
  });
});

describe.runIf(officeAvailable || officeRequired)('opened by LibreOffice', () => {
  /**
   * The words printed in the row of `label`, left to right: same page, vertical centre within 9 pt
   * of the label's first line (a label wrapped onto two lines has its figures centred between).
   */
  function lineOf(words: PdfWord[], label: string) {
    const w = words.find((x) => x.text === label || x.text.startsWith(label));
    if (!w) throw new Error(`${label} not printed`);
    return words.filter((x) => x.page === w.page && Math.abs((x.y0 + x.y1) / 2 - (w.y0 + w.y1) / 2) < 9 && x.x0 > w.x1).sort((a, b) => a.x0 - b.x0).map((x) => x.text);
  }

  it('the Word file: the 2017 table with every figure beside its label', { timeout: 180_000 }, async () => {
    const dir = workDir();
    const pdf = convert(writeTemp(dir, 'seed.docx', await writeDocx(seed())), 'pdf', dir);
    const words = pdfWords(pdf);
    expect(words.map((w) => w.text).join('')).toContain('2017年度政府信息公开工作情况统计表');
    for (const [label, figure] of [['2.政府网站公开政府信息数', '11946'], ['3.政务微博公开政府信息数', '76'], ['（一）维持具体行政行为数', '1']]) expect(lineOf(words, label), label).toContain(figure);
  });

  it('the Word file of a real 2021 table: merged headers printed once, figures in their rows', { timeout: 180_000 }, async () => {
    const dir = workDir();
    const data = real2021();
    const pdf = convert(writeTemp(dir, 'real.docx', await writeDocx(data)), 'pdf', dir);
    const words = pdfWords(pdf);
    const text = words.map((w) => w.text).join('');
    // Printed once per page: the header rows repeat on each page the table runs over, never twice.
    const pages = words.filter((w) => w.text === '申请人情况').map((w) => w.page);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(new Set(pages).size).toBe(pages.length);
    expect(text).toContain('法人或其他组织');
    // 表三 row 一、本年新收政府信息公开申请数量: its printed figures in order.
    const t3 = printedTables(data).find((t) => t.layout.table.id === 't3')!;
    const row = t3.body.find((r) => r.label.startsWith('一、本年新收'))!;
    expect(lineOf(words, '一、本年新收').filter((x) => /^\d+$/.test(x))).toEqual(row.figures.filter(Boolean));
  });

  it('the copied HTML as Word/WPS get it: the same table in LibreOffice Writer', { timeout: 180_000 }, async () => {
    const dir = workDir();
    const html = `<!doctype html><html><head><meta charset="utf-8"></head><body>${tablesHtml(seed(), { flavour: 'office', title: true })}</body></html>`;
    const pdf = convert(writeTemp(dir, 'copied.html', html), 'pdf', dir);
    const words = pdfWords(pdf);
    expect(lineOf(words, '2.政府网站公开政府信息数')).toContain('11946');
    expect(lineOf(words, '2.政府网站公开政府信息数')).toContain('条');
  });
});
