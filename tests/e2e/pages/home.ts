// Page model of the report list. Selects by role and accessible name only.
import { expect, type Page } from '@playwright/test';

export class HomePage {
  constructor(readonly page: Page) {}

  /** `timeout`: for a page whose code a test holds back. */
  async goto(timeout?: number) {
    await this.page.goto('./');
    await expect(this.page.getByRole('heading', { name: '年报统计表校验' })).toBeVisible({ timeout });
  }

  list() {
    return this.page.getByRole('table', { name: '报表列表' });
  }

  row(unit: string) {
    return this.list().getByRole('row').filter({ has: this.page.getByRole('link', { name: unit, exact: true }) });
  }

  async open(unit: string) {
    await this.row(unit).getByRole('link', { name: unit, exact: true }).click();
  }

  /** 新建报表 through its dialog; the form by id, or by its name ({ label }) for an own form. */
  async createReport(unit: string, year: number, template: string | { label: string } = 'gov-2017-county') {
    await this.page.getByRole('button', { name: '新建报表' }).click();
    const dialog = this.page.getByRole('dialog', { name: '新建报表' });
    await dialog.getByRole('textbox', { name: '单位名称' }).fill(unit);
    await dialog.getByRole('spinbutton', { name: '年度' }).fill(String(year));
    await dialog.getByRole('combobox', { name: '表式' }).selectOption(template);
    await dialog.getByRole('button', { name: '创建' }).click();
    await expect(this.page.getByRole('heading', { name: `${unit} · ${year}年度` })).toBeVisible();
  }

  /** 新建汇总 through its dialog; ends on the new collection's page. */
  async createCollection(name: string, year: number, template: string | { label: string }) {
    await this.page.getByRole('button', { name: '新建汇总' }).click();
    const dialog = this.page.getByRole('dialog', { name: '新建汇总' });
    await dialog.getByRole('textbox', { name: '汇总名称' }).fill(name);
    await dialog.getByRole('spinbutton', { name: '年度' }).fill(String(year));
    await dialog.getByRole('combobox', { name: '表式' }).selectOption(template);
    await dialog.getByRole('button', { name: '创建' }).click();
    await expect(this.page.getByRole('heading', { name: `${name} · ${year}年度汇总` })).toBeVisible();
  }
}
