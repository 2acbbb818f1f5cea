// What the form builder reads a source cell's text as: a word or a figure, a unit, a column
// number, a total.
import type { SourceBlock } from '../form-map';
import { isFigureLike } from '../labels';
import { leadingNumbering } from '../outline';

export const clean = (s: string | undefined) => (s ?? '').replace(/[\u00a0\u3000]/g, ' ').replace(/\s+/g, ' ').trim();
export const UNIT_WORDS = /^(条|件|次|篇|个|人|人次|万元|元|项|家|份|期|场|天|小时|分钟|%|％|个次|批次|户|次数|人数|件次|万人次|千元|亿元)$/;
/** A 栏次 row under the headers (甲 乙 丙 1 2): column numbers, not header words. */
export const isColumnNumbers = (cells: string[]) => {
  const got = cells.filter(Boolean);
  if (got.length < 2 || !got.every((c) => /^([甲乙丙丁戊己庚辛]|\d{1,2})$/.test(c))) return false;
  // Column numbers count up one by one (1 2 3 …); a row of small figures (10 1 0 0) does not.
  const nums = got.filter((c) => /^\d+$/.test(c)).map(Number);
  return nums.every((n, i) => i === 0 || n === nums[i - 1] + 1);
};
/** A non-empty row of a block: its index there, and its cells cleaned. */
export interface SourceRow {
  i: number;
  cells: string[];
}

/** A cell's text, or the text of the merged cell covering it. */
export const textAt = (b: SourceBlock, r: number, c: number) => clean(b.rows[r]?.[c]) || clean(b.spanned?.[r]?.[c]);

export const squashCjk = (s: string) => s.replace(/(?<=[\u3400-\u9fff（）])\s+(?=[\u3400-\u9fff（）])/g, '');

/** Text that is structure (a label, a header word), not a figure. */
export const isWord = (s: string) => s !== '' && !isFigureLike(s);

export const blockWidth = (block: SourceBlock) => block.rows.reduce((m, r) => Math.max(m, r.length), 0);

/** Row `r`'s words (its own or a merged cell's), left to right. */
export const rowWords = (block: SourceBlock, r: number, width: number) => Array.from({ length: width }, (_, c) => textAt(block, r, c)).filter(isWord);

/** A row or column that sums those beside it (its label bare). */
export const TOTAL = /^(总计|合计|小计|总数)$/;
/** A label without its numbering and spaces (（七）总 计 → 总计). */
export const bare = (label: string) => (leadingNumbering(label)?.rest ?? label).replace(/[\s\u3000]/g, '');
