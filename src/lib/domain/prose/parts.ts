// The six parts of a report in the national template (国办公开办函〔2021〕30号), from the 2021 report
// on: 一、总体情况 … 六、其他需要报告的事项, present and in order, and part 六 saying what 信息处理费
// was collected. Each finding is a 提示 (a hint for the editor), never an error: a report may word a
// heading its own way, and the check only says what it could not find.
//
// Headings are matched by their numeral and their words (spaces, full- or half-width punctuation,
// 和/及/、, traditional characters and small additions such as 政府信息公开工作存在的… allowed), anywhere
// in the text: a PDF's text runs headings into the lines around them. The statistics tables carry the
// headings of parts 二、三、四 as their titles, so a heading may occur twice; the order is judged on
// the longest run of parts in order, so a repeated heading is no finding.

export interface PartNote {
  /** missing: a part's heading is not found; order: two parts stand the wrong way round; fee: part 六 says nothing of 信息处理费. */
  kind: 'missing' | 'order' | 'fee';
  /** The part concerned, 1 … 6 (for order, the one that stands too late). */
  part: number;
  /** In plain Chinese, for the user. */
  message: string;
  /** Where in the text: the heading concerned; for a missing part, where it would begin (the next part's heading, or the end). */
  at: number;
}

export const PART_TITLES = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'] as const;

const P = '[、，,.．]';
/** Each part's heading, on the text with spaces taken out. */
const HEADINGS: RegExp[] = [
  new RegExp(`一${P}(?:总体情况|概述)`, 'g'),
  new RegExp(`二${P}主动公开(?:政府)?信息(?:的)?情况`, 'g'),
  new RegExp(`三${P}(?:收到和处理|收到及处理|受理和处理)政府信息公开申请(?:的)?情况`, 'g'),
  new RegExp(`四${P}(?:因)?政府信息公开(?:工作)?(?:被申请)?行政法?复议[、和及与或]?(?:提起)?行政诉讼(?:的)?情况`, 'g'),
  new RegExp(`五${P}(?:政府信息公开(?:工作)?)?存在的?主要问题(?:及|和|与|以及)?(?:其)?改进(?:情况|措施|举措)`, 'g'),
  new RegExp(`六${P}其[他它]需要报告的(?:事项|情况)`, 'g')
];

/** 信息处理费 stated: charged, not charged, or the 办法 it follows. */
const FEE = /处理费|收取[^。]{0,8}费用|收费/;

/** The characters of the headings (and 处理费) in traditional form. */
const TRADITIONAL: Record<string, string> = { 總: '总', 體: '体', 況: '况', 動: '动', 開: '开', 處: '处', 請: '请', 復: '复', 議: '议', 訴: '诉', 訟: '讼', 問: '问', 題: '题', 進: '进', 報: '报', 項: '项', 費: '费', 與: '与', 稱: '称' };

/**
 * The 提示 about a report's parts. Nothing for a report of before 2021 (the six parts are the 2021
 * template's), and nothing for a text that holds fewer than three of the six headings: that is a
 * pasted paragraph or a part of a report, not a whole one, and listing five "missing" parts would be
 * noise.
 */
export function reportParts(text: string, year: number): PartNote[] {
  if (year < 2021) return [];
  // The text without spaces (PDF letter-spacing: 总 体 情 况), and where each character came from.
  const from: number[] = [];
  let flat = '';
  for (let i = 0; i < text.length; i++) {
    if (/\s/.test(text[i])) continue;
    flat += TRADITIONAL[text[i]] ?? text[i];
    from.push(i);
  }
  const found = HEADINGS.map((re) => [...flat.matchAll(re)].map((m) => m.index!));
  if (found.filter((p) => p.length).length < 3) return [];

  // The longest run of parts in order, each at one of its headings.
  const hits = found.flatMap((ps, part) => ps.map((at) => ({ part, at }))).sort((a, b) => a.at - b.at);
  const best = hits.map(() => 1);
  const prev = hits.map(() => -1);
  for (let i = 0; i < hits.length; i++)
    for (let j = 0; j < i; j++) if (hits[j].part < hits[i].part && best[j] + 1 > best[i]) [best[i], prev[i]] = [best[j] + 1, j];
  let end = best.indexOf(Math.max(...best));
  const chosen = new Map<number, number>();
  for (; end >= 0; end = prev[end]) chosen.set(hits[end].part, hits[end].at);

  const notes: PartNote[] = [];
  const at = (flatAt: number) => (flatAt >= from.length ? text.length : from[flatAt]);
  for (let part = 0; part < 6; part++) {
    if (found[part].length === 0) {
      const next = [...chosen.entries()].filter(([p]) => p > part).sort((a, b) => a[0] - b[0])[0];
      notes.push({ kind: 'missing', part: part + 1, message: `缺少「${PART_TITLES[part]}」${part === 5 ? '（其中应说明信息处理费的收取情况）' : ''}`, at: next ? at(next[1]) : text.length });
      continue;
    }
    if (chosen.has(part)) continue;
    // Out of the run: which part of the run it stands on the wrong side of.
    const own = found[part][0];
    const later = [...chosen.entries()].filter(([p, a]) => p > part && a < own).sort((a, b) => b[1] - a[1])[0];
    const earlier = [...chosen.entries()].filter(([p, a]) => p < part && a > own).sort((a, b) => a[1] - b[1])[0];
    if (later) notes.push({ kind: 'order', part: part + 1, message: `「${PART_TITLES[part]}」出现在「${PART_TITLES[later[0]]}」之后`, at: at(own) });
    else if (earlier) notes.push({ kind: 'order', part: earlier[0] + 1, message: `「${PART_TITLES[earlier[0]]}」出现在「${PART_TITLES[part]}」之后`, at: at(earlier[1]) });
  }

  // Part 六 runs to the end of the text, or to the next heading of another part (tables appended,
  // or a list of contents before the body): the fee may be stated under any of its headings.
  if (found[5].length) {
    const bodies = found[5].map((six) => {
      const next = hits.filter((h) => h.at > six && h.part !== 5).map((h) => h.at);
      return flat.slice(six, next.length ? Math.min(...next) : flat.length);
    });
    if (!bodies.some((b) => FEE.test(b))) {
      const six = found[5][found[5].length - 1];
      // 处理费 only: 收费 elsewhere is 行政事业性收费 in 表二.
      const elsewhere = /处理费/.test(flat);
      notes.push({ kind: 'fee', part: 6, message: `「${PART_TITLES[5]}」中没有说明信息处理费的收取情况${elsewhere ? '（正文其他部分提到了信息处理费）' : ''}`, at: at(six) });
    }
  }
  return notes.sort((a, b) => a.at - b.at || a.part - b.part);
}
