// The app served on a plain-http intranet address (not localhost): no secure context, so no
// crypto.randomUUID and no async clipboard. Creating, typing, reloading, backup and restore with
// "keep both", import and download must all work there.
import { expect, test } from '@playwright/test';
import { chooseFile, download } from './pages/files';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';

test('everything works from a plain-http intranet address', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const home = new HomePage(page);
  await home.goto();
  expect(await page.evaluate(() => ({ secure: isSecureContext, uuid: typeof crypto.randomUUID }))).toEqual({ secure: false, uuid: 'undefined' });

  await home.createReport('内网县', 2017);
  const report = new ReportPage(page);
  await report.type('4', '7');
  await report.expectSaved();
  await page.reload();
  await expect(report.cell('4')).toHaveText('7');

  await page.getByRole('link', { name: '全部报表' }).click();
  const backup = await download(page, '备份全部');
  await home.open('内网县');
  await report.type('4', '8');
  await report.expectSaved();
  await page.getByRole('link', { name: '全部报表' }).click();
  await chooseFile(page, '恢复', backup.path);
  await page.getByRole('dialog', { name: '恢复：有报表与本地不同' }).getByRole('button', { name: '都保留（备份作为副本）' }).click();
  await expect(home.row('内网县（备份）')).toBeVisible();

  await home.open('内网县');
  const xlsx = await download(page, '下载 xlsx');
  await chooseFile(page, '导入文件', xlsx.path);
  await expect(page.getByRole('dialog', { name: '导入文件' })).toContainText('2017年度政府信息公开工作情况统计表');
  expect(errors).toEqual([]);
});
