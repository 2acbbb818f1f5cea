import { describe, expect, it } from 'vitest';
import { gov2021 as tpl } from '$lib/templates/gov-2021';
import { makeEntry } from './entry';
import { pastedSuspects, type PasteReport } from './paste-report';
import { checkReport } from './report-check';
import { parseCellKey, type CellEntry, type CellKey } from './model';
import { realTables } from '../../../tests/fixtures/real/load';

// The real 2024 淮安市 table: clean as published.
const fx = realTables.find((t) => t.id === '2024-jiangsu-huaian-city')!;
const KEY = 't3/3.2/natural'; // 447 as published

const entry = (key: string, raw: string) => makeEntry(tpl, parseCellKey(key), raw)!.entry;

function pasted(cells: Record<string, string>): { report: PasteReport; values: Map<CellKey, CellEntry> } {
  const entries = Object.entries(cells).map(([key, raw]) => ({ key, entry: entry(key, raw) }));
  return { report: { entries } as unknown as PasteReport, values: new Map(entries.map((e) => [e.key, e.entry])) };
}

describe('the paste report\'s likely wrong figures', () => {
  it('names a pasted figure that is likely wrong, and not one the person typed over it since', () => {
    const clean = pasted(fx.cells);
    expect(pastedSuspects(clean.report, checkReport(tpl, clean.values).causes)).toEqual([]);
    // The paste itself wrote 10: it is the paste's figure, named.
    const wrong = pasted({ ...fx.cells, [KEY]: '10' });
    const named = pastedSuspects(wrong.report, checkReport(tpl, wrong.values).causes);
    expect(named.map((c) => c.key)).toEqual([KEY]);
    // The paste wrote 447, and 10 was typed over it: the finding stands, the paste is not blamed.
    const typed = new Map(clean.values).set(KEY, entry(KEY, '10'));
    const causes = checkReport(tpl, typed).causes;
    expect(causes.map((c) => c.key)).toContain(KEY);
    expect(pastedSuspects(clean.report, causes)).toEqual([]);
  });
});
