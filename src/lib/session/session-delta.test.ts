// The session's delta is what the grid paints: after any batch, every row whose marks or 校验 text
// changed must be in it. The delta is worked out from what the checks and causes say changed, not
// by comparing all marks; here the full comparison (changedRows) is the oracle, on real tables
// edited at random — figures changed, typed over by a digit, cleared, text typed — with the
// localisation run in between as in the app.
import { describe, expect, it } from 'vitest';
import { realTables } from '../../../tests/fixtures/real/load';
import { findTemplate } from '$lib/templates';
import { compile } from '$lib/domain/relations';
import { memoryJournal } from './journal';
import { changedRows, ReportSession } from './report-session';

/** A small deterministic generator (the same edits every run). */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => ((x = (x * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const store = { saveCells: async () => [], cellRecords: async () => [], history: async () => [], notes: async () => [], setNote: async () => null, setReview: async () => {}, setText: async () => null };

describe('the session delta', () => {
  for (const table of realTables.filter((_, i) => i % 4 === 0)) {
    it(`names every row whose marks changed: ${table.id}`, () => {
      const template = findTemplate(table.form, 1)!;
      const keys = [...compile(template).refs.keys()];
      const records = Object.entries(table.cells)
        .filter(([k, raw]) => raw !== '' && compile(template).refs.has(k))
        .map(([key, raw]) => ({ key, raw, value: Number.isFinite(Number(raw)) ? Number(raw) : null, at: 1 }));
      const queued: (() => void)[] = [];
      const meta = { id: 'r', unit: '', year: 2024, templateId: template.id, templateVersion: 1, createdAt: 0, updatedAt: 0, summary: { errors: 0, warnings: 0, filled: 0 } };
      const s = new ReportSession(template, meta, records, store, memoryJournal(), undefined, [], { schedule: (run) => queued.push(run), now: () => 1000 });
      const next = rng(table.id.length * 7919);
      for (let i = 0; i < 50; i++) {
        const before = s.marks;
        // Half the time the last edit is taken back (a person corrects a slip): a table with
        // dozens of random errors would only measure the localisation's search, not the delta.
        if (s.canUndo && next() < 0.5) {
          const delta = s.undo()!;
          expect([...changedRows(before, s.marks)].filter((r) => !delta.rows.has(r)), `undo ${i}`).toEqual([]);
          if (next() < 0.5) for (const run of queued.splice(0)) run();
          continue;
        }
        const batch = Array.from({ length: 1 + Math.floor(next() * (next() < 0.8 ? 1 : 6)) }, () => {
          const key = keys[Math.floor(next() * keys.length)];
          const old = s.entry(key)?.raw ?? '';
          const r = next();
          const raw = r < 0.15 ? '' : r < 0.25 ? 'abc' : r < 0.6 && old ? old + String(Math.floor(next() * 10)) : String(Math.floor(next() * 50));
          return { key, raw };
        });
        const delta = s.applyRaw(batch, 'typed');
        if (delta) {
          const missed = [...changedRows(before, s.marks)].filter((r) => !delta.rows.has(r));
          expect(missed, `edit ${i}: ${JSON.stringify(batch)}`).toEqual([]);
        }
        // The localisation runs now and then (after the paint, in the app), with its own delta.
        if (next() < 0.5) for (const run of queued.splice(0)) run();
      }
    });
  }
});
