// One continuous sheet for the keyboard: a whole real 2021 table typed with Tab alone, table
// after table, from the first figure to the download; no table traps the keyboard (Esc lets go,
// Ctrl+Shift+PgDn / PgUp change table, F6 reaches the toolbar and the findings).
import { expect, test, type Page } from '@playwright/test';
import * as XLSX from 'xlsx';
import { readFileSync } from 'node:fs';
import { inputCells, cellKey } from '../../src/lib/domain/model';
import { templates } from '../../src/lib/templates/index';
import { realTables } from '../fixtures/real/load';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';

const gov2021 = templates.find((t) => t.id === 'gov-2021')!;
const fx = realTables.find((t) => t.id === '2024-jiangsu-huaian-city')!;

/** The focused element, described: the table whose grid has the keyboard and its selected cell, or a control's text. */
const focus = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    const grid = a?.closest('[aria-label$="（表格）"]');
    if (grid) {
      const current = grid.querySelector('td[aria-selected="true"][data-cell]') as HTMLElement | null;
      return `${grid.getAttribute('aria-label')} ${current?.dataset.cell ?? '(no cell)'}`;
    }
    return `${a?.tagName} ${a?.textContent?.trim().slice(0, 12) ?? ''}`;
  });

test('a whole 2021 report typed, checked and downloaded with the keyboard alone', async ({ page }) => {
  test.setTimeout(180_000);
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('键盘区', fx.source.year, 'gov-2021');
  const report = new ReportPage(page);
  // The report opens with its first figure selected: typing starts at once.
  await report.waitForGridFocus();
  const cells = inputCells(gov2021).map(cellKey);
  for (const key of cells) {
    const raw = fx.cells[key] ?? '';
    if (raw) await page.keyboard.type(raw);
    await page.keyboard.press('Tab');
  }
  // Every figure in its cell: Tab ran on from each table's last figure into the next.
  for (const key of cells) await expect(report.at(key)).toHaveText(fx.cells[key] ?? '');
  await expect(report.findings().getByRole('status')).toHaveText(/0 个错误/);
  // Past the last table, the keyboard is in the findings; F6 reaches the toolbar, Tab the download.
  await expect.poll(() => focus(page)).toBe('H2 校验结果');
  await page.keyboard.press('F6');
  await expect.poll(() => focus(page)).toBe('BUTTON 导入文件');
  await page.keyboard.press('Tab');
  await expect.poll(() => focus(page)).toBe('BUTTON 下载 xlsx');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const path = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(path);
  const sheet = XLSX.read(readFileSync(path)).Sheets['统计表'];
  const numbers = Object.values(sheet).filter((c): c is XLSX.CellObject => typeof c === 'object' && c !== null && (c as XLSX.CellObject).t === 'n').length;
  expect(numbers).toBe(Object.values(fx.cells).filter((raw) => /^\d/.test(raw)).length);
});

test('no table traps the keyboard: Enter runs on, Esc lets go, Ctrl+Shift+PgDn / PgUp change table, Shift+Tab comes back', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('不困区', 2024, 'gov-2021');
  const report = new ReportPage(page);
  await report.waitForGridFocus();
  expect(await focus(page)).toBe('表二（第二十条第（一）项）（表格） t2a/rules/issued');
  // Enter down the column, past the table's last row: the next table.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect.poll(() => focus(page)).toBe('表二（第二十条第（五）项）（表格） t2b/permit/decisions');
  // Shift+Tab before a table's first figure: back to the previous table's last.
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => focus(page)).toBe('表二（第二十条第（一）项）（表格） t2a/norms/valid');
  // Ctrl+Shift+PgDn: table by table to 表四; PgUp back.
  for (let i = 0; i < 5; i++) await page.keyboard.press('Control+Shift+PageDown');
  await expect.poll(() => focus(page)).toBe('表四（表格） t4/n/r.keep');
  await page.keyboard.press('Control+Shift+PageUp');
  await expect.poll(() => focus(page)).toBe('表三（表格） t3/1/natural');
  // Esc lets go of the grid; Tab goes on to the next table, Enter takes the keyboard back in.
  await page.keyboard.press('Escape');
  await expect.poll(() => focus(page)).toBe('表三（表格） (no cell)');
  await page.keyboard.press('Tab');
  await expect.poll(() => focus(page)).toBe('表四（表格） (no cell)');
  await page.keyboard.press('Enter');
  await expect.poll(() => focus(page)).toBe('表四（表格） t4/n/r.keep');
  // Esc, Tab: past the last table, on to what follows (历年对比, then the findings' controls).
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect.poll(() => focus(page)).not.toMatch(/表格/);
  // F6 from anywhere: toolbar → tables (the first figure) → findings → toolbar.
  await page.keyboard.press('F6');
  const after = await focus(page);
  expect(['BUTTON 导入文件', '表二（第二十条第（一）项）（表格） t2a/rules/issued', 'H2 校验结果']).toContain(after);
  await page.keyboard.press('Shift+F6');
  await page.keyboard.press('Shift+F6');
  await page.keyboard.press('Shift+F6');
  await expect.poll(() => focus(page)).toBe(after);
  await report.page.getByRole('button', { name: '下载 xlsx' }).focus();
  await page.keyboard.press('F6');
  await expect.poll(() => focus(page)).toBe('表二（第二十条第（一）项）（表格） t2a/rules/issued');
});

test('the table entered keeps the keyboard when the table left takes the focus back late (a busy machine)', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('换表区', 2024, 'gov-2021');
  const report = new ReportPage(page);
  const [t3last] = inputCells(gov2021).map(cellKey).filter((k) => k.startsWith('t3/')).slice(-1);
  const [t4first, t4second] = inputCells(gov2021).map(cellKey).filter((k) => k.startsWith('t4/'));
  await report.selectAt(t3last);
  await page.keyboard.type('7');
  await page.keyboard.press('Control+Shift+PageDown');
  await expect.poll(() => focus(page)).toBe(`表四（表格） ${t4first}`);
  // Handsontable's deferred refocus of 表三's input lands late, then 表四's own.
  await page.evaluate(() => {
    for (const t of ['表三', '表四']) document.querySelector<HTMLElement>(`[aria-label="${t}（表格）"] textarea.handsontableInput`)!.focus();
  });
  await page.keyboard.type('5');
  await page.keyboard.press('Tab');
  await expect(report.at(t3last)).toHaveText('7');
  await expect(report.at(t4first)).toHaveText('5');
  await expect.poll(() => focus(page)).toBe(`表四（表格） ${t4second}`);
});

test('undo and redo select the cell they changed', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('撤销区', 2024, 'gov-2021');
  const report = new ReportPage(page);
  await report.typeAt('t3/3.4.1/natural', '7');
  await report.selectAt('t2a/rules/issued');
  await page.keyboard.press('Control+z');
  await expect(report.at('t3/3.4.1/natural')).toHaveText('');
  await expect.poll(() => focus(page)).toBe('表三（表格） t3/3.4.1/natural');
  await report.selectAt('t4/n/r.keep');
  await page.keyboard.press('Control+y');
  await expect(report.at('t3/3.4.1/natural')).toHaveText('7');
  await expect.poll(() => focus(page)).toBe('表三（表格） t3/3.4.1/natural');
});
