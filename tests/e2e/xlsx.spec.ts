// Files in and out: download the checked xlsx and read it back in Node; import files the
// user has (xlsx built here, csv, html, the downloaded file itself); broken files change nothing.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { seed2017 } from '../fixtures/seed-2017.js';
import { seedTable } from '../fixtures/seed-table.js';
import { webPageHtml } from '../fixtures/clipboard';
import { chooseFile, download } from './pages/files';
import { seedReport } from './pages/seed-report';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });
const HEADER = ['统计指标', '单位', '统计数'];


test('download the checked xlsx: figures, live check formulas, findings sheet; the page says what is still wrong', async ({ page }) => {
  await seedReport(page, '商河县');
  const { name, path } = await download(page, '下载 xlsx');
  expect(name).toBe('商河县_2017_政府信息公开统计表_已校验.xlsx');
  await expect(page.getByRole('status').filter({ hasText: '表中还有 4 处错误' })).toBeVisible();

  const wb = XLSX.read(readFileSync(path), { type: 'buffer', cellFormula: true });
  expect(wb.SheetNames).toEqual(['统计表', '校验结果']);
  const ws = wb.Sheets['统计表'];
  const rowsByLabel = new Map<string, number>();
  for (let r = 4; r < 100; r++) {
    const a = ws[`A${r}`]?.v;
    if (typeof a === 'string') rowsByLabel.set(a.trim(), r);
  }
  const r = (label: string) => rowsByLabel.get(label)!;
  expect(ws.A1.v).toBe('2017年度政府信息公开工作情况统计表');
  expect(ws[`C${r('（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）')}`]).toMatchObject({ t: 'n', v: 12054 });
  expect(ws[`C${r('十、查阅点接待人数')}`]).toBeUndefined();
  const check = ws[`D${r('十、查阅点接待人数')}`];
  expect(check.f).toContain('SUM(');
  expect(check.v).toBe('未填（子项合计 1500）');
  expect(ws[`D${r('四、行政复议数量')}`]).toMatchObject({ v: '✓' });
  // The finding is in the live 校验 column (and its fill), not in a comment that would go stale.
  expect(ws[`D${r('（二）通过不同渠道和方式回应解读的情况')}`].v).toBe('≠ 子项合计 14（差 -13）');
  expect(ws[`C${r('（二）通过不同渠道和方式回应解读的情况')}`].c).toBeUndefined();
  // 校验结果 by cause: the likely wrong figure with its probable value, the relation under it.
  const findings = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['校验结果'], { header: 1 });
  const causes = findings.filter((row) => typeof row[0] === 'number');
  expect(causes.map((row) => [row[1], row[2], row[3], row[4]])).toEqual([
    ['以下 6 种改法之一', '', '', '有误（无法确定是哪一处）'],
    ['二（二）通过不同渠道和方式回应解读的情况', '填了 1', '应为 14', '疑似有误的数字'],
    ['以下 6 种改法之一', '', '', '有误（无法确定是哪一处）'],
    ['十、查阅点接待人数', '未填', '应为 1500', '未填的数字']
  ]);
  expect(findings.filter((row) => /^\d+-\d+$/.test(String(row[0]))).map((row) => row[9])).toEqual([
    '一（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）：渠道合计 12052 < 总数 12054',
    '二（二）通过不同渠道和方式回应解读的情况：≠ 子项合计 14（差 -13）',
    '三（三）4.不同意公开答复数：≠ 其中各项合计 0（差 +3）',
    '十、查阅点接待人数：未填（子项合计 1500）'
  ]);
});

test('the downloaded file imports back into a new report: same figures, same findings', async ({ page }) => {
  await seedReport(page, '往返县');
  const { path } = await download(page, '下载 xlsx');
  await page.getByRole('link', { name: '全部报表' }).click();
  await chooseFile(page, '导入文件', path);
  const dialog = page.getByRole('dialog', { name: '导入文件' });
  await expect(dialog).toContainText('（统计表）');
  await expect(dialog.getByRole('textbox', { name: '单位名称' })).toHaveValue('往返县');
  await dialog.getByRole('textbox', { name: '单位名称' }).fill('往返县（导入）');
  await dialog.getByRole('button', { name: '导入为新报表' }).click();
  await expect(page.getByRole('heading', { name: '往返县（导入） · 2017年度' })).toBeVisible();
  const report = new ReportPage(page);
  for (const [row, raw] of seed2017) await expect(report.cell(row)).toHaveText(raw);
  await expect(report.findingItems()).toHaveCount(4);
});

test('import an xlsx built elsewhere into the open report, asking before overwriting', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('导入县', 2017);
  const report = new ReportPage(page);
  await report.type('4', '99');
  await report.type('12.3', '5');
  // Last year's file: a cover sheet first, the table on the second sheet, after a title.
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['说明'], ['本文件为年报附件']]), '封面');
  const rows = seedTable().map(([l, u, v]) => [l, u, /^\d+$/.test(v) ? Number(v) : v]);
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['附件1'], ['2017年度政府信息公开工作情况统计表'], HEADER, ...rows]), 'Sheet2');
  const path = test.info().outputPath('last-year.xlsx');
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));

  await chooseFile(page, '导入文件', path);
  const dialog = page.getByRole('dialog', { name: '导入文件' });
  await expect(dialog).toContainText('（Sheet2）');
  // Asked once: the button names what it overwrites, and the result lists each figure replaced.
  await dialog.getByRole('button', { name: '填入当前报表（覆盖 2 个已填的格子）' }).click();
  await expect(dialog).toBeHidden();
  const result = page.getByRole('region', { name: '导入结果' });
  await expect(result).toContainText('按栏目名称和表头对应');
  await expect(result.getByRole('list', { name: '原有数字被替换' })).toContainText('原为「99」，现为「7」');
  await expect(report.cell('4')).toHaveText('7');
  await expect(report.cell('12.3')).toHaveText('61');
  await expect(report.findingItems()).toHaveCount(4);
  // One Ctrl+Z in the grid takes the whole import back.
  await report.select('1.1');
  await page.keyboard.press('Control+z');
  await expect(report.cell('4')).toHaveText('99');
  await expect(report.cell('1.1')).toHaveText('');
});

test('csv and html files import too', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  const csv = test.info().outputPath('table.csv');
  writeFileSync(csv, '\ufeff' + [HEADER, ...seedTable()].map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n'));
  const html = test.info().outputPath('page.html');
  writeFileSync(html, webPageHtml([HEADER, ...seedTable()], '2017年度政府信息公开工作情况统计表'));
  for (const [file, unit] of [[csv, 'CSV县'], [html, '网页县']]) {
    await chooseFile(page, '导入文件', file);
    const dialog = page.getByRole('dialog', { name: '导入文件' });
    await dialog.getByRole('textbox', { name: '单位名称' }).fill(unit);
    await dialog.getByRole('spinbutton', { name: '年度' }).fill('2017');
    await dialog.getByRole('button', { name: '导入为新报表' }).click();
    const report = new ReportPage(page);
    await expect(report.findingItems()).toHaveCount(4);
    await expect(report.cell('1.1')).toHaveText('12054');
    await page.getByRole('link', { name: '全部报表' }).click();
  }
});

test('a file that is not a spreadsheet gets a clear message and changes nothing', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('坏文件县', 2017);
  const report = new ReportPage(page);
  await report.type('4', '7');
  const bad = test.info().outputPath('broken.xlsx');
  writeFileSync(bad, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(2000, 7)]));
  await chooseFile(page, '导入文件', bad);
  await expect(page.getByRole('alert')).toContainText(/导入失败：.*（现有数据未改动）/);
  const noTable = test.info().outputPath('notable.csv');
  writeFileSync(noTable, 'a,b\n1,2\n');
  await chooseFile(page, '导入文件', noTable);
  await expect(page.getByRole('alert')).toContainText('「notable.csv」中的表格不像任何已有表式，未导入：没有认出任何栏目名称或表头');
  await expect(report.cell('4')).toHaveText('7');
  await page.reload();
  await expect(report.cell('4')).toHaveText('7');
});
