// PDF in: real reports as published (WPS, with a table broken over pages, group labels beside
// their rows, wrapped labels, figures centred) and real tables printed by an office suite
// (figures right-aligned, headers repeated on each page, a column blank all the way down). The
// tables are rebuilt from the words' positions; what lands must be exactly what is printed.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/lib/domain/checks';
import { findForm } from '../../src/lib/sheets/import';
import { readPdf, unreadable, type PdfJs } from '../../src/lib/sheets/read-pdf';
import { pdfBlocks, unifyRadicals, type PdfPage } from '../../src/lib/sheets/pdf-layout';
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
      expect(fits.report.dropped.map((d) => d.why)).toEqual(Array(7).fill('本表式中该行由子项自动合计，子项未填，这个合计数没有填入'));
      // One item per column, each named by its column (not the row's name seven times).
      expect(new Set(fits.report.dropped.map((d) => d.text)).size).toBe(7);
      expect(fits.report.dropped[0].text).toMatch(/^（六）其他处理 × 自然人：/);
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
  // What readers give of printed and published tables (tests/fixtures/pdf/README.md): poppler's
  // pdftotext -raw (`content`: the content's order, row after row, as Chrome's viewer copies),
  // -layout (spacing kept) and no option (`raw`: poppler's reading order, which moves figures
  // before, after and among the labels); and pdf.js's text items a line each (`cells`, made here).
  // Page headers, page numbers, the repeated header's words (…总计 / 其他) and, in the published
  // reports, the prose sit among the rows. A figure in a wrong cell is never acceptable; one
  // the text cannot place is reported. `raw` lands less: where its figures left their labels,
  // only runs of one and the same figure can be placed, and only where they are exactly as many
  // as the cells of the rows around them.
  const land = (id: string, text: string) => {
    const fx = realTables.find((t) => t.id === id)!;
    const decision = decidePaste(templates, templates.find((t) => t.id === fx.form)!, clipboardBlocks(undefined, text));
    expect(decision.kind).toBe('fill');
    const got = decision.kind === 'fill' ? pasteReport(decision.plan).entries.filter((e) => e.entry.raw !== '') : [];
    const printed = Object.values(fx.cells).filter((raw) => raw.trim() !== '').length;
    return { wrong: got.filter((e) => (fx.cells[e.key] ?? '').trim() !== e.entry.raw).map((e) => `${e.key}=${e.entry.raw}`), share: got.length / printed };
  };
  const copied = (file: string) => readFileSync(new URL(`../fixtures/pdf/copied/${file}.txt`, import.meta.url), 'utf8');
  const floors = { raw: 0.65, layout: 0.95, content: 0.95 };
  for (const id of ['2023-jiangsu-huaian-hongze-district', '2022-fujian-pingtan-market-supervision-bureau'])
    for (const kind of ['raw', 'layout', 'content'] as const)
      it(`${id}, ${kind}: no figure in a wrong cell; at least ${floors[kind] * 100} % land`, () => {
        const { wrong, share } = land(id, copied(`${id}.${kind}`));
        expect(wrong).toEqual([]);
        expect(share).toBeGreaterThanOrEqual(floors[kind]);
      });
  for (const id of ['2023-jiangsu-huaian-hongze-district', '2024-jiangsu-huaian-hongze-district'])
    it(`${id} as published (prose, page numbers), content order: no figure in a wrong cell; every figure lands`, () => {
      const { wrong, share } = land(id, copied(`published-${id}.content`));
      expect(wrong).toEqual([]);
      expect(share).toBe(1);
    });

  // pdf.js's text items in the content's order, one a line: labels cut into their numbering and
  // lines (1. / 属于国家秘密, 危及 / “ / 三安全一稳定 / ”), units on their own (251000 / 元).
  const fileBytes = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/pdf/${name}`, import.meta.url)));
  const cellByCell = async (file: string) => {
    const doc = await (await pdfjs()).getDocument({ data: fileBytes(file), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
    const lines: string[] = [];
    for (let p = 1; p <= doc.numPages; p++)
      for (const item of (await (await doc.getPage(p)).getTextContent()).items) if ('str' in item && item.str.trim()) lines.push(item.str);
    return lines.join('\n');
  };
  const sources = [
    ...readdirSync(new URL('../fixtures/pdf/printed/', import.meta.url)).filter((f) => f.endsWith('.pdf')).map((f) => [f.replace(/\.pdf$/, ''), `printed/${f}`]),
    ...['2023-jiangsu-huaian-hongze-district', '2024-jiangsu-huaian-hongze-district'].map((id) => [id, `${id}.pdf`])
  ];
  // Rows printed with a cell left blank: a line of their figures cannot say which columns they are in.
  const sparse: Record<string, number> = { '2019-shanghai-municipal-government-general-office': 0.3 };
  for (const [id, file] of sources)
    it(`${file}, a cell a line: no figure in a wrong cell; at least ${(sparse[id] ?? 0.95) * 100} % land`, async () => {
      const { wrong, share } = land(id, await cellByCell(file));
      expect(wrong).toEqual([]);
      expect(share).toBeGreaterThanOrEqual(sparse[id] ?? 0.95);
    }, 30_000);
  it('the sparse table, a cell a line: its 元 amount is refused, not read as 万元, and what cannot be placed is reported', async () => {
    const fx = realTables.find((t) => t.id === '2019-shanghai-municipal-government-general-office')!;
    const decision = decidePaste(templates, templates.find((t) => t.id === fx.form)!, clipboardBlocks(undefined, await cellByCell('printed/2019-shanghai-municipal-government-general-office.pdf')));
    if (decision.kind !== 'fill') throw new Error(decision.kind);
    const report = pasteReport(decision.plan);
    expect(report.refused.map((r) => r.raw)).toContain('251000元');
    expect(report.dropped.map((d) => d.text)).toContain('一、本年新收政府信息公开申请数量：821 35 2 1 859');
  }, 30_000);
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

describe('characters a font maps oddly', () => {
  it('the Kangxi radicals some fonts give for 一, 二 (⼀ U+2F00, ⼆ U+2F06) are read as the ideographs', () => {
    expect(unifyRadicals('⼀、本年新收，⼆、上年结转，⼈')).toBe('一、本年新收，二、上年结转，人');
    expect(unifyRadicals('三、本年度办理结果')).toBe('三、本年度办理结果');
    const page = (words: PdfPage['words']): PdfPage => ({ width: 595, height: 842, words });
    const rows = ['⼀、本年新收政府信息公开申请数量', '⼆、上年结转政府信息公开申请数量'].flatMap((label, i) => [
      { str: label, x: 60, y: 100 + 20 * i, w: 200, size: 10 },
      ...['12', '3', '15'].map((f, j) => ({ str: f, x: 300 + 60 * j, y: 100 + 20 * i, w: 12, size: 10 }))
    ]);
    const text = pdfBlocks([page(rows)]).blocks.flatMap((b) => b.rows.flat()).join('|');
    expect(text).toContain('一、本年新收政府信息公开申请数量');
    expect(text).not.toMatch(/[\u2f00-\u2fd5]/);
  });
});
