// 下载 Word: the published tables (tables.ts, the official layout) as a .docx ready to drop into
// the 年度报告 — merged headers, borders, 仿宋 body and 黑体 headings, A4 (landscape when a table
// is wide), unit and year in the page header. The docx library is loaded only when asked for.
import {
  AlignmentType, BorderStyle, Document, Header, HeightRule, Packer, PageOrientation, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType
} from 'docx';
import { printedTables, titleOf, type PublishData } from './tables';

const BODY = '仿宋';
const HEAD = '黑体';
const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: line, bottom: line, left: line, right: line };
/** A table of at most this many rows is kept on one page (表二's, 表四); a longer one breaks between rows. */
const SHORT = 12;

const run = (text: string, o: { bold?: boolean; font?: string; size?: number } = {}) =>
  new TextRun({ text, bold: o.bold, font: { name: o.font ?? BODY, eastAsia: o.font ?? BODY }, size: o.size ?? 21 });

/** keep: the row stays on the page of the row after it (Word's 与下段同页 on its paragraphs). */
function cell(text: string, o: { colspan?: number; rowspan?: number; bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: number; width?: number; keep?: boolean } = {}) {
  return new TableCell({
    children: [new Paragraph({ alignment: o.align ?? AlignmentType.LEFT, indent: o.indent ? { left: o.indent * 240 } : undefined, keepNext: o.keep, children: [run(text, { bold: o.bold })] })],
    columnSpan: o.colspan && o.colspan > 1 ? o.colspan : undefined,
    rowSpan: o.rowspan && o.rowspan > 1 ? o.rowspan : undefined,
    verticalAlign: VerticalAlign.CENTER,
    borders,
    width: o.width ? { size: o.width, type: WidthType.DXA } : undefined
  });
}

export async function writeDocx(data: PublishData): Promise<Uint8Array> {
  const tables = printedTables(data);
  const wide = tables.some((t) => t.layout.columns.length > 3);
  // Text width in twentieths of a point: A4 less 2 cm margins each side.
  const textWidth = wide ? 16838 - 2 * 1134 : 11906 - 2 * 1134;
  // The title, the unit line and each heading keep with what follows them; in a table the header
  // rows keep with the first rows under them, and a short table (表二's, 表四) keeps whole, so no
  // heading or header row is left at a page's foot. Rows never split across pages.
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, keepNext: true, children: [run(titleOf(data), { bold: true, font: '宋体', size: 32 })] }),
    new Paragraph({ spacing: { after: 120 }, keepNext: true, children: [run(`单位名称：${data.unit}　　年度：${data.year}`)] })
  ];
  for (const t of tables) {
    if (t.heading) children.push(new Paragraph({ spacing: { before: 240, after: 120 }, keepNext: true, keepLines: true, children: [run(t.heading, { bold: true, font: HEAD, size: 24 })] }));
    // Rows kept with the next: all but the last of a short table, else the first two.
    const kept = t.body.length <= SHORT ? t.body.length - 1 : 2;
    const n = t.layout.columns.length;
    // As in the HTML: the labels take what the figures leave (one figure column: most of the width).
    const labelW = Math.round(textWidth * (n === 1 ? 0.66 : n <= 3 ? 0.5 : n <= 8 ? 0.3 : 0.22));
    const unitW = t.layout.hasUnit ? 900 : 0;
    const figW = Math.floor((textWidth - labelW - unitW) / n);
    const widths = [labelW, ...(t.layout.hasUnit ? [unitW] : []), ...Array(n).fill(figW)];
    const rows: TableRow[] = [];
    if (t.banner) rows.push(new TableRow({ tableHeader: true, cantSplit: true, children: [cell(t.banner, { colspan: t.columns, bold: true, align: AlignmentType.CENTER, keep: true })] }));
    for (const head of t.head)
      rows.push(new TableRow({ tableHeader: true, cantSplit: true, children: head.map((h) => cell(h.text, { colspan: h.colspan, rowspan: h.rowspan, bold: true, align: AlignmentType.CENTER, keep: true })) }));
    t.body.forEach((r, i) => {
      // A section row (三、本年度办理结果) keeps with the row under it too.
      const keep = i < kept || (r.section && i < t.body.length - 1);
      rows.push(new TableRow({
        cantSplit: true,
        height: { value: 340, rule: HeightRule.ATLEAST },
        children: [
          cell(r.label, { indent: r.indent, bold: r.section, width: labelW, keep }),
          ...(r.unit === null ? [] : [cell(r.unit, { align: AlignmentType.CENTER, width: unitW, keep })]),
          ...r.figures.map((f) => cell(f, { align: AlignmentType.RIGHT, width: figW, keep }))
        ]
      }));
    });
    children.push(new Table({ rows, columnWidths: widths, layout: TableLayoutType.FIXED, width: { size: textWidth, type: WidthType.DXA } }));
  }
  const doc = new Document({
    creator: '年报统计表校验',
    title: titleOf(data),
    styles: { default: { document: { run: { font: { name: BODY, eastAsia: BODY }, size: 21 } } } },
    sections: [{
      properties: { page: { size: { orientation: wide ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT, width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
      headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(`${data.unit}　${data.year}年度`, { size: 18 })] })] }) },
      children
    }]
  });
  const blob = await Packer.toBlob(doc);
  return new Uint8Array(await blob.arrayBuffer());
}
