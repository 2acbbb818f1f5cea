// The published report, whole, in Node (the worker runs the same code): a real 5-page report PDF
// read by pdf.js, its tables rebuilt from positions and mapped to the form; and its prose judged
// against the tables (正文与表格) for every real report text we hold.
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { readPdf, type PdfJs } from '../src/lib/sheets/read-pdf';
import { findForm } from '../src/lib/sheets/import';
import { templates } from '../src/lib/templates/index';
import { findTemplate } from '../src/lib/templates';
import { proseStatements } from '../src/lib/domain/prose/statements';
import type { CellEntry } from '../src/lib/domain/model';
import { realTables } from '../tests/fixtures/real/load';
import type { Figure } from './figures';
import { stat, timeSync } from './stats';

const group = 'The published report (Node, in-process)';
const fixture = (p: string) => new URL(`../tests/fixtures/${p}`, import.meta.url);

export async function pdfFigures(quick: boolean): Promise<Figure[]> {
  const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfJs;
  const file = readFileSync(fixture('pdf/2024-jiangsu-huaian-hongze-district.pdf'));
  const runs = quick ? 2 : 10;
  const samples: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    const source = await readPdf(pdfjs, new Uint8Array(file), 'report.pdf');
    const { fits } = findForm(templates, source);
    if (fits?.report.filled !== 179) throw new Error(`the 5-page PDF landed ${fits?.report.filled} figures, expected 179`);
    if (i > 0) samples.push(performance.now() - t0); // the first run loads pdf.js's fonts and CMaps
  }
  const read = stat(samples);

  const dir = fixture('prose/');
  const texts = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => ({ id: f.slice(0, -4), text: readFileSync(new URL(f, dir), 'utf8') }));
  const cases = texts.map(({ id, text }) => {
    const t = realTables.find((x) => x.id === id)!;
    const values = new Map<string, CellEntry>(Object.entries(t.cells).filter(([, raw]) => /^\s*\d+(\.\d+)?\s*$/.test(raw)).map(([k, raw]) => [k, { raw, value: Number(raw) }]));
    return { template: findTemplate(t.form, 1)!, values, text };
  });
  const chars = Math.round(cases.reduce((n, c) => n + c.text.length, 0) / cases.length);
  const prose = timeSync((i) => void proseStatements(cases[i % cases.length].template, cases[i % cases.length].values, cases[i % cases.length].text), quick ? cases.length : cases.length * 20);
  return [
    { id: 'pdf.read5', group, name: 'a 5-page report PDF (WPS, 洪泽区 2024) read, tables rebuilt from positions, mapped: 179 figures', unit: 'ms', ...read, target: { text: '≤ 1 s', met: read.p95 <= 1000 } },
    { id: 'pdf.prose', group, name: `its prose judged against the tables (正文与表格), one real report text (${cases.length} texts, ${chars.toLocaleString('en')} characters on average)`, unit: 'ms', ...prose }
  ];
}
