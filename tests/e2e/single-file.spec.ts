// The one-file build a user can e-mail and open by double-click: it must run from file://,
// with IndexedDB, and fetch nothing from anywhere.
import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';

const file = resolve('build-single/index.html');

test('the single HTML file works from file://, and keeps data across a reload', async ({ page }) => {
  expect(existsSync(file), 'run `npm run build` first').toBe(true);
  const requests: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('file://') && !r.url().startsWith('data:')) requests.push(r.url());
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto(pathToFileURL(file).href);
  const home = new HomePage(page);
  await expect(page.getByRole('heading', { name: '年报统计表校验' })).toBeVisible();
  await home.createReport('离线县', 2017);
  const report = new ReportPage(page);
  await report.fill([['10.1', '500'], ['10.2', '1000']]);
  await expect(report.check('10')).toHaveText('未填（子项合计 1500）');
  await report.expectSaved();

  await page.reload();
  await expect(report.cell('10.1')).toHaveText('500');
  await expect(report.cell('10.2')).toHaveText('1000');
  await page.getByRole('link', { name: '全部报表' }).click();
  await expect(home.row('离线县')).toContainText('1 个错误');

  expect(requests).toEqual([]);
  expect(errors).toEqual([]);
});
