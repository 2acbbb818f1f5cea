// The published table: the form's tables in the official layout (domain/layout.ts, the same model
// as the grid and the xlsx) as HTML that Word and WPS paste with merged headers, borders, widths
// and the usual fonts; as a clean fragment for a website's editor; and as tab-separated text.
// Pure: no DOM, so it is tested directly and serves copy, the web code, print and Word alike.
import { display } from '$lib/domain/entry';
import { tableLayout, type TableLayout } from '$lib/domain/layout';
import { cellKey, hasCell, type CellEntry, type CellKey, type TableDef, type Template } from '$lib/domain/model';

export interface PublishData {
  template: Template;
  unit: string;
  year: number;
  values: ReadonlyMap<CellKey, CellEntry>;
}

/** One printed table: its section heading (二、主动公开政府信息情况), a caption row, the grid of cells. */
export interface PrintedTable {
  heading: string | null;
  /** A full-width first row inside the table (第二十条第（一）项), as the official tables print. */
  banner: string | null;
  layout: TableLayout;
  /** Header rows: cells with their spans (label and unit headers span every header row). */
  head: { text: string; colspan: number; rowspan: number }[][];
  body: { label: string; indent: number; unit: string | null; figures: string[]; section: boolean }[];
  columns: number;
}

export function printedTables(data: PublishData): PrintedTable[] {
  return data.template.tables.map((table) => printed(table, data.values));
}

function printed(table: TableDef, values: PublishData['values']): PrintedTable {
  const layout = tableLayout(table, { derived: false });
  const [heading, banner] = splitCaption(table.caption ?? null);
  const head: PrintedTable['head'] = Array.from({ length: layout.levels }, () => []);
  head[0].push({ text: layout.labelHeader, colspan: 1, rowspan: layout.levels });
  if (layout.hasUnit) head[0].push({ text: layout.unitHeader, colspan: 1, rowspan: layout.levels });
  for (const h of [...layout.headers].sort((a, b) => a.level - b.level || a.col - b.col)) head[h.level].push({ text: h.text, colspan: h.colspan, rowspan: h.rowspan });
  const body = layout.rows.map(({ row, label, indent }) => ({
    label,
    indent,
    unit: layout.hasUnit ? row.unit ?? '' : null,
    section: row.kind === 'section',
    figures: layout.columns.map((col) => (hasCell(row) ? display(values.get(cellKey({ table: table.id, row: row.id, col: col.id }))) : ''))
  }));
  return { heading, banner, layout, head, body, columns: 1 + (layout.hasUnit ? 1 : 0) + layout.columns.length };
}

/** "二、主动公开政府信息情况 · 第二十条第（一）项" → a section heading and the table's first row. */
function splitCaption(caption: string | null): [string | null, string | null] {
  if (!caption) return [null, null];
  const [a, b] = caption.split(' · ');
  if (b) return [a, b];
  return /^[一二三四五六七八九十]+、/.test(a) ? [a, null] : [null, a];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface HtmlOptions {
  /**
   * 'office': inline styles Word and WPS keep (borders, fonts, widths, mso attributes);
   * 'web': a clean fragment — no classes, no scripts, only table markup, a border attribute and
   * plain inline styles that a website's editor keeps.
   */
  flavour: 'office' | 'web';
  /** The title and unit/year line above the tables. */
  title?: boolean;
}

/** The document title: 2021年度政府信息公开工作年度报告统计表. */
export const titleOf = (data: PublishData) => data.template.title.replace('{year}', String(data.year));

export function tablesHtml(data: PublishData, opts: HtmlOptions): string {
  const office = opts.flavour === 'office';
  const font = office ? "font-family:仿宋,仿宋_GB2312,FangSong,STFangsong,serif;font-size:10.5pt;" : '';
  const cell = `border:1px solid #000;padding:2px 4px;${font}`;
  const headingFont = office ? 'font-family:黑体,SimHei,sans-serif;font-size:12pt;' : '';
  const out: string[] = [];
  if (opts.title) {
    out.push(`<p style="text-align:center;font-weight:bold;${office ? 'font-family:宋体,SimSun,serif;font-size:16pt;' : 'font-size:1.3em;'}">${esc(titleOf(data))}</p>`);
    out.push(`<p style="${font}">单位名称：${esc(data.unit)}　　年度：${data.year}</p>`);
  }
  for (const t of printedTables(data)) {
    if (t.heading) out.push(`<p style="font-weight:bold;${headingFont}">${esc(t.heading)}</p>`);
    // Percentages: the labels take what the figures leave (one figure column: most of the width).
    const n = t.layout.columns.length;
    const labelW = n === 1 ? 68 : n <= 3 ? 50 : n <= 8 ? 30 : 22;
    const unitW = t.layout.hasUnit ? 8 : 0;
    const widths = [labelW, ...(unitW ? [unitW] : []), ...t.layout.columns.map(() => Math.floor(((100 - labelW - unitW) / n) * 10) / 10)];
    // Widths as attributes on the cells of every row: Word, WPS and LibreOffice ignore <col> widths.
    const w = (i: number) => ` width="${widths[i]}%"`;
    out.push(`<table border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse:collapse;width:100%;${font}">`);
    out.push('<thead>');
    if (t.banner) out.push(`<tr><th colspan="${t.columns}" style="${cell}text-align:center;font-weight:bold;">${esc(t.banner)}</th></tr>`);
    // A header is not broken inside a word (结果维/持 under 表四's fifteen narrow columns): the
    // column takes the width its words need. A reader, and our own import, then reads it whole.
    const keep = office ? 'word-break:keep-all;' : '';
    for (const row of t.head) out.push(`<tr>${row.map((h) => `<th${h.colspan > 1 ? ` colspan="${h.colspan}"` : ''}${h.rowspan > 1 ? ` rowspan="${h.rowspan}"` : ''} style="${cell}text-align:center;font-weight:bold;${keep}">${esc(h.text)}</th>`).join('')}</tr>`);
    out.push('</thead><tbody>');
    for (const r of t.body) {
      const label = `<td${w(0)} style="${cell}padding-left:${0.3 + r.indent * 1.2}em;${r.section ? 'font-weight:bold;' : ''}">${esc(r.label)}</td>`;
      const unit = r.unit === null ? '' : `<td${w(1)} style="${cell}text-align:center;">${esc(r.unit)}</td>`;
      const first = r.unit === null ? 1 : 2;
      out.push(`<tr>${label}${unit}${r.figures.map((f, i) => `<td${w(first + i)} style="${cell}text-align:right;white-space:nowrap;">${esc(f)}</td>`).join('')}</tr>`);
    }
    out.push('</tbody></table>');
  }
  return out.join('\n');
}

/** Tab-separated text: the title line, then each table (heading, header rows, rows), blank line between. */
export function tablesTsv(data: PublishData): string {
  const lines: string[] = [titleOf(data), `单位名称：${data.unit}\t年度：${data.year}`];
  for (const t of printedTables(data)) {
    lines.push('');
    if (t.heading) lines.push(t.heading);
    if (t.banner) lines.push(t.banner);
    // A merged header is written once, at its first column; the cells it covers stay empty.
    const grid: string[][] = t.head.map(() => Array(t.columns).fill(''));
    const taken: boolean[][] = t.head.map(() => Array(t.columns).fill(false));
    t.head.forEach((row, level) => {
      let c = 0;
      for (const h of row) {
        while (taken[level][c]) c++;
        grid[level][c] = h.text;
        for (let l = level; l < level + h.rowspan; l++) for (let k = c; k < c + h.colspan; k++) taken[l][k] = true;
        c += h.colspan;
      }
    });
    for (const row of grid) lines.push(row.join('\t'));
    for (const r of t.body) lines.push(['\u3000'.repeat(r.indent) + r.label, ...(r.unit === null ? [] : [r.unit]), ...r.figures].join('\t'));
  }
  return lines.join('\r\n');
}
