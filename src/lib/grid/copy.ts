// What Ctrl+C in a grid puts on the clipboard: the selected figures as a small table that says what
// they are — each row's label, the column headers over them (every level: 表四's 结果维持 is under
// three different headings) — so a paste into another report, another form's or a spreadsheet
// finds them by name. Handsontable's own copy gave bare figures, 小计 among them, and a paste into
// another report of the same form placed none. The 校验 column is ours, never copied. Pure.
import type { GridLayout } from './grid-layout';

export interface CopyRange {
  rows: [from: number, to: number];
  cols: [from: number, to: number];
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The selection as html (header cells spanning as printed) and tab-separated text; null when it holds no figure column. */
export function copyBlock(g: GridLayout, range: CopyRange, text: (r: number, c: number) => string): { html: string; text: string } | null {
  const first = Math.max(range.cols[0], g.first);
  const last = Math.min(range.cols[1], g.check - 1);
  if (first > last) return null;
  // Grid column c is figure column c - g.first.
  const picked = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const { headers, levels, labelHeader, unitHeader } = g.printed;
  const lead = (level: number) => (level === levels - 1 ? [labelHeader, ...(g.hasUnit ? [unitHeader] : [])] : ['', ...(g.hasUnit ? [''] : [])]);
  const htmlRows: string[] = [];
  const textRows: string[][] = [];
  for (let level = 0; level < levels; level++) {
    const cells: string[] = lead(level).map((t) => `<td>${esc(t)}</td>`);
    const plain = lead(level);
    for (let i = 0; i < picked.length; ) {
      const col = picked[i] - g.first;
      const h = headers.find((x) => x.level === level && x.col <= col && col < x.col + x.colspan);
      // The part of the header's span that lies inside the selection.
      const span = h ? Math.min(h.col + h.colspan - col, picked.length - i) : 1;
      cells.push(`<td${span > 1 ? ` colspan="${span}"` : ''}>${esc(h?.text ?? '')}</td>`);
      plain.push(h?.text ?? '', ...Array<string>(span - 1).fill(''));
      i += span;
    }
    htmlRows.push(`<tr>${cells.join('')}</tr>`);
    textRows.push(plain);
  }
  for (let r = range.rows[0]; r <= range.rows[1]; r++) {
    const row = g.rows[r];
    const values = picked.map((c) => text(r, c));
    const lead = [row.label, ...(g.hasUnit ? [row.unit ?? ''] : [])];
    htmlRows.push(`<tr>${[...lead, ...values].map((t) => `<td>${esc(t)}</td>`).join('')}</tr>`);
    textRows.push([...lead, ...values]);
  }
  return {
    html: `<table>${htmlRows.join('')}</table>`,
    text: textRows.map((r) => r.join('\t')).join('\r\n')
  };
}
