// Everything that comes in — a clipboard, a workbook's sheets, a web page, a Word file's HTML,
// PDF text — becomes the domain's SourceBlocks here, so paste and import share one mapper.
import type { SourceBlock } from '$lib/domain/form-map';
import { tabLedRows } from './cell-lines';
import { isFigureLike, isUnitText } from '$lib/domain/labels';
import { parseHtmlTables, parseTsv, type Cell } from './html-table';

const gridBlock = (name: string, cells: Cell[][]): SourceBlock => ({
  name,
  rows: cells.map((r) => r.map((c) => c.text)),
  spanned: cells.map((r) => r.map((c) => c.spanned ?? ''))
});

/** Every table of an HTML document (clipboard, saved web page, Word via mammoth), and its loose text. */
export function htmlBlocks(html: string, name = '表格'): { blocks: SourceBlock[]; text: string } {
  const { tables, text } = parseHtmlTables(html);
  return { blocks: tables.map((t, i) => gridBlock(tables.length > 1 ? `${name}${i + 1}` : name, t)), text };
}

/**
 * Text copied from a PDF has no tabs: each line is a label followed by figures separated by
 * spaces ("四、结转下年度继续办理 0 0 0 0 0 0 0"). The trailing figure-like words are the
 * figures; the words before them, joined, the label. A viewer that copies cell by cell puts each
 * on a line of its own: an outline number alone on its line ("1." above "属于国家秘密") starts the
 * next line's label, never a figure; a unit word right after a figure ("251000" then "元", on the
 * same line or the next) is that figure's unit, so the figure parser judges it (元 is no 万元).
 * A page number at a page's foot (- 3 -) is left out.
 */
export function pdfTextBlock(text: string, name = '文本'): SourceBlock {
  const rows: string[][] = [];
  let number = '';
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[\u00a0\u3000]/g, ' ').trim().split(/\s+/).filter(Boolean))
    .filter((words) => words.length);
  for (let l = 0; l < lines.length; l++) {
    const words = lines[l];
    // A page number (- 3 -), on one line or a word a line, is no figure of the table; but right
    // under a label waiting for its figures it may be them (行政许可 / - / 3 / -: none, 3, none).
    const waiting = rows.length > 0 && rows[rows.length - 1].length === 1;
    if (!waiting && PAGE_NUMBER.test(words.join(''))) continue;
    if (!waiting && words.length === 1 && PAGE_NUMBER.test(lines.slice(l, l + 3).map((w) => w.join('')).join(''))) {
      l += 2;
      continue;
    }
    for (let i = words.length - 1; i > 0; i--)
      if (isUnitText(words[i]) && /\d$/.test(words[i - 1]) && isFigureLike(words[i - 1])) words.splice(i - 1, 2, words[i - 1] + words[i]);
    const last = rows.at(-1);
    if (!number && words.length === 1 && isUnitText(words[0]) && last && last.length > 1 && /\d$/.test(last[last.length - 1])) {
      last[last.length - 1] += words[0];
      continue;
    }
    if (words.length === 1 && OUTLINE_NUMBER.test(words[0])) {
      number += words[0];
      continue;
    }
    if (number) {
      if (isFigureLike(words[0])) rows.push([number]);
      else words[0] = number + words[0];
      number = '';
    }
    let cut = words.length;
    while (cut > 0 && isFigureLike(words[cut - 1])) cut--;
    const label = words.slice(0, cut).join('');
    rows.push([label, ...words.slice(cut)]);
  }
  if (number) rows.push([number]);
  return { name, rows, kind: 'text' };
}

/** A page number as reports print it at the foot of a page: - 3 -, — 12 —. */
const PAGE_NUMBER = /^[-－—–]\d{1,3}[-－—–]$/;

/** An outline number on its own: 1. 2、 （三） (四) 五、 — the start of a row's label. */
const OUTLINE_NUMBER = /^(?:\d{1,2}[.、．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)$/;

/** What a paste carries: the tables of text/html when it has any, else tab-separated or PDF text. */
export function clipboardBlocks(html: string | undefined, text: string | undefined): SourceBlock[] {
  if (html && /<t[dh]\b/i.test(html)) {
    const { blocks } = htmlBlocks(html, '粘贴的表格');
    if (blocks.length) return blocks;
  }
  const plain = text ?? '';
  if (plain.includes('\t') || !/\S\s+\S/.test(plain)) return [{ name: '粘贴的内容', rows: tabLedRows(plain) ?? parseTsv(plain) }];
  const block = pdfTextBlock(plain, '粘贴的文本');
  // Figures alone, one or more a line (copied from Notepad, a web page, a chat): no label to map
  // them by, so they are bare figures, placed from the selected cell — not a text whose empty
  // label column would take the selected column and push the figures one column right.
  if (block.rows.length && block.rows.every((r) => (r[0] ?? '').trim() === '')) return [{ name: '粘贴的内容', rows: block.rows.map((r) => r.slice(1)) }];
  return [block];
}

/** 单位名称 and 年度 of a report, from its title ("XX县2023年政府信息公开工作年度报告"), "单位名称：…" lines, or a name. */
export function readMeta(texts: string[]): { unit?: string; year?: number } {
  const out: { unit?: string; year?: number } = {};
  for (const raw of texts) {
    const t = raw.replace(/\s+/g, '');
    if (!t) continue;
    // A line read out of a PDF may run on into 年度：2021 (spaces are gone here).
    const u = t.match(/单位名称[:：]([^，,；;]{2,40}?)(?=年度[:：]|填报|$)/);
    if (u && !out.unit) out.unit = u[1];
    const y = t.match(/年度[:：](\d{4})/);
    if (y && !out.year) out.year = Number(y[1]);
    // 年度报告, or 报告 alone ("…2021年度政府信息公开工作报告").
    const title = t.match(/([\u4e00-\u9fffA-Za-z（）()]{2,40}?)(20\d\d)年度?政府信息公开(?:工作)?(?:年度)?报告/);
    if (title) {
      out.unit ??= title[1].replace(/^关于/, '');
      out.year ??= Number(title[2]);
    }
    const year = t.match(/(20\d\d)年度?/);
    if (year && !out.year && /政府信息公开|年度报告|统计表/.test(t)) out.year = Number(year[1]);
  }
  return out;
}
