// 汇总: a county office takes in its units' files at once (real published 2022 tables as xlsx and
// web pages, one of another form, one broken), confirms the units, sees which are wrong, reads
// the summary with each unit's share, and downloads the workbook with live formulas.
import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { realTables } from '../fixtures/real/load';
import { webPage, xlsx } from '../fixtures/render';
import { xlsxBomb } from '../fixtures/zip';
import { download } from './pages/files';
import { CollectionPage } from './pages/collection';
import { HomePage } from './pages/home';

const fx = (id: string) => realTables.find((t) => t.id === id)!;

test('many unit files in one go: confirmed, written, status, summary with drill-down, workbook', async ({ page }) => {
  const units = ['2022-fujian-pingtan-market-supervision-bureau', '2022-fujian-pingtan-social-affairs-bureau', '2022-shaanxi-xixian-taiping-town'].map(fx);
  const web = fx('2022-fujian-pingtan-zone');
  const other = fx('2022-fujian-pingtan-haitan-area'); // the 2019–2020 form
  const files = [
    ...units.map((u, i) => {
      const p = test.info().outputPath(`unit${i}.xlsx`);
      writeFileSync(p, xlsx(u, 'one-sheet'));
      return p;
    }),
    (() => { const p = test.info().outputPath('zone.html'); writeFileSync(p, webPage(web)); return p; })(),
    (() => { const p = test.info().outputPath('haitan.xlsx'); writeFileSync(p, xlsx(other, 'one-sheet')); return p; })(),
    (() => { const p = test.info().outputPath('broken.xlsx'); writeFileSync(p, 'PK\u0003\u0004 not really a workbook'); return p; })()
  ];

  const home = new HomePage(page);
  await home.goto();
  await home.createCollection('平潭各单位', 2022, 'gov-2021');

  const collection = new CollectionPage(page);
  await collection.addFiles(files);
  const dialog = collection.dialog();
  // Units from the files' titles, for confirmation; the other form and the broken file refused.
  for (const [i, u] of units.entries()) await expect(dialog.getByRole('textbox', { name: `unit${i}.xlsx 的单位名称` })).toHaveValue(u.source.unit);
  await expect(dialog.getByRole('textbox', { name: 'zone.html 的单位名称' })).toHaveValue(web.source.unit);
  await expect(collection.resultRow('haitan.xlsx')).toContainText('不是本汇总的表式');
  await expect(collection.resultRow('broken.xlsx')).toContainText('不能导入');
  await collection.write('写入 4 份');

  const status = collection.status();
  await expect(collection.unitRows()).toHaveCount(4);
  for (const u of [...units, web]) await expect(status).toContainText(u.source.unit);
  // 已填格数 against the form's cells, so a half-empty table does not pass for a checked one.
  for (const row of await collection.unitRows().all()) await expect(row.getByRole('cell').nth(1)).toHaveText(/^\d+\/200/);

  // A summary cell is the sum of the units' figures; choosing it lists each unit's share.
  const key = 't3/1/total';
  const figures = [...units, web].map((u) => Number(u.cells[key] || 0));
  const cell = collection.cell(key);
  await expect(cell.locator('.sum')).toHaveText(String(figures.reduce((a, b) => a + b, 0)));
  await cell.click();
  const drill = page.getByRole('complementary', { name: '各单位数字' });
  for (const u of [...units, web]) await expect(drill).toContainText(`${u.source.unit}：${u.cells[key] || '（空）'}`);
  await drill.getByRole('link', { name: units[0].source.unit }).click();
  await expect(page.getByRole('heading', { name: `${units[0].source.unit} · 2022年度` })).toBeVisible();
  // A unit opened from its 汇总 links back to it.
  await expect(page.getByRole('navigation').getByRole('link', { name: /← 汇总「/ })).toBeVisible();
  await page.goBack();

  // 只看有错误的 keeps exactly the units with errors (错误, the third column).
  const rows = collection.unitRows();
  await expect(rows).toHaveCount(4); // back from the unit's report: the page shows its units again
  const errorCounts = () => rows.evaluateAll((els) => els.map((e) => Number(e.querySelectorAll('[role="cell"]')[2].textContent)));
  const wrong = (await errorCounts()).filter((n) => n > 0).length;
  expect(wrong).toBeGreaterThan(0); // the published tables do hold errors (their audits)
  await page.getByRole('checkbox', { name: '只看有错误的' }).check();
  await expect(rows).toHaveCount(wrong);
  expect((await errorCounts()).every((n) => n > 0)).toBe(true);
  // Working through the list unit by unit: the filter is still on when the office comes back.
  const withErrors = await rows.count();
  await rows.first().getByRole('link').click();
  await expect(page.getByRole('navigation').getByRole('link', { name: /← 汇总「/ })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('checkbox', { name: '只看有错误的' })).toBeChecked();
  await expect(rows).toHaveCount(withErrors);

  // The workbook: the summary first, live 3D sums over the unit sheets between two markers.
  const { path } = await download(page, '下载汇总 xlsx');
  const wb = XLSX.read(readFileSync(path), { type: 'buffer', cellFormula: true });
  expect(wb.SheetNames.slice(0, 4)).toEqual(['汇总表', '单位情况', '校验结果', '单位表开始']);
  expect(wb.SheetNames.at(-1)).toBe('单位表结束');
  expect(wb.SheetNames).toHaveLength(4 + 4 + 1);
  const formulas = Object.values(wb.Sheets['汇总表']).filter((c) => (c as XLSX.CellObject)?.f?.includes('单位表开始:单位表结束!'));
  expect(formulas.length).toBeGreaterThan(100);

  // The same unit's file again: the dialog asks what to do with the unit already there.
  await collection.addFiles(files[0]);
  await expect(collection.choice('unit0.xlsx')).toHaveValue('keep');
  // Replaced (read and written in one transaction): still four units, the same sums.
  await collection.choice('unit0.xlsx').selectOption('replace');
  await collection.write('写入 1 份');
  await page.getByRole('checkbox', { name: '只看有错误的' }).uncheck();
  await expect(collection.unitRows()).toHaveCount(4);
  await expect(cell.locator('.sum')).toHaveText(String(figures.reduce((a, b) => a + b, 0)));
});

test('the drill-down of a summary cell marks the unit whose own figure there is the likely wrong one, with what it should be', async ({ page }) => {
  const clean = fx('2021-fujian-pingtan-finance-bureau');
  const other = fx('2021-fujian-pingtan-junshan-area');
  const key = 't3/1/total';
  const right = clean.cells[key]!;
  const wrong = { ...clean, cells: { ...clean.cells, [key]: String(Number(right) + 5) }, source: { ...clean.source, unit: '错总计局', title: '错总计局2021年政府信息公开工作年度报告' } };
  const files = [wrong, other].map((u, i) => {
    const p = test.info().outputPath(`drill${i}.xlsx`);
    writeFileSync(p, xlsx(u, 'one-sheet'));
    return p;
  });
  const home = new HomePage(page);
  await home.goto();
  await home.createCollection('疑点汇总', 2021, 'gov-2021');
  const collection = new CollectionPage(page);
  await collection.addFiles(files);
  await collection.write('写入 2 份');
  await collection.cell(key).click();
  const drill = page.getByRole('complementary', { name: '各单位数字' });
  await expect(drill.getByRole('listitem').filter({ hasText: '错总计局' })).toContainText(`（疑有误，疑为 ${right}）`);
  await expect(drill.getByRole('listitem').filter({ hasText: other.source.unit })).not.toContainText('疑有误');
});

test('a batch of every kind of file: a zip bomb, a published PDF report, a workbook, one too large and one of no format, each row saying what became of it', async ({ page }) => {
  test.setTimeout(120_000);
  const unit = fx('2022-fujian-pingtan-market-supervision-bureau');
  const file = (name: string, body: Uint8Array | string) => {
    const p = test.info().outputPath(name);
    writeFileSync(p, body);
    return p;
  };
  // The bomb is stopped (its worker replaced, the PDF queued behind it sent to the new one) or
  // refused; the PDF is read by pdf.js in a worker of its own and handed back to a batch worker;
  // the others are read by the batch workers themselves, in whatever order they finish.
  const files = [
    file('bomb.xlsx', xlsxBomb(XLSX)),
    file('big.xlsx', new Uint8Array(21 * 1024 * 1024)),
    new URL('../fixtures/pdf/2023-jiangsu-huaian-hongze-district.pdf', import.meta.url).pathname,
    file('market.xlsx', xlsx({ ...unit, source: { ...unit.source, year: 2023, title: `${unit.source.unit}2023年政府信息公开工作年度报告` } }, 'one-sheet')),
    file('noise.xlsx', 'neither a workbook nor a table')
  ];
  const home = new HomePage(page);
  await home.goto();
  await home.createCollection('各单位', 2023, 'gov-2021');
  const collection = new CollectionPage(page);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '添加单位文件' }).click()]);
  await chooser.setFiles(files);
  // pdf.js loads with the first PDF: a few seconds on a busy 2-core machine.
  await expect(collection.results()).toBeVisible({ timeout: 60_000 });
  const dialog = collection.dialog();
  await expect(dialog).toContainText('读取完成：2 个可以导入，3 个不能导入');
  // The keyboard's place (取消, gone with the progress bar) moves to the outcome, not to the page.
  await expect(dialog.getByText(/^读取完成：/)).toBeFocused();
  // One row per file, in the order chosen.
  const rows = collection.resultRows();
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(0)).toContainText(/bomb\.xlsx\s*不能导入：(处理超过 4\.5 秒，已停止|无法读取)/);
  await expect(rows.nth(1)).toContainText(/big\.xlsx\s*不能导入：文件过大（21\.0 MB），上限 20 MB/);
  await expect(rows.nth(2)).toContainText('2023-jiangsu-huaian-hongze-district.pdf');
  await expect(dialog.getByRole('textbox', { name: '2023-jiangsu-huaian-hongze-district.pdf 的单位名称' })).toHaveValue('洪泽区人民政府');
  await expect(rows.nth(2)).toContainText('此文件 179 个数字');
  await expect(dialog.getByRole('textbox', { name: 'market.xlsx 的单位名称' })).toHaveValue(unit.source.unit);
  await expect(rows.nth(4)).toContainText(/noise\.xlsx\s*不能导入：/);
  await collection.write('写入 2 份');
  await expect(collection.unitRows()).toHaveCount(2);
  await expect(collection.status()).toContainText('洪泽区人民政府');
});
