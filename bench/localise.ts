// Which figure is wrong, measured on real published tables (tests/fixtures/real) with errors put
// in: every figure of 表三 and 表四 of each clean table changed in turn (a random amount, or two
// digits swapped) and random pairs. For each: does the first finding name the changed figure where
// the brute-force oracle finds it the only explanation, does it ever name a correct figure alone,
// how many error findings one wrong figure gives, and how long the localisation takes.
import { performance } from 'node:perf_hooks';
import { check } from '$lib/domain/checks';
import { causesFor } from '$lib/domain/report-check';
import { makeEntry } from '$lib/domain/entry';
import { parseCellKey, type CellEntry, type Template } from '$lib/domain/model';
import { templates } from '$lib/templates';
import { oracle } from '../tests/fixtures/oracle';
import { realTables } from '../tests/fixtures/real/load';
import type { Figure } from './figures';
import { stat } from './stats';

function valuesOf(template: Template, cells: Record<string, string>) {
  const v = new Map<string, CellEntry>();
  for (const [k, raw] of Object.entries(cells)) {
    if (!raw) continue;
    const e = makeEntry(template, parseCellKey(k), raw);
    if (e) v.set(k, e.entry);
  }
  return v;
}

function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function changed(raw: string, rnd: () => number, swap: boolean): string {
  const v = Number(raw);
  if (swap && raw.length >= 2 && raw[0] !== raw[1]) return raw[1] + raw[0] + raw.slice(2);
  const by = 1 + Math.floor(rnd() * 20);
  return String(v >= by && rnd() < 0.5 ? v - by : v + by);
}

export function localiseFigures(quick: boolean): Figure[] {
  const group = 'Which figure is wrong (real tables, errors put in)';
  const clean = realTables.filter((t) => !t.audit.length);
  // The quick run still needs a whole 2021 table: the time and the pairs are measured on one.
  const whole2021 = clean.find((t) => t.form === 'gov-2021' && Object.keys(t.cells).length >= 170);
  const tables = quick ? [...new Set([whole2021, ...clean.slice(0, 2)].filter((t) => t !== undefined))] : clean;
  let unique = 0;
  let named = 0;
  let wrongAlone = 0;
  const perError: number[] = [];
  const times: number[] = [];
  let first = NaN;
  let pairs = 0;
  let pairsNamed = 0;
  for (const fx of tables) {
    const template = templates.find((t) => t.id === fx.form)!;
    const rnd = random(fx.id.length * 7919);
    const keys = Object.keys(fx.cells).filter((k) => /^t[34]\//.test(k) && /^\d+$/.test(fx.cells[k]));
    // A page printed in part leaves totals blank beside printed parts: those findings were there before.
    const before = (() => {
      const values = valuesOf(template, fx.cells);
      return new Set(causesFor(template, values, check(template, values)).filter((c) => c.severity === 'error').map((c) => c.id));
    })();
    const localiseTimed = (cells: Record<string, string>) => {
      const values = valuesOf(template, cells);
      const result = check(template, values);
      const t0 = performance.now();
      const causes = causesFor(template, values, result);
      const ms = performance.now() - t0;
      if (Number.isNaN(first)) first = ms;
      else if (template.id === 'gov-2021') times.push(ms);
      return { values, causes };
    };
    for (const key of quick ? keys.slice(0, 20) : keys)
      for (const swap of [false, true]) {
        const typed = changed(fx.cells[key], rnd, swap);
        if (typed === fx.cells[key]) continue;
        const { values, causes } = localiseTimed({ ...fx.cells, [key]: typed });
        const want = oracle(template, values, 1);
        if (want.cost !== 1) continue;
        const errors = causes.filter((c) => c.severity === 'error' && !before.has(c.id));
        perError.push(errors.length);
        const lead = errors[0];
        if (want.sets.length === 1 && want.sets[0][0] === key) {
          unique++;
          if (lead?.kind === 'figure' && lead.key === key) named++;
        }
        if (lead?.kind === 'figure' && lead.key !== key) wrongAlone++;
      }
    // Pairs: both figures changed; counted where the oracle's only explanation is those two.
    if (Object.keys(fx.cells).length >= 170)
      for (let n = 0; n < (quick ? 5 : 40); n++) {
        const a = keys[Math.floor(rnd() * keys.length)];
        const b = keys[Math.floor(rnd() * keys.length)];
        if (a === b) continue;
        const { values, causes } = localiseTimed({ ...fx.cells, [a]: changed(fx.cells[a], rnd, rnd() < 0.3), [b]: changed(fx.cells[b], rnd, rnd() < 0.3) });
        const want = oracle(template, values, 2);
        if (want.cost !== 2 || want.sets.length !== 1 || [...want.sets[0]].sort().join() !== [a, b].sort().join()) continue;
        pairs++;
        const figures = causes.filter((c) => c.kind === 'figure').map((c) => c.key);
        if (figures.includes(a) && figures.includes(b)) pairsNamed++;
      }
  }
  const t = stat(times);
  const per = stat(perError);
  return [
    { id: 'localise.one.named', group, name: `one wrong figure, the oracle's only explanation: the first finding names it (${named} of ${unique})`, unit: '×', median: unique ? named / unique : 0, runs: unique, target: { text: '= 1 (100 %)', met: unique > 0 && named === unique } },
    { id: 'localise.one.wrongAlone', group, name: 'one wrong figure: the first finding names a correct figure alone (count)', unit: '×', median: wrongAlone, runs: perError.length, target: { text: '= 0', met: wrongAlone === 0 } },
    { id: 'localise.pairs.named', group, name: `two wrong figures the oracle finds unique: both named (${pairsNamed} of ${pairs})`, unit: '×', median: pairs ? pairsNamed / pairs : 0, runs: pairs, target: { text: '≥ 0.9', met: pairs > 0 && pairsNamed / pairs >= 0.9 } },
    { id: 'localise.one.findings', group, name: 'error findings listed per wrong figure (p95 column: the most)', unit: '×', median: per.median, p95: Math.max(...perError), runs: per.runs, target: { text: '= 1', met: per.median === 1 && Math.max(...perError) === 1 } },
    { id: 'localise.time', group, name: 'localisation + findings by cause of a 2021 table with errors put in (Node)', unit: 'ms', median: t.median, p95: t.p95, runs: t.runs, target: { text: 'p95 ≤ 5 ms', met: t.p95 <= 5 } },
    { id: 'localise.first', group, name: 'the first localisation of the process (cold code), incl. compiling the form', unit: 'ms', median: first, runs: 1, target: { text: '≤ 300 ms', met: first <= 300 } }
  ];
}
