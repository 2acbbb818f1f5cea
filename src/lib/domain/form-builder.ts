// 新建表式: a form proposed from its blank (or filled) table as it arrives — pasted from Excel,
// WPS, Word or a web page, or read from a file — for the person to correct in the form editor.
// Per table: title rows, header rows (merged headers become a column tree), the label column,
// a unit column (by its header or its unit words), value columns, and each row's level from its
// printed numbering (outline.ts), 其中 rows as parts, headings without a unit as sections, and
// only figures of one unit adding up (a row over 条 and 次 sums neither). What
// the outline cannot say is proposed from the headers: 本年度 ≤ 历年累计 in every row, and
// 历年累计 = 去年历年累计 + 本年度 across years. Figures found in a filled table are kept as
// sample figures for the editor's preview. Pure: no DOM.
import type { SourceBlock } from './form-map';
import { isFigureLike } from './labels';
import type { CellEntry, CellKey, TableDef, Template } from './model';
import { isPartLabel, leadingNumbering } from './outline';
import { makeEntry } from './entry';
import { parseCellKey } from './model';
import { headsOf, labelColumns, proposeColumns, valueColumns } from './form-builder/columns';
import { proposeRelations } from './form-builder/relations';
import { markExhaustive, markHeadings, proposeRows } from './form-builder/rows';
import { blockWidth, clean, isColumnNumbers, rowWords, textAt, UNIT_WORDS, type SourceRow } from './form-builder/words';

export interface FormProposal {
  template: Template;
  /** Figures the pasted table carried (a filled table): the editor previews the checks on them. */
  samples: Map<CellKey, CellEntry>;
  /** What the builder could not decide, in plain words (shown above the editor). */
  notes: string[];
  /** Per proposed table, where its header ends in its source block: the editor lets a person move it. */
  layouts: TableLayout[];
}

export interface TableLayout {
  /** The table's id in the proposal, and the index of its source block. */
  table: string;
  block: number;
  /** The first non-empty rows of the block, their cells joined, for choosing the header's end. */
  preview: string[];
  /** How many of them are title rows, and at which the figures' rows begin. */
  titles: number;
  body: number;
}

export interface ProposeOptions {
  /** Per block index, at which non-empty row the figures' rows begin (a person's correction): the rows above are title and header rows. */
  body?: Record<number, number>;
}

const LABEL_HEADER = /(指标|项目|名称|内容|类别|统计)/;

export function proposeForm(blocks: SourceBlock[], name = '', options: ProposeOptions = {}): FormProposal {
  const notes: string[] = [];
  const raws = new Map<CellKey, string>();
  const tables: TableDef[] = [];
  const layouts: TableLayout[] = [];
  let title = '';
  // A block that prints several tables one under another (表二: a caption and its own header row
  // before each) is one table each.
  if (blocks.some((b) => b.kind === 'text'))
    notes.push('从 PDF 复制的文字没有表格的格子，表头和列可能认错：最好从 Word、Excel、WPS 或网页复制，或打开文件；否则请在下面逐项核对。');
  blocks.flatMap(splitBlock).forEach((block, b) => {
    const id = `t${tables.length + 1}`;
    const t = proposeTable(block, id, raws, notes, options.body?.[b]);
    if (!t) return;
    title ||= t.title;
    tables.push(t.table);
    layouts.push({ table: id, block: b, ...t.layout });
  });
  if (!tables.length) notes.push('没有认出表格：请粘贴或导入包含行标题的空白统计表。');
  const shown = name.trim() || title || '自定义统计表';
  const template: Template = {
    id: `own-${Math.random().toString(36).slice(2, 10)}`,
    version: 1,
    name: shown,
    // A year in the printed title becomes {year}: the form serves every year.
    title: (title || shown).replace(/(19|20)\d\d(?=年)/, '{year}'),
    source: '自定义表式（由空白表生成）',
    tables
  };
  const samples = new Map<CellKey, CellEntry>();
  for (const [key, raw] of raws) {
    const made = makeEntry(template, parseCellKey(key), raw);
    if (made) samples.set(key, made.entry);
  }
  return { template, samples, notes, layouts };
}

/** A row that reads as column headers: several words, no figure, no numbering, no unit word. */
function headerWords(block: SourceBlock, r: number, width = blockWidth(block)): string[] | null {
  const cells = block.rows[r].map(clean);
  if (isColumnNumbers(cells) || cells.some((c) => c !== '' && isFigureLike(c))) return null;
  const w = [...new Set(rowWords(block, r, width))];
  return w.length >= 2 && !leadingNumbering(w[0]) && !isPartLabel(w[0]) && !w.some((x) => UNIT_WORDS.test(x)) ? w : null;
}
const isHeaderLike = (block: SourceBlock, r: number, width?: number) => headerWords(block, r, width) !== null;

/** A one-piece row before a table's header: its caption (merged across, or worded as one). */
function isCaption(block: SourceBlock, r: number): boolean {
  const own = block.rows[r].map(clean).filter(Boolean);
  if (own.length !== 1 || isFigureLike(own[0])) return false;
  const spans = (block.spanned?.[r] ?? []).filter((x) => clean(x) === own[0]).length;
  return spans > 0 || /^(第|表|[一二三四五六七八九十]+、)|(情况|项|表|[：:。])$|如下/.test(own[0]);
}

/** Splits a block where a header row follows body rows: each part is a table of its own. */
export function splitBlock(block: SourceBlock): SourceBlock[] {
  const width = blockWidth(block);
  const filled = block.rows.flatMap((r, i) => (r.some((c) => clean(c) !== '') ? [i] : []));
  const cuts: number[] = [];
  let first: string[] | null = null;
  let seenBody = false;
  filled.forEach((r, k) => {
    const words = headerWords(block, r, width);
    if (words) {
      // A new table's header repeats a word of the first one (信息内容 …) or follows a caption;
      // a category row of a blank table (主动公开 | 政府网站) does neither.
      const caption = filled[k - 1] !== undefined && isCaption(block, filled[k - 1]);
      if (seenBody && first && (caption || words.some((w) => first!.includes(w)))) {
        // The captions right above the header (up to three) go with it.
        let from = k;
        while (from > k - 3 && filled[from - 1] !== undefined && filled[from - 1] > (cuts.at(-1) ?? -1) && isCaption(block, filled[from - 1])) from--;
        cuts.push(filled[from]);
        seenBody = false;
      }
      if (!seenBody) first ??= words;
    } else if (first) seenBody = true;
  });
  if (!cuts.length) return [block];
  const bounds = [0, ...cuts, block.rows.length];
  return bounds.slice(0, -1).map((from, i) => ({
    ...block,
    name: `${block.name}（${i + 1}）`,
    rows: block.rows.slice(from, bounds[i + 1]),
    ...(block.spanned ? { spanned: block.spanned.slice(from, bounds[i + 1]) } : {})
  }));
}

interface Proposed {
  table: TableDef;
  title: string;
  layout: Omit<TableLayout, 'table' | 'block'>;
}

const PREVIEW_ROWS = 8;

/**
 * One table from one block (after splitBlock): title rows, header rows, label, unit and value
 * columns, rows and relations. A filled table's figures go into `samples`, and what the builder
 * could not decide into `notes`.
 */
function proposeTable(block: SourceBlock, id: string, samples: Map<CellKey, string>, notes: string[], bodyAt?: number): Proposed | null {
  const rows: SourceRow[] = block.rows.map((r, i) => ({ i, cells: r.map(clean) })).filter((r) => r.cells.some((c) => c !== ''));
  if (rows.length < 2) return null;
  const width = blockWidth(block);
  const titles = titleRows(block, rows, width, bodyAt);
  const { headerRows, at } = headerRowsOf(block, rows, width, titles.length, bodyAt);
  const body = rows.slice(at);
  // Header rows and no body (a blank 表四: headers over one empty row) make a table of figures only.
  if (!body.length && !headerRows.length) return null;
  const heads = headsOf(block, headerRows, width);
  const labels = labelColumns(body, heads, width);
  const values = valueColumns(block, body, headerRows, heads, width, labels);
  if (values.guessed) notes.push(`${block.name}：没有找到数字列的表头，先按一列“数量”处理。`);
  const { columns, leafIds } = proposeColumns(values.cols, heads, headerRows.length);
  const { defs, samples: figures } = proposeRows(block, body, labels, leafIds, id);
  for (const [key, raw] of figures) samples.set(key, raw);
  if (!defs.length) return null;
  const { labelCol, unitCol } = labels;
  // A heading with no unit in a table that prints units, and rows under it, has no cell; a unit
  // column left empty in every row says nothing (markHeadings), and the person is told.
  const unitsPrinted = unitCol >= 0 && defs.some((d) => d.unit);
  if (unitCol >= 0 && !unitsPrinted) notes.push(`${block.name}：计量单位一栏是空的：各行都当作有格子的行，请在下面核对各行的单位和类型。`);
  markExhaustive(defs);
  // Rows in which the source prints a figure (not a dash): a heading there keeps its cell.
  const withFigures = new Set([...figures].filter(([, raw]) => /\d/.test(raw)).map(([key]) => key.split('/')[1]));
  const splits = markHeadings(defs, unitsPrinted, withFigures);
  // Said row by row, with what the person changes where they do add up.
  const apart = splits.map(({ row, units, kept }) =>
    !kept
      ? `「${row.label}」下的${units.join('、')}不相加，本行作栏目标题（无格）；如本行确是它们之和，把它的类型改为“标题行（=子项和）”`
      : `「${row.label}」${row.unit ? `（${row.unit}）不加下面以${units.join('、')}计的各项` : `印有数字，保留格子，但下面的${units.join('、')}不相加`}（它们的角色为“单列（不相加）”）；如确应相加，把它们的角色改为“子项（相加）”`
  );
  if (apart.length) notes.push(`${block.name}：单位不同的数字不相加。${apart.join('；')}。`);
  // A relation the form prints in words (表三's corner: 第一项加第二项之和，等于第三项加第四项之和).
  const printed = [...titles, ...headerRows.flatMap((r) => Array.from({ length: width }, (_, c) => textAt(block, r, c)))].join(' ');
  const { relations, yearly } = proposeRelations(defs, columns, printed);
  const caption = titles.slice(1).join(' ') || undefined;
  const labelHeader = (labelCol >= 0 ? heads.raw(labelCol).at(-1) : undefined) ?? '指标名称';
  const preview = rows.slice(0, Math.max(PREVIEW_ROWS, at + 2)).map((r) => r.cells.filter(Boolean).join(' │ '));
  return {
    layout: { preview, titles: titles.length, body: at },
    title: titles[0] ?? '',
    table: {
      id,
      // The caption nearest the table names it (第二十条第（一）项 under 二、主动公开…).
      // (A pasted table without a caption is 表1, 表2 …; a sheet keeps its name.)
      title: titles.filter((t) => !/[：:。]$/.test(t)).at(-1) ?? titles.at(-1) ?? (/^粘贴的/.test(block.name) ? `表${id.slice(1)}` : block.name),
      ...(caption ? { caption } : {}),
      labelHeader,
      ...(unitCol >= 0 ? { unitHeader: heads.raw(unitCol).at(-1) ?? '计量单位' } : {}),
      rows: defs,
      columns,
      relations,
      ...(yearly.length ? { yearly } : {})
    }
  };
}

/**
 * Title rows: one piece of text each, before anything else. Where such rows lead to a header
 * row within a few rows, every one of them is a title or caption (二、主动公开… / 该部分以表格形式
 * 报告。/ 第二十条第（一）项 over 信息内容 | 本年制发件数 …); else unnumbered ones only — in a list
 * of labels only, those worded as titles. None at or after `bodyAt`, where a person said the
 * figures' rows begin.
 */
function titleRows(block: SourceBlock, rows: SourceRow[], width: number, bodyAt?: number): string[] {
  const words = (r: SourceRow) => rowWords(block, r.i, width);
  const onePiece = (r: SourceRow) => new Set(words(r)).size === 1;
  let lead = 0;
  while (lead < rows.length && lead < 5 && onePiece(rows[lead])) lead++;
  const toHeader = lead > 0 && lead < rows.length - 1 && (bodyAt === undefined || lead <= bodyAt) && isHeaderLike(block, rows[lead].i);
  const titles: string[] = [];
  let at = 0;
  // In a list of one piece a line (labels only: one column, or its figure columns empty) that
  // says nothing: only lines worded as titles are titles there.
  const list = rows.every(onePiece);
  const isTitle = (text: string) => !list || TITLE.test(text) || (at > 0 && /^[（(].*[)）]$/.test(text));
  if (toHeader) while (at < lead) titles.push(words(rows[at++])[0]);
  else while (at < rows.length && (bodyAt === undefined || at < bodyAt) && onePiece(rows[at]) && !leadingNumbering(words(rows[at])[0]) && isTitle(words(rows[at])[0]) && rows.length - at > 2) titles.push(words(rows[at++])[0]);
  return titles;
}
/** Wording of a title: …统计表 / …年度报告 (a note in brackets after it), 附件2, a year. */
const TITLE = /(表|报告)\s*([（(][^）)]*[）)])?$|^附[件表]\s*\d*[:：]?$|(19|20)\d\d\s*年/;

/**
 * Header rows from row `from` on (the block indices of those with header words), and `at`, the
 * first body row: several words, no numbering in front, not a label followed by its unit.
 */
function headerRowsOf(block: SourceBlock, rows: SourceRow[], width: number, from: number, bodyAt?: number): { headerRows: number[]; at: number } {
  const headerRows: number[] = [];
  if (bodyAt !== undefined) {
    // A person said where the figures' rows begin: every row above is a header row (栏次 rows are no header words).
    for (const r of rows.slice(from, Math.max(from, bodyAt))) if (!isColumnNumbers(r.cells)) headerRows.push(r.i);
    return { headerRows, at: Math.min(rows.length, Math.max(from, bodyAt)) };
  }
  let at = from;
  while (at < rows.length) {
    if (isColumnNumbers(rows[at].cells)) {
      at++;
      continue;
    }
    const w = rowWords(block, rows[at].i, width);
    const first = w[0] ?? '';
    const labelAndUnit = w.length === 2 && UNIT_WORDS.test(w[1]);
    if (w.length < 2 || leadingNumbering(first) || isPartLabel(first) || labelAndUnit) break;
    headerRows.push(rows[at++].i);
  }
  return { headerRows, at };
}
