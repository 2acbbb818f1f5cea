// Renders docs/screenshot.png for the README: the seed's table typed in, with its findings.
// Usage: npm run build && node scripts/screenshot.js
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { seed2017, SEED_UNIT } from '../tests/fixtures/seed-2017.js';

const server = spawn('node', ['scripts/serve.js', 'build', '4179'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  await page.goto('http://127.0.0.1:4179/');
  await page.getByRole('button', { name: '新建报表' }).click();
  await page.getByRole('textbox', { name: '单位名称' }).fill(SEED_UNIT);
  await page.getByRole('spinbutton', { name: '年度' }).fill('2017');
  await page.getByRole('combobox', { name: '表式' }).selectOption('gov-2017-county');
  await page.getByRole('button', { name: '创建' }).click();
  for (const [row, raw] of seed2017) {
    if (!raw) continue;
    await page.locator(`td[data-cell="t1/${row}/v"]`).click();
    await page.waitForFunction(() => document.activeElement?.closest('[aria-label$="（表格）"]'));
    await page.keyboard.type(raw);
    await page.keyboard.press('Enter');
  }
  await page.getByRole('status', { name: '保存状态' }).getByText('已保存').waitFor();
  await page.locator('td[data-cell="t1/1.1/v"]').scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'docs/screenshot.png' });
  console.log('wrote docs/screenshot.png');
} finally {
  await browser.close();
  server.kill();
}
