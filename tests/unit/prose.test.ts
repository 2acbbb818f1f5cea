// The report's prose against its own tables, on the whole text of real reports (tests/fixtures/
// prose, each audited by hand clause by clause): every audited disagreement is found, no clause is
// said to disagree that does not, and at least 90 % of the audited clauses about a table figure are
// linked to their cells.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { proseStatements, type Statement } from '../../src/lib/domain/prose/statements';
import { findTemplate } from '../../src/lib/templates';
import type { CellEntry } from '../../src/lib/domain/model';
import { realTables } from '../fixtures/real/load';

interface Audited { quote: string; figure: number; cells: string[]; op: 'equals' | 'sum' | 'percent'; of?: string[]; table: number | null; verdict: 'agrees' | 'disagrees' | 'cannot-tell' }
const dir = new URL('../fixtures/prose/', import.meta.url);
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.audit.json')).map((f) => {
  const audit = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { id: string; statements: Audited[] };
  return { ...audit, text: readFileSync(new URL(`${audit.id}.txt`, dir), 'utf8') };
});

function judged(id: string, text: string): Statement[] {
  const table = realTables.find((t) => t.id === id)!;
  const values = new Map<string, CellEntry>();
  for (const [k, raw] of Object.entries(table.cells)) if (/^\s*-?\d+(\.\d+)?\s*$/.test(raw)) values.set(k, { raw, value: Number(raw) });
  return proseStatements(findTemplate(table.form, 1)!, values, text);
}

/** Our statement for an audited clause: its figure inside the clause, about the same cells. */
function match(a: Audited, text: string, ours: Statement[]): Statement | undefined {
  const at = text.indexOf(a.quote);
  const cells = new Set(a.op === 'percent' ? a.of ?? a.cells : a.cells);
  return ours.find((s) => s.at >= at && s.at < at + a.quote.length && (s.op === 'percent') === (a.op === 'percent') && sameCells(s, cells, a));
}

/** The audit lists the filled cells of a sum; we name the measure's cells (blank ones included). */
function sameCells(s: Statement, cells: Set<string>, a: Audited): boolean {
  if (a.op === 'sum' && s.table !== null && a.table !== null) return s.table === a.table || [...cells].every((c) => s.cells.some((k) => k.split('/')[1] === c.split('/')[1]));
  return s.cells.length === cells.size && s.cells.every((k) => cells.has(k)) || [...cells].every((c) => s.cells.some((k) => k.split('/').slice(0, 2).join('/') === c.split('/').slice(0, 2).join('/')));
}

describe('prose against tables, real reports', () => {
  for (const f of fixtures)
    it(`${f.id}: finds every audited disagreement and no other; a linked clause is judged as audited`, () => {
      const ours = judged(f.id, f.text);
      for (const a of f.statements) expect(f.text.indexOf(a.quote), a.quote).toBeGreaterThanOrEqual(0);
      const disagreements = f.statements.filter((a) => a.verdict === 'disagrees');
      for (const a of disagreements) expect(match(a, f.text, ours)?.verdict, a.quote).toBe('disagrees');
      const claimed = ours.filter((s) => s.verdict === 'disagrees');
      expect(claimed.filter((s) => !disagreements.some((a) => match(a, f.text, [s]))).map((s) => `${s.quote} → ${s.name} ${s.table}`)).toEqual([]);
      for (const a of f.statements.filter((x) => x.verdict !== 'cannot-tell')) {
        const s = match(a, f.text, ours);
        if (s) expect(s.verdict, a.quote).toBe(a.verdict);
      }
    });

  it('links at least 90 % of the audited clauses about a table figure', () => {
    const audited = fixtures.flatMap((f) => f.statements.filter((a) => a.verdict !== 'cannot-tell').map((a) => ({ a, f })));
    const missed = audited.filter(({ a, f }) => !match(a, f.text, judged(f.id, f.text))).map(({ a, f }) => `${f.id}: ${a.quote}`);
    expect(audited.length).toBeGreaterThan(40);
    console.log(`linked ${audited.length - missed.length} of ${audited.length}`, missed);
    expect(missed.length / audited.length, missed.join('\n')).toBeLessThanOrEqual(0.1);
  });
});
