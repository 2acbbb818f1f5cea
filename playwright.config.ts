import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

// This machine cannot download Playwright's browsers: use Debian's Chromium when it is there.
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: 'http://127.0.0.1:4173',
    launchOptions: executablePath ? { executablePath } : {},
    viewport: { width: 1400, height: 900 },
    locale: 'zh-CN',
    trace: 'retain-on-failure'
  },
  webServer: [
    { command: 'node scripts/serve.js build 4173', url: 'http://127.0.0.1:4173/', reuseExistingServer: !process.env.CI },
    // The same build below a sub-path, as an intranet server may host it.
    { command: 'BASE_PATH=/apps/nianbao/ node scripts/serve.js build 4174', url: 'http://127.0.0.1:4174/apps/nianbao/', reuseExistingServer: !process.env.CI }
  ]
});
