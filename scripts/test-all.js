// npm test: every check in order — type check, unit tests, build, browser tests, benchmark smoke
// run — and one closing line `N passed, N failed` that counts unit and browser tests together
// (read from Vitest's and Playwright's JSON reports). A step that is not a test (type check,
// build, benchmarks) counts as one failed test when it fails, so the line never hides a failure.
// Every step runs even after a failure (browser tests need the build), and the exit code is
// non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { freePort } from './free-port.js';

const OUT = 'test-results';
mkdirSync(OUT, { recursive: true });
const UNIT_JSON = `${OUT}/unit.json`;
const E2E_JSON = `${OUT}/e2e.json`;
for (const f of [UNIT_JSON, E2E_JSON]) rmSync(f, { force: true });

const env = { ...process.env, E2E_JSON, E2E_PORT: String(await freePort()), E2E_SUBPATH_PORT: String(await freePort()) };
const run = (label, cmd, args) => {
  console.log(`\n▶ ${label}: ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) console.log(`✖ ${label} failed (exit ${r.status ?? r.signal})`);
  return r.status === 0;
};
const npx = (bin, ...args) => ['npx', ['--no-install', bin, ...args]];
const readJson = (f) => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : null);

let passed = 0;
let failed = 0;
const steps = [];

const typeOk = run('type check', 'npm', ['run', '--silent', 'check']);
steps.push(['type check', typeOk]);

run('unit tests', ...npx('vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${UNIT_JSON}`));
const unit = readJson(UNIT_JSON);
if (unit) {
  passed += unit.numPassedTests;
  // A test file that fails before any test runs (an import error) fails no test: count it.
  const brokenFiles = (unit.testResults ?? []).filter((f) => f.status === 'failed' && !f.assertionResults?.some((a) => a.status === 'failed')).length;
  failed += unit.numFailedTests + brokenFiles;
} else steps.push(['unit tests (no report)', false]);

const built = run('build', 'npm', ['run', '--silent', 'build']);
steps.push(['build', built]);

if (built) {
  run('browser tests', ...npx('playwright', 'test'));
  const e2e = readJson(E2E_JSON);
  if (e2e) {
    passed += e2e.stats.expected + e2e.stats.flaky;
    failed += e2e.stats.unexpected;
    if (e2e.errors?.length) steps.push(['browser tests (errors outside tests)', false]);
  } else steps.push(['browser tests (no report)', false]);
  steps.push(['benchmark smoke run', run('benchmark smoke run', 'npm', ['run', '--silent', 'bench', '--', '--quick'])]);
}

const brokenSteps = steps.filter(([, ok]) => !ok);
for (const [name] of brokenSteps) console.log(`✖ ${name}`);
failed += brokenSteps.length;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
