// Pasting the seed's table as each program puts it on the clipboard (a real paste event with
// text/html and text/plain), and what the paste report says.
import { expect, test } from '@playwright/test';
import { SEED_CHECKS, seed2017 } from '../fixtures/seed-2017.js';
import { seedTable } from '../fixtures/seed-table.js';
import { excelHtml, tsv, webPageHtml, wordHtml, wordText, wpsHtml } from '../fixtures/clipboard';
import { report2021, table3Html } from '../fixtures/national-2021';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const HEADER = ['统计指标', '单位', '统计数'];
const FILLED = seed2017.filter(([, raw]) => raw !== '').length;

async function open(page: import('@playwright/test').Page, unit: string) {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport(unit, 2017);
  return new ReportPage(page);
}

async function expectSeedFindings(report: ReportPage) {
  await expect(report.findingItems()).toHaveCount(4);
  for (const [row, text] of SEED_CHECKS) await expect(report.check(row)).toHaveText(text);
  for (const [row, raw] of seed2017) await expect(report.cell(row)).toHaveText(raw);
}

const sources: [name: string, html: () => string, text: () => string][] = [
  ['Excel', () => excelHtml([HEADER, ...seedTable()]), () => tsv([HEADER, ...seedTable()])],
  ['WPS', () => wpsHtml([HEADER, ...seedTable()]), () => tsv([HEADER, ...seedTable()])],
  ['Word', () => wordHtml([HEADER, ...seedTable()]), () => wordText([HEADER, ...seedTable()])],
  ['a web page', () => webPageHtml([HEADER, ...seedTable()], '2017年度政府信息公开工作情况统计表'), () => '']
];

for (const [name, html, text] of sources) {
  test(`paste of the seed table copied from ${name} maps by label and finds its four findings`, async ({ page }) => {
    const report = await open(page, `${name}县`);
    await report.select('4');
    await report.paste({ html: html(), text: text() });
    const pasted = page.getByRole('region', { name: '粘贴结果' });
    await expect(pasted).toContainText(`填入 ${FILLED} 格`);
    await expect(pasted).toContainText('按栏目名称和表头对应');
    await expect(pasted).not.toContainText('未能对应');
    await expectSeedFindings(report);
    await report.expectSaved();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await page.reload();
    await expect(report.findingItems()).toHaveCount(4);
  });
}

test('Word text/plain alone (wrapped labels on their own lines) maps too', async ({ page }) => {
  const report = await open(page, 'Word纯文本县');
  await report.select('1.1');
  await report.paste({ text: wordText([HEADER, ...seedTable()].map((r) => [r[0].replace(/\n/g, '\r\n'), r[1], r[2]])) });
  await expectSeedFindings(report);
});

test('a column of bare figures fills down from the selected cell', async ({ page }) => {
  const report = await open(page, '纯数字县');
  const column = seedTable().map((r) => [r[2]]);
  await report.select('1.1');
  // The 统计数 column copied from the official layout starts at the first section row.
  await page.keyboard.press('ArrowUp');
  await report.paste({ text: tsv(column), html: excelHtml(column) });
  await expect(page.getByRole('region', { name: '粘贴结果' })).toContainText('按位置从选中格向下填入');
  await expectSeedFindings(report);
});

test('the paste report lists adjusted and refused figures; refused raw text stays in its cell', async ({ page }) => {
  const report = await open(page, '报告县');
  await report.select('4');
  await report.paste({
    text: tsv([
      ['四、行政复议数量', '件', '１２'],
      ['（一）维持具体行政行为数', '件', '1,234'],
      ['（二）被依法纠错数', '件', 'abc'],
      ['（四）政府信息公开专项经费', '元', '251000'],
      ['不存在的一行', '件', '5']
    ])
  });
  const pasted = page.getByRole('region', { name: '粘贴结果' });
  await expect(pasted).toContainText('填入 2 格，其中 2 格已调整，2 格无法识别（原文已保留）');
  await expect(pasted).toContainText('「１２」→ 12（全角字符已转为半角）');
  await expect(pasted).toContainText('「abc」');
  await expect(pasted).toContainText('单位「元」与本行单位「万元」不符');
  await expect(pasted.getByText('不存在的一行：5')).toBeVisible();
  await expect(report.cell('4')).toHaveText('12');
  await expect(report.cell('4.2')).toHaveText('abc');
  await expect(report.cell('11.4')).toHaveText('251000元');
  await expect(report.check('11.4')).toHaveText(/无法识别/);
});

test('undo reverts a whole paste in one step', async ({ page }) => {
  const report = await open(page, '撤销县');
  await report.type('4', '9');
  await report.select('4');
  await report.paste({ html: excelHtml([HEADER, ...seedTable()]), text: tsv([HEADER, ...seedTable()]) });
  await expect(report.cell('4')).toHaveText('7');
  await expect(report.findingItems()).toHaveCount(4);
  await page.keyboard.press('Control+z');
  await expect(report.cell('4')).toHaveText('9');
  await expect(report.cell('1.1')).toHaveText('');
  await expect(report.cell('10.1')).toHaveText('');
  await report.expectSaved();
  await page.reload();
  await expect(report.cell('1.1')).toHaveText('');
  await expect(report.cell('4')).toHaveText('9');
});

test('the same paste twice, then Ctrl+Z: the second (which changed nothing) is undone, never the first', async ({ page }) => {
  const report = await open(page, '重贴县');
  await report.select('4');
  const clip = { html: excelHtml([HEADER, ...seedTable()]), text: tsv([HEADER, ...seedTable()]) };
  await report.paste(clip);
  await expect(report.cell('4')).toHaveText('7');
  await report.select('4');
  await report.paste(clip);
  await page.keyboard.press('Control+z');
  await expect(report.cell('1.1')).toHaveText('12054');
  await expect(report.cell('4')).toHaveText('7');
  await page.keyboard.press('Control+z');
  await expect(report.cell('4')).toHaveText('');
});

test('pasted markup never runs and never lands in read-only cells', async ({ page }) => {
  const report = await open(page, '安全县');
  await report.select('4');
  await report.paste({
    html: `<table><tr><td>四、行政复议数量</td><td>件</td><td><img src=x onerror="window.__pwned=1">7</td></tr>
<tr><td><script>window.__pwned=2</script>五、行政诉讼数量</td><td>件</td><td onclick="window.__pwned=3"><a href="javascript:window.__pwned=4">1</a></td></tr></table>`,
    text: ''
  });
  await expect(report.cell('4')).toHaveText('7');
  await expect(report.cell('5')).toHaveText('1');
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  // Labels and units are untouched.
  await expect(page.getByRole('gridcell', { name: '四、行政复议数量', exact: true })).toBeVisible();
});

test('a paste of 150,000 values lists 30 of what it could not place, says how many more, and shows the rest in pages', async ({ page }) => {
  const report = await open(page, '巨量粘贴县');
  await report.select('1.1');
  // 5,000 rows × 30 figures: one column fills down the form, the rest has nowhere to go.
  const text = Array.from({ length: 5000 }, (_, r) => Array.from({ length: 30 }, (_, c) => String((r + c) % 97)).join('\t')).join('\n');
  await report.paste({ text });
  const pasted = page.getByRole('region', { name: '粘贴结果' });
  const dropped = pasted.getByRole('list', { name: '未粘贴的值' });
  await expect(dropped.locator('li')).toHaveCount(30);
  const more = pasted.getByText(/另有 [\d,]+ 个值未粘贴/);
  await expect(more).toBeVisible();
  const total = Number((await pasted.innerText()).match(/([\d,]+) 个值未粘贴/)![1].replaceAll(',', ''));
  expect(total).toBeGreaterThan(140_000);
  await pasted.getByRole('button', { name: '下一页' }).click();
  await expect(pasted).toContainText(`第 31–60 项，共 ${total.toLocaleString('zh-CN')} 项`);
  await expect(dropped.locator('li')).toHaveCount(30);
  // Ctrl+Z takes the paste back, and its report with it.
  await report.select('1.1');
  await page.keyboard.press('Control+z');
  await expect(pasted).toBeHidden();
  await expect(report.cell('1.1')).toHaveText('');
});

test('a table copied out of one report (Ctrl+A, Ctrl+C) pastes into another report of the same form, every figure in its cell', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const cells = report2021();
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('复制来源县', 2024, 'gov-2021');
  const report = new ReportPage(page);
  await report.selectAt('t3/1/natural');
  await report.paste({ html: table3Html(cells) });
  await expect(report.at('t3/3.7/total')).toHaveText(cells['t3/3.7/total']);
  await report.expectSaved();
  await report.selectAt('t3/1/natural');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+c');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('自然人');
  await home.goto();
  await home.createReport('复制去处县', 2024, 'gov-2021');
  await report.selectAt('t3/1/natural');
  await page.keyboard.press('Control+v');
  for (const [k, v] of Object.entries(cells).filter(([k]) => k.startsWith('t3/'))) await expect(report.at(k), k).toHaveText(v);
});

test('表三 rows from a sheet laid out like the grid (小计 left blank) and no header land by label, each figure in its column', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('小计县', 2022, 'gov-2021');
  const report = new ReportPage(page, 't3', 'total');
  const cells = report2021();
  const applicants = ['natural', 'biz', 'sci', 'pub', 'law', 'other'];
  const rows = ['1', '2', '3.1', '3.2', '3.3.1'].map((id) => {
    const label = page.locator(`td[data-cell="t3/${id}/total"]`).locator('xpath=ancestor::tr[1]/td[1]');
    return { id, label };
  });
  const lines: string[][] = [];
  for (const r of rows) lines.push([(await r.label.textContent())!.trim(), ...applicants.map((c) => cells[`t3/${r.id}/${c}`] ?? ''), '', cells[`t3/${r.id}/total`] ?? '']);
  await report.selectAt('t3/1/natural');
  await report.paste({ text: tsv(lines), html: excelHtml(lines) });
  await expect(page.getByRole('region', { name: '粘贴结果' })).toContainText(`填入 ${lines.length * 7} 格`);
  for (const r of rows) for (const c of [...applicants, 'total']) await expect(report.at(`t3/${r.id}/${c}`)).toHaveText(cells[`t3/${r.id}/${c}`] ?? '');
});

test('Ctrl+V with the tables let go (Esc): a labelled table lands by its labels; bare figures are said to need a cell', async ({ page }) => {
  const report = await open(page, '放开县');
  await report.select('1.1');
  await page.keyboard.press('Escape');
  await expect(page.locator('.tables [role="group"][data-table]').first()).toBeFocused();
  await page.evaluate(async (text) => navigator.clipboard.write([new ClipboardItem({ 'text/plain': new Blob([text], { type: 'text/plain' }) })]), tsv(seedTable()));
  await page.keyboard.press('Control+v');
  await expect(page.getByRole('region', { name: '粘贴结果' })).toContainText(`填入 ${FILLED} 格`);
  await expectSeedFindings(report);
  // Bare figures, no cell to start from: the report says so (it replaces the one before).
  await page.evaluate(async () => navigator.clipboard.write([new ClipboardItem({ 'text/plain': new Blob(['5\r\n6\r\n'], { type: 'text/plain' }) })]));
  await page.keyboard.press('Control+v');
  await expect(page.getByRole('region', { name: '粘贴结果' })).toContainText('未选中可填写的格子');
  await expect(page.getByRole('region', { name: '粘贴结果' })).not.toContainText(`填入 ${FILLED} 格`);
});
