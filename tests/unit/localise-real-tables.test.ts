// Which figure is wrong, on real published tables (tests/fixtures/real): each hand audit's blame
// (the figure a person finds wrong, or the alternatives the relations cannot tell apart) is what
// the localisation leads with; and on every clean table, each figure of 表三 and 表四 changed in
// turn (a random amount, or two digits swapped) and random pairs, the first finding names what
// the brute-force oracle finds — the changed figure wherever it is the only explanation.
import { describe, expect, it } from 'vitest';
import { check } from '../../src/lib/domain/checks';
import type { Cause } from '../../src/lib/domain/locate/causes';
import { causesFor } from '../../src/lib/domain/report-check';
import { oracle } from '../fixtures/oracle';
import { realTables, type RealTable } from '../fixtures/real/load';
import { templateOf } from '../fixtures/render';
import { valuesOf } from '../fixtures/values';

const keysOf = (c: Cause) => c.options.map((o) => o.map((x) => x.key).sort());
const asSet = (sets: string[][]) => sets.map((s) => [...s].sort().join('+')).sort();

function causesOfTable(fx: RealTable, cells: Record<string, string>) {
  const template = templateOf(fx);
  const values = valuesOf(template, cells);
  return { template, values, causes: causesFor(template, values, check(template, values)) };
}

/**
 * The smallest sets a cause stands for, with the other causes of its group: the figures named
 * on their own (in every set) and each option of the group's choice.
 */
function explanation(cause: Cause, causes: Cause[]): string[][] {
  if (cause.group === undefined) return [cause.options.flat().map((x) => x.key).sort()];
  const group = causes.filter((c) => c.group === cause.group);
  const definite = group.filter((c) => c.kind === 'figure').map((c) => c.key);
  const choice = group.find((c) => c.kind === 'choice');
  return (choice ? keysOf(choice) : [[]]).map((o) => [...definite, ...o].sort());
}

describe('the localisation matches the hand audits of the real tables', () => {
  for (const fx of realTables.filter((t) => t.audit.length)) {
    it(`${fx.id}: every audited problem is led by the blamed figure, and nothing else is blamed`, () => {
      const { causes } = causesOfTable(fx, fx.cells);
      // Only what the source prints is judged (a stored copy cut short leaves the rest blank).
      const errors = causes.filter((c) => c.severity === 'error' && (c.key in fx.cells || c.findings.some((f) => f.subjectKey in fx.cells)));
      for (const a of fx.audit) {
        const blame = (a as { blame?: string[][] }).blame;
        expect(blame, `${a.cell} has a blame`).toBeTruthy();
        const cause = errors.find((c) => c.findings.some((f) => f.subjectKey === a.cell) || c.options.some((o) => o.some((x) => x.key === a.cell)));
        expect(cause, `a cause for ${a.cell}`).toBeTruthy();
        const got = explanation(cause!, errors);
        expect(asSet(got)).toEqual(asSet(blame!));
        // The likeliest first: the figures the list leads with are the audit's first set.
        expect(got[0]).toEqual([...blame![0]].sort());
      }
      const blamed = new Set(fx.audit.flatMap((a) => ((a as { blame?: string[][] }).blame ?? []).flat()));
      for (const c of errors) expect(c.options.flat().some((x) => blamed.has(x.key)), `${c.kind} ${c.key} is blamed by an audit`).toBe(true);
    });
  }
});

/** A small deterministic random source (the same changes on every run). */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** A changed figure: two digits swapped where it has two different ones, else a random amount. */
function changed(raw: string, rnd: () => number, swap: boolean): string {
  const v = Number(raw);
  if (swap && raw.length >= 2 && raw[0] !== raw[1]) return raw[1] + raw[0] + raw.slice(2);
  const by = 1 + Math.floor(rnd() * 20);
  return String(v >= by && rnd() < 0.5 ? v - by : v + by);
}

const clean = realTables.filter((t) => !t.audit.length);

describe('one figure changed in a real clean table', () => {
  it('the tables are many and from several provinces', () => {
    expect(clean.length).toBeGreaterThanOrEqual(10);
    expect(new Set(clean.map((t) => t.source.province)).size).toBeGreaterThanOrEqual(3);
  });
  for (const fx of clean) {
    it(`${fx.id}: each figure of 表三 and 表四 in turn — the first finding is the oracle's answer`, () => {
      const rnd = random(fx.id.length * 7919);
      const template = templateOf(fx);
      let unique = 0;
      let named = 0;
      for (const [key, raw] of Object.entries(fx.cells)) {
        if (!/^t[34]\//.test(key) || !/^\d+$/.test(raw)) continue;
        for (const swap of [false, true]) {
          const typed = changed(raw, rnd, swap);
          if (typed === raw) continue;
          const cells = { ...fx.cells, [key]: typed };
          const { values, causes } = causesOfTable(fx, cells);
          const want = oracle(template, values, 1);
          if (want.cost === 0) continue;
          const first = causes[0];
          if (want.cost === 1 && want.sets.length === 1) {
            unique++;
            if (want.sets[0][0] === key) named++;
            expect([key, typed, first.kind, first.key]).toEqual([key, typed, 'figure', want.sets[0][0]]);
            expect(first.options[0][0].value).toBe(Number(raw));
          } else if (want.cost === 1) {
            expect([key, typed, first.kind]).toEqual([key, typed, 'choice']);
            expect(asSet(keysOf(first))).toEqual(asSet(want.sets));
          }
        }
      }
      // Where the relations point at one figure, it is the one that was changed.
      expect(named).toBe(unique);
    });
  }
});

describe('two figures changed in a real clean table', () => {
  for (const fx of clean.filter((t) => Object.keys(t.cells).length >= 170)) {
    it(`${fx.id}: 15 random pairs — the errors listed are the oracle's answer`, () => {
      const rnd = random(fx.id.length * 104729);
      const template = templateOf(fx);
      const keys = Object.keys(fx.cells).filter((k) => /^t[34]\//.test(k) && /^\d+$/.test(fx.cells[k]));
      let judged = 0;
      for (let n = 0; n < 15; n++) {
        const a = keys[Math.floor(rnd() * keys.length)];
        const b = keys[Math.floor(rnd() * keys.length)];
        if (a === b) continue;
        const cells = { ...fx.cells, [a]: changed(fx.cells[a], rnd, rnd() < 0.3), [b]: changed(fx.cells[b], rnd, rnd() < 0.3) };
        const { values, causes } = causesOfTable(fx, cells);
        const want = oracle(template, values, 2);
        if (want.cost === null || want.cost === 0) continue;
        judged++;
        const errors = causes.filter((c) => c.severity === 'error');
        if (want.sets.length === 1) {
          // Both wrong figures named, each as a figure of its own.
          expect(errors.map((c) => [c.kind, c.key]).sort()).toEqual(want.sets[0].map((k) => ['figure', k]).sort());
        } else {
          // Every minimum set is offered: the figures common to all named, the rest as one choice.
          const definite = errors.filter((c) => c.kind === 'figure').map((c) => c.key);
          const choice = errors.find((c) => c.kind === 'choice');
          const offered = choice ? keysOf(choice).map((o) => [...definite, ...o]) : [definite];
          expect(asSet(offered)).toEqual(asSet(want.sets));
        }
      }
      expect(judged).toBeGreaterThan(5);
    });
  }
});
