// The columns of a proposed table: the header rows' words over each block column, the label and
// unit columns, the value columns, and their tree (a header spanning neighbours is their parent).
import type { SourceBlock } from '../form-map';
import { isFigureLike } from '../labels';
import type { ColumnDef } from '../model';
import { clean, isWord, squashCjk, textAt, UNIT_WORDS, type SourceRow } from './words';

/** A unit column's header (计量单位, 计算单位, 单位) — not 单位名称 or 填报单位. */
const UNIT_HEADER = /^(计量|计算)?单位$/;
const INDEX_HEADER = /^(序号|编号|行次|栏次|代码|行号)$/;

/** The header rows' words over each block column, top row first. */
export interface Heads {
  /** As printed: the label column's header keeps its spacing (指 标 名 称 is how the form prints it). */
  raw: (c: number) => string[];
  /** Header words printed one character a line (自/然/人) arrive as 自 然 人: the spaces go. */
  words: (c: number) => string[];
}

export function headsOf(block: SourceBlock, headerRows: number[], width: number): Heads {
  // Copied as plain text, a header merged across columns arrives in its first column only: an
  // empty header cell right of a worded one, over a column that has a header word further down,
  // continues it (申请人情况 over 自然人 … 总计; 行政复议 over 结果维持 … 总计).
  const headerText = headerRows.map((r) => Array.from({ length: width }, (_, c) => textAt(block, r, c)));
  if (!block.spanned)
    headerText.forEach((cells, h) => {
      const deeper = (c: number) => headerText.slice(h + 1).some((row) => row[c] !== '');
      for (let c = 1; c < width; c++) if (cells[c] === '' && cells[c - 1] !== '' && deeper(c) && deeper(c - 1)) cells[c] = cells[c - 1];
    });
  const raw = Array.from({ length: width }, (_, c) => headerText.map((cells) => cells[c]).filter(Boolean));
  const words = raw.map((h) => h.map(squashCjk));
  return { raw: (c) => raw[c] ?? [], words: (c) => words[c] ?? [] };
}

/** Where a table's labels are: its first and last label column (-1: none), and its unit column (-1: none). */
export interface LabelColumns {
  labelCol: number;
  lastLabelCol: number;
  unitCol: number;
}

/** A 序号 or 代码 column, by its header. */
const isIndexColumn = (heads: Heads, c: number) => INDEX_HEADER.test((heads.words(c).at(-1) ?? '').replace(/\s+/g, ''));

/** A unit column: headed 单位, or holding unit words in most body rows not blank there. */
function isUnitColumn(body: SourceRow[], heads: Heads, c: number): boolean {
  const units = body.filter((r) => UNIT_WORDS.test(r.cells[c] ?? '')).length;
  return heads.words(c).some((h) => UNIT_HEADER.test(h.replace(/[\s\u3000]/g, ''))) || (units > 0 && units >= body.filter((r) => (r.cells[c] ?? '') !== '').length * 0.8);
}

/** A label column holds words in body rows, at least as many as figures; a 序号 or unit column is none. */
function isLabelColumn(body: SourceRow[], heads: Heads, c: number): boolean {
  if (isIndexColumn(heads, c) || isUnitColumn(body, heads, c)) return false;
  const words = body.filter((r) => isWord(r.cells[c] ?? '')).length;
  return words > 0 && words >= body.filter((r) => (r.cells[c] ?? '') !== '' && isFigureLike(r.cells[c])).length;
}

/**
 * The label columns: from the first column holding words (its own, not a merged neighbour's) in
 * body rows, each next column that holds words more than figures — a label printed over several
 * columns (三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密) is one outline. A 序号 column
 * (figures, or headed 序号) is skipped; a unit column ends the labels.
 */
export function labelColumns(body: SourceRow[], heads: Heads, width: number): LabelColumns {
  const isLabelCol = (c: number) => isLabelColumn(body, heads, c);
  // A table of figures only (表四: one row of 15 cells under three header rows) has none.
  let labelCol = 0;
  while (labelCol < width && !isLabelCol(labelCol)) labelCol++;
  if (labelCol === width) labelCol = -1;
  let lastLabelCol = labelCol;
  // A further label column: its header (if any) is the first label column's (one merged 项目).
  while (labelCol >= 0 && lastLabelCol + 1 < width && isLabelCol(lastLabelCol + 1) && !heads.words(lastLabelCol + 1).some((h) => !heads.words(labelCol).includes(h))) lastLabelCol++;
  let unitCol = -1;
  for (let c = lastLabelCol + 1; c < width && unitCol < 0; c++) if (isUnitColumn(body, heads, c)) unitCol = c;
  return { labelCol, lastLabelCol, unitCol };
}

/**
 * Value columns: every other column right of the labels that has a header or a figure. `guessed`:
 * none had, and the last column is taken as one column 数量.
 */
export function valueColumns(block: SourceBlock, body: SourceRow[], headerRows: number[], heads: Heads, width: number, { lastLabelCol, unitCol }: LabelColumns): { cols: number[]; guessed: boolean } {
  const head = heads.words;
  const valueCols: number[] = [];
  // A 代码 or 序号 column (01, 02 …) is no value column.
  // A column whose every header word is merged in from the column to its left, with no figure
  // of its own, is that column's merged cell (本年处理决定数量 printed over three columns).
  const ownFigure = (c: number) => body.some((r) => isFigureLike(r.cells[c] ?? '') && r.cells[c] !== '');
  const merged = new Set<number>();
  const mergedInto = (c: number) =>
    (valueCols.at(-1) === c - 1 || merged.has(c - 1)) && headerRows.length > 0 && headerRows.every((r) => clean(block.rows[r]?.[c]) === '') && head(c).join('|') === head(valueCols.at(-1)!).join('|') && !ownFigure(c);
  for (let c = lastLabelCol + 1; c < width; c++) {
    if (c === unitCol || isIndexColumn(heads, c) || !(head(c).length || ownFigure(c))) continue;
    if (mergedInto(c)) merged.add(c);
    else valueCols.push(c);
  }
  if (valueCols.length) return { cols: valueCols, guessed: false };
  return { cols: [width > lastLabelCol + 1 ? width - 1 : lastLabelCol + 1], guessed: true };
}

/** The column tree over the value columns (ids c1, c2 … in their order), each leaf with its value rule; `leafIds` by block column. */
export function proposeColumns(valueCols: number[], heads: Heads, depth: number): { columns: ColumnDef[]; leafIds: Map<number, string> } {
  // A column headed by the year it was printed for (2014年度) is 本年度 in every year's form.
  const columns = columnTree(valueCols.map((c, i) => ({ id: `c${i + 1}`, path: heads.words(c).map((h) => (/^(19|20)\d\d\s*年度?$/.test(h) ? '本年度' : h)) })), depth);
  const leafIds = new Map(valueCols.map((c, i) => [c, `c${i + 1}`]));
  // A header that names money (金额, 万元) or a change (增/减) sets the column's value rule.
  for (const leaf of leafList(columns)) {
    const path = heads.words(valueCols[Number(leaf.id.slice(1)) - 1]).join(' ');
    const money = /金额|万元|（元）|\(元\)|经费|费用/.test(path);
    const signed = /增\s*\/\s*减|增减|增加\/减少|变化/.test(path);
    if (money || signed) leaf.rule = signed ? (money ? 'signed-money' : 'signed-count') : 'money';
  }
  return { columns, leafIds };
}

/** Leaf columns with their header paths (top row first) → a tree: a header spanning neighbours is their parent. */
export function columnTree(leaves: { id: string; path: string[] }[], depth: number): ColumnDef[] {
  const build = (items: typeof leaves, level: number, prefix: string): ColumnDef[] => {
    const out: ColumnDef[] = [];
    let i = 0;
    while (i < items.length) {
      const top = items[i].path[level];
      let j = i + 1;
      // Neighbours under the same upper header (and not that header's last word) group together.
      while (top && j < items.length && items[j].path[level] === top && items[j].path.length > level + 1) j++;
      const group = items.slice(i, j);
      if (group.length > 1 && group.every((g) => g.path.length > level + 1) && level < depth - 1) {
        out.push({ id: `${prefix}g${out.length + 1}`, label: top, children: build(group, level + 1, `${prefix}g${out.length + 1}`) });
      } else {
        const leaf = items[i];
        const label = [...new Set(leaf.path.slice(level))].join(' ') || '数量';
        out.push({ id: leaf.id, label });
        j = i + 1;
      }
      i = j;
    }
    return out;
  };
  return build(leaves, 0, '');
}

export function leafList(cols: ColumnDef[]): ColumnDef[] {
  return cols.flatMap((c) => (c.children?.length ? leafList(c.children) : [c]));
}
