// PDF in: real reports as published (WPS, with a table broken over pages, group labels beside
// their rows, wrapped labels, figures centred) and real tables printed by an office suite
// (figures right-aligned, headers repeated on each page, a column blank all the way down). The
// tables are rebuilt from the words' positions; what lands must be exactly what is printed.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/lib/domain/checks';
import { findForm } from '../../src/lib/sheets/import';
import { readPdf, unreadable, type PdfJs } from '../../src/lib/sheets/read-pdf';
import { pdfBlocks, type PdfPage } from '../../src/lib/sheets/pdf-layout';
import { ReadError } from '../../src/lib/sheets/read';
import { templates } from '../../src/lib/templates/index';
import { clipboardBlocks } from '../../src/lib/sheets/blocks';
import { decidePaste } from '../../src/lib/domain/mapping';
import { pasteReport } from '../../src/lib/domain/paste-report';
import { realTables } from '../fixtures/real/load';

const pdfjs = async () => (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfJs;
const file = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/pdf/${name}`, import.meta.url)));
interface Published {
  id: string;
  unit: string;
  year: number;
  cells: Record<string, string>;
  audit: { cell: string; expected: number; actual: number }[];
}
const published: Published[] = JSON.parse(readFileSync(new URL('../fixtures/pdf/published.json', import.meta.url), 'utf8'));

async function read(name: string) {
  const source = await readPdf(await pdfjs(), file(name), name);
  const { fits } = findForm(templates, source);
  return { source, fits: fits!, got: new Map((fits?.report.entries ?? []).map((e) => [e.key, e.entry.raw])) };
}

describe('a report PDF as published', () => {
  for (const p of published)
    it(`${p.id}: every figure of its tables lands where it is printed; unit and year from the title`, async () => {
      const { fits, got } = await read(`${p.id}.pdf`);
      expect(fits.template.id).toBe('gov-2021');
      expect(fits.meta).toEqual({ unit: p.unit, year: p.year });
      const wrong = Object.entries(p.cells).filter(([k, raw]) => got.get(k) !== raw).map(([k, raw]) => `${k}: printed ${raw}, got ${got.get(k) ?? '—'}`);
      expect(wrong).toEqual([]);
      expect([...got.keys()].filter((k) => !(k in p.cells))).toEqual([]);
      // （六）其他处理 printed as one row, where the form has three: said, not guessed.
      expect(fits.report.dropped.map((d) => d.why)).toEqual(Array(7).fill('该行是标题行，不填数'));
      // The audited errors are found, and nothing else.
      const values = new Map(fits.report.entries.map((e) => [e.key, e.entry]));
      const errors = check(fits.template, values).findings.filter((f) => f.severity === 'error');
      expect(new Set(errors.map((f) => f.subjectKey))).toEqual(new Set(p.audit.map((a) => a.cell)));
    }, 30_000);
});

describe('real tables printed to PDF by an office suite', () => {
  // Every printed table kept here: among them a sparse one (whole columns and the 复议后起诉 block
  // blank, a figure set between its label's two lines) and one continued on a new page under its
  // repeated header with rows printed without figures (2. wrapped, 3.其他, then （七）总计).
  const printed = readdirSync(new URL('../fixtures/pdf/printed/', import.meta.url)).filter((f) => f.endsWith('.pdf')).map((f) => f.replace(/\.pdf$/, ''));
  it('holds the tables that once failed', () => expect(printed).toEqual(expect.arrayContaining(['2019-shanghai-municipal-government-general-office', '2023-jiangsu-huaian-hongze-district'])));
  for (const id of printed)
    it(`${id}: every printed figure lands in its cell, and nothing else`, async () => {
      const fx = realTables.find((t) => t.id === id)!;
      const { fits, got } = await read(`printed/${id}.pdf`);
      expect(fits.template.id).toBe(fx.form);
      const wrong = Object.entries(fx.cells).filter(([k, raw]) => raw.trim() !== '' && got.get(k) !== raw.trim()).map(([k, raw]) => `${k}: ${raw} → ${got.get(k) ?? '—'}`);
      expect(wrong).toEqual([]);
      const misplaced = [...got].filter(([k, raw]) => raw !== '' && (fx.cells[k] ?? '').trim() !== raw);
      expect(misplaced).toEqual([]);
    }, 30_000);
});

describe('text copied out of a PDF reader and pasted', () => {
  // What poppler's pdftotext gives of two printed tables: raw (content order, as Chrome's viewer
  // copies, one cell a line) and -layout (a reader that keeps the spacing). In both, the
  // repeated header's words (…总计 / 其他) sit among the rows' labels.
  for (const id of ['2023-jiangsu-huaian-hongze-district', '2022-fujian-pingtan-market-supervision-bureau'])
    for (const kind of ['raw', 'layout'] as const)
      it(`${id}, ${kind}: no figure in a wrong cell${kind === 'layout' ? '; at least 95 % land' : ''}`, () => {
        const fx = realTables.find((t) => t.id === id)!;
        const text = readFileSync(new URL(`../fixtures/pdf/copied/${id}.${kind}.txt`, import.meta.url), 'utf8');
        const decision = decidePaste(templates, templates.find((t) => t.id === fx.form)!, clipboardBlocks(undefined, text));
        expect(decision.kind).toBe('fill');
        const got = decision.kind === 'fill' ? pasteReport(decision.plan).entries.filter((e) => e.entry.raw !== '') : [];
        expect(got.filter((e) => (fx.cells[e.key] ?? '').trim() !== e.entry.raw).map((e) => `${e.key}=${e.entry.raw}`)).toEqual([]);
        const printed = Object.values(fx.cells).filter((raw) => raw.trim() !== '').length;
        if (kind === 'layout') expect(got.length / printed).toBeGreaterThanOrEqual(0.95);
      });
});

describe('PDFs that hold no table to read', () => {
  const page = (words: PdfPage['words']): PdfPage => ({ width: 595, height: 842, words });
  it('a scan (no text layer) and a text layer without a Unicode map are refused with the reason', () => {
    expect(unreadable([page([])], '扫描件.pdf')).toMatch(/没有文字层（可能是扫描件或图片）/);
    const garbled = Array.from({ length: 300 }, (_, i) => ({ str: '\ue010\ue011', x: 50 + (i % 20) * 20, y: 60 + Math.floor(i / 20) * 14, w: 18, size: 10 }));
    expect(unreadable([page(garbled)], '乱码.pdf')).toMatch(/文字层无法识别/);
  });

  it('prose with figures in it is no table: a report without its tables says so', () => {
    const words = [
      { str: '全年共受理政府信息公开申请 58 件，办结 55 件。', x: 60, y: 100, w: 300, size: 12 },
      { str: '发生行政复议 2 件、行政诉讼 1 件。', x: 60, y: 118, w: 220, size: 12 },
      { str: '-', x: 290, y: 800, w: 4, size: 10 },
      { str: '3', x: 296, y: 800, w: 6, size: 10 },
      { str: '-', x: 304, y: 800, w: 4, size: 10 }
    ];
    expect(pdfBlocks([page(words)]).blocks).toEqual([]);
  });

  it('a file that is no PDF, or is broken, is refused as such', async () => {
    const broken = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF');
    await expect(readPdf(await pdfjs(), broken, '坏的.pdf')).rejects.toThrow(ReadError);
  });

  it('an encrypted PDF (a password to open it) is refused with that reason', async () => {
    // Made by LibreOffice: soffice --convert-to 'pdf:writer_pdf_Export:{"EncryptFile":…,"DocumentOpenPassword":…}'
    const bytes = new Uint8Array(readFileSync(new URL('../fixtures/pdf/encrypted.pdf', import.meta.url)));
    await expect(readPdf(await pdfjs(), bytes, '加密的年报.pdf')).rejects.toThrow(/「加密的年报.pdf」有密码保护，无法读取/);
  });
});
