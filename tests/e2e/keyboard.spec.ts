// Typing as office staff do: Excel keys, Chinese IME straight into a cell, and bad figures
// that must be kept as typed, explained, and never touch another cell.
import { expect, test } from '@playwright/test';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';

test.beforeEach(async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('键盘县', 2017);
});

test('Excel keys: Enter, arrows, Tab, F2, Delete, Ctrl+Z / Ctrl+Y', async ({ page }) => {
  const report = new ReportPage(page);
  await report.type('8.1', '49'); // Enter moves down to 8.2
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  await expect(report.cell('8.2')).toHaveText('12');

  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp'); // 8
  // Handsontable (imeFastEdit) re-selects its input 1 ms after a move; a key sent within that
  // millisecond (only automation is that fast) would be selected and overtyped.
  await page.waitForTimeout(30);
  await page.keyboard.type('61');
  await page.keyboard.press('Tab');
  await expect(report.cell('8')).toHaveText('61');
  await expect(report.check('8')).toHaveText('✓');

  await report.select('8.2');
  await page.keyboard.press('F2');
  await page.keyboard.press('End');
  await page.keyboard.type('0');
  await page.keyboard.press('Enter');
  await expect(report.cell('8.2')).toHaveText('120');
  await expect(report.check('8')).toHaveText('≠ 子项合计 169（差 -108）');

  await page.keyboard.press('Control+z');
  await expect(report.cell('8.2')).toHaveText('12');
  await expect(report.check('8')).toHaveText('✓');
  await page.keyboard.press('Control+y');
  await expect(report.cell('8.2')).toHaveText('120');

  await report.select('8.2');
  await page.keyboard.press('Delete');
  await expect(report.cell('8.2')).toHaveText('');
  await expect(report.check('8.2')).toHaveText('有 1 个格子未填，1 项合计无法核对；如表示没有，请填 0');
  await report.expectSaved();
  await page.reload();
  await expect(report.cell('8.1')).toHaveText('49');
  await expect(report.cell('8.2')).toHaveText('');
});

test('Chinese typed through IME composition lands in the cell and the grid keeps working', async ({ page }) => {
  const report = new ReportPage(page);
  await report.select('9.1');
  await report.typeIme('十二');
  await page.keyboard.press('Enter');
  await expect(report.cell('9.1')).toHaveText('十二');
  await expect(report.check('9.1')).toHaveText(/无法识别：「十二」不是数字/);
  await expect(report.findingItems().filter({ hasText: '（一）本级政府及其部门' })).toHaveCount(1);

  // The next cell takes a figure as usual.
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  await expect(report.cell('9.2')).toHaveText('12');
  await expect(report.check('9')).toHaveText('未填（子项合计 12）');
});

test('bad figures are kept as typed, explained, and leave other cells alone', async ({ page }) => {
  const report = new ReportPage(page);
  await report.fill([['4.1', '1'], ['4.2', '3'], ['4.3', '3'], ['4', '7']]);
  await expect(report.check('4')).toHaveText('✓');

  const cases: [raw: string, check: RegExp][] = [
    ['abc', /无法识别：「abc」不是数字/],
    ['-3', /不能为负数/],
    ['1.5', /应为整数/],
    ['=SUM(A1:A3)', /公式/],
    ['—', /如表示没有，请填 0/],
    ['12条', /单位「条」与本行单位「件」不符/],
    ['１２ｘ', /不是数字/]
  ];
  for (const [raw, check] of cases) {
    if (/^[\x20-\x7e]+$/.test(raw)) await report.type('4.2', raw);
    else {
      await report.select('4.2');
      await report.typeIme(raw);
      await page.keyboard.press('Enter');
    }
    await expect(report.cell('4.2')).toHaveText(raw);
    await expect(report.check('4.2')).toHaveText(check);
    await expect(report.cell('4.2')).toHaveClass(/cell-invalid/);
    await expect(report.cell('4.1')).toHaveText('1');
    await expect(report.cell('4.3')).toHaveText('3');
    await expect(report.cell('4')).toHaveText('7');
  }
  // Unambiguous forms are normalised and shown as plain figures.
  for (const [raw, shown] of [['１２', '12'], ['1,234', '1234'], ['3件', '3'], [' 3 ', '3']]) {
    await report.select('4.2');
    await report.typeIme(raw);
    await page.keyboard.press('Enter');
    await expect(report.cell('4.2')).toHaveText(shown);
  }
  await expect(report.check('4')).toHaveText('✓');
  await report.type('4.2', 'abc');
  await report.expectSaved();
  await page.reload();
  await expect(report.cell('4.2')).toHaveText('abc');
  await expect(report.check('4.2')).toHaveText(/无法识别/);
});

test('the grid menu speaks Chinese', async ({ page }) => {
  const report = new ReportPage(page);
  await report.cell('4').click({ button: 'right' });
  await expect(page.getByRole('menuitem', { name: '撤销' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '复制' })).toBeVisible();
});
