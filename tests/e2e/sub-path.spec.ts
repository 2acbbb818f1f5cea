// The static build must work from any sub-path of any static web server.
import { expect, test } from '@playwright/test';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';

const base = `http://127.0.0.1:${process.env.E2E_SUBPATH_PORT}/apps/nianbao/`;

test('the static build runs below a sub-path', async ({ page }) => {
  const failed: string[] = [];
  page.on('response', (r) => r.status() >= 400 && failed.push(r.url()));
  await page.goto(base);
  const home = new HomePage(page);
  await expect(page.getByRole('heading', { name: '年报统计表校验' })).toBeVisible();
  await home.createReport('子路径县', 2017);
  expect(page.url().startsWith(`${base}#/report/`)).toBe(true);
  const report = new ReportPage(page);
  await report.type('7.1', '3');
  await report.expectSaved();
  await page.reload();
  await expect(report.cell('7.1')).toHaveText('3');
  expect(failed).toEqual([]);
});
