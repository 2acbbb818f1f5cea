// npm run bench [-- --quick]: every benchmark of the app in one run, printed as a table and
// written to bench/results.json; a full run also refreshes the figures in BENCHMARKS.md.
// --quick is a smoke test: few runs, small sizes, and a non-zero exit when any figure is
// missing or not a number. It never judges whether a figure meets its target.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BROWSER_PARTS, browserFigures } from './browser';
import { engineFigures } from './engine';
import { localiseFigures } from './localise';
import { isComplete, machine, machineShort, type Figure } from './figures';
import { xlsxFigures } from './xlsx';
import { pdfFigures } from './pdf';

const quick = process.argv.includes('--quick');
// --only=engine,xlsx,browser or one browser part (--only=zero-loss): a partial run prints its
// figures and writes bench/results-partial.json, and never rewrites BENCHMARKS.md.
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',') ?? null;
const unknown = only?.filter((o) => !['engine', 'localise', 'xlsx', 'pdf', 'browser', ...BROWSER_PARTS].includes(o));
if (unknown?.length) {
  console.error(`unknown --only: ${unknown.join(', ')} (known: engine, localise, xlsx, pdf, browser, ${BROWSER_PARTS.join(', ')})`);
  process.exit(2);
}
const started = performance.now();
// Other work on the machine skews every figure: say how busy it was, before and after.
const load = () => os.loadavg()[0].toFixed(2);
const loadBefore = load();
const git = (args: string[]) => spawnSync('git', args, { encoding: 'utf8' }).stdout?.trim() ?? '';
const notes: string[] = [];
const commit = `${git(['rev-parse', '--short', 'HEAD'])}${git(['--no-optional-locks', 'status', '--porcelain', '--', 'src']) ? ' + uncommitted changes in src/' : ''}`;

function newestIn(dir: string): number {
  return Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newestIn(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
}

/** The browser benchmarks run the built app: build it when it is missing, warn when it is older than src/. */
function ensureBuild() {
  if (!existsSync('build/index.html')) {
    console.log('build/ is missing: running `npm run build:site` first');
    if (spawnSync('npm', ['run', 'build:site'], { stdio: 'inherit' }).status !== 0) throw new Error('`npm run build:site` failed');
  } else if (newestIn('src') > statSync('build/index.html').mtimeMs) {
    console.warn('warning: src/ has changed since build/ was made: the browser figures are for the older build (run `npm run build`)');
    notes.push('build/ older than src/');
  }
}

const sections: [name: string, run: () => Figure[] | Promise<Figure[]>][] = [
  ['engine', () => engineFigures(quick)],
  ['localise', () => localiseFigures(quick)],
  ['xlsx', () => xlsxFigures(quick)],
  ['pdf', () => pdfFigures(quick)],
  ['browser', async () => (ensureBuild(), browserFigures(quick, only ?? undefined))]
];
const wanted = (name: string) => !only || only.includes(name) || (name === 'browser' && only.some((o) => (BROWSER_PARTS as readonly string[]).includes(o)));

const figures: Figure[] = [];
const failures: string[] = [];
for (const [name, run] of sections) {
  if (!wanted(name)) continue;
  const t0 = performance.now();
  try {
    const got = await run();
    console.log(`${name}: ${got.length} figures in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    if (!got.length) failures.push(`${name}: produced no figures`);
    figures.push(...got);
  } catch (e) {
    failures.push(`${name}: ${e instanceof Error ? e.stack ?? e.message : e}`);
  }
}
for (const f of figures) if (!isComplete(f)) failures.push(`${f.id}: not a number (${f.median} / ${f.p95})`);

// ---- Output: figures grouped (in the order groups first appear), one line each.

const groups = [...new Set(figures.map((f) => f.group))];
figures.sort((a, b) => groups.indexOf(a.group) - groups.indexOf(b.group));

function format(v: number | undefined, unit: Figure['unit']): string {
  if (v === undefined) return '';
  if (!Number.isFinite(v)) return String(v);
  if (unit === 'values/s') return `${(v / 1e6).toFixed(2)} M/s`;
  if (unit === 'lost') return `${v} lost`;
  const digits = unit === '×' || unit === 's' ? 2 : Math.abs(v) < 1 ? 3 : Math.abs(v) < 10 ? 2 : 1;
  return `${v.toFixed(digits)} ${unit}`;
}
const status = (f: Figure) => (f.target ? `${f.target.met ? 'met' : 'MISSED'} (${f.target.text})` : '');

const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const seconds = (performance.now() - started) / 1000;
const context = `${machine.cores} cores, ${machine.cpu}, ${machine.memoryGiB} GiB RAM · Node ${machine.node} · ${machine.platform} · commit ${commit} · load average ${loadBefore} before, ${load()} after${notes.map((n) => ` · ${n}`).join('')}`;
const header = ['Benchmark', 'median', 'p95', 'runs', 'target', 'machine'];
const lines: string[][] = [];
let lastGroup = '';
for (const f of figures) {
  if (f.group !== lastGroup) lines.push([`## ${(lastGroup = f.group)}`]);
  lines.push([f.name, format(f.median, f.unit), format(f.p95, f.unit), String(f.runs), status(f), machineShort]);
}

/** Terminal columns: CJK and full-width characters take two. */
const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u2e80-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
const pad = (s: string, n: number, right = false) => (right ? ' '.repeat(Math.max(0, n - width(s))) + s : s + ' '.repeat(Math.max(0, n - width(s))));
const widths = header.map((h, i) => Math.max(width(h), ...lines.filter((l) => l.length > 1).map((l) => width(l[i]))));
console.log(`\nnpm run bench${quick ? ' -- --quick' : ''} · ${date} · ${context}\n`);
console.log(header.map((h, i) => pad(h, widths[i], i > 0 && i < 4)).join(' │ '));
console.log(widths.map((w) => '─'.repeat(w)).join('─┼─'));
for (const l of lines) console.log(l.length === 1 ? l[0] : l.map((c, i) => pad(c, widths[i], i > 0 && i < 4)).join(' │ '));
console.log(`\n${figures.length} figures in ${seconds.toFixed(1)} s${quick ? ' (quick: few runs, small sizes — not comparable with a full run)' : ''}`);

writeFileSync(new URL(only ? './results-partial.json' : './results.json', import.meta.url), JSON.stringify({ date, quick, seconds, machine, commit, loadAverage: { before: Number(loadBefore), after: Number(load()) }, figures, failures }, null, 2) + '\n');

/** A full run rewrites the generated part of BENCHMARKS.md; the prose around it is kept. */
if (!quick && !only && !failures.length) {
  const file = new URL('../BENCHMARKS.md', import.meta.url);
  const [BEGIN, END] = ['<!-- bench:begin (generated by npm run bench; do not edit by hand) -->', '<!-- bench:end -->'];
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const md = [
    BEGIN,
    `Run ${date} · ${context} · ${seconds.toFixed(0)} s`,
    '',
    '| Benchmark | median | p95 | runs | target |',
    '| --- | ---: | ---: | ---: | --- |',
    ...lines.map((l) => (l.length === 1 ? `| **${esc(l[0].slice(3))}** | | | | |` : `| ${l.slice(0, 5).map(esc).join(' | ')} |`)),
    END
  ].join('\n');
  const old = existsSync(file) ? readFileSync(file, 'utf8') : `# Benchmarks\n\n${BEGIN}\n${END}\n`;
  const at = old.indexOf(BEGIN);
  const end = old.indexOf(END);
  writeFileSync(file, at >= 0 && end > at ? old.slice(0, at) + md + old.slice(end + END.length) : `${old}\n${md}\n`);
  console.log('BENCHMARKS.md: figures updated');
}

if (failures.length) {
  console.error(`\nFAILED: ${failures.length} problem(s)\n${failures.map((f) => `- ${f}`).join('\n')}`);
  process.exit(1);
}
