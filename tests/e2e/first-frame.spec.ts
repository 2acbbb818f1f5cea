// A report reads at once, before Handsontable has loaded: its tables are drawn as plain HTML with
// the figures and the 校验 texts (the first frame). That frame already takes a click and figures
// typed; when the grid arrives it takes over the selected cell and the text being typed, and no
// figure typed in between is lost. The grid's code is held back here, as on a slow PC.
import { expect, test, type Page } from '@playwright/test';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';

/**
 * The report route's chunk, which `slowPage` delays, is the home page's code too (it loads that
 * chunk whole, and then opens a report without fetching code): its heading waits for it. On a
 * loaded machine, 3 s of delay and the page's own load outlast expect's 5 s.
 */
const SLOW_HOME = 20_000;

/**
 * Holds back the chunk holding Handsontable (found by the licence key it carries) until released;
 * `slowPage`: the report page's own code (the first frame's) is delayed too, by that many ms, as
 * on a slow PC where a clerk types on before anything is drawn.
 */
async function holdBackGrid(page: Page, slowPage = 0) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let held = 0;
  await page.route(/\/_app\/immutable\/(chunks|nodes)\/.*\.js$/, async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (body.includes('non-commercial-and-evaluation')) {
      held++;
      await gate;
    } else if (slowPage && body.includes('first-frame')) await new Promise((r) => setTimeout(r, slowPage));
    await route.fulfill({ response, body });
  });
  return { release, held: () => held };
}

test('the first frame shows the figures at once, takes a click and figures, and hands over to the grid', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('首帧县', 2017);
  const report = new ReportPage(page);
  await report.type('8.1', '49');
  await report.type('8.2', '12');
  await report.expectSaved();
  const checkBefore = await report.check('8').textContent();

  const grid = await holdBackGrid(page);
  await page.reload();
  const frame = (key: string) => page.locator(`td[data-first-cell="${key}"]`);
  // The figures and the 校验 texts, with no grid yet.
  await expect(frame('t1/8.1/v')).toHaveText('49');
  await expect(frame('t1/8.2/v')).toHaveText('12');
  await expect(report.check('8')).toHaveText(checkBefore!);
  // The grid's code is asked for after the first frame is drawn (on a busy machine, after these
  // figures showed): it arrives, and is held.
  await expect.poll(() => grid.held()).toBe(1);
  await expect(page.locator('td[data-cell]')).toHaveCount(0);

  // A click and a figure, committed with Enter (the session has it: saved), then a figure half typed.
  await frame('t1/10/v').click();
  await page.keyboard.type('1500');
  await page.keyboard.press('Enter');
  await expect(frame('t1/10/v')).toHaveText('1500');
  await expect(report.saveState()).toHaveText('已保存');
  await page.keyboard.type('7');
  await expect(frame('t1/10.1/v')).toHaveText('7');
  await expect(page.locator('td[data-cell]')).toHaveCount(0);

  // The grid arrives: the first frame is gone, the figure is there, the half-typed one is in the
  // editor of the same cell, and Enter commits it.
  grid.release();
  await expect(report.cell('10')).toHaveText('1500');
  await expect(page.locator('td[data-first-cell]')).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLTextAreaElement | null)?.value)).toBe('7');
  await page.keyboard.press('Enter');
  await expect(report.cell('10.1')).toHaveText('7');
  await report.expectSaved();

  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.reload();
  await expect(report.cell('8.1')).toHaveText('49');
  await expect(report.cell('10')).toHaveText('1500');
  await expect(report.cell('10.1')).toHaveText('7');
});

test('before the grid arrives, the first frame repaints what a figure typed there changes in another row, and the causes worked out after opening', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('首帧县', 2017);
  const report = new ReportPage(page);
  await report.type('8', '61');
  await report.type('8.1', '49');
  await report.type('8.2', '10');
  await expect(report.check('8')).toHaveText(/疑为/); // the localisation names the likely wrong figure
  const named = await report.check('8').textContent();
  await report.expectSaved();

  const grid = await holdBackGrid(page);
  await page.reload();
  const frame = (key: string) => page.locator(`td[data-first-cell="${key}"]`);
  // Opened: the relation is worked out right after the first frame, and the frame shows it named.
  await expect(report.check('8')).toHaveText(named!);
  // 8.2 mended in the first frame: its parent row 8 (another row) is repainted ✓ there.
  await frame('t1/8.2/v').click();
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  await expect(report.check('8')).toHaveText('✓');
  await expect(page.locator('td[data-cell]')).toHaveCount(0);
  grid.release();
  await expect(report.cell('8.2')).toHaveText('12');
  await expect(report.check('8')).toHaveText('✓');
});

test('a report opened has its first figure cell selected in the first frame, and typing starts there', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('首帧县', 2017);
  const grid = await holdBackGrid(page);
  await page.reload();
  await expect(page.locator('td.ff-selected')).toHaveAttribute('data-first-cell', 't1/1.1/v');
  await page.keyboard.type('12054');
  await page.keyboard.press('Enter');
  grid.release();
  const report = new ReportPage(page);
  await expect(report.cell('1.1')).toHaveText('12054');
  await report.waitForGridFocus();
  await page.keyboard.type('9');
  await page.keyboard.press('Enter');
  // Enter went down from 1.1 to the next figure cell, in the first frame as in the grid.
  await expect(report.cell('1.1.q1')).toHaveText('9');
});

test('text an input method commits in the first frame lands in the selected cell', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('首帧县', 2017);
  const grid = await holdBackGrid(page);
  await page.reload();
  const report = new ReportPage(page);
  await page.locator('td[data-first-cell="t1/9/v"]').click();
  await report.typeIme('１２');
  await expect(page.locator('td[data-first-cell="t1/9/v"]')).toHaveText('１２');
  await page.keyboard.press('Enter');
  grid.release();
  // Full-width digits, as an input method gives them: the session reads them as 12.
  await expect(report.cell('9')).toHaveText(/^(12|１２)$/);
  await report.expectSaved();
  await page.reload();
  await expect(report.cell('9')).toHaveText(/^(12|１２)$/);
});

test('figures typed on at once after 创建, before the report is even drawn, land in order, running on into the next table', async ({ page }) => {
  // Every key typed before the first frame is drawn: all of them held, replayed across tables.
  const grid = await holdBackGrid(page, 3000);
  const home = new HomePage(page);
  await home.goto(SLOW_HOME);
  await page.getByRole('button', { name: '新建报表' }).click();
  const dialog = page.getByRole('dialog', { name: '新建报表' });
  await dialog.getByRole('textbox', { name: '单位名称' }).fill('快手县');
  await dialog.getByRole('spinbutton', { name: '年度' }).fill('2024');
  await dialog.getByRole('combobox', { name: '表式' }).selectOption('gov-2021');
  await dialog.getByRole('button', { name: '创建' }).focus();
  // Enter on 创建, then the figures at once: a clerk on a slow PC types on while the page opens.
  await page.keyboard.press('Enter');
  for (const figure of ['1', '2', '3', '4', '5', '6', '7']) {
    await page.keyboard.type(figure);
    await page.keyboard.press('Tab');
  }
  await page.keyboard.type('8');
  grid.release();
  const report = new ReportPage(page);
  await report.waitForGridFocus();
  const keys = ['t2a/rules/issued', 't2a/rules/repealed', 't2a/rules/valid', 't2a/norms/issued', 't2a/norms/repealed', 't2a/norms/valid', 't2b/permit/decisions'];
  for (const [i, key] of keys.entries()) await expect(report.at(key)).toHaveText(String(i + 1));
  // The last figure, half typed, is in the editor of the next cell (表二（六） 行政处罚).
  await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLTextAreaElement | null)?.value)).toBe('8');
  await page.keyboard.press('Enter');
  await expect(report.at('t2c/penalty/decisions')).toHaveText('8');
});

test('a finding chosen before its table\'s grid has arrived selects its cell when the grid does', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('首帧县', 2017);
  const report = new ReportPage(page);
  await report.type('8.1', '49');
  await report.type('8', '60');
  await report.expectSaved();

  const grid = await holdBackGrid(page);
  await page.reload();
  await expect(page.locator('td[data-first-cell="t1/8/v"]')).toHaveText('60');
  // The findings are there before the grid: a clerk acts on the first one at once.
  await report.findingItems().first().getByRole('button').first().click();
  await expect(page.locator('td[data-cell]')).toHaveCount(0);
  // (八（二）'s blank part: 有 1 个格子未填.)
  await expect(report.findingItems().first()).toContainText('1 个格子未填');
  grid.release();
  await expect(report.cell('8.2')).toHaveClass(/current/);
  await report.waitForGridFocus();
  await page.keyboard.type('11');
  await page.keyboard.press('Enter');
  await expect(report.cell('8.2')).toHaveText('11');
  await expect(report.check('8')).toHaveText('✓');
});

test('F6 into the tables before the grid has arrived: the first frame takes the figures, the grid keeps them', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('首帧县', 2024, 'gov-2021');
  const grid = await holdBackGrid(page);
  await page.reload();
  await expect(page.locator('td[data-first-cell="t2a/rules/issued"]')).toBeVisible();
  // From the toolbar, F6 goes on to the tables.
  await page.getByRole('toolbar').getByRole('button').first().focus();
  await page.keyboard.press('F6');
  await page.keyboard.type('3');
  await page.keyboard.press('Tab');
  await expect(page.locator('td[data-first-cell="t2a/rules/issued"]')).toHaveText('3');
  grid.release();
  const report = new ReportPage(page);
  await expect(report.at('t2a/rules/issued')).toHaveText('3');
  await expect(report.at('t2a/rules/repealed')).toHaveClass(/current/);
});

test('full-width figures and an input method\'s text typed at once after 创建 are held and land in order', async ({ page }) => {
  // As a clerk with a Chinese input method in full-width mode types on while the report opens.
  await holdBackGrid(page, 3000);
  const home = new HomePage(page);
  await home.goto(SLOW_HOME);
  await page.getByRole('button', { name: '新建报表' }).click();
  const dialog = page.getByRole('dialog', { name: '新建报表' });
  await dialog.getByRole('textbox', { name: '单位名称' }).fill('全角县');
  await dialog.getByRole('spinbutton', { name: '年度' }).fill('2024');
  await dialog.getByRole('combobox', { name: '表式' }).selectOption('gov-2021');
  await dialog.getByRole('button', { name: '创建' }).focus();
  await page.keyboard.press('Enter');
  const report = new ReportPage(page);
  const cdp = await page.context().newCDPSession(page);
  await page.keyboard.type('1');
  await page.keyboard.press('Tab');
  await page.keyboard.insertText('６６'); // text without keys, as an input method commits it
  await page.keyboard.press('Tab');
  await cdp.send('Input.imeSetComposition', { text: '２', selectionStart: 1, selectionEnd: 1 });
  await cdp.send('Input.insertText', { text: '２' });
  await page.keyboard.press('Tab');
  await page.keyboard.type('4');
  await page.keyboard.insertText('件');
  await page.keyboard.press('Tab');
  await page.keyboard.type('5');
  await page.keyboard.press('Tab');
  await expect(page.locator('td[data-first-cell="t2a/norms/repealed"]')).toHaveText('5', { timeout: 15_000 });
  const want: [string, string][] = [['t2a/rules/issued', '1'], ['t2a/rules/repealed', '66'], ['t2a/rules/valid', '2'], ['t2a/norms/issued', '4'], ['t2a/norms/repealed', '5']];
  for (const [key, text] of want) await expect(page.locator(`td[data-first-cell="${key}"]`)).toHaveText(text);
  await expect(report.saveState()).toHaveText('已保存');
  await cdp.detach();
});
