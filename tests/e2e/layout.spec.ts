// A 1366 × 768 office laptop first: every form's figure columns and its 校验 column in view
// without sideways scrolling, the findings beside the tables (never above them), labels and
// headers whole; the 汇总 with its drill-down and the form editor without sideways scrolling.
import { expect, test, type Page } from '@playwright/test';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';
import { FormEditorPage } from './pages/form-editor';

test.use({ viewport: { width: 1366, height: 768 } });

/** Where a report page's grids end against the window and the side panel. */
async function fit(page: Page) {
  await page.locator('td[data-cell]').first().waitFor();
  return page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
    checks: Math.max(...[...document.querySelectorAll('td[data-check-row]')].map((td) => td.getBoundingClientRect().right)),
    cells: Math.max(...[...document.querySelectorAll('td[data-cell]')].map((td) => td.getBoundingClientRect().right)),
    aside: document.querySelector('aside')!.getBoundingClientRect().left,
    firstGridTop: document.querySelector('.grid')!.getBoundingClientRect().top
  }));
}

for (const template of ['gov-2021', 'gov-2019', 'gov-2017-county']) {
  test(`${template} fits 1366 px: no sideways page scroll, every 校验 cell inside the window, findings beside the grid`, async ({ page }) => {
    const home = new HomePage(page);
    await home.goto();
    await home.createReport('窄屏县', 2022, template);
    const m = await fit(page);
    expect(m.scroll).toBeLessThanOrEqual(m.width);
    expect(m.checks).toBeLessThanOrEqual(m.width);
    expect(m.cells).toBeLessThanOrEqual(m.checks);
    // The tables end before the side panel starts: nothing sits under it.
    expect(m.checks).toBeLessThanOrEqual(m.aside);
    // The first grid starts in the upper part of the window, not below a findings box.
    expect(m.firstGridTop).toBeLessThan(330);
    await expect(page.getByRole('region', { name: '校验结果' })).toBeInViewport();
  });
}

test('a header cut by the column width reads whole on hover; the side panel folds to give the tables room', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('窄屏县', 2022, 'gov-2021');
  await expect(page.locator('th[title="本年收费金额（单位：万元）"]').first()).toBeAttached();
  // 表三's corner: where to read its note (printed whole above the grid), not the note's first words cut off.
  await expect(page.locator('th[title^="（本列数据的勾稽关系为"]').first()).toHaveText('（勾稽关系见表上方）');
  const panel = page.getByRole('region', { name: '校验结果' });
  await page.getByRole('button', { name: '收起 »' }).click();
  await expect(panel).toBeHidden();
  await page.getByRole('button', { name: /« 校验结果/ }).click();
  await expect(panel).toBeVisible();
});

test('表三 at 1366 px: every label in three lines or fewer beside a narrower, wrapping 校验 column; the corner note read without hovering', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('窄屏县', 2022, 'gov-2021');
  const t3 = page.getByRole('group', { name: '表三（表格）' });
  await t3.locator('td[data-cell]').first().waitFor();
  const m = await t3.evaluate((grid) => {
    const master = grid.querySelector('.ht_master')!;
    // A label's lines: the distinct line boxes of its text.
    const lines = (td: Element) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    };
    const labels = [...master.querySelectorAll('td.cell-label')].filter((td) => td.textContent!.trim());
    const check = master.querySelector('td[data-check-row]')!;
    return {
      worst: Math.max(...labels.map(lines)),
      wrapped: labels.filter((td) => /^[12]\.申请人/.test(td.textContent!)).map(lines),
      label: labels[0].getBoundingClientRect().width,
      check: check.getBoundingClientRect().width,
      checkWraps: getComputedStyle(check).whiteSpace
    };
  });
  expect(m.worst).toBeLessThanOrEqual(3);
  // （六）1. and 2., the longest labels, were 7–8 lines in a 140 px column.
  expect(m.wrapped).toHaveLength(2);
  for (const n of m.wrapped) expect(n).toBeLessThanOrEqual(3);
  expect(m.check).toBeLessThan(m.label);
  expect(m.checkWraps).toBe('normal');
  // The 勾稽关系 note of the form's corner cell, whole on screen above the grid.
  const note = page.getByText('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', { exact: true });
  await note.scrollIntoViewIfNeeded();
  await expect(note).toBeInViewport({ ratio: 1 });
});

/**
 * The boxes around these elements that scroll sideways (their scrollWidth is over their width),
 * described. Each box is laid out first: the 汇总's tables off screen skip their layout
 * (content-visibility), and a skipped box measures as if it had no content.
 */
const scrollingAround = (page: Page, selector: string) =>
  page.evaluate((selector) => [...document.querySelectorAll(selector)].map((e) => [e.getAttribute('aria-label'), e.parentElement!] as const)
    .map(([name, box]) => ((box.style.contentVisibility = 'visible'), [name, box] as const))
    .filter(([, box]) => box.scrollWidth > box.clientWidth).map(([name, box]) => `${name}: ${box.scrollWidth} > ${box.clientWidth}`), selector);

test('the 汇总 with its drill-down open: 表四 and its 校验 column without a sideways scroll', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('窄屏局', 2022, 'gov-2021');
  await new ReportPage(page).typeAt('t4/n/r.keep', '3');
  await home.goto();
  await home.createCollection('窄屏县', 2022, 'gov-2021');
  await page.getByRole('button', { name: '从已有报表添加' }).click();
  const pick = page.getByRole('dialog', { name: '从已有报表添加' });
  await pick.getByRole('checkbox', { name: '窄屏局' }).check();
  await pick.getByRole('button', { name: /^添加 1 份$/ }).click();
  await page.locator('button[data-cell="t4/n/r.keep"]').click();
  const drill = page.getByRole('complementary', { name: '各单位数字' });
  await expect(drill).toContainText('窄屏局：3');
  // Was 表四: 1178 > 1106.
  expect(await scrollingAround(page, 'table[aria-label^="汇总："]')).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
  // 表四's 校验 cell ends before the drill-down panel starts.
  const check = await page.getByRole('table', { name: '汇总：表四' }).getByRole('cell').last().boundingBox();
  expect(check!.x + check!.width).toBeLessThanOrEqual((await drill.boundingBox())!.x);
});

test('the form editor at 1366 px: the rows table\'s 删除 buttons in view without a sideways scroll; the preview\'s labels in two lines', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const home = new HomePage(page);
  await home.goto();
  const editor = new FormEditorPage(page);
  await editor.openNew();
  await editor.pasteBlank({ text: ['某省政府信息公开情况统计表', '指标名称\t计量单位\t本年度\t历年累计', '一、主动公开政府信息数量（含政府网站、政务微博等）\t条\t5\t3', '1.政府网站\t条\t2\t', '2.政务微博\t条\t2\t'].join('\n') });
  const rows = editor.rows();
  // Was 916 > 866.
  expect(await scrollingAround(page, 'table[aria-label$=" 的行"]')).toEqual([]);
  await expect(rows.getByRole('button', { name: '删除第 1 行' })).toBeInViewport({ ratio: 1 });
  const preview = page.getByRole('table', { name: '某省政府信息公开情况统计表 样例数字' });
  const label = preview.getByRole('rowheader', { name: /^一、主动公开/ });
  const box = (await label.boundingBox())!;
  // Two lines of the preview's 0.85 rem text, and the padding: was three in a 156 px column.
  expect(box.height).toBeLessThan(50);
});

test('a 1366 px laptop at 125 % (1093 px wide): the findings stay beside the tables, nothing scrolls sideways', async ({ page }) => {
  await page.setViewportSize({ width: 1093, height: 614 });
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('缩放县', 2022, 'gov-2021');
  const m = await fit(page);
  expect(m.scroll).toBeLessThanOrEqual(m.width);
  expect(m.checks).toBeLessThanOrEqual(m.aside);
  expect(m.firstGridTop).toBeLessThan(330);
  await expect(page.getByRole('region', { name: '校验结果' })).toBeInViewport();
});
