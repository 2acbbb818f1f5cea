// Real published tables (tests/fixtures/real) through the app as a person moves them: the whole
// section pasted from Word with the focus in each table, a table of another form pasted into a
// report, a Word file and a saved web page imported (unit and year from the file), the same
// file imported twice, and a refused figure in the paste report selected in its own table.
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { realTables, type RealTable } from '../fixtures/real/load';
import { docx, excelClipboard, webPage, wordClipboard } from '../fixtures/render';
import { chooseFile } from './pages/files';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const fixture = (id: string) => realTables.find((t) => t.id === id)!;
/** A 2021 table with real I1 and I3 errors, and a 2019–2020 one with I3 errors and a refused 元 amount. */
const T2021 = fixture('2021-fujian-pingtan-natural-resources-bureau');
const T2019 = fixture('2020-fujian-pingtan-zone');

/** Every figure cell of the report as the grid shows it, and the cells marked as the likely wrong figures (or one of them). */
async function gridState(page: Page) {
  return page.evaluate(() => {
    const cells: Record<string, string> = {};
    const errors: string[] = [];
    for (const td of document.querySelectorAll<HTMLTableCellElement>('td[data-cell]')) {
      cells[td.dataset.cell!] = td.textContent ?? '';
      if (td.classList.contains('mark-culprit') || td.classList.contains('mark-suspect')) errors.push(td.dataset.cell!);
    }
    return { cells, errors: errors.sort() };
  });
}

/** The cells the hand audit blames (the figure, or every alternative): what the grid marks darkest. */
const blamed = (fx: RealTable) => [...new Set(fx.audit.flatMap((a) => ((a as { blame?: string[][] }).blame ?? [[a.cell]]).flat()))].sort();

async function expectLandedWithAudit(page: Page, fx: RealTable) {
  // Wait for the grids to show the figures: after a reload each table is first drawn as plain
  // HTML, then its grid arrives, one table per task — the first table's grid first, so once it
  // shows its figure, no first frame left means every grid is there.
  const [firstKey, firstRaw] = Object.entries(fx.cells).find(([, raw]) => raw.trim())!;
  await expect.poll(async () => (await gridState(page)).cells[firstKey]).toBe(firstRaw.trim());
  await expect(page.locator('.first-frame')).toHaveCount(0);
  const { cells } = await gridState(page);
  const wrong = Object.entries(fx.cells).filter(([k, raw]) => (cells[k] ?? '') !== raw.trim() && !(raw.trim() && cells[k] === String(Number(raw))));
  expect(wrong).toEqual([]);
  await expect.poll(async () => (await gridState(page)).errors).toEqual(blamed(fx));
}

async function newReport(page: Page, fx: RealTable, unit: string) {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport(unit, fx.source.year, fx.form);
  return new ReportPage(page);
}

for (const focus of ['t2a/rules', 't3/1', 't4/n']) {
  test(`the whole section pasted from Word with the focus in ${focus.split('/')[0]} fills every table and finds the audited errors`, async ({ page }) => {
    const report = await newReport(page, T2021, `整段粘贴${focus.split('/')[0]}`);
    const first = focus === 't2a/rules' ? 't2a/rules/issued' : focus === 't3/1' ? 't3/1/natural' : 't4/n/r.keep';
    await report.selectAt(first);
    await report.paste(wordClipboard(T2021));
    const pasted = page.getByRole('region', { name: '粘贴结果' });
    await expect(pasted).toContainText('按栏目名称和表头对应');
    await expect(pasted).not.toContainText('未能对应');
    await expectLandedWithAudit(page, T2021);
    await report.expectSaved();
    await page.reload();
    await expectLandedWithAudit(page, T2021);
  });
}

test('a 2019–2020 table pasted into a 2021 report is offered as a new report of its own form; nothing is written', async ({ page }) => {
  const report = await newReport(page, T2021, '表式不符区');
  await report.selectAt('t3/1/natural');
  await report.paste(excelClipboard(T2019));
  const dialog = page.getByRole('dialog', { name: '粘贴的表格' });
  await expect(dialog).toContainText('2019—2020年');
  await expect(dialog).toContainText('与当前报表的表式不同');
  await expect(page.locator('td[data-cell="t3/1/natural"]')).toHaveText('');
  await dialog.getByRole('textbox', { name: '单位名称' }).fill('平潭综合实验区管委会');
  await dialog.getByRole('spinbutton', { name: '年度' }).fill('2020');
  await dialog.getByRole('button', { name: '导入为新报表' }).click();
  await expect(page.getByRole('heading', { name: '平潭综合实验区管委会 · 2020年度' })).toBeVisible();
  await expect(page.getByText(/表式：.*2019—2020年/)).toBeVisible();
  await expectLandedWithAudit(page, T2019);
});

test('a Word report imported from the home page: unit and year from its title, no "other form" note; importing it again asks', async ({ page }) => {
  const path = test.info().outputPath('年度报告.docx');
  writeFileSync(path, await docx(T2021));
  const home = new HomePage(page);
  await home.goto();
  await chooseFile(page, '导入文件', path);
  const dialog = page.getByRole('dialog', { name: '导入文件' });
  await expect(dialog).toContainText('2021年起');
  await expect(dialog).not.toContainText('表式不同');
  await expect(dialog.getByRole('textbox', { name: '单位名称' })).toHaveValue(T2021.source.unit);
  await expect(dialog.getByRole('spinbutton', { name: '年度' })).toHaveValue(String(T2021.source.year));
  await dialog.getByRole('button', { name: '导入为新报表' }).click();
  await expect(page.getByRole('heading', { name: `${T2021.source.unit} · ${T2021.source.year}年度` })).toBeVisible();
  await expectLandedWithAudit(page, T2021);

  // The same unit, form and year again: replace, keep both or cancel — never a silent duplicate.
  await home.goto();
  await chooseFile(page, '导入文件', path);
  await dialog.getByRole('button', { name: '导入为新报表' }).click();
  await expect(dialog.getByRole('alert')).toContainText('已有');
  await dialog.getByRole('button', { name: '替换原报表' }).click();
  await expect(page.getByRole('heading', { name: `${T2021.source.unit} · ${T2021.source.year}年度` })).toBeVisible();
  await home.goto();
  await expect(home.row(T2021.source.unit)).toHaveCount(1);
});

test('a saved web page imported into the open report of its form fills it; a refused figure is selected in its own table', async ({ page }) => {
  const path = test.info().outputPath('年度报告.html');
  writeFileSync(path, webPage(T2019));
  const report = await newReport(page, T2019, '网页导入区');
  await report.selectAt('t3/1/natural');
  await chooseFile(page, '导入文件', path);
  const dialog = page.getByRole('dialog', { name: '导入文件' });
  await dialog.getByRole('button', { name: '填入当前报表' }).click();
  await expectLandedWithAudit(page, T2019);
  const result = page.getByRole('region', { name: '导入结果' });
  await result.getByRole('button', { name: /政府集中采购/ }).click();
  await expect(page.getByRole('group', { name: /第二十条第（九）项.*（表格）/ })).toContainText('73802895.90元');
  await page.waitForFunction(() => document.activeElement?.closest('[aria-label*="第二十条第（九）项"]'));
});

test('one Ctrl+Z undoes a whole-section paste in every table, Ctrl+Y brings it back; so does the menu', async ({ page }) => {
  const report = await newReport(page, T2021, '整段撤销区');
  await report.typeAt('t4/n/r.keep', '9');
  await report.selectAt('t3/1/natural');
  await report.paste(wordClipboard(T2021));
  await expectLandedWithAudit(page, T2021);
  await report.selectAt('t2a/rules/issued');
  await page.keyboard.press('Control+z');
  const { cells } = await gridState(page);
  expect(Object.entries(cells).filter(([k, v]) => v !== '' && k !== 't4/n/r.keep')).toEqual([]);
  expect(cells['t4/n/r.keep']).toBe('9'); // the typed figure before the paste stays
  await page.keyboard.press('Control+y');
  await expectLandedWithAudit(page, T2021);
  await report.at('t3/2/natural').click({ button: 'right' });
  await page.getByRole('menuitem', { name: '撤销' }).click();
  await expect(report.at('t3/1/natural')).toHaveText('');
  await report.expectSaved();
  await page.reload();
  await expect(report.at('t4/n/r.keep')).toHaveText('9');
  await expect(report.at('t3/1/natural')).toHaveText('');
});
