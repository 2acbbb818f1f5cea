// 批注与修改记录: a person explains an odd figure with a note (context menu or Shift+F2), sees it
// marked on the cell and beside the finding, finds it after a reload, in another tab and in the
// downloaded xlsx; and reads every figure a cell has held, with when and how.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { seedTable } from '../fixtures/seed-table.js';
import { excelHtml, tsv } from '../fixtures/clipboard';
import { download } from './pages/files';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });
const HEADER = ['统计指标', '单位', '统计数'];

const dialog = (page: Page) => page.getByRole('dialog', { name: '批注与修改记录' });

async function contextMenu(report: ReportPage, row: string, item: string) {
  await report.cell(row).click({ button: 'right' });
  await report.page.locator('.htContextMenu td', { hasText: item }).click();
}

test('a note on a cell: written from the context menu, marked, beside its finding, kept after reload, in another tab and in the xlsx', async ({ page, context }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('商河县', 2017);
  const report = new ReportPage(page);
  await report.select('4');
  await report.paste({ html: excelHtml([HEADER, ...seedTable()]), text: tsv([HEADER, ...seedTable()]) });
  await expect(report.findingItems()).toHaveCount(4);
  await report.expectSaved();

  // A second tab on the same report sees the note without a reload.
  const other = await context.newPage();
  await other.goto(page.url());
  const otherReport = new ReportPage(other);
  await expect(otherReport.cell('2.2')).toHaveText('1');

  await contextMenu(report, '2.2', '批注…');
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(page)).toContainText('二（二）通过不同渠道和方式回应解读的情况');
  const note = dialog(page).getByRole('textbox');
  await expect(note).toBeFocused();
  await note.fill('解读以政策问答为主，未按渠道分别统计');
  await dialog(page).getByRole('button', { name: '保存批注' }).click();
  await expect(dialog(page)).toBeHidden();

  await expect(report.cell('2.2')).toHaveClass(/has-note/);
  await expect(report.cell('2.2')).toHaveAttribute('title', '批注：解读以政策问答为主，未按渠道分别统计');
  await expect(report.findingItems().filter({ hasText: '二（二）' })).toContainText('批注：解读以政策问答为主');
  await expect(otherReport.cell('2.2')).toHaveClass(/has-note/);

  await page.reload();
  await expect(report.cell('2.2')).toHaveClass(/has-note/);
  await expect(report.cell('2.1')).not.toHaveClass(/has-note/);

  const { path } = await download(page, '下载 xlsx');
  const wb = XLSX.read(readFileSync(path), { type: 'buffer' });
  const comments = Object.values(wb.Sheets['统计表']).flatMap((c) => ((c as XLSX.CellObject)?.c ?? []).map((x) => x.t));
  // The note alone: findings live in the 校验 column, which follows the figures in Excel.
  expect(comments).toEqual(['批注：解读以政策问答为主，未按渠道分别统计']);

  // Shift+F2 opens it again; deleting the note removes the mark.
  await report.select('2.2');
  await page.keyboard.press('Shift+F2');
  await expect(dialog(page).getByRole('textbox')).toHaveValue('解读以政策问答为主，未按渠道分别统计');
  await dialog(page).getByRole('button', { name: '删除批注' }).click();
  await expect(dialog(page)).toBeHidden();
  await expect(report.cell('2.2')).not.toHaveClass(/has-note/);
  await expect(otherReport.cell('2.2')).not.toHaveClass(/has-note/);
});

test('a cell\'s history: each figure it held, newest first, with when and how (typed, pasted, undone), the raw text exactly', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('历史县', 2017);
  const report = new ReportPage(page);
  await report.type('4', '7');
  await report.type('4', '8件');
  await expect(report.cell('4')).toHaveText('8');
  await report.select('5');
  await report.paste({ text: '四、行政复议数量\t件\t9' });
  await expect(report.cell('4')).toHaveText('9');
  await page.keyboard.press('Control+z');
  await expect(report.cell('4')).toHaveText('8');
  await report.expectSaved();

  await contextMenu(report, '4', '修改记录…');
  const rows = dialog(page).getByRole('table', { name: '修改记录' }).getByRole('row');
  await expect(rows).toHaveCount(5);
  const cells = async (i: number) => (await rows.nth(i).getByRole('cell').allTextContents()).slice(1);
  expect(await cells(1)).toEqual(['8件', '撤销']);
  expect(await cells(2)).toEqual(['9', '粘贴']);
  expect(await cells(3)).toEqual(['8件', '输入']);
  expect(await cells(4)).toEqual(['7', '输入']);
  await expect(rows.nth(1).getByRole('cell').first()).toHaveText(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/);
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeHidden();
});

test('Esc on a note typed and not saved says so first; a second Esc lets it go', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('商河县', 2017);
  const report = new ReportPage(page);
  await report.type('2.2', '1');
  await report.select('2.2');
  await page.keyboard.press('Shift+F2');
  const note = dialog(page).getByRole('textbox');
  await expect(note).toBeFocused();
  await page.keyboard.type('未按渠道分别统计');
  await page.keyboard.press('Escape');
  // Still open, the text kept, and why.
  await expect(dialog(page)).toBeVisible();
  await expect(note).toHaveValue('未按渠道分别统计');
  await expect(dialog(page).getByRole('alert')).toHaveText('批注尚未保存：点“保存批注”保存；再按 Esc 或“关闭”放弃修改。');
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeHidden();
  await expect(report.cell('2.2')).not.toHaveClass(/has-note/);
});
