// One continuous sheet for the keyboard: a whole real 2021 report made, typed, checked, corrected
// and downloaded with the keyboard alone, from the home page to the file read back; no table traps
// the keyboard (Esc lets go, Ctrl+Shift+PgDn / PgUp change table, F6 reaches the toolbar and the findings).
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { mapToForm } from '../../src/lib/domain/form-map';
import { inputCells, cellKey } from '../../src/lib/domain/model';
import { readSource } from '../../src/lib/sheets/read-source';
import { templates } from '../../src/lib/templates/index';
import { realTables } from '../fixtures/real/load';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';

const gov2021 = templates.find((t) => t.id === 'gov-2021')!;
const fx = realTables.find((t) => t.id === '2024-jiangsu-huaian-city')!;

/**
 * The focused element, described: the table whose grid has the keyboard and its selected cell,
 * or a control's tag and its label (or text).
 */
const focus = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    const grid = a?.closest('[aria-label$="（表格）"]');
    if (grid) {
      const current = grid.querySelector('td[aria-selected="true"][data-cell]') as HTMLElement | null;
      return `${grid.getAttribute('aria-label')} ${current?.dataset.cell ?? '(no cell)'}`;
    }
    const label = (a as HTMLInputElement | null)?.labels?.[0]?.firstChild?.textContent;
    return `${a?.tagName} ${(label ?? a?.textContent)?.trim().slice(0, 12) ?? ''}`;
  });

/** Presses `key` (Tab, F6…) until the focus is `where`, as a person does, watching the screen; at most `max` times. */
async function pressUntil(page: Page, key: string, where: string, max = 30) {
  for (let i = 0; i < max && (await focus(page)) !== where; i++) await page.keyboard.press(key);
  expect(await focus(page)).toBe(where);
}

/** The figure with two digits swapped (a typing slip), or null when swapping changes nothing. */
const swapped = (raw: string) => (/^\d{2,}$/.test(raw) && raw[0] !== raw[1] ? raw[1] + raw[0] + raw.slice(2) : null);

test.describe('on a 1366 × 768 laptop', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('a whole 2021 report made, typed, checked, corrected and downloaded with the keyboard alone', async ({ page }) => {
    // 200 figures typed, each checked as it lands: minutes on a loaded 2-core machine.
    test.setTimeout(360_000);
    const home = new HomePage(page);
    await home.goto();
    const key = page.keyboard;
    // 新建报表: Tab to the button, the dialog's fields in order, the form chosen with the arrows.
    await pressUntil(page, 'Tab', 'BUTTON 新建报表');
    await key.press('Enter');
    await expect.poll(() => focus(page)).toBe('INPUT 单位名称');
    await key.type('键盘区');
    await key.press('Tab');
    expect(await focus(page)).toBe('INPUT 年度');
    await key.press('Control+a');
    await key.type(String(fx.source.year));
    await key.press('Tab');
    expect(await focus(page)).toBe('SELECT 表式');
    const form = page.getByRole('dialog', { name: '新建报表' }).getByRole('combobox', { name: '表式' });
    for (let i = 0; i < 5 && (await form.inputValue()) !== 'gov-2021'; i++) await key.press('ArrowDown');
    await expect(form).toHaveValue('gov-2021');
    await pressUntil(page, 'Tab', 'BUTTON 创建');
    await key.press('Enter');
    await expect(page.getByRole('heading', { name: `键盘区 · ${fx.source.year}年度` })).toBeVisible();
    const report = new ReportPage(page);
    // The report opens with its first figure selected: typing starts at once.
    await report.waitForGridFocus();

    const cells = inputCells(gov2021).map(cellKey);
    const of = (table: string) => cells.filter((k) => k.startsWith(`${table}/`));
    // A slip not seen while typing: two digits swapped in 表三's （一）予以公开 × 商业企业.
    const hidden = 't3/3.1/biz';
    const slip = swapped(fx.cells[hidden])!;
    const typeAll = async (keys: string[], move: string) => {
      for (const k of keys) {
        await key.type(k === hidden ? slip : (fx.cells[k] ?? ''));
        await key.press(move);
      }
    };
    // 表二 (一): Tab along the rows; (五), (六), (八): Enter down the one column. Each runs on into the next table.
    await typeAll(of('t2a'), 'Tab');
    for (const t of ['t2b', 't2c', 't2d']) await typeAll(of(t), 'Enter');
    await expect.poll(() => focus(page)).toBe(`表三（表格） ${of('t3')[0]}`);
    // 表三 along its rows; a slip seen at once is put right with the arrow key.
    const t3 = of('t3');
    await key.type(swapped(fx.cells[t3[0]]) ?? '9999');
    await key.press('Tab');
    await key.press('ArrowLeft');
    await expect.poll(() => focus(page)).toBe(`表三（表格） ${t3[0]}`);
    await typeAll(t3.slice(0, -1), 'Tab');
    // The last figure is committed by Ctrl+Shift+PgDn, the key to the next table.
    await key.type(fx.cells[t3.at(-1)!]);
    await key.press('Control+Shift+PageDown');
    await expect.poll(() => focus(page)).toBe(`表四（表格） ${of('t4')[0]}`);
    await typeAll(of('t4'), 'Tab');
    // Past the last table, the keyboard is in the findings: the slip is the one error, and its
    // finding, entered, selects the figure to retype.
    await expect.poll(() => focus(page)).toBe('H2 校验结果');
    await expect(report.findings().getByRole('status')).toHaveText(/^1 个错误/);
    await key.press('Tab');
    await expect(page.locator(':focus')).toHaveText(new RegExp(`疑似有误的数字.*疑为 ${fx.cells[hidden]}（填了 ${slip}，疑为两位数字颠倒）`));
    await key.press('Enter');
    await expect.poll(() => focus(page)).toBe(`表三（表格） ${hidden}`);
    await key.type(fx.cells[hidden]);
    await key.press('Enter');
    for (const k of cells) await expect(report.at(k)).toHaveText(fx.cells[k] ?? '');
    await expect(report.findings().getByRole('status')).toHaveText(/^0 个错误，0 个提示，全部通过/);

    // F6 to the toolbar, Tab to 下载 xlsx, Enter: the file, read back, holds every figure typed.
    await pressUntil(page, 'F6', 'BUTTON 导入文件', 3);
    await pressUntil(page, 'Tab', 'BUTTON 下载 xlsx', 3);
    const [download] = await Promise.all([page.waitForEvent('download'), key.press('Enter')]);
    // The focus stays on the button (a disabled button while busy would drop it to the page).
    await expect(page.getByRole('button', { name: '下载 xlsx' })).toBeFocused();
    const path = test.info().outputPath(download.suggestedFilename());
    await download.saveAs(path);
    const plan = mapToForm(gov2021, (await readSource(readFileSync(path), download.suggestedFilename())).blocks);
    const back = Object.fromEntries(plan.writes.map((w) => [w.key, w.raw]));
    expect(back).toEqual(Object.fromEntries(cells.map((k) => [k, fx.cells[k] ?? ''])));
  });
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
  // A table let go (Esc, as to close a message) still changes table with Ctrl+Shift+PgUp / PgDn.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+PageUp');
  await expect.poll(() => focus(page)).toBe('表三（表格） t3/1/natural');
  await page.keyboard.press('Control+Shift+PageDown');
  await expect.poll(() => focus(page)).toBe('表四（表格） t4/n/r.keep');
  // Esc, Tab: past the last table, on to what follows (历年对比, then the findings' controls).
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect.poll(() => focus(page)).not.toMatch(/表格/);
  // F6 from anywhere: toolbar → tables (the table last used, 表四, at its first figure) → findings → toolbar.
  await page.keyboard.press('F6');
  const after = await focus(page);
  expect(['BUTTON 导入文件', '表四（表格） t4/n/r.keep', 'H2 校验结果']).toContain(after);
  await page.keyboard.press('Shift+F6');
  await page.keyboard.press('Shift+F6');
  await page.keyboard.press('Shift+F6');
  await expect.poll(() => focus(page)).toBe(after);
  await report.page.getByRole('button', { name: '下载 xlsx' }).focus();
  await page.keyboard.press('F6');
  await expect.poll(() => focus(page)).toBe('表四（表格） t4/n/r.keep');
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

test('in 表四, one row of fifteen figures, Enter walks along the row: no figure typed after it is lost', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('表四区', 2024, 'gov-2021');
  const report = new ReportPage(page);
  await report.selectAt('t4/n/r.keep');
  for (const v of ['3', '1', '0']) {
    await page.keyboard.type(v);
    await page.keyboard.press('Enter');
  }
  await expect(report.at('t4/n/r.keep')).toHaveText('3');
  await expect(report.at('t4/n/r.fix')).toHaveText('1');
  await expect(report.at('t4/n/r.other')).toHaveText('0');
  await expect.poll(() => focus(page)).toBe('表四（表格） t4/n/r.pending');
});

test('Enter on the report\'s last figure stays there (a figure typed next still lands); Tab goes on to 校验结果', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('末格区', 2024, 'gov-2021');
  const report = new ReportPage(page);
  const [last] = inputCells(gov2021).map(cellKey).filter((k) => k.startsWith('t4/')).slice(-1);
  await report.selectAt(last);
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await expect(report.at(last)).toHaveText('5');
  await expect.poll(() => focus(page)).toBe(`表四（表格） ${last}`);
  await page.keyboard.type('6');
  await page.keyboard.press('Enter');
  await expect(report.at(last)).toHaveText('6');
  await page.keyboard.press('Tab');
  await expect(page.locator('#findings-title')).toBeFocused();
});

test('the table left never takes the keyboard back: its late refocus alone (no refocus of the table entered after it) is sent back', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('夺焦区', 2024, 'gov-2021');
  const report = new ReportPage(page);
  const [t3last] = inputCells(gov2021).map(cellKey).filter((k) => k.startsWith('t3/')).slice(-1);
  const [t4first, t4second] = inputCells(gov2021).map(cellKey).filter((k) => k.startsWith('t4/'));
  await report.selectAt(t3last);
  await page.keyboard.type('7');
  await page.keyboard.press('Tab');
  await expect.poll(() => focus(page)).toBe(`表四（表格） ${t4first}`);
  // A slow PC: 表三's deferred refocus comes after 表四 already has the keyboard, and nothing after it.
  await page.evaluate(() => document.querySelector<HTMLElement>('[aria-label="表三（表格）"] textarea.handsontableInput')!.focus());
  await page.keyboard.type('5');
  await page.keyboard.press('Tab');
  await expect(report.at(t4first)).toHaveText('5');
  await expect(report.at(t3last)).toHaveText('7');
  await expect.poll(() => focus(page)).toBe(`表四（表格） ${t4second}`);
});

test('on a slow PC (CPU ×4), figures typed back to back across 表二\'s four tables into 表三 land each in its own cell', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('慢机区', 2024, 'gov-2021');
  const report = new ReportPage(page);
  await report.waitForGridFocus();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const keys = inputCells(gov2021).map(cellKey);
  const want = ['0', '0', '0', '3', '1', '25', '120', '45', '2', '0', '40', '5'];
  for (const v of want) {
    await page.keyboard.type(v);
    await page.keyboard.press('Tab');
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const cells = keys.filter((k) => !k.startsWith('t3/') || k.startsWith('t3/1/')).slice(0, want.length);
  expect(cells.at(-2)).toBe('t3/1/natural');
  for (const [i, k] of cells.entries()) await expect(report.at(k)).toHaveText(want[i]);
});

test('Ctrl+Z and Ctrl+Y work from the findings too (the report\'s undo, selecting the cell it changed)', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('面板撤销区', 2024, 'gov-2021');
  const report = new ReportPage(page);
  await report.typeAt('t3/1/natural', '12');
  await page.locator('#findings-title').focus();
  await page.keyboard.press('Control+z');
  await expect(report.at('t3/1/natural')).toHaveText('');
  await expect.poll(() => focus(page)).toBe('表三（表格） t3/1/natural');
  await page.locator('#findings-title').focus();
  await page.keyboard.press('Control+y');
  await expect(report.at('t3/1/natural')).toHaveText('12');
});
