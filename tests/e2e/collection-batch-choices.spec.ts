// 添加单位文件 asks before it writes what a county office would not want written: a unit's
// published table of the year before (平潭财政金融局's 2021 table in a 2022 汇总) is left out by
// default, with the reason in its row, and can be included (then written as 2022, as the person
// decided); a unit that already has a 2022 report in the app outside this 汇总 is asked about
// (its report kept and joining the 汇总 by default) instead of getting a second report.
import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { realTables } from '../fixtures/real/load';
import { xlsx } from '../fixtures/render';
import { CollectionPage } from './pages/collection';
import { HomePage } from './pages/home';

const fx = (id: string) => realTables.find((t) => t.id === id)!;

test('a file of another year is left out unless chosen; a unit with a report outside the 汇总 is asked about, not doubled', async ({ page }) => {
  const market = fx('2022-fujian-pingtan-market-supervision-bureau');
  const social = fx('2022-fujian-pingtan-social-affairs-bureau');
  const finance = fx('2021-fujian-pingtan-finance-bureau'); // 2021: the wrong year for this 汇总
  const file = (name: string, body: Uint8Array) => {
    const p = test.info().outputPath(name);
    writeFileSync(p, body);
    return p;
  };
  const files = [file('market.xlsx', xlsx(market, 'one-sheet')), file('social.xlsx', xlsx(social, 'one-sheet')), file('finance.xlsx', xlsx(finance, 'one-sheet'))];
  const key = 't2a/norms/issued'; // 6, 5 and 3 in the three tables
  const figure = (t: typeof market) => Number(t.cells[key]);

  // The market bureau's 2022 report made on its own before (empty): outside any 汇总.
  const home = new HomePage(page);
  await home.goto();
  await home.createReport(market.source.unit, 2022, 'gov-2021');
  await home.goto();
  await home.createCollection('平潭各单位', 2022, 'gov-2021');

  const collection = new CollectionPage(page);
  await collection.addFiles(files);
  const dialog = collection.dialog();
  await expect(dialog).toContainText('其中 1 个不是 2022 年度的报表，默认不导入');

  // The 2021 file: left out by default, and its row says why and how to include it.
  const financeChoice = collection.choice('finance.xlsx');
  await expect(financeChoice).toHaveValue('skip');
  await expect(financeChoice).toHaveAccessibleDescription('是 2021 年度的报表，本汇总为 2022 年度：默认不导入；如确属本年度（标题年份写错），可选择“导入”。');
  await expect(collection.resultRow('finance.xlsx')).not.toContainText('可以导入');
  // The unit with a report outside the 汇总: asked, its report kept and joining by default.
  const marketChoice = collection.choice('market.xlsx');
  await expect(marketChoice).toHaveValue('keep');
  await expect(collection.resultRow('market.xlsx')).toContainText('本汇总外已有该单位的 2022 年度报表');
  await expect(marketChoice.locator('option')).toHaveText(['用已有报表（加入本汇总），不导入此文件', '用此文件替换已有报表（加入本汇总）', '都保留（此文件另建一份加入本汇总）', '不导入（已有报表也不加入）']);
  await expect(collection.choice('social.xlsx')).toHaveValue('new');
  await expect(dialog.getByRole('button', { name: '写入 1 份，加入已有 1 份' })).toBeVisible();

  // Included: the row says it is written as 2022, and the button counts it; left out again.
  await financeChoice.selectOption('new');
  await expect(financeChoice).toHaveAccessibleDescription(/已选择导入，将作为 2022 年度写入本汇总/);
  await expect(dialog.getByRole('button', { name: '写入 2 份，加入已有 1 份' })).toBeVisible();
  await financeChoice.selectOption('skip');
  // Any file can be left out, by keyboard too (a native select).
  const socialChoice = collection.choice('social.xlsx');
  await socialChoice.focus();
  await page.keyboard.press('ArrowDown');
  await expect(socialChoice).toHaveValue('skip');
  await expect(dialog.getByRole('button', { name: '写入 0 份，加入已有 1 份' })).toBeVisible();
  await socialChoice.selectOption('new');
  // The names are the person's to correct, and each row follows its name: the social bureau's file
  // named as the market bureau is that unit's, asked about; a row without a name, or two rows of one
  // name, are refused with the reason, and nothing is written.
  const socialName = dialog.getByRole('textbox', { name: 'social.xlsx 的单位名称' });
  const financeName = dialog.getByRole('textbox', { name: 'finance.xlsx 的单位名称' });
  await socialName.fill(market.source.unit);
  await expect(collection.resultRow('social.xlsx')).toContainText('本汇总外已有该单位的 2022 年度报表');
  await socialName.fill('');
  await expect(collection.resultRow('social.xlsx')).toContainText('可以导入');
  await dialog.getByRole('button', { name: '写入 1 份，加入已有 1 份' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('每个导入的文件都要有单位名称。');
  await socialName.fill(social.source.unit);
  await financeChoice.selectOption('new');
  await financeName.fill(social.source.unit);
  await dialog.getByRole('button', { name: '写入 2 份，加入已有 1 份' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(`单位名称重复：${social.source.unit}。请改成不同的名称。`);
  await financeName.fill(finance.source.unit);
  await financeChoice.selectOption('skip');
  await collection.write('写入 1 份，加入已有 1 份');
  await expect(page.getByRole('status').filter({ hasText: '已写入' })).toHaveText('已写入 1 份单位报表，已有的 1 份报表加入本汇总。');

  // Two units: the social bureau's file, and the market bureau's own (empty) report; no 2021 figures.
  const status = collection.status();
  await expect(collection.unitRows()).toHaveCount(2);
  await expect(status).toContainText(market.source.unit);
  await expect(status).toContainText(social.source.unit);
  await expect(status).not.toContainText(finance.source.unit);
  const cell = collection.cell(key);
  await expect(cell.locator('.sum')).toHaveText(String(figure(social)));
  // One report of the market bureau in the list, not two; none of the finance bureau.
  await home.goto();
  await expect(home.list().getByRole('link', { name: market.source.unit, exact: true })).toHaveCount(1);
  await expect(home.list().getByRole('link', { name: finance.source.unit, exact: true })).toHaveCount(0);

  // The person judges the 2021 title a mistake: included, it is written as 2022, into the sum.
  await page.getByRole('link', { name: '平潭各单位 · 2022年度' }).click();
  await collection.addFiles(files[2]);
  await expect(collection.choice('finance.xlsx')).toHaveValue('skip');
  await expect(dialog.getByRole('button', { name: '写入 0 份' })).toBeDisabled();
  await collection.choice('finance.xlsx').selectOption('new');
  await collection.write('写入 1 份');
  await expect(collection.unitRows()).toHaveCount(3);
  await expect(cell.locator('.sum')).toHaveText(String(figure(social) + figure(finance)));
  await home.goto();
  await expect(home.row(finance.source.unit).getByRole('cell', { name: '2022', exact: true })).toBeVisible();
});
