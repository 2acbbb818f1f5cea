// A report's PDF as published, taken in as a person would: 导入文件 on the report list reads the
// PDF (pdf.js in a worker, loaded only now), names the unit and year from its title, and the new
// report holds every figure where the PDF prints it, with the table's real errors found. A PDF
// with no table in it is refused with the reason, and nothing changes.
import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { chooseFile } from './pages/files';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';

const fixture = (name: string) => new URL(`../fixtures/pdf/${name}`, import.meta.url).pathname;
const published = JSON.parse(readFileSync(fixture('published.json'), 'utf8')) as { id: string; cells: Record<string, string> }[];

test('a county report PDF as published becomes a report: every figure in its cell, the unit and year from its title, its two real errors found', async ({ page }) => {
  test.setTimeout(90_000);
  const home = new HomePage(page);
  await home.goto();
  await chooseFile(page, '导入文件', fixture('2023-jiangsu-huaian-hongze-district.pdf'));
  const dialog = page.getByRole('dialog', { name: '导入文件' });
  // pdf.js loads with the first PDF: a few seconds on a busy 2-core machine.
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByRole('textbox', { name: '单位名称' })).toHaveValue('洪泽区人民政府');
  await expect(dialog.getByRole('spinbutton', { name: '年度' })).toHaveValue('2023');
  // Where it was found, page by page, and what could not land: the table prints （六）其他处理 as
  // one row of 7 figures where the form has three rows.
  await expect(dialog).toContainText('（第2页、第3页、第4页）');
  await expect(dialog).toContainText('填入 179 格');
  await expect(dialog).toContainText('7 个值未粘贴');
  // Which ones, and why, before anything is written.
  await dialog.getByText('未导入的值（7）').click();
  await expect(dialog.getByRole('list', { name: '未导入的值' }).getByRole('listitem')).toHaveCount(7);
  await dialog.getByRole('button', { name: '导入为新报表' }).click();
  const report = new ReportPage(page, 't3', 'natural');
  const cells = published.find((p) => p.id === '2023-jiangsu-huaian-hongze-district')!.cells;
  for (const key of ['t2a/norms/repealed', 't2d/fees/fees', 't3/1/natural', 't3/3.4.1/natural', 't3/3.7/total', 't4/n/r.keep', 't4/n/a.keep'])
    await expect(report.at(key)).toHaveText(cells[key]);
  // 表四: 行政复议 总计 printed 0 beside 10 + 1, 复议后起诉 总计 0 beside 5.
  await expect(report.findings()).toContainText('行政复议');
  await expect(report.at('t4/n/r.total')).toHaveClass(/mark-culprit|mark-suspect|mark-error/);
  await expect(report.findingItems().filter({ hasText: '错误' })).toHaveCount(2);
  await expect(report.findingItems().first()).toContainText('疑为 11（填了 0');
  // The three rows of （六） the PDF did not print are blank: a hint, not an error.
  await expect(report.findingItems().filter({ hasText: '提示' })).toContainText('有 21 个格子未填');
});

test('a report PDF comes with its text: the prose is checked against the tables (正文与表格), and a figure corrected in the table settles it', async ({ page }) => {
  test.setTimeout(90_000);
  const home = new HomePage(page);
  await home.goto();
  await chooseFile(page, '导入文件', fixture('2024-jiangsu-huaian-hongze-district.pdf'));
  const dialog = page.getByRole('dialog', { name: '导入文件' });
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: '导入为新报表' }).click();
  const report = new ReportPage(page, 't3', 'total');
  const prose = page.getByRole('region', { name: '正文与表格' });
  // The report says 17 applications; its 表三 says 95.
  const disagree = prose.getByRole('list', { name: '正文与表格不一致' });
  await expect(disagree).toContainText('区政府办代表区政府受理政府信息公开申请17件');
  await expect(disagree).toContainText('正文为 17，表中本年新收政府信息公开申请数量为 95');
  await disagree.getByRole('button', { name: '95' }).click();
  await expect(report.at('t3/1/total')).toHaveClass(/current|highlight/);
  // The table's figure changed to the text's: they agree (the clause moves to 一致).
  await report.typeAt('t3/1/total', '17');
  await expect(prose).toContainText('与表格一致');
  // Kept with the report.
  await page.reload();
  await expect(page.getByRole('region', { name: '正文与表格' })).toContainText('正文来自');
});

test('the report text pasted by hand is checked too, a disagreement reviewed (已核实) and taken back, and the text removed', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('正文县', 2022, 'gov-2021');
  const report = new ReportPage(page, 't3', 'total');
  await report.typeAt('t3/1/total', '74');
  const prose = page.getByRole('region', { name: '正文与表格' });
  await prose.getByRole('textbox', { name: '报告正文' }).fill('2022年，全区收到政府信息公开申请75件，均在法定期限内予以答复。');
  await prose.getByRole('button', { name: '核对正文' }).click();
  await expect(prose.getByRole('list', { name: '正文与表格不一致' })).toContainText('正文为 75，表中本年新收政府信息公开申请数量为 74');
  // Reviewed with a reason: it counts apart, and stays so after a reload.
  await prose.getByRole('button', { name: '已核实…' }).click();
  await prose.getByRole('textbox', { name: '核实理由' }).fill('正文含上年结转的 1 件');
  await prose.getByRole('textbox', { name: '核实理由' }).press('Enter');
  await expect(prose).toContainText('与表格一致，1 处已核实');
  await page.reload();
  const again = page.getByRole('region', { name: '正文与表格' });
  await expect(again).toContainText('与表格一致，1 处已核实');
  await again.getByText('已核实（1）').click();
  await expect(again.getByRole('list', { name: '正文与表格：已核实' })).toContainText('理由：正文含上年结转的 1 件');
  await again.getByRole('button', { name: '撤销核实' }).click();
  await expect(again.getByRole('list', { name: '正文与表格不一致' })).toContainText('正文为 75');
  await again.getByRole('button', { name: '删除正文' }).click();
  await expect(again.getByRole('textbox', { name: '报告正文' })).toBeVisible();
});

test('report text typed or pasted and not yet checked survives a reload (and an edit of a checked text too)', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('草稿县', 2022, 'gov-2021');
  const prose = page.getByRole('region', { name: '正文与表格' });
  const draft = '2022年，全区收到政府信息公开申请75件。';
  await prose.getByRole('textbox', { name: '报告正文' }).fill(draft);
  await page.reload();
  await expect(prose.getByRole('textbox', { name: '报告正文' })).toHaveValue(draft);
  await expect(prose).toContainText('上次输入、尚未核对的正文已恢复');
  await prose.getByRole('button', { name: '核对正文' }).click();
  await expect(prose).toContainText('正文来自');
  // An edit of the checked text, left unchecked: it comes back as the edit, not the checked text.
  await prose.getByRole('button', { name: '修改正文' }).click();
  await prose.getByRole('textbox', { name: '报告正文' }).fill(`${draft}办结73件。`);
  await page.reload();
  await expect(prose.getByRole('textbox', { name: '报告正文' })).toHaveValue(`${draft}办结73件。`);
  await prose.getByRole('button', { name: '取消' }).click();
  await page.reload();
  await expect(prose).toContainText('正文来自');
  await expect(prose.getByRole('textbox', { name: '报告正文' })).toHaveCount(0);
});

test('a whole report text pasted: its parts against the national template come as hints (提示)', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('结构县', 2023, 'gov-2021');
  const prose = page.getByRole('region', { name: '正文与表格' });
  const text = ['一、总体情况', '本年度共受理政府信息公开申请3件。', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '六、其他需要报告的事项', '无。'].join('\n');
  await prose.getByRole('textbox', { name: '报告正文' }).fill(text);
  await prose.getByRole('button', { name: '核对正文' }).click();
  const hints = prose.getByRole('list', { name: '报告结构提示' });
  await expect(hints).toContainText('五、存在的主要问题及改进情况');
  await expect(hints).toContainText('信息处理费');
});

test('a PDF without a table is refused with the reason, and the open report is untouched', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('PDF县', 2017);
  const report = new ReportPage(page);
  await report.type('4', '7');
  // A one-page PDF with a line of prose and no table.
  const pdf = test.info().outputPath('prose.pdf');
  writeFileSync(pdf, minimalPdf('BT /F1 12 Tf 60 700 Td (Annual report 2023, 58 requests) Tj ET'));
  await chooseFile(page, '导入文件', pdf);
  await expect(page.getByRole('alert')).toContainText('「prose.pdf」中没有找到表格', { timeout: 30_000 });
  await expect(report.cell('4')).toHaveText('7');
});

/** A valid one-page PDF with the given content stream (Helvetica, no table). */
function minimalPdf(content: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
