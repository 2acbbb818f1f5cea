// Simple typing errors (Scholtus 2009, "Automatic correction of simple typing errors in numerical
// data with balance edits"): a figure that differs from the value the relations call for in a way
// a hand makes — two neighbouring digits swapped (48 for 84: the difference a multiple of 9), a
// digit dropped or typed twice, a minus sign, a total typed as 0. The localisation prefers such an
// explanation among equally small ones, and says which it is.
import { formatFigure } from '../figures';

export type Typo = 'swap' | 'dropped' | 'doubled' | 'extra' | 'sign' | 'zero-total';

export const TYPO_TEXT: Record<Typo, string> = {
  swap: '疑为两位数字颠倒',
  dropped: '疑为漏了一位数字',
  doubled: '疑为多打了一位数字',
  extra: '疑为多打了一位数字',
  sign: '疑为正负号错误',
  'zero-total': '疑为合计漏算'
};

const digits = (v: number) => formatFigure(Math.abs(v));

/**
 * How `typed` could be a slip for `meant`, or null. `total`: the cell is a total a person adds up
 * (a 0 there while its parts hold figures is a total never worked out).
 */
export function typoOf(typed: number, meant: number, total = false): Typo | null {
  if (typed === meant) return null;
  if (typed === 0 && meant > 0 && total) return 'zero-total';
  if (typed !== 0 && typed === -meant) return 'sign';
  if (Math.sign(typed) !== Math.sign(meant) && typed !== 0 && meant !== 0) return null;
  const a = digits(typed);
  const b = digits(meant);
  if (a.length === b.length) {
    const diff = [...a].map((ch, i) => (ch !== b[i] ? i : -1)).filter((i) => i >= 0);
    if (diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]] && !/[.]/.test(a[diff[0]] + a[diff[1]])) return 'swap';
    return null;
  }
  // One character more or less: a digit left out, or one typed twice (or one too many).
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  if (long.length !== short.length + 1) return null;
  for (let i = 0; i < long.length; i++) {
    if (long.slice(0, i) + long.slice(i + 1) !== short || long[i] === '.') continue;
    if (long === b) return 'dropped';
    return (i > 0 && long[i - 1] === long[i]) || (i + 1 < long.length && long[i + 1] === long[i]) ? 'doubled' : 'extra';
  }
  return null;
}
