// The national format (2021): fill by pasting a published web page's tables and by typing,
// see the matrix identities, download and re-import, and start next year's report.
import { expect, test, type Page } from '@playwright/test';
import { report2021, table3Html, table4Html } from '../fixtures/national-2021';
import { chooseFile, download } from './pages/files';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

async function filled2021(page: Page, unit: string, year = 2021) {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport(unit, year, 'gov-2021');
  const report = new ReportPage(page);
  const cells = report2021();
  await report.selectAt('t3/1/natural');
  await report.paste({ html: table3Html(cells), text: '' });
  await expect(page.getByRole('region', { name: '粘贴结果' })).toContainText('填入 175 格');
  await report.selectAt('t4/n/r.keep');
  await report.paste({ html: table4Html(cells), text: '' });
  await expect(page.getByRole('region', { name: '粘贴结果' })).toContainText('填入 15 格');
  for (const [key, raw] of Object.entries(cells)) if (key.startsWith('t2')) await report.typeAt(key, raw);
  await report.expectSaved();
  return { report, cells };
}

test('a 2021 report filled by web-page paste and typing; one wrong cell breaks its row and its column, and the first finding names it', async ({ page }) => {
  test.setTimeout(90_000);
  const { report, cells } = await filled2021(page, '某区政府办公室');
  for (const [key, raw] of Object.entries(cells)) await expect(report.at(key)).toHaveText(raw);
  await expect(report.findings().getByRole('status')).toHaveText(/0 个错误，0 个提示/);
  // Derived subtotals: （三）不予公开 in 商业企业, 法人或其他组织 小计 in （一）予以公开.
  await expect(page.getByRole('group', { name: '表三（表格）' }).getByRole('row').filter({ hasText: '（三）不予公开' })).toContainText('2');

  await report.typeAt('t3/3.3.1/biz', '3');
  // One wrong figure, one finding: that figure and what it probably should be, the two relations
  // it breaks listed under it — never "change the total".
  await expect(report.findingItems()).toHaveCount(1);
  const first = report.findingItems().nth(0);
  await expect(first).toContainText('表三 · 三（三）1.属于国家秘密 × 商业企业');
  await expect(first).toContainText('疑为 2（填了 3）');
  await expect(first).toContainText('本行总计和本列（七）总计因此都对不上');
  await first.getByText('因此对不上的 2 项合计').click();
  await expect(first).toContainText('表三 · 三（七）总计 × 商业企业：≠ 明细合计 19（差 -1）');
  await expect(report.at('t3/3.3.1/biz')).toHaveClass(/mark-culprit/);
  await expect(report.at('t3/3.7/biz')).toHaveClass(/mark-related/);
  await expect(report.at('t3/3.7/biz')).not.toHaveClass(/mark-culprit|mark-error/);
  await expect(report.checkOf('表三', '3.3.1')).toContainText('商业企业：疑为 2（填了 3）');
  await expect(report.checkOf('表三', '3.7')).toContainText('≠ 明细合计 19（差 -1）（疑 三（三）1.属于国家秘密 × 商业企业 有误）');
  await report.typeAt('t3/3.3.1/biz', '2');
  await expect(report.findingItems()).toHaveCount(0);
});

test('2021: download, re-import, and 新建下一年度 carries 结转下年度 into 上年结转', async ({ page }) => {
  test.setTimeout(90_000);
  const { report, cells } = await filled2021(page, '某县', 2021);
  const { path } = await download(page, '下载 xlsx');

  await page.getByRole('link', { name: '全部报表' }).click();
  await chooseFile(page, '导入文件', path);
  const dialog = page.getByRole('dialog', { name: '导入文件' });
  await dialog.getByRole('textbox', { name: '单位名称' }).fill('某县（导入）');
  await dialog.getByRole('button', { name: '导入为新报表' }).click();
  await expect(page.getByRole('heading', { name: '某县（导入） · 2021年度' })).toBeVisible();
  for (const [key, raw] of Object.entries(cells)) await expect(report.at(key)).toHaveText(raw);

  // Next year from the original.
  await page.getByRole('link', { name: '全部报表' }).click();
  await new HomePage(page).open('某县');
  await page.getByRole('button', { name: '新建下一年度' }).click();
  await expect(page.getByRole('heading', { name: '某县 · 2022年度' })).toBeVisible();
  for (const c of ['natural', 'biz', 'sci', 'pub', 'law', 'other', 'total']) await expect(report.at(`t3/2/${c}`)).toHaveText(cells[`t3/4/${c}`]);
  await expect(report.at('t3/1/natural')).toHaveText('');
  await expect(report.at('t2a/norms/valid')).toHaveText('');
  await expect(page.getByText('跨年核对')).toContainText('2021年度报表');

  // A carried-over figure that does not continue last year's is a warning.
  await report.typeAt('t3/2/biz', '9');
  await expect(report.findingItems().filter({ hasText: '≠ 去年“结转下年度继续办理” 4（差 +5）' })).toContainText('表三 · 二、上年结转政府信息公开申请数量 × 商业企业');
  // Its row no longer adds up either: of the figures that could be wrong, the one last year's
  // report also contradicts comes first.
  await expect(report.findingItems().first().getByRole('list', { name: '可能的改法' }).getByRole('listitem').first()).toContainText('表三 · 二、上年结转政府信息公开申请数量 × 商业企业 疑为 4（填了 9）');
  await report.typeAt('t2a/norms/valid', '50');
  await report.typeAt('t2a/norms/issued', '3');
  await report.typeAt('t2a/norms/repealed', '1');
  await expect(report.findingItems().filter({ hasText: '行政规范性文件 × 现行有效件数' })).toContainText('≠ 去年现行有效件数 + 本年制发 − 本年废止 47（差 +3）');
});
