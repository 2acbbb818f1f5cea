// The core loop as a user lives it: create, type the seed's table, see its four findings, fix
// one, reload, and find everything where it was.
import { expect, test } from '@playwright/test';
import { seed2017, SEED_UNIT } from '../fixtures/seed-2017.js';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';

// One finding per cause, the likely wrong figure first, the relation it breaks under it.
const SEED_FINDINGS = [
  /以下数字中有一处有误.*一（一）主动公开政府信息数.*应在 11946 至 12052 之间（填了 12054）.*渠道合计 12052 < 总数 12054/,
  /二（二）通过不同渠道和方式回应解读的情况.*疑为 14（填了 1，疑为漏了一位数字）.*≠ 子项合计 14（差 -13）/,
  /以下数字中有一处有误.*疑为 3（填了 0）.*三（三）4\.不同意公开答复数.*≠ 其中各项合计 0（差 \+3）/,
  /十、查阅点接待人数.*未填，应为 1500.*未填（子项合计 1500）/
];

test('typing the seed table shows exactly its four findings; fixing one and reloading keeps everything', async ({ page }) => {
  test.setTimeout(120_000); // 75 cells typed one by one
  const home = new HomePage(page);
  await home.goto();
  await home.createReport(SEED_UNIT, 2017);
  const report = new ReportPage(page);
  await expect(report.findings()).toContainText('尚未填写');

  await report.fill(seed2017);
  await report.expectSaved();

  await expect(report.findingItems()).toHaveCount(4);
  for (const [i, re] of SEED_FINDINGS.entries()) await expect(report.findingItems().nth(i)).toHaveText(re);
  await expect(report.findings().getByRole('status')).toHaveText(/4 个错误，0 个提示/);
  // Each row says what its figure probably should be; a total the localisation clears is not asked to change.
  await report.expectRowFlagged('2.2', '疑为 14（填了 1，疑为漏了一位数字）');
  await report.expectRowFlagged('10', '未填，应为 1500');
  await expect(report.check('3.3.4')).toHaveText('≠ 其中各项合计 0（差 +3）（疑 6 处之一 有误）');
  await expect(report.cell('3.3.4')).toHaveClass(/mark-related/);
  await expect(report.cell('3.3.4.q1')).toHaveClass(/mark-suspect/);
  await report.expectRowFlagged('1.1', '可能有误：应在 11946 至 12052 之间（填了 12054）（共 6 种改法，见校验结果）');
  // The rows it was compared with are marked lightly (the channels are among the alternatives:
  // one of them may be the wrong one); valid parents show ✓.
  await expect(report.cell('10.1')).toHaveClass(/mark-related/);
  await expect(report.cell('1.2.2')).toHaveClass(/mark-suspect/);
  await expect(report.check('3.1')).toHaveText('✓');
  await expect(report.check('4')).toHaveText('✓');
  await expect(report.check('3.1.1')).toHaveText('');

  // Fix 十 by clicking its finding (which selects the cell) and typing.
  await report.selectFinding('十、查阅点接待人数');
  await page.keyboard.type('1500');
  await page.keyboard.press('Enter');
  await expect(report.check('10')).toHaveText('✓');
  await expect(report.findingItems()).toHaveCount(3);
  await expect(report.findings().getByRole('status')).toHaveText(/3 个错误/);

  // Reload at once: nothing typed is lost.
  await page.reload();
  for (const [row, raw] of seed2017) await expect(report.cell(row)).toHaveText(row === '10' ? '1500' : raw);
  await expect(report.findingItems()).toHaveCount(3);

  await page.getByRole('link', { name: '全部报表' }).click();
  await expect(home.row(SEED_UNIT)).toContainText('3 个错误');
});

test('a reload straight after typing loses nothing', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('快速重载县', 2018);
  const report = new ReportPage(page);
  await report.type('4.1', '5');
  await report.type('4.2', '6');
  await page.reload();
  await expect(report.cell('4.1')).toHaveText('5');
  await expect(report.cell('4.2')).toHaveText('6');
  // Its third part is blank: at least 11.
  await expect(report.check('4')).toHaveText('未填，应不少于 11');
});

test('the row turns red in the same frame as the edit', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('同帧县', 2017);
  const report = new ReportPage(page);
  await report.fill([['8.1', '49'], ['8.2', '12'], ['8', '61']]);
  await expect(report.check('8')).toHaveText('✓');
  await report.select('8');
  await page.keyboard.type('60');
  // Press Enter and read the cell state synchronously in the next animation frame.
  const state = await page.evaluate(async () => {
    const td = () => document.querySelector('td[data-check-row="8"]') as HTMLElement;
    const frame = new Promise<string>((resolve) => {
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 13, bubbles: true }));
      requestAnimationFrame(() => resolve(`${td().className}|${td().textContent}`));
    });
    return frame;
  });
  expect(state).toContain('row-error');
  expect(state).toContain('≠ 子项合计 61（差 -1）');
});

test('reports are kept apart', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('甲县', 2017);
  const report = new ReportPage(page);
  await report.type('4', '7');
  await report.expectSaved();
  await page.getByRole('link', { name: '全部报表' }).click();
  await home.createReport('乙县', 2017);
  await report.type('4', '9');
  await report.expectSaved();
  await page.getByRole('link', { name: '全部报表' }).click();
  await home.open('甲县');
  await expect(report.cell('4')).toHaveText('7');
  await page.getByRole('link', { name: '全部报表' }).click();
  await home.open('乙县');
  await expect(report.cell('4')).toHaveText('9');
});

test('rename, duplicate and delete (with confirmation)', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('旧名县', 2017);
  await new ReportPage(page).type('5', '1');
  await new ReportPage(page).expectSaved();
  await page.getByRole('link', { name: '全部报表' }).click();

  await home.row('旧名县').getByRole('button', { name: '重命名' }).click();
  const dialog = page.getByRole('dialog', { name: '重命名报表' });
  await dialog.getByRole('textbox', { name: '单位名称' }).fill('新名县');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(home.row('新名县')).toBeVisible();

  await home.row('新名县').getByRole('button', { name: '复制' }).click();
  await expect(home.row('新名县（副本）')).toContainText('1 个提示');
  await home.open('新名县（副本）');
  await expect(new ReportPage(page).cell('5')).toHaveText('1');
  await page.getByRole('link', { name: '全部报表' }).click();

  await home.row('新名县').getByRole('button', { name: '删除' }).click();
  const confirm = page.getByRole('dialog', { name: '删除报表' });
  await expect(confirm).toContainText('删除后无法恢复');
  await confirm.getByRole('button', { name: '取消' }).click();
  await expect(home.row('新名县')).toBeVisible();
  await home.row('新名县').getByRole('button', { name: '删除' }).click();
  await confirm.getByRole('button', { name: '确定删除' }).click();
  await expect(home.row('新名县')).toHaveCount(0);
  await expect(home.row('新名县（副本）')).toBeVisible();
});
