// The 2021 format through paste, download and import: web-page tables map by row label ×
// column label, the workbook keeps the official layout and its formulas say what the app says.
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { check } from '$lib/domain/checks';
import { makeEntry } from '$lib/domain/entry';
import { mapToForm } from '$lib/domain/form-map';
import { computeMarks, verdictMarks } from '$lib/domain/marks';
import type { CellEntry } from '$lib/domain/model';
import { clipboardBlocks } from '$lib/sheets/blocks';
import { sourceOfSheets } from '$lib/sheets/read-source';
import { findTable } from '$lib/sheets/import';
import { readSheets } from '$lib/sheets/read';
import { buildWorkbook, SHEET_TABLE, writeWorkbook } from '$lib/sheets/workbook';
import { report2021, table3Html, table4Html } from '../../../tests/fixtures/national-2021';
import { evaluateSheet } from '../../../tests/fixtures/hyperformula';
import { gov2021 as tpl } from './gov-2021';

const values = (cells: Record<string, string>) => {
  const v = new Map<string, CellEntry>();
  for (const [key, raw] of Object.entries(cells)) {
    const [table, row, col] = key.split('/');
    v.set(key, makeEntry(tpl, { table, row, col }, raw)!.entry);
  }
  return v;
};
const table = (id: string) => tpl.tables.find((t) => t.id === id)!;

describe('web-page tables map by row label × column label', () => {
  it('表三 with nested headers, spanning group labels and &nbsp;', () => {
    const cells = report2021();
    const plan = mapToForm(tpl, clipboardBlocks(table3Html(cells), ''));
    expect(plan.mode).toBe('labels');
    expect(plan.unmatched).toEqual([]);
    expect(plan.missing).toEqual([]);
    for (const w of plan.writes) expect([w.key, w.raw]).toEqual([w.key, cells[w.key] ?? '']);
    expect(plan.writes).toHaveLength(25 * 7);
  });

  it('表四: one row of 15 figures under three header rows, no row label', () => {
    const cells = report2021();
    const plan = mapToForm(tpl, clipboardBlocks(table4Html(cells), ''));
    expect(plan.writes.map((w) => [w.key, w.raw])).toEqual(Object.entries(cells).filter(([k]) => k.startsWith('t4/')).map(([k, v]) => [k, v]));
  });
});

describe('the 2021 workbook', () => {
  it('round-trips exactly, every table from one sheet', () => {
    const v = values({ ...report2021(), 't3/3.3.1/biz': '3' });
    const found = findTable(tpl, sourceOfSheets(readSheets(writeWorkbook({ template: tpl, unit: '某区', year: 2022, values: v }))))!;
    expect(found.plan.tables).toEqual(tpl.tables.map((t) => t.id));
    expect(JSON.stringify(found.report.unmatched)).toBe('[]');
    expect(found.meta).toEqual({ unit: '某区', year: 2022 });
    const back = new Map(found.report.entries.filter((e) => e.entry.raw !== '').map((e) => [e.key, e.entry]));
    expect(back).toEqual(v);
    expect(check(tpl, back).findings).toEqual(check(tpl, v).findings);
  });

  it('merges the nested header cells as printed and leaves the derived 小计 out', () => {
    const ws = buildWorkbook({ template: tpl, unit: '某区', year: 2022, values: values(report2021()) }).Sheets[SHEET_TABLE];
    const text = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1, defval: '' }).flat();
    expect(text).toContain('法人或其他组织');
    expect(text).not.toContain('小计（自动）');
    const merges = ws['!merges']!.map((m) => XLSX.utils.encode_range(m));
    const at = (label: string) => Object.entries(ws).find(([, c]) => (c as XLSX.CellObject).v === label)![0];
    expect(merges.some((m) => m.startsWith(`${at('法人或其他组织')}:`))).toBe(true);
    expect(merges.some((m) => m.startsWith(`${at('自然人')}:`))).toBe(true);
  });

  it.each([
    ['consistent', {}],
    ['one wrong cell', { 't3/3.3.1/biz': '3' }],
    ['a wrong total', { 't3/3.7/biz': '17' }],
    ['blank total', { 't3/1/total': '' }],
    ['blank balance part', { 't3/3.7/sci': '' }],
    ['表四 off', { 't4/n/d.total': '5' }]
  ])('I1–I4 formulas say what the app says: %s', (_, overrides) => {
    const cells = { ...report2021(), ...overrides } as Record<string, string>;
    for (const [k, v] of Object.entries(cells)) if (v === '') delete cells[k];
    const v = values(cells);
    const ws = buildWorkbook({ template: tpl, unit: '某区', year: 2022, values: v }).Sheets[SHEET_TABLE];
    const range = XLSX.utils.decode_range(ws['!ref']!);
    const value = evaluateSheet(ws);
    const marks = verdictMarks(check(tpl, v));
    let compared = 0;
    for (let r = 0; r <= range.e.r; r++)
      for (let c = 0; c <= range.e.c; c++) {
        const cell = ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
        if (!cell?.f) continue;
        compared++;
        expect(value(r, c)).toBe(cell.v); // cached value = the app's words
      }
    expect(compared).toBeGreaterThan(20);
    expect([...marks.rows.values()].some((s) => s.text)).toBe(true);
  });
});
