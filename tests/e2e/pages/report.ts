// Page model of one report. Cells are found by the data-cell / data-check-row attributes our
// own renderer writes (table/row/col keys), never by Handsontable's internal classes.
import { expect, type Locator, type Page } from '@playwright/test';

export class ReportPage {
  private lastClick = { row: '', at: 0 };

  constructor(readonly page: Page, readonly table = 't1', readonly col = 'v') {}

  cell(row: string): Locator {
    return this.at(`${this.table}/${row}/${this.col}`);
  }

  /** Any cell by its key: table/row/col (t3/3.7/biz). */
  at(key: string): Locator {
    return this.page.locator(`td[data-cell="${key}"]`);
  }

  /** The 校验 cell of a row of another table than the default one. */
  checkOf(table: string, row: string): Locator {
    return this.page.getByRole('group', { name: `${table}（表格）` }).locator(`td[data-check-row="${row}"]`);
  }

  check(row: string): Locator {
    return this.page.locator(`td[data-check-row="${row}"]`);
  }

  findings() {
    return this.page.getByRole('region', { name: '校验结果' });
  }

  /** The findings listed (one per cause); the alternatives and relations nested under one are not counted. */
  findingItems() {
    return this.findings().getByRole('list', { name: '问题列表' }).locator(':scope > li');
  }

  saveState() {
    return this.page.getByRole('status', { name: '保存状态' });
  }

  /** Select a cell with one click (two quick clicks would open the editor). */
  async select(row: string) {
    await this.selectAt(`${this.table}/${row}/${this.col}`);
  }

  async selectAt(key: string) {
    // Handsontable reads a second click on the same cell within 500 ms as a double click (and
    // opens the editor) unless the mouse went up on another cell in between, as a person's would:
    // then the row's label cell gets a click first.
    if (this.lastClick.row === key && Date.now() - this.lastClick.at < 600) await this.at(key).locator('xpath=ancestor::tr[1]/td[1]').click();
    await this.at(key).scrollIntoViewIfNeeded();
    await this.at(key).click();
    this.lastClick = { row: key, at: Date.now() };
    await this.waitForGridFocus();
    // Handsontable (imeFastEdit) re-selects its input in a 1 ms timer after a selection; a key
    // sent before that timer ran (only automation is that fast) is overtyped by the next one. A
    // timer queued now in the page runs after it: once it has, the grid is ready for keys.
    await this.page.evaluate(() => new Promise((done) => setTimeout(done, 1)));
  }

  async typeAt(key: string, text: string) {
    await this.selectAt(key);
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** Click a finding in the panel; it selects the cell it is about. */
  async selectFinding(text: string) {
    await this.findingItems().filter({ hasText: text }).getByRole('button').first().click();
    await this.waitForGridFocus();
  }

  /**
   * Keys typed before the grid has the focus would go nowhere (as for a fast human after a reload).
   * The grid's, not the first frame's (drawn before Handsontable loads, it takes keys too, but the
   * tests read the grid's own selection).
   */
  async waitForGridFocus() {
    await this.page.waitForFunction(() => document.activeElement?.closest('[aria-label$="（表格）"]') && !document.querySelector('.first-frame'));
  }

  /** Type into a selected cell as a user does, and commit with Enter. */
  async type(row: string, text: string) {
    await this.select(row);
    if (text === '') await this.page.keyboard.press('Delete');
    else {
      await this.page.keyboard.type(text);
      await this.page.keyboard.press('Enter');
    }
  }

  /**
   * Type text the way an input method delivers it (composition, then commit), into the
   * selected cell. Playwright's keyboard.type sends non-keyboard characters as a bare
   * insertText, which no real keyboard produces and Handsontable ignores on a selected cell.
   */
  async typeIme(text: string) {
    const cdp = await this.page.context().newCDPSession(this.page);
    for (let i = 1; i <= text.length; i++)
      await cdp.send('Input.imeSetComposition', { text: text.slice(0, i), selectionStart: i, selectionEnd: i });
    await cdp.send('Input.insertText', { text });
    await cdp.detach();
  }

  /** A real paste (Ctrl+V) of what a program put on the clipboard. Needs clipboard permissions. */
  async paste({ html, text }: { html?: string; text?: string }) {
    await this.page.evaluate(async ({ html, text }) => {
      const items: Record<string, Blob> = { 'text/plain': new Blob([text ?? ''], { type: 'text/plain' }) };
      if (html) items['text/html'] = new Blob([html], { type: 'text/html' });
      await navigator.clipboard.write([new ClipboardItem(items)]);
    }, { html, text });
    await this.waitForGridFocus();
    await this.page.keyboard.press('Control+v');
  }

  async fill(figures: [row: string, raw: string][]) {
    for (const [row, raw] of figures) if (raw !== '') await this.type(row, raw);
  }

  async expectSaved() {
    await expect(this.saveState()).toHaveText('已保存');
  }

  /** The row's 校验 cell says `text`, and its figure is marked as the likely wrong one (or, before the localisation, as failing). */
  async expectRowFlagged(row: string, text: string | RegExp) {
    await expect(this.check(row)).toHaveText(text);
    await expect(this.cell(row)).toHaveClass(/mark-culprit|mark-suspect/);
  }
}
