// The outline numbering printed on row labels (一、 （一） 1. （1） ① 第一项), in one place: label
// matching strips it, finding names carry the parents' numbers, the mapper tells a new row from a
// wrapped line by it, and the form builder reads each row's level from it.

export type NumberStyle = 'cn' | 'cn-paren' | 'arabic' | 'arabic-paren' | 'circled' | 'item';

const CN = '一二三四五六七八九十百';

/** Each style and how its number is printed; the order is the usual nesting, outermost first. */
const STYLES: { style: NumberStyle; re: RegExp }[] = [
  { style: 'cn', re: new RegExp(`^[${CN}]+[、.．]`) }, // 一、
  { style: 'cn-paren', re: new RegExp(`^[（(][${CN}]+[）)][、.．]?`) }, // （一）
  { style: 'arabic', re: /^\d+[、.．](?!\d)/ }, // 1.  1、
  { style: 'arabic-paren', re: /^[（(]\d+[）)][、.．]?/ }, // （1）
  { style: 'circled', re: /^[①-⑳]/ }, // ①
  { style: 'item', re: new RegExp(`^第[${CN}\\d]+[项条]`) } // 第一项
];

const FIRST = new RegExp(`^[${CN}（(\\d①-⑳第]`);

/** The usual depth of each style: 一、 › （一） › 1. › （1） › ①. */
export const STYLE_ORDER: readonly NumberStyle[] = ['cn', 'cn-paren', 'arabic', 'arabic-paren', 'circled'];

export interface Numbering {
  style: NumberStyle;
  /** As printed (（一）, 1、). */
  printed: string;
  /** Normalised: half-width brackets made full-width, the trailing 、/./． dropped (（一）, 1, 二). */
  number: string;
  /** The label after the number. */
  rest: string;
}

/** The numbering a label starts with (spaces ignored), or null. */
export function leadingNumbering(label: string): Numbering | null {
  const s = label.replace(/^[\s\u3000]+/, '');
  // Every style starts with one of these: most labels are ruled out without trying each style.
  if (!FIRST.test(s)) return null;
  for (const { style, re } of STYLES) {
    const m = s.match(re);
    if (!m) continue;
    const number = m[0].replace(/[、.．]$/, '').replace(/\(/g, '（').replace(/\)/g, '）');
    return { style, printed: m[0], number, rest: s.slice(m[0].length) };
  }
  return null;
}

/** A 其中 row (其中：…): a part of the row above, not an addend. */
export const isPartLabel = (label: string) => /^[\s\u3000]*其中/.test(label);

/** The label without its numbering and 其中 (repeatedly: "（一）其中：1." → the words). */
export function stripNumbering(label: string): string {
  let s = label.replace(/^[\s\u3000]+/, '');
  for (let again = true; again; ) {
    again = false;
    const n = leadingNumbering(s);
    if (n) {
      s = n.rest.replace(/^[\s\u3000]+/, '');
      again = true;
    }
    const next = s.replace(/^其中[:：]?/, '');
    if (next !== s) {
      s = next;
      again = true;
    }
  }
  return s;
}

/** Whether a text starts a new row (numbered, 其中, 第…) rather than continuing a wrapped one. */
export const startsRow = (label: string) => leadingNumbering(label.trim()) !== null || isPartLabel(label) || /^第[一二三四五六七八九十\d]+/.test(label.trim());

/**
 * The number a parent lends its children's display names: 二、 → 二, （三） → （三）, 4. → 4.
 * (名称 of （三）under 二 reads 二（三）…).
 */
export function nameNumber(label: string): string {
  const n = leadingNumbering(label);
  if (!n || n.style === 'circled' || n.style === 'item') return '';
  if (n.style === 'arabic') return `${n.number}.`;
  return n.number;
}
