// 汇总 in the browser: N unit files (2021 form, real published tables with varied figures, half
// xlsx and half saved web pages) chosen at once in a new collection → confirmation table (read
// and mapped in workers) → 写入 → status and summary shown. Long tasks and the JS heap are
// watched throughout; then the collection page is opened again, cold.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realTables, type RealTable } from '../tests/fixtures/real/load';
import { webPage, xlsx } from '../tests/fixtures/render';
import type { Figure } from './figures';
import { stat } from './stats';
import { HomePage } from '../tests/e2e/pages/home';
import { recordTransfer, transferFigures } from './transfer';

const group = '汇总 (headless Chromium, built app)';

/**
 * The status table's rows, found by CSS: a role locator computes the ARIA role of every element of
 * the 1,000-row table on each poll, on the page's main thread (0.64 s of a 10 s write step in a
 * profile), and the benchmark would time its own polling.
 */
const STATUS_ROWS = '[role="table"][aria-label="单位情况"] > [role="rowgroup"]:not(:first-child) > [role="row"]';

/** Unit i: a real 2021 table renamed, every figure shifted by a little so no two units are alike. */
export function unitFile(dir: string, i: number, bases: RealTable[]): string {
  const base = bases[i % bases.length];
  const unit = `测试单位${String(i + 1).padStart(4, '0')}`;
  const cells = Object.fromEntries(Object.entries(base.cells).map(([k, v]) => [k, v && /^\d+$/.test(v) ? String(Number(v) + (i % 7)) : v]));
  const fx: RealTable = { ...base, cells, source: { ...base.source, unit, year: 2022, title: `${unit}2022年政府信息公开工作年度报告` } };
  const path = join(dir, i % 2 ? `${unit}.html` : `${unit}.xlsx`);
  writeFileSync(path, i % 2 ? webPage(fx) : xlsx(fx, 'one-sheet'));
  return path;
}

// Long tasks are kept with their start, and the moment the file input hands the files over is
// noted: the task that holds that moment is Chromium building the FileList (a bare page with one
// <input type=file> gets a ~300 ms task for 1,000 files), reported apart from the app's own.
const WATCH = `(() => {
  window.__watch = { tasks: [], changed: null, clicked: 0, heap: 0 };
  document.addEventListener('change', () => { window.__watch.changed ??= performance.now(); }, true);
  // The last click: 写入 (the tasks before it belong to the read and the confirmation table).
  document.addEventListener('click', () => { window.__watch.clicked = performance.now(); }, true);
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__watch.tasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: false });
  setInterval(() => { const m = performance.memory; if (m) window.__watch.heap = Math.max(window.__watch.heap, m.usedJSHeapSize); }, 100);
})()`;

/** Notes when the status table's first row, its n-th and the summary first show (the frame after each), then says so on the console. */
const openMarks = (n: number) => `(() => {
  const rows = () => document.querySelectorAll('${STATUS_ROWS}').length;
  const want = { rows: () => rows() > 0, sum: () => document.querySelector('button[data-cell="t3/1/total"] .sum'), all: () => rows() >= ${n} };
  const at = {};
  const look = () => {
    for (const [k, shown] of Object.entries(want)) if (!(k in at) && shown()) {
      at[k] = null;
      requestAnimationFrame(() => setTimeout(() => {
        at[k] = performance.now();
        if (Object.keys(want).every((x) => at[x])) { seen.disconnect(); console.log('bench:collection-open ' + JSON.stringify(at)); }
      }));
    }
  };
  const seen = new MutationObserver(look);
  seen.observe(document, { subtree: true, childList: true });
})()`;

export async function collectionFigures(browser: Browser, base: string, n: number): Promise<Figure[]> {
  const bases = realTables.filter((t) => t.form === 'gov-2021' && Object.values(t.cells).filter(Boolean).length > 150);
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-units-'));
  const files = Array.from({ length: n }, (_, i) => unitFile(dir, i, bases));
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page: Page = await context.newPage();
  await page.goto(base);
  await new HomePage(page).createCollection('基准汇总', 2022, 'gov-2021');
  const url = page.url();
  await page.evaluate(WATCH);

  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '添加单位文件' }).click()]);
  const t0 = Date.now();
  await chooser.setFiles(files);
  // By CSS too, as the status rows (above): a role or text locator walks the dialog's 1,000 rows on
  // the page's main thread, and the long tasks counted would be the benchmark's own (~50 ms each).
  const dialog = page.locator('dialog[open]');
  await dialog.locator('[aria-label="文件读取结果"]').waitFor({ timeout: 600_000 });
  const read = Date.now() - t0;
  // Rows are drawn a slice per frame: the count is read from the dialog's own sentence.
  const taken = Number((await dialog.locator('p', { hasText: /^读取完成：/ }).textContent())?.match(/(\d+) 个可以导入/)?.[1] ?? 0);
  const t1 = Date.now();
  await dialog.locator('button', { hasText: /^写入 \d+ 份$/ }).click();
  // The sums first (what a 汇总 is for), then the last of the status rows (drawn a slice per frame).
  // Looked for with the page's own querySelector every 100 ms: Playwright's locator engine took
  // ~30 ms of the main thread a poll over the 1,000 rows (a profile), counted as the app's.
  await page.waitForFunction(() => document.querySelector('button[data-cell="t3/1/total"] .sum'), null, { polling: 100, timeout: 600_000 });
  const summed = Date.now() - t1;
  await page.waitForFunction(([rows, n]) => document.querySelectorAll(rows as string).length >= (n as number), [STATUS_ROWS, n], { polling: 100, timeout: 600_000 });
  const written = Date.now() - t1;
  const raw = (await page.evaluate(() => (window as unknown as { __watch: { tasks: [number, number][]; changed: number | null; clicked: number; heap: number } }).__watch)) as { tasks: [number, number][]; changed: number | null; clicked: number; heap: number };
  const handover = raw.tasks.filter(([start, d]) => raw.changed !== null && start <= raw.changed && raw.changed <= start + d);
  const own = raw.tasks.filter((t) => !handover.includes(t));
  const over50 = own.filter(([, d]) => d > 50);
  // Said apart: those before 写入 (the read, the confirmation table) and those after it.
  const watch = { longest: Math.max(0, ...own.map(([, d]) => d)), over50: over50.length, read50: over50.filter(([start]) => start < raw.clicked).length, heap: raw.heap, handover: Math.max(0, ...handover.map(([, d]) => d)) };
  if (taken !== n) throw new Error(`汇总 bench: ${taken} of ${n} files taken`);

  // Opened again, cold: the collection page → the status table's first and last rows and the
  // summary shown. Timed in the page (from its navigation's start to the frame after each shows,
  // the cold load's way): Playwright's polling locators would time their own work on the page.
  const opens: number[] = [];
  const statuses: number[] = [];
  const firsts: number[] = [];
  let transfer: Figure[] = [];
  for (let i = 0; i < 5; i++) {
    const p = await context.newPage();
    await p.addInitScript({ content: openMarks(n) });
    // The first reopen's downloads (cached responses are counted too: the batch's page fetched the same chunks).
    const measure = i === 0 ? recordTransfer(p) : null;
    const shown = p.waitForEvent('console', { predicate: (m) => m.text().startsWith('bench:collection-open '), timeout: 120_000 });
    await p.goto(url);
    const at = JSON.parse((await shown).text().slice('bench:collection-open '.length)) as { rows: number; sum: number; all: number };
    firsts.push(Math.round(at.rows));
    opens.push(Math.round(at.sum));
    statuses.push(Math.round(at.all));
    if (measure) transfer = await transferFigures('汇总 page #/collection/<id>', 'collection', measure);
    await p.close();
  }
  await context.close();
  const total = (read + written) / 1000;
  const open = stat(opens);
  const statusOpen = stat(statuses);
  return [
    { id: `collection.take${n}`, group, name: `${n.toLocaleString('en')} unit files (2021 form, half xlsx, half web pages) → read, mapped, confirmed, written, checked, summed (total)`, unit: 's', median: total, runs: 1, target: { text: n >= 1000 ? '≤ 6 s' : '≤ 6 s for 1,000 (smaller run)', met: total <= 6 } },
    { id: `collection.read${n}`, group, name: `  of which: files read and mapped in workers → confirmation table shown`, unit: 's', median: read / 1000, runs: 1 },
    { id: `collection.write${n}`, group, name: `  of which: 写入 → status table and summary shown`, unit: 's', median: written / 1000, runs: 1 },
    { id: `collection.summed${n}`, group, name: `    within it: 写入 → summary shown (the status rows still being drawn)`, unit: 's', median: summed / 1000, runs: 1 },
    { id: `collection.longtask${n}`, group, name: `longest main-thread task of the app during the batch (${watch.over50} over 50 ms: ${watch.read50} before 写入, ${watch.over50 - watch.read50} after)`, unit: 'ms', median: watch.longest, runs: 1, target: { text: 'none over 50 ms', met: watch.over50 === 0 } },
    { id: `collection.handover${n}`, group, name: `  apart: the task in which Chromium hands the ${n.toLocaleString('en')} chosen files to the page`, unit: 'ms', median: watch.handover, runs: 1 },
    { id: `collection.heap${n}`, group, name: 'peak JS heap of the page during the batch', unit: 'MB', median: Math.round(watch.heap / 1048576), runs: 1 },
    { id: `collection.first${n}`, group, name: `open the collection of ${n.toLocaleString('en')} units → status table's first rows shown (from the navigation's start)`, unit: 'ms', ...stat(firsts) },
    { id: `collection.status${n}`, group, name: `open the collection of ${n.toLocaleString('en')} units → all ${n.toLocaleString('en')} status rows drawn (a slice per frame)`, unit: 'ms', ...statusOpen },
    { id: `collection.open${n}`, group, name: `open the collection of ${n.toLocaleString('en')} units → summary table shown, from the checks the reports keep (from the navigation's start, timed in the page)`, unit: 'ms', ...open, target: { text: '≤ 300 ms (median)', met: open.median <= 300 } },
    ...transfer.filter((f) => f.id.includes('.js.'))
  ];
}
