// The checked xlsx as people take it away (ExcelJS writer): the official look, fills driven by
// the check formulas, print setup, 校验结果 in the app's words — read back with ExcelJS and
// SheetJS, and (where LibreOffice is installed; always on CI) printed to PDF and recalculated
// after a figure is changed in the file.
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Template } from '$lib/domain/model';
import { gov2017County } from '$lib/templates/gov-2017-county';
import * as XLSX from 'xlsx';
import { gov2021, richest2021, seedValues, valuesOf } from '../../../tests/fixtures/values';
import { realTables } from '../../../tests/fixtures/real/load';
import { convert, officeAvailable, officeRequired, pdfPage, pdfText, pdfWords, workDir, writeTemp } from '../../../tests/fixtures/office';
import { findTable } from './import';
import { readSheets } from './read';
import { sourceOfSheets } from './read-source';
import { writeStyledWorkbook } from './styled-workbook';
import { SHEET_FINDINGS, SHEET_TABLE } from './workbook';

const real2021 = () => richest2021();

async function load(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.slice() as unknown as ArrayBuffer); // a copy: the zip reader may take the buffer
  return wb;
}

/** The sheet row (1-based) whose label cell reads `label` (indentation trimmed). */
function rowOf(ws: ExcelJS.Worksheet, label: string): number {
  let found = 0;
  ws.eachRow((row, n) => {
    if (!found && String(row.getCell(1).value ?? '').trim() === label) found = n;
  });
  if (!found) throw new Error(`no row ${label}`);
  return found;
}

describe('the styled checked workbook', async () => {
  const bytes = await writeStyledWorkbook({ template: gov2017County, unit: '商河县人民政府办公室', year: 2017, values: seedValues(), notes: new Map([['t1/2.2/v', '解读以政策问答为主']]) });
  const wb = await load(bytes);
  const ws = wb.getWorksheet(SHEET_TABLE)!;

  it('looks like the official table: bold centred merged headers, borders, wrapped labels', () => {
    expect(ws.getCell('A1').font.bold).toBe(true);
    expect(ws.getCell('A1').isMerged).toBe(true);
    const header = ws.getCell('A3');
    expect(header.value).toBe('统计指标');
    expect(header.font.bold).toBe(true);
    expect(header.alignment.horizontal).toBe('center');
    const r = rowOf(ws, '（二）通过不同渠道和方式回应解读的情况');
    for (const c of ['A', 'B', 'C', 'D']) expect(ws.getCell(`${c}${r}`).border.top?.style).toBe('thin');
    expect(ws.getCell(`A${r}`).alignment.wrapText).toBe(true);
    expect(ws.getColumn(1).width).toBeGreaterThan(30);
  });

  it('fills failing rows through conditional formatting on the check formulas, not fixed colours', () => {
    const rules = (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string; formulae: string[] }[] }[] }).conditionalFormattings;
    const r = rowOf(ws, '（二）通过不同渠道和方式回应解读的情况');
    const mine = rules.find((x) => x.ref === `A${r}:D${r}`)!;
    expect(mine.rules[0].type).toBe('expression');
    expect(mine.rules[0].formulae[0]).toMatch(/^LEN\(\$[A-Z]+\$\d+/);
    // A passing row gets the same rule (its colour depends on the figures, not on today's verdict).
    const ok = rowOf(ws, '四、行政复议数量');
    expect(rules.some((x) => x.ref === `A${ok}:D${ok}`)).toBe(true);
    expect(ws.getCell(`C${r}`).fill?.type === 'pattern' && (ws.getCell(`C${r}`).fill as ExcelJS.FillPattern).fgColor?.argb === 'FFFFC7CE').toBe(false);
  });

  it('prints on A4, one page wide, header rows repeated, unit and year in the page header, helpers outside the print area', () => {
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.printTitlesRow).toBe('3:3');
    expect(ws.pageSetup.printArea).toMatch(/^A1:D\d+$/);
    expect(ws.headerFooter.oddHeader).toContain('商河县人民政府办公室');
    expect(ws.headerFooter.oddHeader).toContain('2017年度');
    // 校验结果 printed says whose it is and numbers its pages too.
    const list = wb.getWorksheet(SHEET_FINDINGS)!;
    expect(list.headerFooter.oddHeader).toContain('商河县人民政府办公室 校验结果');
    expect(list.headerFooter.oddFooter).toContain('第 &P 页，共 &N 页');
  });

  it('keeps only the person\'s note in comments; findings live in the 校验 column', () => {
    const r = rowOf(ws, '（二）通过不同渠道和方式回应解读的情况');
    const note = ws.getCell(`C${r}`).note;
    const text = typeof note === 'string' ? note : note?.texts?.map((t) => t.text).join('');
    expect(text).toBe('批注：解读以政策问答为主');
    const formula = ws.getCell(`D${r}`).value as ExcelJS.CellFormulaValue;
    expect(formula.formula).toContain('MID(');
    expect(formula.result).toBe('≠ 子项合计 14（差 -13）');
  });

  it('校验结果 speaks the app\'s words, has no internal ids, and shows each row\'s check live', () => {
    const f = wb.getWorksheet(SHEET_FINDINGS)!;
    const all: string[] = [];
    f.eachRow((row) => row.eachCell((cell) => all.push(typeof cell.value === 'object' && cell.value && 'formula' in cell.value ? `=${cell.value.formula}` : String(cell.value))));
    const text = all.join('\n');
    expect(text).not.toMatch(/gov-2017-county|cover:|t1\/|\/v\b/);
    expect(f.getRow(1).values).toEqual([undefined, '序号', '格子', '疑似有误的数字', '可能应为', '类型', '严重程度', '应为', '实填', '差', '说明（下载时）', '核实', '统计表中该行现在的校验']);
    let under = 0;
    f.eachRow((row, n) => {
      if (row.getCell(1).value === '2-1') under = n;
    });
    const second = f.getRow(under);
    expect(second.getCell(2).value).toBe('二（二）通过不同渠道和方式回应解读的情况');
    expect([second.getCell(7).value, second.getCell(8).value, second.getCell(9).value]).toEqual([14, 1, -13]);
    const live = second.getCell(12).value as ExcelJS.CellFormulaValue;
    expect(live.formula).toBe(`'统计表'!D${rowOf(ws, '（二）通过不同渠道和方式回应解读的情况')}`);
    expect(text).toContain('下载时的校验结果');
  });

  it('reads back into the same form and figures (SheetJS reader, label mapping)', () => {
    const found = findTable(gov2017County, sourceOfSheets(readSheets(bytes.slice(), 'x.xlsx')))!;
    expect(found.sheet).toBe(SHEET_TABLE);
    expect(found.meta).toEqual({ unit: '商河县人民政府办公室', year: 2017 });
    expect(found.report.unmatched).toEqual([]);
    const back = new Map(found.report.entries.filter((e) => e.entry.raw !== '').map((e) => [e.key, e.entry]));
    expect(back).toEqual(seedValues());
  });
});

describe('2021: every table laid out to fit itself on the one sheet', async () => {
  // A real table whose 表三 fails two checks in one row (two messages in its 校验 cell).
  const fx = realTables.find((t) => t.id === '2021-fujian-pingtan-natural-resources-bureau')!;
  const data = { template: gov2021, unit: fx.source.unit, year: fx.source.year, values: valuesOf(gov2021, fx.cells as Record<string, string>) };
  const wb = await load(await writeStyledWorkbook(data));
  const ws = wb.getWorksheet(SHEET_TABLE)!;
  const width = XLSX.utils.decode_range(ws.pageSetup.printArea!).e.c + 1;
  const merges = ((ws.model as unknown as { merges: string[] }).merges ?? []).map((m) => XLSX.utils.decode_range(m));
  /** A table row's cells left to right: the sheet columns (1-based) each spans. */
  const cellsOf = (r: number) => {
    const out: { first: number; last: number; width: number }[] = [];
    for (let c = 1; c <= width; ) {
      const m = merges.find((x) => x.s.r === r - 1 && x.s.c === c - 1);
      const last = m ? m.e.c + 1 : c;
      let w = 0;
      for (let k = c; k <= last; k++) w += ws.getColumn(k).width!;
      out.push({ first: c, last, width: Math.round(w * 100) / 100 });
      c = last + 1;
    }
    return out;
  };

  it('no sheet column is empty: every row of every table spans the sheet\'s width with exactly its own columns', () => {
    for (const [label, columns] of [['规章', 5], ['行政许可', 3], ['行政事业性收费', 3], ['（一）予以公开', 9], ['件数', 17]] as const) {
      const r = rowOf(ws, label);
      const cells = cellsOf(r);
      expect(cells.length, label).toBe(columns);
      expect(cells.at(-1)!.last, label).toBe(width);
      // Nothing merged over a figure but the figure's own cell, and no column without a cell.
      expect(cells.every((c, i) => i === 0 || c.first === cells[i - 1].last + 1), label).toBe(true);
    }
    // The label stays in column A, so the file reads back by label (round trip: workbook.test.ts).
    expect(String(ws.getCell(rowOf(ws, '件数'), 1).value)).toBe('件数');
  });

  it('表四\'s fifteen figure columns are even, and so are 表三\'s seven', () => {
    const even = (label: string, n: number) => {
      const figures = cellsOf(rowOf(ws, label)).slice(1, -1);
      expect(figures).toHaveLength(n);
      expect(new Set(figures.map((c) => c.width)).size, label).toBe(1);
    };
    even('件数', 15);
    even('（一）予以公开', 7);
  });

  it('the 校验 column wraps, wide enough for a message a line, and its row is as tall as its messages', () => {
    const r = rowOf(ws, '（七）总计');
    const check = cellsOf(r).at(-1)!;
    expect(check.width).toBeGreaterThanOrEqual(28);
    const cell = ws.getCell(r, check.first);
    expect(cell.alignment.wrapText).toBe(true);
    expect((cell.value as ExcelJS.CellFormulaValue).result).toBe('自然人：≠ 明细合计 16（差 +2）；社会公益组织：≠ 明细合计 2（差 -2）');
    // Two lines: Excel grows neither a merged nor a formula row by itself, so the height is set.
    expect(ws.getRow(r).height).toBeGreaterThanOrEqual(2 * 14);
    for (let n = 1; n <= ws.rowCount; n++) expect(ws.getRow(n).height, `row ${n}`).toBeGreaterThan(0);
  });

  it('校验结果: the notes under the list are merged over the sheet\'s width and wrap, so they print whole', () => {
    const f = wb.getWorksheet(SHEET_FINDINGS)!;
    const fm = ((f.model as unknown as { merges: string[] }).merges ?? []);
    for (const name of ['说明', '表式']) {
      const r = rowOf(f, name);
      expect(fm, name).toContain(`B${r}:L${r}`);
      expect(f.getCell(r, 2).alignment.wrapText).toBe(true);
    }
  });
});

describe.runIf(officeAvailable || officeRequired)('printed and recalculated by LibreOffice', () => {
  const pink = ([r, g, b]: [number, number, number]) => r > 240 && g > 180 && g < 215 && b > 190 && b < 220;

  /** Whether the background right of a row's label is the error fill, on the printed page. */
  function rowIsPink(pdf: string, label: string) {
    const word = pdfWords(pdf).find((w) => w.text === label);
    if (!word) throw new Error(`${label} not printed`);
    const page = pdfPage(pdf, word.page);
    const y = (word.y0 + word.y1) / 2;
    return Array.from({ length: 10 }, (_, i) => page.rgb(word.x1 + 3 + i * 2, y)).some(pink);
  }

  /** The sheet's pages in the PDF: those whose footer says 共 N 页 (校验结果 has none). */
  // The table's pages: numbered in their footer, and not 校验结果's (numbered too, its header row repeated on each).
  const tablePages = (pdf: string) => pdfText(pdf).filter((p) => /第 \d+ 页，共 \d+ 页/.test(p) && !(/序号/.test(p) && /可能应为/.test(p))).length;

  it('2017: the table prints on at most 2 A4 pages with every figure beside its label; the failing rows are filled', { timeout: 180_000 }, async () => {
    const dir = workDir();
    const path = writeTemp(dir, 'seed.xlsx', await writeStyledWorkbook({ template: gov2017County, unit: '商河县', year: 2017, values: seedValues() }));
    const pdf = convert(path, 'pdf', dir);
    expect(tablePages(pdf)).toBeLessThanOrEqual(2);
    const words = pdfWords(pdf);
    // Beside its label: the figure 11946 sits on the same printed line and page as 2.政府网站….
    const label = words.find((w) => w.text === '2.政府网站公开政府信息数')!;
    const figure = words.find((w) => w.text === '11946')!;
    expect(figure.page).toBe(label.page);
    expect(Math.abs(figure.y0 - label.y0)).toBeLessThan(3);
    expect(rowIsPink(pdf, '（二）通过不同渠道和方式回应解读的情况')).toBe(true);
    expect(rowIsPink(pdf, '（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）')).toBe(true);
    expect(rowIsPink(pdf, '2.政府网站公开政府信息数')).toBe(false);
    expect(pdfText(pdf).join('\n')).toContain('商河县');
  });

  it('2017: a figure corrected in the file flips its fill and its 校验 after recalculation', { timeout: 180_000 }, async () => {
    const dir = workDir();
    const wb = await load(await writeStyledWorkbook({ template: gov2017County, unit: '商河县', year: 2017, values: seedValues() }));
    const ws = wb.getWorksheet(SHEET_TABLE)!;
    const r = rowOf(ws, '（二）通过不同渠道和方式回应解读的情况');
    ws.getCell(`C${r}`).value = 14; // as a person would, in Excel: the sum of its parts
    wb.calcProperties = { fullCalcOnLoad: true }; // Excel recalculates as it goes; ask LibreOffice to on opening
    const path = writeTemp(dir, 'fixed.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
    const pdf = convert(path, 'pdf', dir);
    expect(rowIsPink(pdf, '（二）通过不同渠道和方式回应解读的情况')).toBe(false);
    expect(rowIsPink(pdf, '（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）')).toBe(true);
    const csv = convert(path, 'csv', dir);
    const line = readFileSync(csv, 'utf8').split('\n')[r - 1];
    expect(line.split(',').slice(2, 4)).toEqual(['14', '✓']);
  });

  it('an own form of two tables: a link between them is a live check in the file, and a corrected figure flips it', { timeout: 180_000 }, async () => {
    const cols = [{ id: 'y', label: '本年度' }, { id: 'z', label: '历年累计' }];
    const form: Template = {
      id: 'own-two', version: 1, name: '两表', title: '{year}年统计表', source: 'test',
      tables: [
        { id: 'a', title: '受理表', labelHeader: '指标名称', unitHeader: '计量单位', columns: cols, relations: [],
          rows: [{ id: 'recv', label: '受理申请总数', level: 0, kind: 'value', unit: '件' }, { id: 'face', label: '1.当面申请', level: 1, kind: 'value', unit: '件' }, { id: 'web', label: '2.网上申请', level: 1, kind: 'value', unit: '件' }] },
        { id: 'b', title: '答复表', labelHeader: '指标名称', unitHeader: '计量单位', columns: cols.map((c) => ({ ...c, id: `${c.id}2` })), relations: [],
          rows: [{ id: 'done', label: '答复总数', level: 0, kind: 'value', unit: '件' }] }
      ],
      links: [{ kind: 'same', id: 'reply', row: { table: 'b', row: 'done' }, as: { table: 'a', row: 'recv' } }]
    };
    const v = (raw: string) => ({ raw, value: Number(raw) });
    const values = new Map([['a/recv/y', v('5')], ['a/face/y', v('2')], ['a/web/y', v('3')], ['a/recv/z', v('30')], ['a/face/z', v('10')], ['a/web/z', v('20')], ['b/done/y2', v('4')], ['b/done/z2', v('30')]]);
    const dir = workDir();
    const wb = await load(await writeStyledWorkbook({ template: form, unit: '某局', year: 2023, values }));
    const ws = wb.getWorksheet(SHEET_TABLE)!;
    const r = rowOf(ws, '答复总数');
    const line = (csv: string) => readFileSync(csv, 'utf8').split('\n').find((l) => l.startsWith('答复总数'))!;
    wb.calcProperties = { fullCalcOnLoad: true };
    const before = writeTemp(dir, 'before.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(line(convert(before, 'csv', dir))).toContain('≠ 受理表 · 受理申请总数 × 本年度 5（差 -1）');
    ws.getCell(`C${r}`).value = 5; // corrected in Excel
    const after = writeTemp(dir, 'after.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(line(convert(after, 'csv', dir))).toMatch(/^答复总数,件,5,30,✓/);
  });

  it('2021: the four tables print on at most 4 A4 pages, every figure on the page of its label', { timeout: 180_000 }, async () => {
    const dir = workDir();
    const real = real2021();
    const path = writeTemp(dir, 'real2021.xlsx', await writeStyledWorkbook({ ...real, template: gov2021 as Template }));
    const pdf = convert(path, 'pdf', dir);
    expect(tablePages(pdf)).toBeLessThanOrEqual(4);
    const text = pdfText(pdf).join('\n');
    for (const t of gov2021.tables) expect(text).toContain((t.caption ?? t.title).slice(0, 8));
  });
});
