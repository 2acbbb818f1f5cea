// A report's address opened cold. The page opens the app's database early, while its code
// downloads (scripts/preload-route.js). That early open must never create the database, and
// must never stand in the way of an upgrade.
import { expect, test } from '@playwright/test';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';

test('a report address in a browser with no data: not found, and the database the app then makes keeps figures', async ({ page }) => {
  await page.goto('./#/report/no-such-report');
  await expect(page.getByText('找不到这份报表，它可能已被删除。')).toBeVisible();
  const home = new HomePage(page);
  await home.goto();
  await home.createReport('冷启动县', 2017);
  const report = new ReportPage(page);
  await report.type('8.1', '49');
  await report.expectSaved();
  await page.reload();
  await expect(report.cell('8.1')).toHaveText('49');
  // Saved in the browser's own database: the in-memory stand-in is used, and said, only when that fails.
  await expect(page.getByText('浏览器存储不可用')).toHaveCount(0);
});

test('a report stored by the first version of the database opens cold: the app upgrades it and shows its figures', async ({ page }) => {
  // Schema v1 as the first release wrote it, from a page of the app's origin that runs no app code.
  await page.goto('./__no-app-here');
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('nianbao-jiaoyan', 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore('reports', { keyPath: 'id' }).createIndex('byUpdated', 'updatedAt');
        req.result.createObjectStore('cells', { keyPath: ['reportId', 'key'] }).createIndex('byReport', 'reportId');
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const at = Date.now();
    const tx = db.transaction(['reports', 'cells'], 'readwrite');
    tx.objectStore('reports').put({ id: 'old-1', unit: '旧版县', year: 2017, templateId: 'gov-2017-county', templateVersion: 1, createdAt: at, updatedAt: at });
    tx.objectStore('cells').put({ reportId: 'old-1', key: 't1/8.1/v', raw: '49', value: 49, updatedAt: at });
    await new Promise((resolve, reject) => ((tx.oncomplete = resolve), (tx.onerror = () => reject(tx.error))));
    db.close();
  });
  await page.goto('./#/report/old-1');
  const report = new ReportPage(page);
  await expect(report.cell('8.1')).toHaveText('49');
  // Upgraded in place: the report is listed on the home page, and a figure typed now is kept.
  await report.type('8.2', '12');
  await report.expectSaved();
  await page.reload();
  await expect(report.cell('8.2')).toHaveText('12');
  const version = await page.evaluate(async () => (await indexedDB.databases()).find((d) => d.name === 'nianbao-jiaoyan')?.version);
  expect(version).toBeGreaterThan(1);
});
