// Page model of 新建表式 / 编辑表式. Selects by role and accessible name only.
import { expect, type Page } from '@playwright/test';

export class FormEditorPage {
  constructor(readonly page: Page) {}

  /** From the home page's 自定义表式 section, as a person would. */
  async openNew() {
    await this.page.getByRole('link', { name: '新建表式' }).click();
    await expect(this.page.getByRole('heading', { name: '新建表式' })).toBeVisible();
  }

  /** A real paste (Ctrl+V) of a blank table copied from a spreadsheet, Word or a web page. */
  async pasteBlank({ html, text }: { html?: string; text: string }) {
    const box = this.page.getByRole('textbox', { name: '粘贴空白统计表' });
    await box.focus();
    await this.page.evaluate(async ({ html, text }) => {
      const items: Record<string, Blob> = { 'text/plain': new Blob([text], { type: 'text/plain' }) };
      if (html) items['text/html'] = new Blob([html], { type: 'text/html' });
      await navigator.clipboard.write([new ClipboardItem(items)]);
    }, { html, text });
    await this.page.keyboard.press('Control+v');
    await expect(this.page.getByRole('table', { name: '表 1 的行' })).toBeVisible();
  }

  rows(table = 1) {
    return this.page.getByRole('table', { name: `表 ${table} 的行` });
  }

  /** The editor row whose label input holds this text (1-based index for the controls). */
  async rowIndex(label: string, table = 1): Promise<number> {
    const inputs = this.rows(table).getByRole('textbox', { name: /^第 \d+ 行 名称$/ });
    const n = await inputs.count();
    for (let i = 0; i < n; i++) if ((await inputs.nth(i).inputValue()) === label) return i + 1;
    throw new Error(`no row ${label}`);
  }

  async setRole(label: string, role: '子项（相加）' | '其中（部分）' | '单列（不相加）', table = 1) {
    const i = await this.rowIndex(label, table);
    await this.rows(table).getByRole('combobox', { name: `第 ${i} 行 角色` }).selectOption({ label: role });
  }

  async setKind(label: string, kind: string, table = 1) {
    const i = await this.rowIndex(label, table);
    await this.rows(table).getByRole('combobox', { name: `第 ${i} 行 类型` }).selectOption({ label: kind });
  }

  async level(label: string, table = 1): Promise<number> {
    const i = await this.rowIndex(label, table);
    return Number(await this.rows(table).getByLabel(`第 ${i} 行 层级`).textContent());
  }

  async shift(label: string, direction: '升一级' | '降一级', table = 1) {
    const i = await this.rowIndex(label, table);
    await this.rows(table).getByRole('button', { name: `第 ${i} 行 ${direction}` }).click();
  }

  relations(table = 1) {
    return this.page.getByRole('list', { name: `表 ${table} 的校验关系` });
  }

  /** 表头认得不对: the figures' rows of table `table` begin at printed row `row` (1-based). */
  async setBodyStart(row: number, table = 1) {
    const details = this.page.locator('details', { hasText: '表头认得不对' });
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    await this.page.getByRole('combobox', { name: `表 ${table} 数据从第几行开始` }).selectOption({ label: `第 ${row} 行` });
  }

  /** Ticks these neighbouring columns (or groups) and groups them under one merged header. */
  async groupColumns(labels: string[], name: string, table = 1) {
    const section = this.page.getByRole('region', { name: new RegExp(`^表 ${table}：`) });
    for (const l of labels) await section.getByRole('checkbox', { name: new RegExp(`^选中(列|分组) ${l.replace(/[()（）]/g, '.')}$`) }).check();
    await section.getByRole('textbox', { name: `表 ${table} 新分组名称` }).fill(name);
    await section.getByRole('button', { name: '把选中的列合为一组' }).click();
  }

  /**
   * 表间关系: row `a` (in table a.table, 表 1 or 表 2 …, by its label) = or ≤ row `b`; without a column, in each
   * column both tables print under the same name.
   */
  async addLink(kind: '两行相同' | '行 ≤ 行', a: { table: string; row: string; col?: string }, b: { table: string; row: string; col?: string }, warn = false) {
    const group = this.page.getByRole('group', { name: '添加表间关系' });
    await group.getByRole('combobox', { name: '表间关系类型' }).selectOption({ label: kind });
    await group.getByRole('checkbox', { name: '只作提示' }).setChecked(warn);
    const pickRow = async (name: string, ref: { table: string; row: string }) => {
      const select = group.getByRole('combobox', { name, exact: true });
      const value = await select.evaluate((el, ref) => {
        const opt = [...(el as HTMLSelectElement).querySelectorAll('optgroup')].find((g) => g.label.startsWith(`${ref.table} `))?.querySelector(`option[value]`);
        const all = [...((opt?.parentElement as HTMLOptGroupElement | null)?.querySelectorAll('option') ?? [])];
        return all.find((o) => o.textContent === ref.row)?.value ?? '';
      }, ref);
      if (!value) throw new Error(`no row ${ref.row} in ${ref.table}`);
      await select.selectOption(value);
    };
    await pickRow('表间关系 行一', a);
    if (a.col) await group.getByRole('combobox', { name: '表间关系 行一的列' }).selectOption({ label: a.col });
    await pickRow('表间关系 行二', b);
    if (b.col) await group.getByRole('combobox', { name: '表间关系 行二的列' }).selectOption({ label: b.col });
    await group.getByRole('button', { name: '添加表间关系' }).click();
  }

  links() {
    return this.page.getByRole('list', { name: '表间关系列表' });
  }

  async setName(name: string) {
    await this.page.getByRole('textbox', { name: '表式名称' }).fill(name);
  }

  async save() {
    await this.page.getByRole('button', { name: '保存表式' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
  }

  /** 用此表式新建报表: ends on the new report's page. */
  async newReport(unit: string, year: number) {
    const form = this.page.getByRole('form', { name: '用此表式新建报表' });
    await form.getByRole('textbox', { name: '单位名称' }).fill(unit);
    await form.getByRole('spinbutton', { name: '年度' }).fill(String(year));
    await form.getByRole('button', { name: '新建报表' }).click();
    await expect(this.page.getByRole('heading', { name: `${unit} · ${year}年度` })).toBeVisible();
  }
}
