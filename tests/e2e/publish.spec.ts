// 发布表格: the official tables out of the app — copied for Word/WPS (read back from the real
// clipboard and pasted into a new report), as a Word file (imported back), as web code, printed
// (print media: no app chrome, header rows and unit/year on every page). Remaining findings are
// said first.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seed2017 } from '../fixtures/seed-2017.js';
import { strandedFeet, pdfPages } from '../fixtures/page-feet';
import { realTables } from '../fixtures/real/load';
import { wordClipboard } from '../fixtures/render';
import { gov2021 } from '../../src/lib/templates/gov-2021';
import { readFileSync } from 'node:fs';
import { readPdf, type PdfJs } from '../../src/lib/sheets/read-pdf';
import { chooseForm } from '../../src/lib/domain/form-map';
import { templates } from '../../src/lib/templates/index';
import { chooseFile, download } from './pages/files';
import { seedReport } from './pages/seed-report';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });


async function openPublish(page: Page) {
  await page.getByRole('button', { name: '发布表格' }).click();
  const dialog = page.getByRole('dialog', { name: '发布表格' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('the findings are said first; 复制表格 puts the official table on the clipboard, and it pastes back into a new report', async ({ page }) => {
  await seedReport(page, '发布县');
  const dialog = await openPublish(page);
  await expect(dialog.getByRole('alert')).toContainText('本表还有 4 处错误');
  await dialog.getByRole('button', { name: '复制表格' }).click();
  await expect(dialog.getByRole('status')).toContainText('已复制表格');
  const clip = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    return { html: await (await item.getType('text/html')).text(), text: await (await item.getType('text/plain')).text() };
  });
  expect(clip.html).toContain('<table');
  expect(clip.html).toContain('2017年度政府信息公开工作情况统计表');
  expect(clip.html).toMatch(/font-family:仿宋/);
  expect(clip.html).not.toContain('校验');
  expect(clip.text.split(/\r?\n/)).toContain('　　2.政府网站公开政府信息数\t条\t11946');
  await dialog.getByRole('button', { name: '关闭' }).click();

  // What a person pastes into Word is what the app reads: a new report from it has the same figures.
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('发布县（粘贴回）', 2017);
  const report = new ReportPage(page);
  await report.select('4');
  await report.paste(clip);
  for (const [row, raw] of seed2017) await expect(report.cell(row)).toHaveText(raw);
  await expect(report.findingItems()).toHaveCount(4);
});

test('the web code is a clean table fragment; 下载 Word gives a .docx that imports back with every figure', async ({ page }) => {
  await seedReport(page, '网页县');
  const dialog = await openPublish(page);
  const code = await dialog.getByRole('textbox', { name: /网页代码/ }).inputValue();
  expect(code).toContain('<table');
  expect(code).not.toMatch(/class=|<script|on\w+=/i);
  expect(code).toContain('11946');
  await dialog.getByRole('button', { name: '复制网页代码' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

  const { name, path } = await download(page, '下载 Word', dialog);
  expect(name).toBe('网页县_2017_政府信息公开统计表.docx');
  await dialog.getByRole('button', { name: '关闭' }).click();
  await page.getByRole('link', { name: '全部报表' }).click();
  await chooseFile(page, '导入文件', path);
  const imp = page.getByRole('dialog', { name: '导入文件' });
  await imp.getByRole('textbox', { name: '单位名称' }).fill('网页县（Word 导入）');
  await imp.getByRole('button', { name: '导入为新报表' }).click();
  const report = new ReportPage(page);
  for (const [row, raw] of seed2017) await expect(report.cell(row)).toHaveText(raw);
  await expect(report.findingItems()).toHaveCount(4);
});

test('print: only the official table, its header rows and unit/year on every A4 page', async ({ page }) => {
  await seedReport(page, '打印县');
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void ((window as unknown as { printed: number }).printed += 1);
  });
  const dialog = await openPublish(page);
  await dialog.getByRole('button', { name: '打印' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('toolbar', { name: '报表操作' })).toBeHidden();
  await expect(page.locator('.print-copy table')).toBeVisible();
  await expect(page.locator('.print-copy')).toContainText('11946');
  await expect(page.locator('.print-copy')).not.toContainText('≠');

  const hasPoppler = spawnSync('sh', ['-c', 'command -v pdftotext']).status === 0;
  test.skip(!hasPoppler && !process.env.CI, 'pdftotext (poppler-utils) is not installed');
  const pdf = join(mkdtempSync(join(tmpdir(), 'nianbao-print-')), 'print.pdf');
  writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true }));
  const pages = execFileSync('pdftotext', ['-layout', pdf, '-']).toString().split('\f').filter((p) => p.trim());
  expect(pages.length).toBeGreaterThanOrEqual(2);
  expect(pages.length).toBeLessThanOrEqual(3);
  for (const [i, text] of pages.entries()) {
    expect(text, `page ${i + 1}`).toContain('打印县');
    expect(text, `page ${i + 1}`).toContain('2017年度');
    expect(text, `page ${i + 1}`).toMatch(/统计指标\s+单位\s+统计数/);
    expect(text, `page ${i + 1}`).toContain(`第 ${i + 1} 页`);
    expect(text).not.toContain('全部报表');
  }
});

test('print of a 2021 report: no heading or header row at a page\'s foot, page by page', async ({ page }) => {
  // The real table whose print left 三、收到和处理政府信息公开申请情况 alone at page 1's foot.
  const fx = realTables.find((t) => t.id === '2021-fujian-pingtan-natural-resources-bureau')!;
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('印页县', 2021, 'gov-2021');
  const report = new ReportPage(page);
  await report.selectAt('t2a/rules/issued');
  await report.paste(wordClipboard(fx));
  await expect(page.getByRole('region', { name: '粘贴结果' })).toContainText('按栏目名称和表头对应');
  await report.expectSaved();
  await page.evaluate(() => void (window.print = () => {}));
  const dialog = await openPublish(page);
  await dialog.getByRole('button', { name: '打印' }).click();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.print-copy')).toContainText('三、收到和处理政府信息公开申请情况');

  const hasPoppler = spawnSync('sh', ['-c', 'command -v pdftotext']).status === 0;
  test.skip(!hasPoppler && !process.env.CI, 'pdftotext (poppler-utils) is not installed');
  const pdf = join(mkdtempSync(join(tmpdir(), 'nianbao-print-')), 'print.pdf');
  writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true }));
  const pages = pdfPages(pdf);
  expect(pages.length).toBeGreaterThanOrEqual(2);
  expect(strandedFeet(pages, gov2021)).toEqual([]);
  // Every table printed, a long one with its header rows again on the page it continues on.
  const text = pages.join('\n');
  for (const heading of ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况']) expect(text).toContain(heading);
  for (const [i, p] of pages.entries()) expect(p, `page ${i + 1}`).toContain(`第 ${i + 1} 页，共 ${pages.length} 页`);
  // The printed PDF imports back (a trial's was refused: 表四's headers broken mid-word, 一 read as ⼀).
  const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfJs;
  const { best } = chooseForm(templates, (await readPdf(pdfjs, new Uint8Array(readFileSync(pdf)), 'print.pdf')).blocks);
  expect(best?.template.id).toBe('gov-2021');
  const got = new Map((best?.writes ?? []).map((w) => [w.key, w.raw]));
  for (const [k, raw] of Object.entries(fx.cells)) if (raw.trim()) expect(got.get(k), k).toBe(raw.trim());
});

test('printing another page after a report prints that page, not a blank one', async ({ page }) => {
  await seedReport(page, '返回县');
  await page.getByRole('link', { name: '全部报表' }).click();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { name: '年报统计表校验' })).toBeVisible();
  await expect(page.getByRole('table', { name: '报表列表' })).toBeVisible();
});
