// The grid repaints only what an edit changed (grid/paint.ts, from the session's delta): these are the rows that are
// not the edited one but must follow it — cells a finding names in other rows, a group row that
// shows its children's sum — after typing, undo and redo.
import { expect, test } from '@playwright/test';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';

test('cells a finding names in other rows are marked and unmarked with the edit that breaks or mends it', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('重绘县', 2017);
  const report = new ReportPage(page);
  await report.fill([['8.1', '49'], ['8.2', '12'], ['8', '61']]);
  await expect(report.check('8')).toHaveText('✓');
  await expect(report.cell('8.1')).not.toHaveClass(/mark-/);
  // 60 against parts of 49 + 12: the total, or either part, may be the wrong figure — all three marked.
  await report.type('8', '60');
  await expect(report.check('8')).toContainText('填了 60');
  await expect(report.cell('8.1')).toHaveClass(/mark-suspect/);
  await expect(report.cell('8.2')).toHaveClass(/mark-suspect/);
  await report.type('8', '61');
  await expect(report.check('8')).toHaveText('✓');
  await expect(report.cell('8.1')).not.toHaveClass(/mark-/);
  await page.keyboard.press('Control+z');
  await expect(report.cell('8')).toHaveText('60');
  await expect(report.cell('8.2')).toHaveClass(/mark-suspect/);
});

test('a group row shows its children\'s sum as they are typed, undone and redone', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('分组县', 2022, 'gov-2021');
  const report = new ReportPage(page);
  const group = page.locator('tr', { has: page.locator('td.cell-label', { hasText: /^（三）不予公开$/ }) }).locator('td.cell-value').first();
  await expect(group).toHaveText('');
  await report.typeAt('t3/3.3.1/natural', '2');
  await expect(group).toHaveText('2');
  await report.typeAt('t3/3.3.2/natural', '5');
  await expect(group).toHaveText('7');
  await page.keyboard.press('Control+z');
  await expect(group).toHaveText('2');
  await page.keyboard.press('Control+y');
  await expect(group).toHaveText('7');
});

test('a figure pasted into the selected cell is what F2 edits and Enter keeps (its editor takes the new value)', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('粘贴编辑县', 2017);
  const report = new ReportPage(page);
  await report.select('4');
  await report.paste({ text: '12' });
  await expect(report.cell('4')).toHaveText('12');
  await page.keyboard.press('F2');
  await expect(page.locator('textarea.handsontableInput')).toHaveValue('12');
  await page.keyboard.press('Enter');
  await expect(report.cell('4')).toHaveText('12');
  await report.expectSaved();
  await page.reload();
  await expect(report.cell('4')).toHaveText('12');
});

test('a repainted row leaves the cells that did not change untouched (their text and classes are not written again)', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('少写县', 2022, 'gov-2021');
  const report = new ReportPage(page);
  for (const [key, v] of [['t3/1/natural', '3'], ['t3/1/biz', '2'], ['t3/1/sci', '1']] as const) await report.typeAt(key, v);
  await expect(report.at('t3/1/sci')).toHaveText('1');
  // Watch the row's other figures while one figure of it changes: its row is repainted (总计 and
  // 校验 follow), the cells whose text and state stand are not written.
  await page.evaluate(() => {
    const w = window as unknown as { __writes: string[] };
    w.__writes = [];
    const row = document.querySelector('td[data-cell="t3/1/natural"]')!.closest('tr')!;
    const still = ['t3/1/biz', 't3/1/sci', 't3/1/pub'].map((k) => row.querySelector(`td[data-cell="${k}"]`)!);
    new MutationObserver((records) => {
      for (const r of records) {
        const td = (r.target.nodeType === Node.TEXT_NODE ? r.target.parentElement : r.target) as HTMLElement;
        if (still.includes(td as HTMLTableCellElement)) w.__writes.push(`${td.dataset.cell} ${r.type} ${r.attributeName ?? ''}`);
      }
    }).observe(row, { subtree: true, characterData: true, attributes: true, childList: true });
  });
  await report.typeAt('t3/1/natural', '4');
  await expect(report.at('t3/1/natural')).toHaveText('4');
  // The keystroke's paint and the localisation's after it.
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __writes: string[] }).__writes)).toEqual([]);
});
