import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// This machine cannot download Playwright's browsers: use Debian's Chromium when it is there.
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

// Free ports, so the tests run beside `npm start` (4173) and beside another test run. Chosen once
// in the main process and passed to the workers through the environment they inherit.
const freePort = () =>
  execFileSync(process.execPath, ['--input-type=module', '-e', "import('./scripts/free-port.js').then(async (m) => console.log(await m.freePort()))"], { encoding: 'utf8' }).trim();
process.env.E2E_PORT ??= freePort();
process.env.E2E_SUBPATH_PORT ??= freePort();
const port = process.env.E2E_PORT;
const subPathPort = process.env.E2E_SUBPATH_PORT;

// An intranet server reached by name over plain http is no secure context (crypto.randomUUID,
// the async clipboard and more are missing there): one project serves the app that way.
const INTRANET_HOST = 'nianbao.intranet';

export default defineConfig({
  testDir: 'tests/e2e',
  projects: [
    { name: 'chromium', testIgnore: /intranet\.spec\.ts/ },
    {
      name: 'plain-http-intranet',
      testMatch: /intranet\.spec\.ts/,
      use: {
        baseURL: `http://${INTRANET_HOST}:${port}`,
        launchOptions: { ...(executablePath ? { executablePath } : {}), args: [`--host-resolver-rules=MAP ${INTRANET_HOST} 127.0.0.1`] }
      }
    }
  ],
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  // Long user journeys (a form built, exported and imported in a second browser; two years of a
  // 汇总) take 20–35 s on a 2-core machine running two workers: 60 s leaves room without hiding a hang.
  timeout: 60_000,
  // The JSON report feeds the one-line total that `npm test` prints (scripts/test-all.js).
  reporter: [['list'], ['json', { outputFile: process.env.E2E_JSON ?? 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: executablePath ? { executablePath } : {},
    viewport: { width: 1400, height: 900 },
    locale: 'zh-CN',
    trace: 'retain-on-failure'
  },
  webServer: [
    { command: `node scripts/serve.js build ${port}`, url: `http://127.0.0.1:${port}/`, reuseExistingServer: false },
    // The same build below a sub-path, as an intranet server may host it.
    { command: `BASE_PATH=/apps/nianbao/ node scripts/serve.js build ${subPathPort}`, url: `http://127.0.0.1:${subPathPort}/apps/nianbao/`, reuseExistingServer: false }
  ]
});
