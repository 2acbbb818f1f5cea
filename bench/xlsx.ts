// The checked workbook written and read back as an import does it: SheetJS parse, find the
// table by its labels, plan the cells as a paste, check. In Node, in-process (the app runs the
// parse in a worker, one file at a time, on the same code).
import { check } from '$lib/domain/checks';
import { sourceOfSheets } from '$lib/sheets/read-source';
import { findTable } from '$lib/sheets/import';
import { readSheets } from '$lib/sheets/read';
import { writeWorkbook } from '$lib/sheets/workbook';
import { writeStyledWorkbook } from '$lib/sheets/styled-workbook';
import { makeEntry } from '$lib/domain/entry';
import { gov2017County as template } from '$lib/templates/gov-2017-county';
import { seedValues } from './data';
import type { Figure } from './figures';
import { stat, timeOnce, timeSync } from './stats';

const group = 'xlsx (Node, SheetJS)';

/** Report i of a batch: the seed's figures with its own unit and one figure changed. */
function report(i: number) {
  const values = seedValues(template);
  values.set('t1/4.3/v', makeEntry(template, { table: 't1', row: '4.3', col: 'v' }, String(i % 50))!.entry);
  return { template, unit: `第${i + 1}单位人民政府办公室`, year: 2017, values };
}

/** Import one file: the sheet with the table, its entries, and the check. */
function importAndCheck(bytes: Uint8Array) {
  const found = findTable(template, sourceOfSheets(readSheets(bytes, 'bench.xlsx')));
  if (!found) throw new Error('read-back found no table');
  const values = new Map(found.report.entries.filter((e) => e.entry.raw !== '').map((e) => [e.key, e.entry]));
  return check(template, values);
}

export async function xlsxFigures(quick: boolean): Promise<Figure[]> {
  const one = report(0);
  const bytes = writeWorkbook(one);
  const expected = check(template, one.values).findings.length;
  if (importAndCheck(bytes).findings.length !== expected) throw new Error('the read-back report does not check like the written one');
  const runs = quick ? 5 : 50;
  const write1 = timeSync(() => writeWorkbook(one), runs);
  const read1 = timeSync(() => importAndCheck(bytes), runs);
  // The file a person downloads: the same model dressed by ExcelJS (styles, fills, print setup).
  const styledBytes = await writeStyledWorkbook(one);
  if (importAndCheck(styledBytes).findings.length !== expected) throw new Error('the styled workbook does not read back like the written one');
  const styledSamples: number[] = [];
  for (let i = 0; i < runs + Math.ceil(runs / 5); i++) {
    const t0 = performance.now();
    await writeStyledWorkbook(one);
    if (i >= Math.ceil(runs / 5)) styledSamples.push(performance.now() - t0);
  }
  const styled1 = stat(styledSamples);

  const n = quick ? 10 : 1000;
  const reports = Array.from({ length: n }, (_, i) => report(i));
  const want = reports.reduce((a, r) => a + check(template, r.values).findings.length, 0);
  const files: Uint8Array[] = [];
  const writeAll = timeOnce(() => { for (const r of reports) files.push(writeWorkbook(r)); });
  let findings = 0;
  const readAll = timeOnce(() => { for (const f of files) findings += importAndCheck(f).findings.length; });
  if (findings !== want) throw new Error(`read-back of ${n} files: ${findings} findings, expected ${want}`);
  const kb = Math.round(files.reduce((a, f) => a + f.byteLength, 0) / n / 1024 * 10) / 10;

  return [
    { id: 'xlsx.write1', group, name: `write checked workbook, 1 report (${kb} KB)`, unit: 'ms', ...write1 },
    { id: 'xlsx.styled1', group, name: `write the styled workbook as downloaded (ExcelJS), 1 report (${Math.round(styledBytes.byteLength / 102.4) / 10} KB)`, unit: 'ms', ...styled1 },
    { id: 'xlsx.read1', group, name: 'read back + find table + check, 1 report', unit: 'ms', ...read1 },
    { id: `xlsx.write${n}`, group, name: `write ${n.toLocaleString('en')} reports (total)`, unit: 's', median: writeAll / 1000, runs: n },
    {
      id: `xlsx.read${n}`, group, name: `import + check ${n.toLocaleString('en')} unit files (total, in Node)`, unit: 's', median: readAll / 1000, runs: n,
      target: { text: quick ? '≤ 20 s for 1,000 (quick: 10 files)' : '≤ 20 s', met: readAll / 1000 <= (quick ? 0.2 : 20) }
    }
  ];
}
