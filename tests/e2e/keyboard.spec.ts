// Typing as office staff do: Excel keys, Chinese IME straight into a cell, and bad figures
// that must be kept as typed, explained, and never touch another cell.
import { expect, test } from '@playwright/test';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';

test.beforeEach(async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('键盘县', 2017);
});

test('Excel keys: Enter, arrows, Tab, F2, Delete, Ctrl+Z / Ctrl+Y', async ({ page }) => {
  const report = new ReportPage(page);
  await report.type('8.1', '49'); // Enter moves down to 8.2
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  await expect(report.cell('8.2')).toHaveText('12');

  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp'); // 8
  // Handsontable (imeFastEdit) re-selects its input in a 1 ms timer after a move; a key sent
  // before it ran (only automation is that fast) would be selected and overtyped: a timer queued
  // now runs after it.
  await page.evaluate(() => new Promise((done) => setTimeout(done, 1)));
  await page.keyboard.type('61');
  await page.keyboard.press('Tab');
  await expect(report.cell('8')).toHaveText('61');
  await expect(report.check('8')).toHaveText('✓');

  await report.select('8.2');
  await page.keyboard.press('F2');
  await page.keyboard.press('End');
  await page.keyboard.type('0');
  await page.keyboard.press('Enter');
  await expect(report.cell('8.2')).toHaveText('120');
  await expect(report.check('8')).toHaveText('可能有误：疑为 169（填了 61）（共 2 种改法，见校验结果）');

  await page.keyboard.press('Control+z');
  await expect(report.cell('8.2')).toHaveText('12');
  await expect(report.check('8')).toHaveText('✓');
  await page.keyboard.press('Control+y');
  await expect(report.cell('8.2')).toHaveText('120');

  await report.select('8.2');
  await page.keyboard.press('Delete');
  await expect(report.cell('8.2')).toHaveText('');
  await expect(report.check('8.2')).toHaveText('有 1 个格子未填，1 项合计无法核对；请按实际填写，没有的填 0');
  await report.expectSaved();
  await page.reload();
  await expect(report.cell('8.1')).toHaveText('49');
  await expect(report.cell('8.2')).toHaveText('');
});

test('Excel habits: a cell is selected on open, Enter and Shift+Enter move, Enter skips section rows, Tab skips 校验, typing on a label says where the figure goes', async ({ page }) => {
  const report = new ReportPage(page);
  // The report just opened: its first figure cell is selected, typing goes there.
  await report.waitForGridFocus();
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await expect(report.cell('1.1')).toHaveText('5');

  // Enter on a selected cell moves down (no editor); Shift+Enter moves up.
  await report.select('1.2.3');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('4');
  await page.keyboard.press('Enter');
  await expect(report.cell('1.2.4')).toHaveText('4');
  await expect(report.cell('1.2.3')).toHaveText('');
  // The Enter after 1.2.4 went to 1.2.5; the Enter after 1.2.5 skips the section row 二 to 2.1.
  await page.keyboard.type('0');
  await page.keyboard.press('Enter');
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await expect(report.cell('1.2.5')).toHaveText('0');
  await expect(report.cell('2.1')).toHaveText('2');

  // Tab goes to the next row's figure, never to 校验.
  await report.select('4.1');
  await page.keyboard.type('1');
  await page.keyboard.press('Tab');
  await page.keyboard.type('3');
  await page.keyboard.press('Tab');
  await expect(report.cell('4.1')).toHaveText('1');
  await expect(report.cell('4.2')).toHaveText('3');

  // Typing on a label is not silently dropped: the app says where the figure goes.
  await page.locator('td.cell-label', { hasText: '四、行政复议数量' }).click();
  await page.keyboard.type('7');
  await expect(page.getByRole('status').filter({ hasText: '不能填写数字' })).toContainText('请填在本行');
  await expect(report.cell('4')).toHaveText('');
});

test('2021 form: Tab walks a 表三 row over 小计（自动） to 总计 and on to the next row; typing on 小计 says where the figures go', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('矩阵县', 2022, 'gov-2021');
  const report = new ReportPage(page);
  await report.selectAt('t3/1/natural');
  for (const v of ['1', '2', '3', '4', '5', '6', '21', '9']) {
    await page.keyboard.type(v);
    await page.keyboard.press('Tab');
  }
  const row = ['natural', 'biz', 'sci', 'pub', 'law', 'other', 'total'].map((c) => report.at(`t3/1/${c}`));
  for (const [i, v] of ['1', '2', '3', '4', '5', '6', '21'].entries()) await expect(row[i]).toHaveText(v);
  await expect(report.at('t3/2/natural')).toHaveText('9');
  await expect(report.checkOf('表三', '1')).toHaveText('✓');
  // 小计（自动） is computed: typing on it is explained, not dropped silently.
  await page.locator('td.cell-derived').first().click();
  await page.keyboard.type('7');
  await expect(page.getByRole('status').filter({ hasText: '自动相加' })).toBeVisible();
});

test('typing with a whole column selected by its header throws nothing and the grid keeps working', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const report = new ReportPage(page);
  await page.locator('.ht_clone_top th', { hasText: '统计数' }).first().click();
  await page.keyboard.type('7');
  await report.type('4', '3');
  await expect(report.cell('4')).toHaveText('3');
  expect(errors).toEqual([]);
});

test('a figure typed at once after a click keeps its first keystroke (CPU ×4)', async ({ page }) => {
  const report = new ReportPage(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const rows = ['4.1', '4.2', '4.3', '5.1', '5.2', '5.3', '6.1', '6.2'];
  for (const [i, row] of rows.entries()) {
    await report.cell(row).scrollIntoViewIfNeeded();
    const box = (await report.cell(row).boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    const text = String(123 + i);
    // The click and the keys go to the browser back to back, as from a fast typist on a slow
    // PC: the first key lands inside the millisecond after the selection.
    const key = (ch: string) => [
      cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, code: `Digit${ch}`, text: ch, windowsVirtualKeyCode: ch.charCodeAt(0) }),
      cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch, code: `Digit${ch}`, windowsVirtualKeyCode: ch.charCodeAt(0) })
    ];
    await Promise.all([
      cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', x, y, button: 'left', clickCount: 1 }),
      cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x, y, button: 'left', clickCount: 1 }),
      ...key(text[0])
    ]);
    // The grid's own re-selection of its input (due ~1 ms after the click) comes now, between
    // the first key and the next ones, as it does for one keystroke in fifty on a slow PC.
    await page.waitForTimeout(50);
    for (const ch of text.slice(1)) await Promise.all(key(ch));
    await page.keyboard.press('Enter');
    await expect(report.cell(row)).toHaveText(text);
    await page.waitForTimeout(600); // the next click is no double click
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
});

test('text an input method commits without a composition (key 229, then inserted text) lands in the cell', async ({ page }) => {
  const report = new ReportPage(page);
  await report.select('9.1');
  const cdp = await page.context().newCDPSession(page);
  // What some Windows IMEs, handwriting and on-screen keyboards send: a "Process" key, then text.
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', windowsVirtualKeyCode: 229, key: 'Process', code: '' });
  await cdp.send('Input.insertText', { text: '１２' });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', windowsVirtualKeyCode: 229, key: 'Process', code: '' });
  await cdp.detach();
  await page.keyboard.press('Enter');
  await expect(report.cell('9.1')).toHaveText('12');
  await page.reload();
  await expect(report.cell('9.1')).toHaveText('12');
});

test('空格填 0: the blank cells of a selected block become 0 in one step, and one Ctrl+Z takes them back', async ({ page }) => {
  const report = new ReportPage(page);
  await report.type('4.1', '2');
  await report.select('4');
  await page.keyboard.down('Shift');
  await report.cell('4.3').click();
  await page.keyboard.up('Shift');
  await report.cell('4.3').click({ button: 'right' });
  await page.locator('.htContextMenu td', { hasText: '空格填 0' }).click();
  await expect(report.cell('4')).toHaveText('0');
  await expect(report.cell('4.1')).toHaveText('2');
  await expect(report.cell('4.2')).toHaveText('0');
  await expect(report.cell('4.3')).toHaveText('0');
  await expect(report.check('4')).toHaveText('可能有误：疑为 2（填了 0，疑为合计漏算）（共 2 种改法，见校验结果）');
  await page.keyboard.press('Control+z');
  await expect(report.cell('4.2')).toHaveText('');
  await expect(report.cell('4')).toHaveText('');
  await expect(report.cell('4.1')).toHaveText('2');
});

test('Chinese typed through IME composition lands in the cell and the grid keeps working', async ({ page }) => {
  const report = new ReportPage(page);
  await report.select('9.1');
  await report.typeIme('十二');
  await page.keyboard.press('Enter');
  await expect(report.cell('9.1')).toHaveText('十二');
  await expect(report.check('9.1')).toHaveText(/无法识别：「十二」不是数字/);
  await expect(report.findingItems().filter({ hasText: '（一）本级政府及其部门' })).toHaveCount(1);

  // The next cell takes a figure as usual.
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  await expect(report.cell('9.2')).toHaveText('12');
  await expect(report.check('9')).toHaveText('未填，应不少于 12');
});

test('bad figures are kept as typed, explained, and leave other cells alone', async ({ page }) => {
  const report = new ReportPage(page);
  await report.fill([['4.1', '1'], ['4.2', '3'], ['4.3', '3'], ['4', '7']]);
  await expect(report.check('4')).toHaveText('✓');

  const cases: [raw: string, check: RegExp][] = [
    ['abc', /无法识别：「abc」不是数字/],
    ['-3', /不能为负数/],
    ['1.5', /应为整数/],
    ['=SUM(A1:A3)', /公式/],
    ['—', /如表示没有，请填 0/],
    ['12条', /单位「条」与本行单位「件」不符/],
    ['１２ｘ', /不是数字/]
  ];
  for (const [raw, check] of cases) {
    if (/^[\x20-\x7e]+$/.test(raw)) await report.type('4.2', raw);
    else {
      await report.select('4.2');
      await report.typeIme(raw);
      await page.keyboard.press('Enter');
    }
    await expect(report.cell('4.2')).toHaveText(raw);
    await expect(report.check('4.2')).toHaveText(check);
    await expect(report.cell('4.2')).toHaveClass(/cell-invalid/);
    await expect(report.cell('4.1')).toHaveText('1');
    await expect(report.cell('4.3')).toHaveText('3');
    await expect(report.cell('4')).toHaveText('7');
  }
  // Unambiguous forms are normalised and shown as plain figures.
  for (const [raw, shown] of [['１２', '12'], ['1,234', '1234'], ['3件', '3'], [' 3 ', '3']]) {
    await report.select('4.2');
    await report.typeIme(raw);
    await page.keyboard.press('Enter');
    await expect(report.cell('4.2')).toHaveText(shown);
  }
  await expect(report.check('4')).toHaveText('✓');
  await report.type('4.2', 'abc');
  await report.expectSaved();
  await page.reload();
  await expect(report.cell('4.2')).toHaveText('abc');
  await expect(report.check('4.2')).toHaveText(/无法识别/);
});

test('the grid menu speaks Chinese', async ({ page }) => {
  const report = new ReportPage(page);
  await report.cell('4').click({ button: 'right' });
  await expect(page.getByRole('menuitem', { name: '撤销' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '复制' })).toBeVisible();
});

test('on a 1366 × 768 laptop the selected cell stays in the window as Enter walks down the table and Shift+Enter back (the page scrolls, the grid never does)', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const report = new ReportPage(page);
  await report.select('1.1');
  const inWindow = () => page.evaluate(() => {
    const td = document.querySelector('td.current[data-cell]');
    if (!td) return null;
    const r = td.getBoundingClientRect();
    return { key: (td as HTMLElement).dataset.cell, inside: r.top >= -1 && r.bottom <= innerHeight + 1, top: r.top, bottom: r.bottom, y: scrollY };
  });
  let last = '';
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Enter');
    await expect.poll(async () => { const s = await inWindow(); return s?.inside ? true : JSON.stringify(s); }).toBe(true);
    last = (await inWindow())!.key!;
  }
  // Forty figure rows down: well past the first screen.
  expect(await page.evaluate(() => scrollY)).toBeGreaterThan(400);
  expect(last).not.toBe('t1/1.1/v');
  for (let i = 0; i < 40; i++) await page.keyboard.press('Shift+Enter');
  await expect.poll(inWindow).toMatchObject({ key: 't1/1.1/v', inside: true });
});

test('the cell editor opens over its cell and in view, and grows for a text longer than the cell', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('编辑框县', 2022, 'gov-2021');
  const report = new ReportPage(page);
  const editor = page.locator('.handsontableInputHolder:not(.ht_editor_hidden) textarea');
  const place = () => page.evaluate(() => {
    const td = document.querySelector('td.current[data-cell]')!.getBoundingClientRect();
    const ta = document.querySelector('.handsontableInputHolder:not(.ht_editor_hidden) textarea')! as HTMLTextAreaElement;
    const e = ta.getBoundingClientRect();
    // A row grown tall by a long text may reach past the window: its top line is what is edited.
    return { inView: td.top >= -1 && td.top + Math.min(td.height, 30) <= innerHeight + 1, over: Math.abs(e.left - td.left) <= 2 && Math.abs(e.top - td.top) <= 2 && e.width >= td.width - 2, cut: ta.scrollWidth > ta.clientWidth + 1 || ta.scrollHeight > ta.clientHeight + 1 };
  });
  // 表三's narrow columns, near the top of the page.
  await report.selectAt('t3/1/natural');
  // The page scrolled away with the wheel: the first figure typed brings the cell back into view.
  await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
  await expect.poll(() => page.evaluate(() => document.querySelector('td.current[data-cell]')!.getBoundingClientRect().bottom < 0)).toBe(true);
  await page.keyboard.type('4');
  await expect(editor).toHaveValue('4');
  await expect.poll(place).toEqual({ inView: true, over: true, cut: false });
  await page.keyboard.press('Tab');
  await expect(report.at('t3/1/natural')).toHaveText('4');
  // Past the cell's edge, the editor grows with the text: none of it is hidden.
  const long = '9000000000000000（其中含转办件）';
  await page.keyboard.type(long[0]);
  await expect.poll(place).toEqual({ inView: true, over: true, cut: false });
  await page.keyboard.type(long.slice(1));
  await expect(editor).toHaveValue(long);
  await expect.poll(place).toEqual({ inView: true, over: true, cut: false });
  await page.keyboard.press('Enter');
  await expect(report.at('t3/1/biz')).toHaveText(long);
  // F2 on that text opens it whole, too.
  await report.selectAt('t3/1/biz');
  await page.keyboard.press('F2');
  await expect(editor).toHaveValue(long);
  await expect.poll(place).toEqual({ inView: true, over: true, cut: false });
  await page.keyboard.press('Escape');
  await expect(report.at('t3/1/biz')).toHaveText(long);
});
