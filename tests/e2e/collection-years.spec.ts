// 汇总 across years, with real tables: 淮安市洪泽区人民政府's published 2023 and 2024 tables (the
// same unit, the same form) in two years' 汇总. The unit is renamed for every year from the report
// list and stays one unit; the 2024 汇总 compared with 2023 names the unit added and the one
// dropped, and the carry-over of the real pair passes (hand-audited: 上年结转 0 = 结转下年度 0,
// 规范性文件现行有效 8 = 5 + 3 − 0). A wrong 上年结转 typed afterwards is named, with its unit.
import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { realTables } from '../fixtures/real/load';
import { webPage, xlsx } from '../fixtures/render';
import { CollectionPage } from './pages/collection';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';

const fx = (id: string) => realTables.find((t) => t.id === id)!;

async function addFiles(page: import('@playwright/test').Page, files: string[], count: number) {
  const collection = new CollectionPage(page);
  await collection.addFiles(files);
  await collection.write(`写入 ${count} 份`);
  await expect(collection.unitRows()).toHaveCount(count);
}

test('two years of a 汇总: a renamed unit stays one unit; units added and dropped; carry-over checked per unit and like for like', async ({ page }) => {
  const hongze23 = fx('2023-jiangsu-huaian-hongze-district');
  const hongze24 = fx('2024-jiangsu-huaian-hongze-district');
  const other23 = fx('2023-guangdong-zhanjiang-local-chronicles-office');
  const city24 = fx('2024-jiangsu-huaian-city');
  const file = (name: string, body: string | Uint8Array) => {
    const p = test.info().outputPath(name);
    writeFileSync(p, body);
    return p;
  };
  const home = new HomePage(page);
  await home.goto();
  await home.createCollection('淮安各单位', 2023, 'gov-2021');
  await addFiles(page, [file('hongze2023.xlsx', xlsx(hongze23, 'one-sheet')), file('other2023.html', webPage(other23))], 2);
  await home.goto();
  await home.createCollection('淮安各单位', 2024, 'gov-2021');
  await addFiles(page, [file('hongze2024.html', webPage(hongze24)), file('city2024.xlsx', xlsx(city24, 'one-sheet'))], 2);

  // The unit renamed from its 2024 report, for every year: both years' reports follow.
  await home.goto();
  const renamed = '淮安市洪泽区人民政府办公室';
  await home.row(hongze24.source.unit).filter({ hasText: '2024' }).getByRole('button', { name: `重命名 ${hongze24.source.unit} 2024` }).click();
  const dialog = page.getByRole('dialog', { name: '重命名报表' });
  await dialog.getByRole('textbox', { name: '单位名称' }).fill(renamed);
  await expect(dialog.getByRole('checkbox', { name: /该单位其他 1 份报表/ })).toBeChecked();
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(home.list().getByRole('link', { name: renamed, exact: true })).toHaveCount(2);
  await expect(home.list().getByRole('link', { name: hongze24.source.unit, exact: true })).toHaveCount(0);

  // The 2024 汇总 against 2023 (chosen by default: same name, the year before).
  await page.getByRole('link', { name: '淮安各单位 · 2024年度' }).click();
  await expect(page.locator('button[data-cell="t3/2/total"] .sum')).toHaveText(String(Number(hongze24.cells['t3/2/total']) + Number(city24.cells['t3/2/total'])));
  await page.getByText('与上年汇总对比').click();
  const compare = page.locator('details.compare');
  await expect(compare).toContainText('两年都有 1 个单位');
  await expect(compare).toContainText(`新增 1 个（${city24.source.unit}）`);
  await expect(compare).toContainText(`减少 1 个（${other23.source.unit}）`);
  await expect(compare).toContainText('两年都有的单位，上年结转等跨年核对均通过。');
  await expect(compare.getByRole('table', { name: '两年汇总主要数字' })).toContainText('2023');

  // A wrong 上年结转 in the renamed unit's 2024 report: named in the comparison, with the unit.
  await page.getByRole('table', { name: '单位情况' }).getByRole('link', { name: renamed }).click();
  const report = new ReportPage(page);
  await report.typeAt('t3/2/total', '2');
  await report.expectSaved();
  await page.goBack();
  // The summary kept with the 汇总 is stale now: the sum has the new figure (2 + the city's own).
  await expect(page.locator('button[data-cell="t3/2/total"] .sum')).toHaveText(String(2 + Number(city24.cells['t3/2/total'])));
  await page.reload();
  await expect(page.locator('button[data-cell="t3/2/total"] .sum')).toHaveText(String(2 + Number(city24.cells['t3/2/total'])));
  await page.getByText('与上年汇总对比').click();
  const perUnit = page.getByRole('list', { name: '各单位跨年核对' });
  await expect(perUnit).toContainText(renamed);
  await expect(perUnit).toContainText('差 +2');
  await expect(page.getByRole('list', { name: '同口径跨年核对' })).toContainText('差 +2');
});
