// Page model of a 汇总: its 添加单位文件 dialog, its 单位情况 table and its summary cells.
// Selects by role and accessible name only.
import { expect, type Page } from '@playwright/test';

export class CollectionPage {
  constructor(readonly page: Page) {}

  /** The 添加单位文件 dialog (open after `addFiles`). */
  dialog() {
    return this.page.getByRole('dialog', { name: '添加单位文件' });
  }

  /** The dialog's table of what each file holds. */
  results() {
    return this.dialog().getByRole('table', { name: '文件读取结果' });
  }

  /** The dialog's rows, one per file (the header row left out). */
  resultRows() {
    return this.results().getByRole('row').filter({ has: this.page.getByRole('cell') });
  }

  /** The dialog's row of one file. */
  resultRow(file: string) {
    return this.resultRows().filter({ hasText: file });
  }

  /** The choice of what to do with one file (new, keep, replace, skip…). */
  choice(file: string) {
    return this.dialog().getByRole('combobox', { name: `${file} 的处理` });
  }

  /** 添加单位文件 → picks the files → waits until every file has been read. */
  async addFiles(files: string | string[]) {
    const [chooser] = await Promise.all([this.page.waitForEvent('filechooser'), this.page.getByRole('button', { name: '添加单位文件' }).click()]);
    await chooser.setFiles(files);
    await expect(this.results()).toBeVisible({ timeout: 20_000 });
  }

  /** Clicks the dialog's write button (its name counts what it writes) and waits for it to close. */
  async write(button: string) {
    await this.dialog().getByRole('button', { name: button }).click();
    await expect(this.dialog()).toBeHidden();
  }

  /** 单位情况: one row per unit of the 汇总. */
  status() {
    return this.page.getByRole('table', { name: '单位情况' });
  }

  /** 单位情况's rows, one per unit (the header row left out). */
  unitRows() {
    return this.status().getByRole('row').filter({ has: this.page.getByRole('cell') });
  }

  /** A summary cell, by the form's cell key (its sum is `.sum`). */
  cell(key: string) {
    return this.page.locator(`button[data-cell="${key}"]`);
  }
}
