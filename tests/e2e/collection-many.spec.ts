// A 汇总 of more units than one group of the status table's rows (BlockTable draws them in groups
// of 50, laid out only near the view): every unit has its row, a sort reorders them across the
// groups, and a row far down is reached and used like the first.
import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { realTables } from '../fixtures/real/load';
import { xlsx } from '../fixtures/render';
import { CollectionPage } from './pages/collection';
import { HomePage } from './pages/home';

test('a 汇总 of 70 units: all 70 rows, sorted by name across the groups both ways, the last one opened', async ({ page }) => {
  const bases = realTables.filter((t) => t.form === 'gov-2021' && Object.values(t.cells).filter(Boolean).length > 150);
  const name = (i: number) => `测试单位${String(i).padStart(3, '0')}`;
  // Files named for their units (the name a table without a title gets), chosen in an order unlike
  // the names' (069, 068, … 000); figures shifted a little per unit so their errors differ.
  const files = Array.from({ length: 70 }, (_, k) => {
    const i = 69 - k;
    const base = bases[i % bases.length];
    const cells = Object.fromEntries(Object.entries(base.cells).map(([key, v]) => [key, v && /^\d+$/.test(v) ? String(Number(v) + (i % 5)) : v]));
    const path = test.info().outputPath(`${name(i)}.xlsx`);
    writeFileSync(path, xlsx({ ...base, cells, source: { ...base.source, unit: name(i), year: 2022, title: `${name(i)}2022年政府信息公开工作年度报告` } }, 'one-sheet'));
    return path;
  });

  const home = new HomePage(page);
  await home.goto();
  await home.createCollection('七十个单位', 2022, 'gov-2021');
  const collection = new CollectionPage(page);
  await collection.addFiles(files);
  await expect(collection.resultRows()).toHaveCount(70);
  await expect(collection.resultRows().first().getByRole('textbox')).toHaveValue(name(69));
  await expect(collection.resultRows().last().getByRole('textbox')).toHaveValue(name(0));
  await collection.write('写入 70 份');

  const rows = collection.unitRows();
  await expect(rows).toHaveCount(70);
  const sortByName = collection.status().getByRole('columnheader', { name: /^单位/ });
  await sortByName.getByRole('button').click();
  await expect(sortByName).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows.first().getByRole('cell').first()).toHaveText(name(0));
  await expect(rows.nth(50).getByRole('cell').first()).toHaveText(name(50));
  await expect(rows.last().getByRole('cell').first()).toHaveText(name(69));
  await sortByName.getByRole('button').click();
  await expect(sortByName).toHaveAttribute('aria-sort', 'descending');
  await expect(rows.first().getByRole('cell').first()).toHaveText(name(69));
  await expect(rows.nth(50).getByRole('cell').first()).toHaveText(name(19));
  await expect(rows.last().getByRole('cell').first()).toHaveText(name(0));
  // Every row once, none twice.
  const units = await rows.evaluateAll((els) => els.map((e) => e.querySelector('a')?.textContent));
  expect(new Set(units).size).toBe(70);

  // The last row, in a group out of view: its link scrolls into view and opens that unit's report.
  await rows.last().getByRole('link', { name: name(0) }).click();
  await expect(page).toHaveURL(/\/report\//);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name(0));
});
