// Property-based tests (fast-check): the engine against a deliberately naive reference on random
// outlines, the figure parser on any text, and the workbook round trip on random reports.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from './checks';
import { makeEntry } from './entry';
import { formatFigure, parseFigure } from './figures';
import type { CellEntry, RowDef, Template } from './model';
import { sourceOfSheets } from '$lib/sheets/read-source';
import { findTable } from '$lib/sheets/import';
import { readSheets } from '$lib/sheets/read';
import { writeWorkbook } from '$lib/sheets/workbook';
import { templates } from '$lib/templates';

/** A random outline: each row one level deeper than the one before at most. */
const outline = fc
  .array(fc.record({ up: fc.integer({ min: -2, max: 1 }), kind: fc.constantFrom('value', 'value', 'value', 'header'), part: fc.boolean(), exhaustive: fc.boolean() }), { minLength: 1, maxLength: 10 })
  .map((specs) => {
    let level = 0;
    return specs.map((s, i): RowDef => {
      level = i === 0 ? 0 : Math.max(0, Math.min(level + s.up, level + 1));
      return { id: `r${i}`, level, label: `${i + 1}.行${i}`, unit: s.kind === 'value' ? '件' : undefined, kind: s.kind as RowDef['kind'], role: s.part && i > 0 ? 'part' : 'child', exhaustive: s.exhaustive };
    });
  });

const figure = fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 20 }).map(String), fc.constantFrom('abc', '-1'));

/** The reference: the rules of domain.md written row by row, as plainly as possible. */
function naive(rows: RowDef[], raw: Record<string, string>): string[] {
  const val = (id: string) => (/^\d+$/.test(raw[id] ?? '') ? Number(raw[id]) : null);
  const out: string[] = [];
  const blanks = new Set<string>();
  rows.forEach((row, i) => {
    if (raw[row.id] && val(row.id) === null) out.push(`value ${row.id}`);
  });
  rows.forEach((row, i) => {
    const kids: RowDef[] = [];
    for (let j = i + 1; j < rows.length && rows[j].level > row.level; j++) if (rows[j].level === row.level + 1) kids.push(rows[j]);
    const sums: [string, RowDef[]][] = [];
    const addends = kids.filter((k) => k.role !== 'part');
    const parts = kids.filter((k) => k.role === 'part');
    if (addends.length) sums.push([row.kind === 'header' ? 'header' : 'sum', addends]);
    if (row.exhaustive && parts.length) sums.push(['exhaustive', parts]);
    for (const [kind, list] of sums) {
      const p = val(row.id);
      const vs = list.map((k) => val(k.id));
      const filled = vs.filter((v): v is number => v !== null);
      const s = filled.reduce((a, b) => a + b, 0);
      if (p === null) {
        if (filled.length && kind !== 'header') out.push(`${kind} ${row.id} error missing`);
      } else if (filled.length < vs.length) {
        if (s > p) out.push(`${kind} ${row.id} error exceeds`);
        else if (!(filled.length === 0 && p === 0)) for (const k of list) if (!raw[k.id]) blanks.add(k.id);
      } else if (s !== p) out.push(`${kind} ${row.id} error differs`);
    }
    if (!(row.exhaustive && parts.length))
      for (const k of parts) {
        const c = val(k.id);
        const p = val(row.id);
        if (c === null) continue;
        if (p === null) {
          if (!addends.length) out.push(`part ${k.id}@${row.id} error missing`);
        } else if (c > p) out.push(`part ${k.id} error exceeds`);
      }
  });
  // Sums left incomplete by blank cells make one warning for the table, unless an error names
  // every such blank cell already.
  const named = new Set(out.filter((x) => x.includes(' error ')).map((x) => x.split(' ')[1].split('@').at(-1)));
  if ([...blanks].some((k) => !named.has(k))) out.push('incomplete t warning');
  return out.sort();
}

const describeFinding = (f: ReturnType<typeof check>['findings'][number]) => {
  if (f.kind === 'value') return `value ${f.subject.row}`;
  if (f.kind === 'incomplete') return `incomplete ${f.subject.table} warning`;
  // From the finding's facts, never its wording.
  const how = f.actual === null ? 'missing' : f.relation === '≥' || f.relation === '≤' ? 'exceeds' : 'differs';
  if (f.kind === 'part') return how === 'missing' ? `part ${f.others[0].split('/')[1]}@${f.subject.row} error missing` : `part ${f.subject.row} error exceeds`;
  return `${f.kind} ${f.subject.row} ${f.severity} ${how}`;
};

describe('properties', () => {
  it('the engine agrees with a naive reference on 10,000 random outlines and figures', () => {
    fc.assert(
      fc.property(outline, fc.array(figure, { minLength: 10, maxLength: 10 }), (rows, figs) => {
        const template: Template = { id: 'rand', version: 1, name: 'r', title: 'r', source: 'r', tables: [{ id: 't', title: 'T', labelHeader: '指标', columns: [{ id: 'v', label: '数' }], rows, relations: [] }] };
        const raw: Record<string, string> = {};
        const values = new Map<string, CellEntry>();
        rows.forEach((r, i) => {
          raw[r.id] = figs[i];
          if (figs[i] !== '') values.set(`t/${r.id}/v`, makeEntry(template, { table: 't', row: r.id, col: 'v' }, figs[i])!.entry);
        });
        expect(check(template, values).findings.map(describeFinding).sort()).toEqual(naive(rows, raw));
      }),
      { numRuns: 10_000 }
    );
  }, 120_000);

  it('the figure parser never throws, and a figure it formats reads back the same', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.double().map(String), fc.integer().map((n) => n.toLocaleString('en-US'))), fc.constantFrom('count', 'money', 'signed-count', 'signed-money' as const), (s, rule) => {
        const f = parseFigure(s, rule, '件');
        if (f.kind === 'number') expect(parseFigure(formatFigure(f.value), rule, '件')).toMatchObject({ kind: 'number', value: f.value });
      }),
      { numRuns: 5_000 }
    );
  }, 120_000);

  it('xlsx write → read is the identity on random reports of every form', () => {
    fc.assert(
      fc.property(fc.constantFrom(...templates), fc.array(fc.oneof(fc.integer({ min: 0, max: 99999 }).map(String), fc.constantFrom('', '', 'abc', '=1+1', '0')), { minLength: 200, maxLength: 200 }), (template, figs) => {
        const values = new Map<string, CellEntry>();
        let i = 0;
        for (const table of template.tables)
          for (const row of table.rows)
            for (const col of table.columns.flatMap(function leaves(c): typeof c[] { return c.children?.length ? c.children.flatMap(leaves) : [c]; })) {
              const made = makeEntry(template, { table: table.id, row: row.id, col: col.id }, figs[i++ % figs.length]);
              if (made && made.entry.raw !== '') values.set(`${table.id}/${row.id}/${col.id}`, made.entry);
            }
        const found = findTable(template, sourceOfSheets(readSheets(writeWorkbook({ template, unit: '随机县', year: 2024, values }))))!;
        const back = new Map(found.report.entries.filter((e) => e.entry.raw !== '').map((e) => [e.key, e.entry]));
        expect(back).toEqual(values);
      }),
      { numRuns: 60 }
    );
  }, 120_000);
});
