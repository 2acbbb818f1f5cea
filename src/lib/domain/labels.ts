// Matching printed row labels: pasted and imported tables come with numbering styles,
// 其中 prefixes, notes in brackets, full-width punctuation and Word line wraps that differ
// from the template. Keys keep only the words; near misses stay different keys.
import { parentIndex, type RowDef } from './model';

const NUMBERING = [
  /^[一二三四五六七八九十百]+[、.．]/, // 一、
  /^[（(][一二三四五六七八九十百]+[）)][、.．]?/, // （一）
  /^\d+[、.．](?!\d)/, // 1.  1、
  /^[（(]\d+[）)][、.．]?/, // （1）
  /^第[一二三四五六七八九十\d]+[项条]/ // 第一项
];

/** The words of a label: no numbering, no 其中, no bracketed notes, no spaces or punctuation. */
export function labelKey(label: string): string {
  // ① folds to 1 under NFKC, so circled numbering goes first.
  let s = label.replace(/\s+/g, '').replace(/^[①-⑳]/, '').normalize('NFKC');
  for (let again = true; again; ) {
    again = false;
    for (const re of NUMBERING) {
      const next = s.replace(re, '');
      if (next !== s) {
        s = next;
        again = true;
      }
    }
    const next = s.replace(/^其中[:：]?/, '');
    if (next !== s) {
      s = next;
      again = true;
    }
  }
  // Bracketed notes, innermost first: （不同渠道和方式公开相同信息计1条）, (单位：万元).
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(/[（(【\[][^（()）【】\[\]]*[）)】\]]/g, '');
  }
  return s.replace(/[\p{P}\p{S}]/gu, '');
}

export interface RowMatcher {
  /** Index of the template row for a pasted label, or -1. `after` is the last matched index. */
  match(label: string, after: number): number;
  /** Whether the text is a label of some row (any position). */
  known(label: string): boolean;
}

/**
 * Labels repeat under different sections (（一）本级政府及其部门 under 九 and 十), so a label is
 * matched to the first row with that key after the previous match (reading order and outline
 * context), falling back to the first such row if the paste jumps backwards.
 */
export function rowMatcher(rows: RowDef[]): RowMatcher {
  const byKey = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const k = labelKey(r.label);
    if (k) (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(i);
  });
  const parents = parentIndex(rows);
  const sectionOf = (i: number) => {
    let j = i;
    while (parents[j] !== null) j = parents[j]!;
    return j;
  };
  return {
    known: (label) => byKey.has(labelKey(label)),
    match(label, after) {
      const found = byKey.get(labelKey(label));
      if (!found) return -1;
      if (found.length === 1) return found[0];
      // Prefer a row in the same top-level section as the previous match, then the next in order.
      if (after >= 0) {
        const same = found.find((i) => i > after && sectionOf(i) === sectionOf(after));
        if (same !== undefined) return same;
      }
      return found.find((i) => i > after) ?? found[0];
    }
  };
}
