// Accessibility: axe-core finds no critical and no serious violation on the home page, the
// dialogs and every form's report page (with figures, a refused figure and findings shown).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { excelHtml, tsv } from '../fixtures/clipboard';
import { seedTable } from '../fixtures/seed-table.js';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';
import { FormEditorPage } from './pages/form-editor';

// axe-core walks every cell of the larger grids: with two test workers on two cores a page takes
// longer than the default 30 s.
test.describe.configure({ timeout: 90_000 });

async function expectNoSeriousViolations(page: Page, what: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  const summary = bad.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(' ; ')}`);
  expect(summary, `${what}: axe-core critical/serious violations`).toEqual([]);
}

test('home page and the new-report dialog', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await expectNoSeriousViolations(page, 'home page');
  await page.getByRole('button', { name: '新建报表' }).click();
  await expect(page.getByRole('dialog', { name: '新建报表' })).toBeVisible();
  await expectNoSeriousViolations(page, 'new-report dialog');
});

for (const template of ['gov-2017-county', 'gov-2019', 'gov-2021']) {
  test(`report page: ${template}, with figures, a refused figure and findings`, async ({ page }) => {
    const home = new HomePage(page);
    await home.goto();
    await home.createReport('无障碍县', 2022, template);
    const report = new ReportPage(page);
    const cells = page.locator('td[data-cell]');
    await report.typeAt((await cells.nth(0).getAttribute('data-cell'))!, '5');
    await report.typeAt((await cells.nth(1).getAttribute('data-cell'))!, 'abc');
    await expect(page.locator('td.cell-invalid')).toHaveCount(1);
    await expectNoSeriousViolations(page, `${template} report page`);
  });
}

test('the note dialog', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('无障碍县', 2017);
  const report = new ReportPage(page);
  // The grid's context menu, open.
  await report.cell('4').click({ button: 'right' });
  await expect(page.getByRole('menuitem', { name: '批注…' })).toBeVisible();
  await expectNoSeriousViolations(page, 'context menu');
  await page.keyboard.press('Escape');
  await report.select('4');
  await page.keyboard.press('Shift+F2');
  await expect(page.getByRole('dialog', { name: '批注与修改记录' })).toBeVisible();
  await expectNoSeriousViolations(page, 'note dialog');
});

test('the paste report beside the grid, after a whole table is pasted', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('无障碍县', 2017);
  const report = new ReportPage(page);
  await report.select('4');
  const rows = [['统计指标', '单位', '统计数'], ...seedTable()];
  await report.paste({ html: excelHtml(rows), text: tsv(rows) });
  await expect(report.findingItems()).toHaveCount(4);
  await expect(page.getByRole('region', { name: '粘贴结果' })).toBeVisible();
  await expectNoSeriousViolations(page, 'paste report');
});

test('the publish dialog with findings, and 历年对比', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('无障碍县', 2016);
  const report = new ReportPage(page);
  await report.type('8', '60');
  await home.goto();
  await home.createReport('无障碍县', 2017);
  await report.type('8', '61');
  await report.type('8.1', '49');
  await page.getByRole('button', { name: '发布表格' }).click();
  await expect(page.getByRole('dialog', { name: '发布表格' }).getByRole('alert')).toBeVisible();
  await expectNoSeriousViolations(page, 'publish dialog');
  await page.getByRole('dialog', { name: '发布表格' }).getByRole('button', { name: '关闭' }).click();
  await page.getByText('历年对比', { exact: true }).click();
  await expect(page.locator('.compare table')).toBeVisible();
  await expectNoSeriousViolations(page, '历年对比');
});

test('a 汇总 page with units, its summary and a drill-down; the new-collection dialog', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await page.getByRole('button', { name: '新建汇总' }).click();
  await expect(page.getByRole('dialog', { name: '新建汇总' })).toBeVisible();
  await expectNoSeriousViolations(page, 'new-collection dialog');
  await page.getByRole('dialog', { name: '新建汇总' }).getByRole('button', { name: '取消' }).click();
  await home.createReport('无障碍甲局', 2017);
  const report = new ReportPage(page);
  await report.type('8', '60');
  await report.type('8.1', '49');
  await home.goto();
  await home.createCollection('无障碍县', 2017, 'gov-2017-county');
  await page.getByRole('button', { name: '从已有报表添加' }).click();
  const pick = page.getByRole('dialog', { name: '从已有报表添加' });
  await pick.getByRole('checkbox', { name: '无障碍甲局' }).check();
  await expectNoSeriousViolations(page, 'pick reports dialog');
  await pick.getByRole('button', { name: /^添加 1 份$/ }).click();
  await page.locator('button[data-cell="t1/8/v"]').click();
  await expect(page.getByRole('complementary', { name: '各单位数字' })).toBeVisible();
  await expectNoSeriousViolations(page, '汇总 page');
});

test('a 2021 汇总 (表二 to 表四) with a 表四 drill-down open', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('无障碍乙局', 2022, 'gov-2021');
  const report = new ReportPage(page, 't3', 'total');
  await report.typeAt('t3/1/total', '12');
  await report.typeAt('t4/n/r.total', '2');
  await home.goto();
  await home.createCollection('无障碍市', 2022, 'gov-2021');
  await page.getByRole('button', { name: '从已有报表添加' }).click();
  const pick = page.getByRole('dialog', { name: '从已有报表添加' });
  await pick.getByRole('checkbox', { name: '无障碍乙局' }).check();
  await pick.getByRole('button', { name: /^添加 1 份$/ }).click();
  await page.locator('button[data-cell="t4/n/r.total"]').click();
  await expect(page.getByRole('complementary', { name: '各单位数字' })).toBeVisible();
  await expectNoSeriousViolations(page, '2021 汇总 page with a drill-down');

  // One Tab stop a table, arrows inside it: Tab from 表三's cell goes on to 表四, not through 表三's 200 cells.
  const t3 = page.getByRole('table', { name: '汇总：表三' });
  await t3.locator('button[data-cell="t3/1/total"]').focus();
  await page.keyboard.press('ArrowDown');
  await expect(t3.locator('button[data-cell="t3/2/total"]')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(t3.locator('button[data-cell="t3/2/other"]')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.locator('button[data-cell="t4/n/r.total"]')).toBeFocused();
});

test('the form editor with a proposed form, its preview and findings', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  const editor = new FormEditorPage(page);
  await editor.openNew();
  await expectNoSeriousViolations(page, 'new form page');
  // Two tables (a second caption and header row below the first), for the 表间关系 section too.
  await editor.pasteBlank({ text: ['某省政府信息公开情况统计表', '指标名称\t计量单位\t本年度\t历年累计', '一、主动公开信息数\t条\t5\t3', '1.政府网站\t条\t2\t', '2.政务微博\t条\t2\t', '二、依申请公开情况表', '指标名称\t计量单位\t本年度\t历年累计', '申请总数\t件\t1\t4'].join('\n') });
  await expect(page.getByRole('list', { name: '预览校验结果' })).toBeVisible();
  await expect(page.getByRole('region', { name: '表间关系' })).toBeVisible();
  await page.locator('details', { hasText: '表头认得不对' }).locator('summary').click();
  await editor.groupColumns(['本年度', '历年累计'], '数量');
  await expectNoSeriousViolations(page, 'form editor');
});
