// A 汇总 of more units than one group of the status table's rows (BlockTable draws them in groups
// of 50, laid out only near the view): every unit has its row, a sort reorders them across the
// groups, and a row far down is reached and used like the first.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { realTables } from '../fixtures/real/load';
import { xlsx } from '../fixtures/render';
import { CollectionPage } from './pages/collection';
import { HomePage } from './pages/home';

/** The rows reaching past the right edge of their group (where they would be cut off), by their text. */
const overflowing = (rows: Locator) =>
  rows.evaluateAll((els) => els.filter((r) => r.getBoundingClientRect().right > r.parentElement!.getBoundingClientRect().right + 0.5).map((r) => r.textContent?.slice(0, 20)));

test('a 汇总 of 70 units: all 70 rows, sorted by name across the groups both ways, the last one opened', async ({ page }) => {
  const bases = realTables.filter((t) => t.form === 'gov-2021' && Object.values(t.cells).filter(Boolean).length > 150);
  const name = (i: number) => `测试单位${String(i).padStart(3, '0')}`;
  // Files named for their units (the unit is read from the file's name: in its title the name's
  // digits run into the year), chosen in an order unlike the names' (069, 068, … 000); figures
  // shifted a little per unit so their errors differ.
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
  // The rows' roles make a table axe-core accepts.
  const axe = await new AxeBuilder({ page }).include('dialog[open]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => v.id)).toEqual([]);
  // In a narrow window (half a 1366 px screen) the table scrolls sideways, its last row's choice
  // reachable and not cut off at the edge (a trial click hit-tests it where it is scrolled to).
  // A group of rows clips what overflows it (content-visibility), so no row may be wider than its group.
  await page.setViewportSize({ width: 683, height: 768 });
  await collection.choice(`${name(0)}.xlsx`).click({ trial: true });
  expect(await overflowing(collection.resultRows())).toEqual([]);
  await page.setViewportSize({ width: 1366, height: 768 });
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
  await page.setViewportSize({ width: 683, height: 768 });
  await rows.last().getByRole('button', { name: `从汇总中移出 ${name(0)}` }).click({ trial: true });
  expect(await overflowing(rows)).toEqual([]);
  await page.setViewportSize({ width: 1366, height: 768 });

  // The last row, in a group out of view: its link scrolls into view and opens that unit's report.
  await rows.last().getByRole('link', { name: name(0) }).click();
  await expect(page).toHaveURL(/\/report\//);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name(0));
});
