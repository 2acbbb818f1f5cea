// "比上年增加 12 件，增长 26.1%": the prose compares a figure with last year's. These are the words
// of such a comparison and its verdict against last year's report; statements.ts finds the figure,
// its sentence and the measure compared. Conservative: only a comparison with exact words (no 约, 余,
// 左右), a year that is last year, and a direction word is read; anything else is left alone.

export type Direction = 'more' | 'less';

/** Last year: 上年, 上一年度, 去年, 上年同期, or a year by number (checked against the report's year). */
const YEAR = String.raw`(?:上一?年度?|去年|上年同期|去年同期|(?<year>\d{4})年度?)`;
const UP = '增加|增长|上升|提高|增多|多|增幅|涨幅';
const DOWN = '减少|下降|降低|回落|下滑|减|少|降幅';

/**
 * Words right before a change figure: [subject] [比上年|较去年|与上年相比，|同比] 增加了 / 下降幅度为.
 * The subject is what the sentence says changed (empty: the figure just stated).
 */
const COMPARE = new RegExp(
  String.raw`^(?<subject>[^\d%]*?)(?<vs>(?:比|较|与|同|和)${YEAR}(?:同期)?(?:相比|比较)?[，,]?|同比)?(?<dir>${UP}|${DOWN})了?(?:幅度)?(?:为|达|是)?$`
);
/** Words right before last year's own figure: 受理申请由上年的 46 件（增加到 58 件）. */
const WAS = new RegExp(String.raw`^(?<subject>[^\d%]*?)(?:由|从|比|较)${YEAR}的?$`);
/** Words between last year's figure and this year's: （由上年的 46 件）增加到 58 件. */
const TO = /^[，,]?(?:(?:增加|增长|上升|提高|减少|下降|降低|回落|下滑)(?:到|至)|[增升降减]至)$/;
/** 与上年持平, 同比持平: no change. 基本持平 is an estimate, not read. */
export const SAME = new RegExp(String.raw`(?:(?:与|和|同|较|比)${YEAR}(?:同期)?(?:相比)?[，,]?|同比)(?<approx>基本|大致|大体|总体)?持平`, 'g');

export type ChangeWords =
  | { kind: 'change'; subject: string; explicit: boolean; direction: Direction }
  | { kind: 'was'; subject: string }
  | { kind: 'to' };

/**
 * The comparison the words before a figure make, if any. `span` is the text since the sentence's
 * previous figure (or its start), `after` what follows the figure's unit in its clause. A number of
 * a year that is not `lastYear` (or any, when the report's year is unknown) is not last year's.
 */
export function readComparison(span: string, after: string, unit: string, raw: string, lastYear: number | null): ChangeWords | null {
  const words = span.replace(/\s+/g, '').replace(/^[，,；;：:、]+/, '');
  // An estimate, a percentage point, a count with decimals: no exact comparison.
  if (/^(左右|余|多|以上|上下|个百分点|百分点)/.test(after.trim()) || (unit !== '%' && raw.includes('.'))) return null;
  if (TO.test(words)) return { kind: 'to' };
  const lastYearOk = (g: Record<string, string | undefined> | undefined) => !g?.year || (lastYear !== null && Number(g.year) === lastYear);
  const was = WAS.exec(words);
  if (was) return lastYearOk(was.groups) ? { kind: 'was', subject: was.groups!.subject } : null;
  const m = COMPARE.exec(words);
  if (!m || !lastYearOk(m.groups)) return null;
  const direction: Direction = new RegExp(`^(?:${UP})$`).test(m.groups!.dir) ? 'more' : 'less';
  return { kind: 'change', subject: m.groups!.subject, explicit: !!m.groups!.vs, direction };
}

export interface ChangeVerdict {
  /** What the tables give for what the prose states: the change in the stated direction (in 件, or in %
   * of last year's figure, 2 decimals; negative when the tables move the other way), null when a
   * year's cells are blank (or, for a %, last year's figure is 0). */
  table: number | null;
  difference: number | null;
  verdict: 'agrees' | 'disagrees' | 'cannot-tell';
}

/** A stated change against this year's and last year's figures. `same` (持平) is a change of 0. */
export function judgeChange(direction: Direction | 'same', percent: boolean, raw: string, current: number | null, previous: number | null, samePercent: (printed: string, share: number) => boolean): ChangeVerdict {
  if (current === null || previous === null) return { table: null, difference: null, verdict: 'cannot-tell' };
  const difference = current - previous;
  if (direction === 'same') return { table: difference, difference, verdict: difference === 0 ? 'agrees' : 'disagrees' };
  const signed = direction === 'more' ? difference : -difference;
  if (!percent) return { table: signed, difference, verdict: signed === Number(raw) ? 'agrees' : 'disagrees' };
  if (previous === 0) return { table: null, difference, verdict: 'cannot-tell' };
  const rate = (100 * signed) / previous;
  return { table: Math.round(rate * 100) / 100, difference, verdict: rate >= 0 && samePercent(raw, rate) ? 'agrees' : 'disagrees' };
}

/**
 * The year a report is about, from its title (2023 年政府信息公开工作年度报告) or its statistical
 * period (统计期限自 2023 年 1 月 1 日); null when neither is printed or they differ.
 */
export function reportYear(text: string): number | null {
  const title = /(\d{4})\s*年度?[^。\n\d]{0,40}?政府信息公开(?:工作)?年度报告/.exec(text);
  const period = /(\d{4})\s*年\s*1\s*月\s*1\s*日/.exec(text);
  // Either may name another year (a law in force from 2020 年 1 月 1 日, last year's report): when
  // both are printed they must agree.
  if (title && period && title[1] !== period[1]) return null;
  return title || period ? Number((title ?? period)![1]) : null;
}
