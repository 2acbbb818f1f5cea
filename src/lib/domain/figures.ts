// Turns typed or pasted text into a figure, or a refusal with a reason. Raw text is never lost:
// the caller stores it beside the result. Handsontable reads "475,962" as 475.962 and does not
// know full-width digits (handsontable#7617, #4396), so everything passes through here first.
import type { ValueRule } from './model';

export type Figure =
  | { kind: 'empty' }
  | { kind: 'number'; value: number; /** what was changed to read it, in Chinese; null if nothing */ adjusted: string | null }
  | { kind: 'invalid'; reason: string };

const RULES: Record<ValueRule, { integer: boolean; signed: boolean; decimals: number; name: string }> = {
  count: { integer: true, signed: false, decimals: 0, name: '非负整数' },
  'signed-count': { integer: true, signed: true, decimals: 0, name: '整数' },
  money: { integer: false, signed: false, decimals: 6, name: '非负数（最多 6 位小数）' },
  'signed-money': { integer: false, signed: true, decimals: 6, name: '数（最多 6 位小数）' }
};

const UNITS = ['人次', '万元', '条', '件', '次', '篇', '个', '人', '元', '项', '家', '份'];
const MONEY = /^(元|万元|千元|亿元)$/;
/** Counting words: a figure in one is the same figure in another (件 for 个); nothing converts. */
const COUNTING = /^(条|件|次|篇|个|项|家|份|期|场|户|人|人次|个次|件次|批次)$/;
export const sameKindOfCount = (a: string, b: string) => COUNTING.test(a) && COUNTING.test(b);
const DASHES = /^[-－—–―‐_/／\\、·.。无]+$|^(无|空|不适用|n\/?a)$/i;

/** Longest text we keep as raw: enough for any note a user might paste into a cell. */
export const MAX_RAW = 2000;

export function parseFigure(raw: string, rule: ValueRule = 'count', unit?: string): Figure {
  // What people type most, plain digits, needs none of the work below.
  if (/^[1-9]\d{0,14}$|^0$/.test(raw)) return { kind: 'number', value: Number(raw), adjusted: null };
  const spec = RULES[rule];
  const notes: string[] = [];
  // NFKC folds full-width digits, commas, points and signs (１２，０５４ → 12,054).
  let s = raw.normalize('NFKC').replace(/[\u00a0\u2000-\u200b\u3000\ufeff]/g, ' ').trim();
  if (s === '') return { kind: 'empty' };
  if (s.length > 40) return { kind: 'invalid', reason: /[\u4e00-\u9fff]/.test(s) ? `内容过长（${s.length} 字），是一段文字，不是数字` : '内容过长，不是数字' };
  // A sentence (a clause of the report's text pasted onto a cell): said as such, before its
  // full-width comma, folded to ",", reads as a misplaced thousands separator.
  if (/[\u4e00-\u9fff]{4,}/.test(s) && /[，。；：,;:]/.test(raw)) return { kind: 'invalid', reason: '是一段文字，不是数字；报告正文请粘贴到“正文与表格”中核对' };
  if (s !== raw.trim() && /[０-９，．－＋]/.test(raw)) notes.push('全角字符已转为半角');

  if (/^[=+@]/.test(s) && !/^\+\s*\d/.test(s)) return { kind: 'invalid', reason: '公式不会计算，请填写数值' };
  if (DASHES.test(s)) return { kind: 'invalid', reason: `「${s}」不是数字；如表示没有，请填 0` };

  // A trailing unit: accepted when it is the row's own, refused (never converted) otherwise.
  const unitMatch = s.match(/^(.*?\d)\s*([\u4e00-\u9fff]{1,2})$/);
  if (unitMatch) {
    const [, num, u] = unitMatch;
    // Words before the figure (全年共作出行政处罚决定85件): a clause of the text, not a figure with its unit.
    if (/[\u4e00-\u9fff]{2,}/.test(num)) return { kind: 'invalid', reason: '是一段文字，不是数字；报告正文请粘贴到“正文与表格”中核对' };
    if (!UNITS.includes(u)) return { kind: 'invalid', reason: `「${u}」不是数字` };
    // Only money converts (元 → 万元); a count in another counting word, or in money, is checked, not converted.
    if (unit && u !== unit)
      return { kind: 'invalid', reason: MONEY.test(u) && MONEY.test(unit) ? `单位「${u}」与本行单位「${unit}」不符，请换算后填写` : `单位「${u}」与本行单位「${unit}」不符：请核对是否填在了本行（是本行的数就只填数字）` };
    if (!unit) return { kind: 'invalid', reason: `本行没有单位，不能带「${u}」` };
    s = num.trim();
    notes.push(`去掉单位「${u}」`);
  }

  s = s.replace(/\u2212/g, '-');
  let sign = 1;
  if (/^[+-]/.test(s)) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1).trim();
  }

  if (s.includes(',')) {
    if (!/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return { kind: 'invalid', reason: '逗号位置不对，不像千位分隔符' };
    s = s.replace(/,/g, '');
    notes.push('去掉千位分隔符');
  }
  if (!/^\d+(\.\d+)?$/.test(s)) {
    if (/^\d*\.?\d+e[+-]?\d+$/i.test(s)) return { kind: 'invalid', reason: '不接受科学计数法，请写出完整数字' };
    return { kind: 'invalid', reason: `「${raw.trim().slice(0, 20)}」不是数字` };
  }

  const [intPart, frac = ''] = s.split('.');
  const value = sign * Number(s);
  if (intPart.replace(/^0+/, '').length > 15 || !Number.isSafeInteger(Math.trunc(Math.abs(value))))
    return { kind: 'invalid', reason: '数字过大' };
  if (sign < 0 && value !== 0 && !spec.signed) return { kind: 'invalid', reason: `不能为负数，应为${spec.name}` };
  const significantFrac = frac.replace(/0+$/, '');
  // Beyond 15 significant digits a double cannot hold the figure exactly.
  if (intPart.replace(/^0+/, '').length + significantFrac.length > 15) return { kind: 'invalid', reason: '数字过大（超过 15 位有效数字）' };
  if (spec.integer && significantFrac) return { kind: 'invalid', reason: `应为整数，不能有小数` };
  if (significantFrac.length > spec.decimals) return { kind: 'invalid', reason: `最多 ${spec.decimals} 位小数` };
  if (frac && !significantFrac && spec.integer) notes.push('去掉多余的小数点');

  return { kind: 'number', value: value === 0 ? 0 : value, adjusted: notes.length ? notes.join('，') : null };
}

/** How a figure is shown and written back: plain digits, no grouping, up to 6 decimals (万元 to the 分 and below). */
export function formatFigure(value: number): string {
  return Number.isInteger(value) ? String(value) : String(parseFloat(value.toFixed(6)));
}
