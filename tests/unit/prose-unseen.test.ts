// The prose checker on real reports it was not built on (tests/fixtures/unseen: six reports of
// 2023–2024, each audited by hand, clause by clause, before the checker was run on it). The same
// checks as prose.test.ts: every audited disagreement is found, no clause is said to disagree that
// does not, a clause the checker links is judged as audited, and at least 90 % of the audited
// clauses about a table figure are linked. Where the checker falls short the test says so in
// KNOWN below, one entry per clause with the reason, instead of hiding it; an entry that stops
// being true fails the test, so a fix has to take it out. The tables' own findings (`check`) are
// pinned as well: they must equal each fixture's hand audit.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/lib/domain/checks';
import { proseStatements, type Statement } from '../../src/lib/domain/prose/statements';
import { findTemplate } from '../../src/lib/templates';
import type { CellEntry } from '../../src/lib/domain/model';
import type { RealTable } from '../fixtures/real/load';
import { match, type Audited } from '../fixtures/prose-audit';

const dir = new URL('../fixtures/unseen/', import.meta.url);
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.audit.json')).sort().map((f) => {
  const audit = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { id: string; statements: Audited[] };
  const table = JSON.parse(readFileSync(new URL(`${audit.id}.json`, dir), 'utf8')) as RealTable;
  return { ...audit, table, text: readFileSync(new URL(`${audit.id}.txt`, dir), 'utf8') };
});

/**
 * Where the checker falls short on these reports, by report and quote:
 * - missed: an audited disagreement it does not find;
 * - false: a clause it says disagrees that does not (its quote as the checker gives it);
 * - unlinked: an audited clause about a table figure it does not link to its cells.
 */
// Measured before any change to the checker (2026-12-06): 1 of 2 disagreements found, 13 of 20
// clauses linked (65 %), 0 false. The misses were: cases counted in 起 (行政复议1起), a figure before
// its words (21件公开申请均在法定时限内办理), a channel list of 18 characters between 接收 and 申请, and
// no application stated in words (未收到过信息公开申请). Each was fixed by a general rule (measures.ts,
// statements.ts); what is still short stays listed here.
const KNOWN: { id: string; quote: string; kind: 'missed' | 'false' | 'unlinked'; why: string }[] = [];

function valuesOf(table: RealTable): Map<string, CellEntry> {
  const values = new Map<string, CellEntry>();
  for (const [k, raw] of Object.entries(table.cells)) if (/^\s*-?\d+(\.\d+)?\s*$/.test(raw)) values.set(k, { raw, value: Number(raw) });
  return values;
}

function judged(table: RealTable, text: string): Statement[] {
  return proseStatements(findTemplate(table.form, 1)!, valuesOf(table), text);
}

const known = (id: string, kind: string) => KNOWN.filter((k) => k.id === id && k.kind === kind).map((k) => k.quote);

describe('prose against tables, real reports the checker was not built on', () => {
  it('has the six audited reports, every quote found once in its text', () => {
    expect(fixtures.length).toBe(6);
    for (const f of fixtures) for (const a of f.statements) expect(f.text.split(a.quote).length - 1, `${f.id}: ${a.quote}`).toBe(1);
  });

  for (const f of fixtures)
    it(`${f.id}: finds every audited disagreement and no other; a linked clause is judged as audited`, () => {
      const ours = judged(f.table, f.text);
      const disagreements = f.statements.filter((a) => a.verdict === 'disagrees');
      const missed = disagreements.filter((a) => match(a, f.text, ours)?.verdict !== 'disagrees').map((a) => a.quote);
      expect(missed, 'missed disagreements').toEqual(known(f.id, 'missed'));
      const claimed = ours.filter((s) => s.verdict === 'disagrees');
      const falses = claimed.filter((s) => !disagreements.some((a) => match(a, f.text, [s]))).map((s) => s.quote);
      expect(falses, 'false disagreements').toEqual(known(f.id, 'false'));
      for (const a of f.statements.filter((x) => x.verdict !== 'cannot-tell')) {
        const s = match(a, f.text, ours);
        if (s && !known(f.id, 'missed').includes(a.quote)) expect(s.verdict, a.quote).toBe(a.verdict);
      }
    });

  const linking = () => {
    const audited = fixtures.flatMap((f) => f.statements.filter((a) => a.verdict !== 'cannot-tell').map((a) => ({ a, f })));
    const unlinked = audited.filter(({ a, f }) => !match(a, f.text, judged(f.table, f.text))).map(({ a, f }) => `${f.id}: ${a.quote}`);
    return { audited: audited.length, unlinked };
  };

  it('links the audited clauses about a table figure but the known ones', () => {
    const { audited, unlinked } = linking();
    console.log(`linked ${audited - unlinked.length} of ${audited}`, unlinked);
    expect(audited).toBe(20);
    expect(unlinked).toEqual(KNOWN.filter((k) => k.kind === 'unlinked').map((k) => `${k.id}: ${k.quote}`));
  });

  it('links at least 90 % of the audited clauses about a table figure', () => {
    const { audited, unlinked } = linking();
    expect(unlinked.length / audited, unlinked.join('\n')).toBeLessThanOrEqual(0.1);
  });

  for (const f of fixtures)
    it(`${f.id}: the table's own findings equal its hand audit`, () => {
      const findings = check(findTemplate(f.table.form, 1)!, valuesOf(f.table)).findings;
      const errors = findings.filter((x) => x.severity === 'error').map((x) => x.subjectKey).sort();
      expect(errors).toEqual([...new Set(f.table.audit.map((a) => a.cell))].sort());
    });
});
