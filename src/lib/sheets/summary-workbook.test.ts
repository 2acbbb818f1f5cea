// The 汇总 workbook: the summary sheet's figures are live 3D sums over the unit sheets. Recalculated
// by LibreOffice (installed on CI), it gives the app's summary and the app's verdicts, and a
// figure corrected in a unit sheet changes the summary and flips its 校验.
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { makeEntry } from '$lib/domain/entry';
import { verdictMarks } from '$lib/domain/marks';
import type { CellEntry } from '$lib/domain/model';
import { summarise, unitResult } from '$lib/domain/summary';
import { gov2017County as tpl } from '$lib/templates/gov-2017-county';
import { seed2017 } from '../../../tests/fixtures/seed-2017.js';
import { convert, officeAvailable, officeRequired, workDir, writeTemp } from '../../../tests/fixtures/office';
import { buildSummaryWorkbook, SHEET_ALL_FINDINGS, SHEET_STATUS, SHEET_SUMMARY, sheetName } from './summary-workbook';
import { writeStyledSummary } from './styled-summary';

function unit(overrides: Record<string, string>) {
  const v = new Map<string, CellEntry>();
  for (const [row, raw0] of seed2017) {
    const raw = overrides[row] ?? raw0;
    if (raw !== '') v.set(`t1/${row}/v`, makeEntry(tpl, { table: 't1', row, col: 'v' }, raw)!.entry);
  }
  return v;
}
const units = [
  { id: 'a', unit: '商河县人民政府办公室', values: unit({}) },
  { id: 'b', unit: "县教育局[西区]'", values: unit({ '8': '10', '8.1': '6', '8.2': '4', '9': '10', '9.1': '6', '9.2': '4', '10': '', '10.1': '' }) },
  { id: 'c', unit: '县财政局', values: unit({ '2.2': '14', '1.1': '12052' }) }
];
const summary = summarise(tpl, units);

/** The summary sheet's row of a label (1-based), as written. */
function rowOf(ws: XLSX.WorkSheet, label: string) {
  for (let r = 1; r < 200; r++) if (String(ws[`A${r}`]?.v ?? '').trim() === label) return r;
  throw new Error(label);
}

describe('the 汇总 workbook', () => {
  const wb = buildSummaryWorkbook({ name: '某县', year: 2017 }, summary);

  it('has the summary, status and findings sheets first, then one sheet per unit with a valid name', () => {
    expect(wb.SheetNames.slice(0, 3)).toEqual([SHEET_SUMMARY, SHEET_STATUS, SHEET_ALL_FINDINGS]);
    expect(wb.SheetNames.slice(3)).toEqual(['单位表开始', '商河县人民政府办公室', '县教育局_西区__', '县财政局', '单位表结束']);
    expect(sheetName('汇总表', new Set())).not.toBe('汇总表');
    // The markers say what they mean in a note, with no value: printing the workbook prints no page for them.
    expect(wb.Sheets['单位表开始'].A1).toMatchObject({ t: 'z', c: [{ t: '此表之后、“单位表结束”之前的各单位工作表计入汇总表。' }] });
    expect(wb.Sheets['单位表结束'].A1.v).toBeUndefined();
  });

  it('writes each summary figure as a 3D sum over the unit sheets, with the app\'s sum cached', () => {
    const ws = wb.Sheets[SHEET_SUMMARY];
    const r = rowOf(ws, '（二）通过不同渠道和方式回应解读的情况');
    expect(ws[`C${r}`].f).toBe(`IF(COUNT(单位表开始:单位表结束!C${r})=0,"",SUM(单位表开始:单位表结束!C${r}))`);
    expect(ws[`C${r}`].v).toBe(1 + 1 + 14);
    const status = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[SHEET_STATUS], { header: 1 });
    expect(status.slice(1, 4).map((row) => [row[0], row[2]])).toEqual([['商河县人民政府办公室', 4], ["县教育局[西区]'", expect.any(Number)], ['县财政局', expect.any(Number)]]);
  });
});

describe('the 汇总 workbook from kept checks not yet verified', () => {
  it('counts 单位情况 from the same check as 校验结果, not from a stale kept count', () => {
    // A unit kept by an older version of the tool with 9 errors: the summary shows it until the
    // background check corrects it; a download meanwhile must not say 9 beside its real findings.
    const stale = summarise(tpl, [], units.map((u, i) => ({ ...unitResult(tpl, u), ...(i === 0 ? { errors: 9, warnings: 7 } : {}) })));
    const book = buildSummaryWorkbook({ name: '某县', year: 2017 }, stale);
    const status = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[SHEET_STATUS], { header: 1 });
    const listed = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[SHEET_ALL_FINDINGS], { header: 1 }).filter((r) => r[0] === '商河县人民政府办公室');
    expect(status[1][0]).toBe('商河县人民政府办公室');
    expect(status[1][2]).toBe(listed.filter((r) => r[2] === '错误').length);
    expect(status[1][3]).toBe(listed.filter((r) => r[2] === '提示').length);
    expect(status[0]).toEqual(['单位', '已填格数', '错误', '提示', '已核实', '正文不一致', '合计未填', '最后修改']);
    // 正文不一致 as the report keeps it; a report without text says so.
    expect(status[1][5]).toBe('无正文');
    const withProse = XLSX.utils.sheet_to_json<unknown[]>(buildSummaryWorkbook({ name: '某县', year: 2017 }, stale, new Map(stale.units.map((u) => [u.id, { updatedAt: 1, prose: 2 }]))).Sheets[SHEET_STATUS], { header: 1 });
    expect(withProse[1][5]).toBe(2);
  });
});

describe('the styled 汇总 workbook', () => {
  it('dresses the summary and every unit sheet as the official table (fills from 校验, A4, page header), the lists with a header row', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await writeStyledSummary({ name: '某县', year: 2017 }, summary)) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(buildSummaryWorkbook({ name: '某县', year: 2017 }, summary).SheetNames);
    for (const name of [SHEET_SUMMARY, '商河县人民政府办公室', '县财政局']) {
      const ws = book.getWorksheet(name)!;
      expect(ws.pageSetup.paperSize, name).toBe(9);
      expect(ws.getCell('A1').font?.bold, name).toBe(true);
      // One conditional format per checked row, keyed on that row's own 校验 helper cells.
      expect((ws as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings.length, name).toBeGreaterThan(20);
    }
    expect(book.getWorksheet(SHEET_SUMMARY)!.headerFooter.oddHeader).toContain('某县（汇总）');
    expect(book.getWorksheet(SHEET_STATUS)!.getCell('A1').font?.bold).toBe(true);
    const r = rowOf(buildSummaryWorkbook({ name: '某县', year: 2017 }, summary).Sheets[SHEET_SUMMARY], '（二）通过不同渠道和方式回应解读的情况');
    expect((book.getWorksheet(SHEET_SUMMARY)!.getCell(`C${r}`).value as { formula: string }).formula).toContain('单位表开始:单位表结束!');
  });
});

describe.runIf(officeAvailable || officeRequired)('recalculated by LibreOffice', () => {
  it('gives the app\'s summary and verdicts; a unit corrected in its sheet changes both', { timeout: 180_000 }, async () => {
    const dir = workDir();
    // The styled workbook people download: the dressed sheets keep the model's live formulas.
    const path = writeTemp(dir, 'summary.xlsx', await writeStyledSummary({ name: '某县', year: 2017 }, summary));
    const ws = buildSummaryWorkbook({ name: '某县', year: 2017 }, summary).Sheets[SHEET_SUMMARY];
    const lines = readFileSync(convert(path, 'csv', dir), 'utf8').split('\n');
    const cell = (r: number, c: number) => lines[r - 1].split(',')[c];
    const marks = verdictMarks(summary.result);
    // Labels repeat under different sections (（二）被依法纠错数 under 四 and 五): walk them in order.
    let from = 1;
    for (const row of tpl.tables[0].rows) {
      while (String(ws[`A${from}`]?.v ?? '').trim() !== row.label) from++;
      const r = from++;
      if (row.kind === 'section') continue;
      const want = summary.values.get(`t1/${row.id}/v`)?.raw ?? '';
      expect(cell(r, 2), row.id).toBe(want);
      expect(cell(r, 3), `${row.id} 校验`).toBe(marks.rows.get(`t1/${row.id}`)?.text ?? '');
    }

    // 二（二） corrected in the two unit sheets that had it wrong (1 → 14): the summary's row adds up.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
    const r = rowOf(ws, '（二）通过不同渠道和方式回应解读的情况');
    book.getWorksheet('商河县人民政府办公室')!.getCell(`C${r}`).value = 14;
    book.getWorksheet('县教育局_西区__')!.getCell(`C${r}`).value = 14;
    const fixed = writeTemp(dir, 'fixed.xlsx', new Uint8Array(await book.xlsx.writeBuffer()));
    const after = readFileSync(convert(fixed, 'csv', dir), 'utf8').split('\n')[r - 1].split(',');
    expect([cell(r, 2), cell(r, 3)]).toEqual(['16', '≠ 子项合计 42（差 -26）']);
    expect(after.slice(2, 4)).toEqual(['42', '✓']);
  });
});
