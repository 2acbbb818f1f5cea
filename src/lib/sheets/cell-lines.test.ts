// The seed report as a clerk holds it — the whole document as text, its 附件1 a Word table with a
// cell a line — imported as a .txt and pasted: every figure of the table lands, wrapped labels
// included (before, 12054 under a wrapped label was left out, and its row then reported blank).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tabLedRows } from './cell-lines';
import { clipboardBlocks } from './blocks';
import { findForm } from './import';
import { readSource } from './read-source';
import { decidePaste } from '$lib/domain/mapping';
import { pasteReport } from '$lib/domain/paste-report';
import { builtinForms } from '$lib/templates';
import { templates } from '$lib/templates/index';
import { seed2017 } from '../../../tests/fixtures/seed-2017.js';
import { SEED_FILE } from '../../../tests/fixtures/seed-table.js';

const text = readFileSync(SEED_FILE, 'utf8');
const printed = new Map(seed2017.filter(([, raw]) => raw !== '').map(([row, raw]) => [`t1/${row}/v`, raw]));

describe('a Word table as text, a cell a line', () => {
  it('reads each blank-line group as a row, a wrapped label joined to its cell', () => {
    const rows = tabLedRows(text)!;
    const first = rows.find((r) => r[0].includes('主动公开政府信息数'))!;
    expect(first).toEqual([expect.stringContaining('\n'), '条', '12054']);
    // Tab-separated rows and prose are not this shape.
    expect(tabLedRows('a\tb\tc\n1\t2\t3')).toBeNull();
    expect(tabLedRows('全年共受理申请 58 件。\n办结 55 件。')).toBeNull();
  });

  it('the whole seed document imported as .txt: every printed figure in its cell, nothing else', async () => {
    const source = await readSource(new TextEncoder().encode(text), '商河县2017年报.txt');
    const { fits } = findForm(builtinForms, source);
    expect(fits?.template.id).toBe('gov-2017-county');
    const got = new Map(fits!.report.entries.filter((e) => e.entry.raw !== '').map((e) => [e.key, e.entry.raw]));
    expect(got).toEqual(printed);
  });

  it('the 附件1 pasted as such text: the same', () => {
    const table = text.slice(text.indexOf('附件1'), text.indexOf('（注：'));
    const decision = decidePaste(templates, templates.find((t) => t.id === 'gov-2017-county')!, clipboardBlocks(undefined, table));
    expect(decision.kind).toBe('fill');
    if (decision.kind !== 'fill') return;
    expect(new Map(pasteReport(decision.plan).entries.filter((e) => e.entry.raw !== '').map((e) => [e.key, e.entry.raw]))).toEqual(printed);
  });
});
