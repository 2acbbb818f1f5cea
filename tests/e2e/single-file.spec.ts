// The one-file build a user can e-mail and open by double-click: it must run from file://,
// with IndexedDB, and fetch nothing from anywhere.
import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chooseFile, download } from './pages/files';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';

const file = resolve('build-single/index.html');

test('the single HTML file works from file://, and keeps data across a reload', async ({ page }) => {
  expect(existsSync(file), 'run `npm run build` first').toBe(true);
  const requests: string[] = [];
  page.on('request', (r) => {
    // blob: is the in-page import worker, not a network request.
    if (!/^(file|data|blob):/.test(r.url())) requests.push(r.url());
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto(pathToFileURL(file).href);
  const home = new HomePage(page);
  await expect(page.getByRole('heading', { name: '年报统计表校验' })).toBeVisible();
  await home.createReport('离线县', 2017);
  const report = new ReportPage(page);
  await report.fill([['10.1', '500'], ['10.2', '1000']]);
  await expect(report.check('10')).toHaveText('未填，应为 1500');
  await report.expectSaved();

  await page.reload();
  await expect(report.cell('10.1')).toHaveText('500');
  await expect(report.cell('10.2')).toHaveText('1000');
  await page.getByRole('link', { name: '全部报表' }).click();
  await expect(home.row('离线县')).toContainText('1 个错误');

  // Download and import work offline too (SheetJS and the import worker are inlined).
  await home.open('离线县');
  const { path } = await download(page, '下载 xlsx');
  await page.getByRole('link', { name: '全部报表' }).click();
  await chooseFile(page, '导入文件', path);
  const dialog = page.getByRole('dialog', { name: '导入文件' });
  await dialog.getByRole('textbox', { name: '单位名称' }).fill('离线县副本');
  await dialog.getByRole('button', { name: '导入为新报表' }).click();
  await expect(report.cell('10.2')).toHaveText('1000');

  // A report's PDF too: pdf.js, its worker and the Chinese CMaps are inlined; nothing is fetched.
  await page.getByRole('link', { name: '全部报表' }).click();
  await chooseFile(page, '导入文件', resolve('tests/fixtures/pdf/2024-jiangsu-huaian-hongze-district.pdf'));
  const pdfDialog = page.getByRole('dialog', { name: '导入文件' });
  await expect(pdfDialog).toContainText('填入 179 格', { timeout: 20_000 });
  await expect(pdfDialog.getByRole('textbox', { name: '单位名称' })).toHaveValue('淮安市洪泽区人民政府');
  await pdfDialog.getByRole('button', { name: '取消' }).click();

  expect(requests).toEqual([]);
  expect(errors).toEqual([]);
});
