// The incremental checks equal the reference check() after every batch of random edits, on every
// form (with and without last year's report) and on random outlines.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { templates } from '$lib/templates';
import { CheckState } from './check-state';
import { check } from './checks';
import { makeEntry } from './entry';
import { parseCellKey, type CellEntry, type RowDef, type Template } from './model';
import { compile } from './relations';

const RAW = ['', '', '0', '0', '1', '2', '3', '5', '7', '12', '100', '0.5', 'abc', '-1', '/'];

function run(template: Template, batches: [number, number][][], previous?: Map<string, CellEntry>) {
  const keys = [...compile(template).order.keys()];
  const values = new Map<string, CellEntry>();
  const state = new CheckState(template, values, previous);
  for (const batch of batches) {
    const touched: string[] = [];
    for (const [cell, raw] of batch) {
      const key = keys[cell % keys.length];
      const entry = makeEntry(template, parseCellKey(key), RAW[raw % RAW.length])!.entry;
      if (entry.raw === '') values.delete(key);
      else values.set(key, entry);
      touched.push(key);
    }
    const delta = state.apply(touched);
    const full = check(template, values, previous);
    expect(state.result.findings).toEqual(full.findings);
    expect(state.result.passed).toEqual(full.passed);
    // Every row whose findings changed is in the delta.
    for (const k of touched) expect(delta.rows.has(`${parseCellKey(k).table}/${parseCellKey(k).row}`)).toBe(true);
  }
}

const batches = fc.array(fc.array(fc.tuple(fc.nat(5000), fc.nat(100)), { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 25 });

describe('CheckState (incremental) equals check() (reference)', () => {
  for (const template of templates)
    it(`on ${template.id}, random edit sequences`, () => {
      fc.assert(fc.property(batches, (b) => run(template, b)), { numRuns: 100 });
    }, 60_000);

  it('with last year\'s report (carry, stock, identical)', () => {
    const template = templates.find((t) => t.id === 'gov-2021')!;
    const keys = [...compile(template).order.keys()];
    fc.assert(
      fc.property(fc.array(fc.nat(RAW.length - 1), { minLength: keys.length, maxLength: keys.length }), batches, (prev, b) => {
        const previous = new Map<string, CellEntry>();
        keys.forEach((k, i) => {
          const e = makeEntry(template, parseCellKey(k), RAW[prev[i]])!.entry;
          if (e.raw) previous.set(k, e);
        });
        run(template, b, previous);
      }),
      { numRuns: 30 }
    );
  }, 60_000);

  it('on random outlines', () => {
    const outline = fc.array(fc.record({ up: fc.integer({ min: -2, max: 1 }), header: fc.boolean(), part: fc.boolean(), exhaustive: fc.boolean() }), { minLength: 1, maxLength: 12 }).map((specs) => {
      let level = 0;
      return specs.map((s, i): RowDef => {
        level = i === 0 ? 0 : Math.max(0, Math.min(level + s.up, level + 1));
        return { id: `r${i}`, level, label: `${i + 1}.行${i}`, unit: '件', kind: s.header ? 'header' : 'value', role: s.part && i > 0 ? 'part' : 'child', exhaustive: s.exhaustive };
      });
    });
    fc.assert(
      fc.property(outline, batches, (rows, b) => {
        const template: Template = { id: 'rand', version: 1, name: 'r', title: 'r', source: 'r', tables: [{ id: 't', title: 'T', labelHeader: '指标', columns: [{ id: 'v', label: '数' }, { id: 'w', label: '数2' }, { id: 's', label: '合计' }], rows, relations: [{ kind: 'colsum', id: 'S', total: 's', parts: ['v', 'w'], what: '合计' }] }] };
        run(template, b);
      }),
      { numRuns: 300 }
    );
  }, 60_000);
});

describe('CheckState edge cases', () => {
  it('a refusal cleared to blank joins the blanks warning (its error no longer names it)', () => {
    const t = templates.find((x) => x.id === 'gov-2021')!;
    const values = new Map<string, CellEntry>();
    const state = new CheckState(t, values);
    const set = (k: string, raw: string) => {
      if (raw) values.set(k, makeEntry(t, parseCellKey(k), raw)!.entry);
      else values.delete(k);
      state.apply([k]);
    };
    set('t3/2/natural', '0'); // natural is not a wholly blank column
    for (const [c, v] of [['total', '5'], ['biz', '1'], ['sci', '0'], ['pub', '0'], ['law', '0'], ['other', '0'], ['natural', 'abc']]) set(`t3/1/${c}`, v);
    expect(state.result.findings.map((f) => f.kind)).toContain('value');
    set('t3/1/natural', '');
    expect(state.result.findings.find((f) => f.kind === 'incomplete')?.subjectKey).toBe('t3/1/natural');
    expect(state.result.findings).toEqual(check(t, values).findings);
  });
});
