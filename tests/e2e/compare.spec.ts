// 历年对比: a unit's main figures across its years, drawn and tabled, with a failed carry-over marked.
import { expect, test } from '@playwright/test';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';

test('the chart and table show the unit\'s years; a year whose carry-over is wrong is marked', async ({ page }) => {
  const home = new HomePage(page);
  const report = new ReportPage(page);
  await home.goto();
  await home.createReport('对比县', 2022, 'gov-2021');
  await report.typeAt('t3/1/natural', '30');
  await report.typeAt('t3/1/total', '30');
  await report.typeAt('t3/4/natural', '3');
  await report.typeAt('t3/4/total', '3');
  await report.expectSaved();
  await home.goto();
  await home.createReport('对比县', 2023, 'gov-2021');
  await report.typeAt('t3/1/natural', '45');
  await report.typeAt('t3/1/total', '45');
  await report.typeAt('t3/2/natural', '5'); // last year carried 3 forward
  await report.typeAt('t3/2/total', '5');
  await report.expectSaved();

  await page.getByText('历年对比', { exact: true }).click();
  const chart = page.getByRole('img', { name: /对比县 2022—2023 年主要数字折线图/ });
  await expect(chart).toBeVisible();
  await expect(chart.locator('text.year')).toHaveText(['2022', '2023 ⚠']);
  await expect(chart.locator('circle')).not.toHaveCount(0);
  const table = page.locator('.compare table');
  await expect(table.locator('thead th')).toHaveText(['指标', '2022', '2023 ⚠']);
  await expect(table.locator('tbody tr').filter({ hasText: '收到申请' }).locator('td')).toHaveText(['30', '45']);
  await expect(page.getByRole('list', { name: '跨年核对未通过' })).toContainText('2023年');
  // The other year is one click away.
  await table.getByRole('link', { name: '2022' }).click();
  await expect(page.getByRole('heading', { name: '对比县 · 2022年度' })).toBeVisible();
});
