// The report's prose against its own tables, on the whole text of real reports (tests/fixtures/
// prose, each audited by hand clause by clause): every audited disagreement is found, no clause is
// said to disagree that does not, and at least 90 % of the audited clauses about a table figure are
// linked to their cells. Comparisons with last year (comparisons.json): every one found, judged
// where both years are held, and last year's table changes nothing else.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { proseStatements, type Statement } from '../../src/lib/domain/prose/statements';
import { findTemplate } from '../../src/lib/templates';
import type { CellEntry } from '../../src/lib/domain/model';
import { realTables } from '../fixtures/real/load';
import { match, type Audited } from '../fixtures/prose-audit';

const dir = new URL('../fixtures/prose/', import.meta.url);
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.audit.json')).map((f) => {
  const audit = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { id: string; statements: Audited[] };
  return { ...audit, text: readFileSync(new URL(`${audit.id}.txt`, dir), 'utf8') };
});

interface Compared { id: string; quote: string; figure: number; unit: string; direction: string; cells: string[]; table: number | null; verdict: 'agrees' | 'disagrees' | 'cannot-tell' }
const comparisons = JSON.parse(readFileSync(new URL('comparisons.json', dir), 'utf8')) as { pairs: { id: string; previous: string }[]; comparisons: Compared[] };

function valuesOf(id: string): Map<string, CellEntry> {
  const table = realTables.find((t) => t.id === id)!;
  const values = new Map<string, CellEntry>();
  for (const [k, raw] of Object.entries(table.cells)) if (/^\s*-?\d+(\.\d+)?\s*$/.test(raw)) values.set(k, { raw, value: Number(raw) });
  return values;
}

/** The statements of a report, with last year's report where the fixtures hold it. */
function judged(id: string, text: string, previous: Map<string, CellEntry> | undefined = previousOf(id)): Statement[] {
  const table = realTables.find((t) => t.id === id)!;
  return proseStatements(findTemplate(table.form, 1)!, valuesOf(id), text, previous);
}

function previousOf(id: string): Map<string, CellEntry> | undefined {
  const pair = comparisons.pairs.find((p) => p.id === id);
  return pair ? valuesOf(pair.previous) : undefined;
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

describe('comparisons with last year, real reports', () => {
  it('finds and links every audited comparison (an empty last year: each cannot be told)', () => {
    const found = fixtures.flatMap((f) => judged(f.id, f.text, new Map()).filter((s) => s.op === 'change').map((s) => ({ id: f.id, quote: s.quote, cells: s.cells, verdict: s.verdict })));
    expect(found).toEqual(comparisons.comparisons.map((c) => ({ id: c.id, quote: c.quote, cells: c.cells, verdict: 'cannot-tell' })));
  });

  it('judges the comparisons of the reports whose last year is held as audited, and changes nothing else', () => {
    for (const { id, previous } of comparisons.pairs) {
      const f = fixtures.find((x) => x.id === id)!;
      expect(realTables.some((t) => t.id === previous), previous).toBe(true);
      const withLastYear = judged(id, f.text);
      const audited = comparisons.comparisons.filter((c) => c.id === id);
      expect(withLastYear.filter((s) => s.op === 'change').map((s) => [s.quote, s.verdict, s.table])).toEqual(audited.map((c) => [c.quote, c.verdict, c.table]));
      expect(withLastYear.filter((s) => s.op !== 'change')).toEqual(judged(id, f.text, undefined).filter((s) => s.op !== 'change'));
    }
  });

  it('without last year\'s report lists no comparison', () => {
    for (const f of fixtures) expect(judged(f.id, f.text, undefined).filter((s) => s.op === 'change')).toEqual([]);
  });

  it('constructed sentences on the held pairs\' tables (a 2019 trial form last year: 表三 and 表四 compare, 表二 cannot)', () => {
    const hongze = judged('2024-jiangsu-huaian-hongze-district', '2024 年政府信息公开工作年度报告。全区受理政府信息公开申请 95 件，比上年增加 74 件，增长 352.4%；较 2023 年增加 70 件。').filter((s) => s.op === 'change');
    expect(hongze.map((s) => [s.raw, s.verdict, s.table, s.change!.previous])).toEqual([['74', 'agrees', 74, 21], ['352.4', 'agrees', 352.38, 21], ['70', 'disagrees', 74, 21]]);
    const pingtan = judged('2021-fujian-pingtan-natural-resources-bureau', '收到政府信息公开申请18件，同比增长100%。本年制发行政规范性文件5件，比上年增加5件。发生行政复议3件，比上年增加3件。').filter((s) => s.op === 'change');
    expect(pingtan.map((s) => [s.raw, s.name, s.verdict])).toEqual([['100', '本年新收政府信息公开申请数量比上年增长（%）', 'agrees'], ['5', '行政规范性文件 本年制发件数比上年增加', 'cannot-tell'], ['3', '行政复议比上年增加', 'agrees']]);
  });
});
