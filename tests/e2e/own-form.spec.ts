// 自定义表式, through the UI only. The seed report's 附件1 (a real 2017 county-level layout:
// 统计指标 | 单位 | 统计数, not the national format) is copied from Word with its figures and pasted
// into 新建表式; the person corrects what the outline cannot say (制发规范性文件总数 measures
// something else, the 其中 list under 4.不同意公开答复数 is exhaustive, channels cover the total,
// 查阅点 appear twice) and the preview shows the seed's four hand-audited errors. Saved, a report
// made with it takes the same table pasted from Excel with the same four errors; the xlsx carries
// its check formulas; the form travels as a file to another browser, which refuses a broken one.
import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { excelHtml, tsv, wordHtml, wordText } from '../fixtures/clipboard';
import { seedTable } from '../fixtures/seed-table.js';
import { download } from './pages/files';
import { CollectionPage } from './pages/collection';
import { FormEditorPage } from './pages/form-editor';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';
import { realTables } from '../fixtures/real/load';
import { excelClipboard, webPage, xlsx } from '../fixtures/render';

/** The seed's four errors (its audit): the channels, 二（二）, the exhaustive 其中 list and 十. */
const SEED_ERRORS = ['渠道合计 12052 < 总数 12054', '≠ 子项合计 14（差 -13）', '≠ 其中各项合计 0（差 +3）', '未填（子项合计 1500）'];
/** 二（二）'s children, in 次 and 篇: the 2017 form adds them; the builder leaves that to the person. */
const SEED_22 = ['1.参加或举办新闻发布会总次数', '2.政府网站在线访谈次数', '3.政策解读稿件发布数', '4.微博微信回应事件数', '5.其他方式回应事件数'];

test('the seed\'s county form built from its table through the editor finds the audited errors, in a report too; the form file travels', async ({ page, browser }) => {
  const rows = [['统　计　指　标', '单位', '统计数'], ...seedTable()];
  const home = new HomePage(page);
  await home.goto();
  const editor = new FormEditorPage(page);
  await editor.openNew();
  await editor.pasteBlank({ html: wordHtml(rows), text: tsv(rows) });

  // The proposal: levels from the numbering, 其中 lists as parts, the header row without a unit.
  expect(await editor.level('一、主动公开情况')).toBe(0);
  expect(await editor.level('1.政府公报公开政府信息数')).toBe(2);
  // 二（二） prints a figure over children in 次 and 篇: it keeps its cell, but figures of
  // different units are not added up, and the note says how to say otherwise.
  const preview = page.getByRole('complementary', { name: '校验预览' });
  await expect(preview.getByRole('status')).toContainText('样例数字下：1 个错误');
  await expect(page.getByText('单位不同的数字不相加')).toContainText('「（二）通过不同渠道和方式回应解读的情况」印有数字');

  // What the outline cannot say, corrected by hand. This form adds 二（二）'s 次 and 篇 (its audit
  // blames 二（二）): the person says so, turning its children back to addends.
  for (const label of SEED_22) await editor.setRole(label, '子项（相加）');
  await expect(preview.getByRole('status')).toContainText('样例数字下：2 个错误');
  await editor.setName('2017年度政府信息公开工作情况统计表（某县）');
  await editor.setRole('制发规范性文件总数', '单列（不相加）');
  const refused = await editor.rowIndex('4.不同意公开答复数');
  await editor.rows().getByRole('checkbox', { name: `第 ${refused} 行 其中各项之和等于本行` }).check();
  const add = page.getByRole('group', { name: '表 1 添加关系' });
  await add.getByRole('combobox', { name: '关系类型' }).selectOption({ label: '渠道覆盖总数（每个渠道 ≤ 总数，渠道合计 ≥ 总数）' });
  await add.getByRole('combobox', { name: '总数行' }).selectOption({ label: '（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条） （不同渠道和方式公开相同信息计1条）' });
  await add.getByRole('listbox', { name: '渠道行' }).selectOption(['1.政府公报公开政府信息数', '2.政府网站公开政府信息数', '3.政务微博公开政府信息数', '4.政务微信公开政府信息数', '5.其他方式公开政府信息数'].map((label) => ({ label })));
  await add.getByRole('button', { name: '添加关系' }).click();
  await add.getByRole('combobox', { name: '关系类型' }).selectOption({ label: '两行相同' });
  await add.getByRole('combobox', { name: '行一' }).selectOption({ label: '（二）设置政府信息公开查阅点数' });
  await add.getByRole('combobox', { name: '行二' }).selectOption({ label: '九、设置政府信息查阅点数' });
  await add.getByRole('button', { name: '添加关系' }).click();
  await expect(editor.relations()).toContainText('覆盖');
  await expect(editor.relations()).toContainText('（二）设置政府信息公开查阅点数 = 九、设置政府信息查阅点数');

  // The preview on the table's own figures: exactly the four audited errors, no false alarm.
  await expect(preview.getByRole('status')).toContainText('样例数字下：4 个错误');
  const found = preview.getByRole('list', { name: '预览校验结果' });
  for (const e of SEED_ERRORS) await expect(found).toContainText(e);
  await editor.save();

  // A report with it: the same table pasted from Excel gives the same four errors.
  await editor.newReport('商河县', 2017);
  await page.locator('td[data-cell="t1/r2/c1"]').click();
  await new ReportPage(page).paste({ html: excelHtml(rows), text: tsv(rows) });
  const findings = page.getByRole('region', { name: /校验结果/ });
  await expect(findings).toContainText('4 个错误');
  for (const e of SEED_ERRORS) await expect(findings).toContainText(e);

  // Its xlsx keeps the check formulas of an own form like a built-in one's.
  const { path } = await download(page, '下载 xlsx');
  const wb = XLSX.read(readFileSync(path), { type: 'buffer', cellFormula: true });
  const sheet = wb.Sheets[wb.SheetNames[0]];
  expect(Object.values(sheet).filter((c) => (c as XLSX.CellObject)?.f).length).toBeGreaterThan(40);

  // The form as a file: exported here, imported in another browser; a broken copy is refused.
  await page.goto('./#/');
  await page.getByRole('list', { name: '自定义表式' }).getByRole('link', { name: '2017年度政府信息公开工作情况统计表（某县）' }).click();
  const exported = await download(page, '导出表式文件');
  const other = await browser.newContext({ locale: 'zh-CN' });
  const page2 = await other.newPage();
  await page2.goto(page.url().replace(/#.*$/, '#/'));
  const broken = test.info().outputPath('broken.json');
  writeFileSync(broken, readFileSync(exported.path, 'utf8').replace('"id": "r2"', '"id": "r/2"'));
  const [chooser] = await Promise.all([page2.waitForEvent('filechooser'), page2.getByRole('button', { name: '导入表式' }).click()]);
  await chooser.setFiles(broken);
  await expect(page2.getByRole('alert')).toContainText('未导入');
  await expect(page2.getByRole('list', { name: '自定义表式' })).toHaveCount(0);
  const [chooser2] = await Promise.all([page2.waitForEvent('filechooser'), page2.getByRole('button', { name: '导入表式' }).click()]);
  await chooser2.setFiles(exported.path);
  await expect(page2.getByRole('status').filter({ hasText: '已导入表式' })).toContainText('已导入表式：2017年度政府信息公开工作情况统计表（某县）（第 1 版）');
  await page2.getByRole('button', { name: '新建报表' }).click();
  await expect(page2.getByRole('dialog', { name: '新建报表' }).getByRole('combobox', { name: '表式' })).toContainText('2017年度政府信息公开工作情况统计表（某县）');
  await other.close();
});

test('an own form imported from its file serves a 汇总: units\' files of that form are taken in, summed and checked — even where a built-in form reads them the same; a national table is refused', async ({ page }) => {
  const { proposeForm } = await import('../../src/lib/domain/form-builder');
  const { makeFormFile } = await import('../../src/lib/domain/form-file');
  const rows = [['统　计　指　标', '单位', '统计数'], ...seedTable()];
  const { template } = proposeForm([{ name: '附件1', rows }], '某市县级统计表');
  // As the person says in the editor: 二（二） adds its children in 次 and 篇 on this form.
  for (const r of template.tables[0].rows) if (SEED_22.includes(r.label)) delete r.role;
  const formFile = test.info().outputPath('form.json');
  writeFileSync(formFile, makeFormFile(template));
  const home = new HomePage(page);
  await home.goto();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '导入表式' }).click()]);
  await chooser.setFiles(formFile);
  await expect(page.getByRole('status').filter({ hasText: '已导入表式' })).toBeVisible();

  // Two counties' tables (the seed's, and one with 十 filled in) as xlsx files, and a national one.
  const book = (name: string, body: string[][]) => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([[`${name}2017年政府信息公开工作年度报告`], ...body]), '附件1');
    const p = test.info().outputPath(`${name}.xlsx`);
    writeFileSync(p, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
    return p;
  };
  const fixed = rows.map((r) => (r[0].startsWith('十、查阅点') ? [r[0], r[1], '1500'] : r));
  const national = test.info().outputPath('national.xlsx');
  writeFileSync(national, xlsx(realTables.find((t) => t.id === '2022-fujian-pingtan-zone')!, 'one-sheet'));
  const files = [book('甲县', rows), book('乙县', fixed), national];
  await home.createCollection('某市各县', 2017, { label: '某市县级统计表' });
  const collection = new CollectionPage(page);
  await collection.addFiles(files);
  await expect(collection.dialog().getByRole('textbox', { name: '甲县.xlsx 的单位名称' })).toHaveValue('甲县');
  await expect(collection.resultRow('national.xlsx')).toContainText('不是本汇总的表式');
  await collection.write('写入 2 份');
  await expect(collection.unitRows()).toHaveCount(2);
  // 一（一） summed: 2 × 12054. 十 is blank in 甲县 and 1500 in 乙县, its parts 1500 in each: the
  // summary's 十 (1500) ≠ its parts (3000), caused by 甲县's own blank total; 二（二） by both.
  await expect(page.locator('button[data-cell="t1/r2/c1"] .sum')).toHaveText('24108');
  const list = page.getByRole('list', { name: '汇总表校验结果' });
  // Each summary finding names every unit contributing, its share, and its own likely wrong figure.
  await expect(list).toContainText('十、查阅点接待人数：≠ 子项合计 3000（差 -1500） — 由 1 个单位造成：甲县 -1500（100%，十、查阅点接待人数 疑为 1500）');
  await expect(list).toContainText('二（二）通过不同渠道和方式回应解读的情况：≠ 子项合计 28（差 -26） — 由 2 个单位造成：甲县 -13（50%，二（二）通过不同渠道和方式回应解读的情况 疑为 14）、乙县 -13（50%，二（二）通过不同渠道和方式回应解读的情况 疑为 14）');
});

test('a real municipal form (定西市, 本期实际 | 本年累计) built from its web page table: 栏次 row and 代码 column left out, 其中 lists nested, the list of ways to apply exhaustive; a report made with it checks 本期 ≤ 本年累计 and the 其中 sum', async ({ page }) => {
  const rows = readFileSync(new URL('../fixtures/forms/dingxi-2008/blank.tsv', import.meta.url), 'utf8').trimEnd().split('\n').map((l) => l.split('\t'));
  // As the stored web page prints it: the title over the table, the 计量单位 header on two lines.
  const cell = (t: string, i: number) => `<td>${i === 0 && t === '计量单位' ? '计量<br>单位' : t.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</td>`;
  const html = `<p><strong>${rows[0][0]}</strong></p><table border="1">${rows.slice(1).map((r) => `<tr>${r.map((t, i) => cell(t, i === 1 ? 0 : 1)).join('')}</tr>`).join('')}</table>`;
  const home = new HomePage(page);
  await home.goto();
  const editor = new FormEditorPage(page);
  await editor.openNew();
  await editor.pasteBlank({ html, text: rows.map((r) => r.join('\t')).join('\n') });
  await expect(page.getByRole('textbox', { name: '列 c1 名称' })).toHaveValue('本期实际');
  await expect(page.getByRole('textbox', { name: '列 c2 名称' })).toHaveValue('本年累计');
  await expect(page.getByRole('textbox', { name: '列 c3 名称' })).toHaveCount(0);
  expect(await editor.level('申请总数')).toBe(0);
  expect(await editor.level('其中:(1)“非《规定》所指政府信息”数')).toBe(2);
  await expect(editor.relations()).toContainText('每行：本期实际 ≤ 本年累计');

  // The 其中 list 1.当面 … 6.其他形式申请数 names every way to apply: 申请总数 is its sum.
  await expect(editor.rows().getByRole('checkbox', { name: `第 ${await editor.rowIndex('申请总数')} 行 其中各项之和等于本行` })).toBeChecked();
  await editor.setName('定西市政府信息公开情况统计报表');
  await editor.save();
  await editor.newReport('定西市某局', 2009);

  // 申请总数 7 = 当面 3 + 网上 4 (the other ways 0); 网上 4 this period > 3 this year: one error.
  const report = new ReportPage(page);
  for (const [row, raw] of [['r10', '7'], ['r11', '3'], ['r12', '0'], ['r13', '0'], ['r14', '4'], ['r15', '0'], ['r16', '0']]) await report.typeAt(`t1/${row}/c1`, raw);
  await report.typeAt('t1/r14/c2', '3');
  await report.typeAt('t1/r10/c2', '7');
  const findings = page.getByRole('region', { name: /校验结果/ });
  await expect(findings).toContainText('1 个错误');
  await expect(findings).toContainText('4 > ');
  await report.typeAt('t1/r14/c2', '4');
  await expect(findings).toContainText('0 个错误');
  // 当面 typed as 7: the ways now add up to 11, not 7.
  await report.typeAt('t1/r11/c1', '7');
  await expect(findings).toContainText('1 个错误');
  await expect(findings).toContainText('其中各项合计 11');
});

test('a real 历年累计 form (平潭综合实验区, 2014 layout) built from its blank; the unit\'s real 2015 and 2016 tables pasted into two years\' reports: the 2016 report names the audit\'s four 历年累计 rows that do not carry on', async ({ page }) => {
  const read = (file: string) => readFileSync(new URL(`../fixtures/own-forms/pingtan-zone-2014/${file}`, import.meta.url), 'utf8').trimEnd().split('\n').map((l) => l.split('\t'));
  const home = new HomePage(page);
  await home.goto();
  const editor = new FormEditorPage(page);
  await editor.openNew();
  const blank = read('blank.tsv');
  await editor.pasteBlank({ html: excelHtml(blank), text: tsv(blank) });
  await expect(page.getByRole('textbox', { name: '列 c1 名称' })).toHaveValue('本年度');
  await expect(editor.relations()).toContainText('跨年：历年累计 = 去年历年累计 + 本年度');
  await editor.setName('平潭综合实验区政府信息公开情况统计表');
  await editor.save();
  await editor.newReport('平潭综合实验区', 2015);

  const paste = async (rows: string[][]) => {
    await page.locator('td[data-cell="t1/r1/c1"]').click();
    await new ReportPage(page).paste({ html: excelHtml(rows), text: tsv(rows) });
  };
  const findings = page.getByRole('region', { name: /校验结果/ });
  await paste(read('filled-2.tsv'));
  await expect(page.locator('td[data-cell="t1/r1/c2"]')).toContainText('81916');
  await expect(findings).toContainText('0 个错误，0 个提示');

  await home.goto();
  await home.createReport('平潭综合实验区', 2016, { label: '平潭综合实验区政府信息公开情况统计表' });
  await paste(read('filled-3.tsv'));
  await expect(page.locator('td[data-cell="t1/r1/c2"]')).toContainText('85376');
  await expect(findings).toContainText('4 个提示');
  for (const row of ['受理依申请公开信息总数', '3、信函、传真申请数', '对申请的答复总数', '1、同意公开答复数']) await expect(findings).toContainText(row);
  await expect(findings).toContainText('≠ 去年“历年累计” + 本年“本年度” 1（差 -1）');
});

/** Word's clipboard for several tables, one after another (a table continued on the next page, its header row repeated). */
function wordTables(tables: string[][][]) {
  const one = (rows: string[][]) => wordHtml(rows).match(/<table[\s\S]*<\/table>/)![0];
  return { html: wordHtml(tables[0]).replace(/<table[\s\S]*<\/table>/, tables.map(one).join('<p class=MsoNormal>&nbsp;</p>')), text: tables.map(wordText).join('\r\n') };
}

test('a link between two tables: 平潭综合实验区公安局\'s real 2013 table, printed as two tables (applications; replies), with 答复总数 ≤ 受理总数 as a 提示 — its real 3 replies to 2 applications are named; the report says the same', async ({ page }) => {
  const rows = readFileSync(new URL('../fixtures/own-forms/pingtan-police-2013/filled.tsv', import.meta.url), 'utf8').trimEnd().split('\n').map((l) => l.split('\t'));
  // Split before 对申请的答复总数, the header row repeated (Word's 重复标题行 over a page break).
  const at = rows.findIndex((r) => r[0] === '对申请的答复总数');
  const clip = wordTables([rows.slice(0, at), [rows[0], ...rows.slice(at)]]);
  const home = new HomePage(page);
  await home.goto();
  const editor = new FormEditorPage(page);
  await editor.openNew();
  await editor.pasteBlank(clip);
  await expect(editor.rows(2)).toBeVisible();
  const preview = page.getByRole('complementary', { name: '校验预览' });
  // Within each table the published figures hold (the audit: S1, S2, 累计 ≥ 本年).
  await expect(preview.getByRole('status')).toHaveText('样例数字全部通过');

  await editor.addLink('行 ≤ 行', { table: '表 2', row: '对申请的答复总数' }, { table: '表 1', row: '受理政府信息公开申请总数' }, true);
  await expect(editor.links()).toContainText('对申请的答复总数 ≤');
  await expect(editor.links()).toContainText('受理政府信息公开申请总数（提示）');
  // In each column both tables print (本年度, 历年累计): 3 > 2 this year, 3 ≤ 3 in all years.
  await expect(preview.getByRole('status')).toHaveText('样例数字下：0 个错误，1 个提示');
  await expect(preview.getByRole('list', { name: '预览校验结果' })).toContainText('对申请的答复总数 × 本年度：3 > 表1 · 受理政府信息公开申请总数 × 本年度 2');

  await editor.setName('平潭公安局统计表（两表）');
  await editor.save();
  await editor.newReport('平潭综合实验区公安局', 2013);
  await page.locator('td[data-cell="t1/r1/c1"]').click();
  await new ReportPage(page).paste(clip);
  await expect(page.locator('td[data-cell="t2/r1/c1"]')).toContainText('3');
  const findings = page.getByRole('region', { name: /校验结果/ });
  await expect(findings).toContainText('0 个错误，1 个提示');
  await expect(findings).toContainText('3 > 表1 · 受理政府信息公开申请总数 × 本年度 2');
});

test('a national-format table nobody coded: 平潭自然资源局\'s real 2021 report copied as text builds six tables; 表三\'s merged headers are carried over their columns, dissolved and regrouped by hand, and the header boundary moved and back; its own figures give the audit\'s four errors, and so does its web page pasted into a report', async ({ page }) => {
  const fx = realTables.find((t) => t.id === '2021-fujian-pingtan-natural-resources-bureau')!;
  const home = new HomePage(page);
  await home.goto();
  const editor = new FormEditorPage(page);
  await editor.openNew();
  await editor.pasteBlank({ text: excelClipboard(fx).text });
  await expect(editor.rows(6)).toBeVisible();
  const t3 = page.getByRole('region', { name: /^表 5：/ });
  await expect(t3.getByRole('textbox', { name: '表 5 简称' })).toHaveValue('三、收到和处理政府信息公开申请情况');

  // Where the header ends, as read: the caption, the header rows, then the figures. Moved one
  // row down, 一、 is taken for a header row and 二、 leads; moved back, the proposal returns.
  const heads = page.locator('details', { hasText: '表头认得不对' });
  await heads.locator('summary').click();
  const boundary = page.getByRole('combobox', { name: '表 5 数据从第几行开始' });
  const start = Number(await boundary.inputValue());
  await expect(page.getByRole('group', { name: '表 5 的表头' }).getByRole('listitem').nth(start)).toContainText('数据：一、本年新收政府信息公开申请数量');
  await editor.setBodyStart(start + 2, 5);
  await expect(editor.rows(5).getByRole('textbox', { name: '第 1 行 名称' })).toHaveValue('二、上年结转政府信息公开申请数量');
  await editor.setBodyStart(start + 1, 5);
  await expect(editor.rows(5).getByRole('textbox', { name: '第 1 行 名称' })).toHaveValue('一、本年新收政府信息公开申请数量');

  // Copied as text, a merged header arrives in its first column only; the builder carries it
  // over the columns under it: 申请人情况 › 自然人 | 法人或其他组织 › 商业企业 … | 总计.
  const groups = t3.getByRole('textbox', { name: /^分组 .* 名称$/ });
  await expect(groups).toHaveCount(2);
  await expect(groups.nth(0)).toHaveValue('申请人情况');
  await expect(groups.nth(1)).toHaveValue('法人或其他组织');
  // A group dissolved and made again by hand is the same header.
  await t3.getByRole('button', { name: '取消分组 申请人情况' }).click();
  await expect(groups).toHaveCount(1);
  await editor.groupColumns(['自然人', '法人或其他组织', '总计'], '申请人情况', 5);
  await expect(groups).toHaveCount(2);
  await expect(groups.nth(0)).toHaveValue('申请人情况');

  // The table's own figures: the audit's four errors (I1 and I3 in 自然人 and 社会公益组织).
  const preview = page.getByRole('complementary', { name: '校验预览' });
  await expect(preview.getByRole('status')).toHaveText('样例数字下：4 个错误，0 个提示');
  const found = preview.getByRole('list', { name: '预览校验结果' });
  for (const e of ['三（七）总计 × 自然人：≠ 各项合计 16（差 +2）', '三（七）总计 × 社会公益组织：≠ 各项合计 2（差 -2）', '四、结转下年度继续办理 × 自然人：≠ 第一项 + 第二项 − 第三项 -2（差 +2）', '四、结转下年度继续办理 × 社会公益组织：≠ 第一项 + 第二项 − 第三项 2（差 -2）'])
    await expect(found).toContainText(e);

  await editor.setName('政府信息公开工作年度报告统计表（自建）');
  await editor.save();
  await editor.newReport('平潭综合实验区自然资源与规划局', 2021);
  await page.locator('td[data-cell="t1/r1/c1"]').click();
  await new ReportPage(page).paste({ html: webPage(fx), text: '' });
  // In the report, by cause: the audit's four broken relations come from two figures of （七）总计.
  const findings = page.getByRole('region', { name: /校验结果/ });
  await expect(findings).toContainText('2 个错误');
  await expect(findings).toContainText('三（七）总计 × 自然人');
  await expect(findings).toContainText('疑为 16（填了 18）');
  await expect(findings).toContainText('≠ 各项合计 16（差 +2）');
  await expect(findings).toContainText('≠ 第一项 + 第二项 − 第三项 2（差 -2）');
});

test('nothing typed into a new form is lost: a moved header boundary can be undone; leaving the page, or reloading it, offers the unsaved form again', async ({ page }) => {
  const rows = readFileSync(new URL('../fixtures/own-forms/pingtan-police-2013/blank.tsv', import.meta.url), 'utf8').trimEnd().split('\n').map((l) => l.split('\t'));
  const home = new HomePage(page);
  await home.goto();
  const editor = new FormEditorPage(page);
  await editor.openNew();
  await editor.pasteBlank({ html: excelHtml(rows), text: tsv(rows) });
  await editor.setName('平潭公安局统计表');
  await page.getByRole('textbox', { name: '表 1 简称' }).fill('公安统计表');

  // The boundary moved replaces the table (and the edit to its name); 撤销 brings both back.
  await editor.setBodyStart(3);
  await expect(editor.rows().getByRole('textbox', { name: '第 1 行 名称' })).toHaveValue('其中：1.政府网站公开数');
  await page.getByRole('button', { name: '撤销' }).click();
  await expect(editor.rows().getByRole('textbox', { name: '第 1 行 名称' })).toHaveValue('主动公开信息数');
  await expect(page.getByRole('textbox', { name: '表 1 简称' })).toHaveValue('公安统计表');

  // Away and back: the draft is offered, and comes back as it was.
  await page.getByRole('link', { name: '← 全部报表' }).click();
  await editor.openNew();
  const offer = page.getByRole('status').filter({ hasText: '未保存的表式「平潭公安局统计表」' });
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: '继续编辑' }).click();
  await expect(page.getByRole('textbox', { name: '表 1 简称' })).toHaveValue('公安统计表');
  // An instant reload too.
  await page.getByRole('textbox', { name: '表 1 简称' }).fill('公安局统计表');
  await page.reload();
  await page.getByRole('status').filter({ hasText: '未保存的表式' }).getByRole('button', { name: '继续编辑' }).click();
  await expect(page.getByRole('textbox', { name: '表 1 简称' })).toHaveValue('公安局统计表');
  // Saved, then changed again: reopening the saved form offers the change, and keeps offering it
  // until the person chooses.
  await editor.save();
  await page.getByRole('textbox', { name: '表 1 简称' }).fill('公安局统计表（改）');
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: '未保存的表式' })).toBeVisible();
  await page.reload();
  await page.getByRole('status').filter({ hasText: '未保存的表式' }).getByRole('button', { name: '继续编辑' }).click();
  await expect(page.getByRole('textbox', { name: '表 1 简称' })).toHaveValue('公安局统计表（改）');
  await editor.save();
  await page.getByRole('link', { name: '← 全部报表' }).click();
  await editor.openNew();
  await expect(page.getByRole('status').filter({ hasText: '未保存的表式' })).toHaveCount(0);
});

test('issue 24: a heading without a unit over 条, 条 and 次 is proposed as a heading — no cell, so Tab copies the paper form row by row, and nothing adds 条 and 次; the person can make it a sum', async ({ page }) => {
  const rows = [
    ['指标名称', '单位', '数量'], ['一、主动公开情况', '', ''], ['（一）主动公开政府信息数', '条', ''], ['（二）公开渠道', '', ''], ['1.政府网站', '条', ''],
    ['2.政务微博', '条', ''], ['3.新闻发布会', '次', ''], ['二、依申请公开情况', '', ''], ['（一）收到申请数', '件', '']
  ];
  const home = new HomePage(page);
  await home.goto();
  const editor = new FormEditorPage(page);
  await editor.openNew();
  await editor.pasteBlank({ html: excelHtml(rows), text: tsv(rows) });
  await expect(page.getByText('单位不同的数字不相加')).toContainText('「（二）公开渠道」下的条、次不相加，本行作栏目标题（无格）');
  const kind = editor.rows().getByRole('combobox', { name: `第 ${await editor.rowIndex('（二）公开渠道')} 行 类型` });
  await expect(kind).toHaveValue('section');
  const preview = page.getByRole('complementary', { name: '校验预览' });
  await expect(preview.getByRole('textbox', { name: '样例 （二）公开渠道 数量' })).toHaveCount(0);

  // The person says otherwise (标题行（=子项和）): the row takes a figure, and it must be the sum.
  await editor.setKind('（二）公开渠道', '标题行（=子项和）');
  for (const [label, raw] of [['（二）公开渠道', '12'], ['1.政府网站', '10'], ['2.政务微博', '2'], ['3.新闻发布会', '3']])
    await preview.getByRole('textbox', { name: `样例 ${label} 数量` }).fill(raw);
  await expect(preview.getByRole('list', { name: '预览校验结果' })).toContainText('≠ 子项合计 15（差 -3）');
  // As proposed again: a heading.
  await editor.setKind('（二）公开渠道', '栏目标题（无格）');
  await expect(preview.getByRole('status')).toContainText('样例数字全部通过');
  await editor.setName('某县公开统计表');
  await editor.save();
  await editor.newReport('某县', 2024);

  // A paper form copied row by row with Tab: each figure in its own row, none in the heading.
  const report = new ReportPage(page, 't1', 'c1');
  await report.select('r2');
  for (const raw of ['12', '10', '2', '3']) {
    await page.keyboard.type(raw);
    await page.keyboard.press('Tab');
  }
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  for (const [row, raw] of [['r2', '12'], ['r4', '10'], ['r5', '2'], ['r6', '3'], ['r8', '5']]) await expect(report.cell(row)).toHaveText(raw);
  await expect(report.cell('r3')).toHaveCount(0);
  await expect(report.findings()).toContainText('0 个错误');
});
