// The report's prose against its own tables: every clause that states a figure the tables also
// hold is linked to its cells and judged — agrees, disagrees, or cannot tell (the figure is given
// but the table leaves it blank). Pure and deterministic: the same text and figures give the same
// statements. Conservative by design: a figure whose words do not name a measure plainly (信息
// items in 条, an estimate) is left alone, never judged; so is a comparison with last year
// (比上年增加 12 件, 增长 26.1%, 与上年持平) unless last year's report is given and the sentence
// says plainly what is compared.
import { hasCell, type CellKey, type Template, type Values } from '../model';
import { compile } from '../relations';
import { judgeChange, readComparison, reportYear, SAME, type ChangeWords } from './change';
import { cellsFor, MEASURES, NOT_THE_COUNT, TOPICS, type Form, type Measure, type OtherForm } from './measures';

export type Verdict = 'agrees' | 'disagrees' | 'cannot-tell';

export interface Statement {
  /** The clause as printed, and where it stands in the text. */
  quote: string;
  at: number;
  /** The figure as printed and as a number. */
  raw: string;
  figure: number;
  unit: string;
  measure: string;
  name: string;
  /**
   * equals: the figure is these cells' sum (one cell, or several: 不予公开 over its eight rows); percent:
   * a share of them; change: a comparison of these cells with last year's report (see `change`).
   */
  op: 'equals' | 'percent' | 'change';
  cells: CellKey[];
  /**
   * The table's figure (or share, in %), null where the table leaves every cell blank. For a change:
   * the change the two years' tables give in the stated direction (in the figure's unit, % of last
   * year's figure to 2 decimals; negative when the tables move the other way; 0 is 持平), or, for
   * last year's own figure (direction 'was'), last year's table figure.
   */
  table: number | null;
  verdict: Verdict;
  /** op 'change' only: what a reader needs to see why. */
  change?: Change;
}

export interface Change {
  /** 增加/增长/上升 (more), 减少/下降/回落 (less), 持平 (same), or the figure is last year's own (由上年的 46 件: was). */
  direction: 'more' | 'less' | 'same' | 'was';
  /** The figure is a rate: % of last year's figure. */
  percent: boolean;
  /** Last year's and this year's table figure for the cells (null where that year leaves them blank). */
  previous: number | null;
  current: number | null;
  /** current − previous, null when either is blank. */
  difference: number | null;
  /** The same in words: 上年 46 件，本年 58 件，增加 12 件（增长 26.09%）, or 上年报告中未填. */
  detail: string;
}

/** A figure with its unit: 1,234 件, 12.5%, ３ 件 (full-width digits are read as digits). */
const FIGURE = /(\d[\d,，]*(?:\.\d+)?)\s*(件|个|条|起|%|％)/g;
const SENTENCE_END = /[。！？!?\n]/;
const CLAUSE_START = /[，,；;：:。！？!?\n（(）)]/;

function formOf(template: Template): Form | OtherForm | null {
  const refs = compile(template).refs;
  if (refs.has('t3/1/total') && refs.has('t4/n/r.total')) {
    if (refs.has('t2a/rules/valid')) return '2021';
    if (refs.has('t2a/rules/total')) return '2019';
  }
  const own = new Map((template.measures ?? []).map((m) => [m.id, m.cells.filter((k) => refs.has(k))] as const).filter(([, cells]) => cells.length));
  return own.size ? { own } : null;
}

/** A row of 表三 as the table states it: its 总计, else (a table that leaves totals blank) its applicants' sum. */
function cellValue(values: Values, key: CellKey): number | null {
  const own = values.get(key)?.value ?? null;
  if (own !== null || !key.startsWith('t3/') || !key.endsWith('/total')) return own;
  const row = key.slice(0, -'total'.length);
  const parts = ['natural', 'biz', 'sci', 'pub', 'law', 'other'].map((c) => values.get(row + c)?.value ?? null).filter((v): v is number => v !== null);
  return parts.length ? parts.reduce((a, b) => a + b, 0) : null;
}

function tableValue(values: Values, cells: CellKey[]): number | null {
  const known = cells.map((k) => cellValue(values, k)).filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
}

/** A printed percentage agrees when it is the table's share rounded or cut to the printed decimals. */
function samePercent(printed: string, share: number): boolean {
  const decimals = printed.includes('.') ? printed.split('.')[1].length : 0;
  const f = 10 ** decimals;
  const figure = Number(printed);
  return Math.abs(Math.round(share * f) / f - figure) < 1e-9 || Math.abs(Math.trunc(share * f) / f - figure) < 1e-9;
}

/** The measure whose words end nearest the figure (before it), or the first that follows it. */
function measureOf(before: string, after: string, topics: Set<string>, form: Form | OtherForm): Measure | null {
  return measureAt(before, after, topics, form)?.m ?? null;
}

/** measureOf, with where its words start in `before` (-1: they follow the figure). */
function measureAt(before: string, after: string, topics: Set<string>, form: Form | OtherForm): { m: Measure; start: number } | null {
  let best: { m: Measure; end: number; start: number } | null = null;
  for (const m of MEASURES) {
    if (m.topic && !topics.has(m.topic)) continue;
    if (!cellsFor(m, form).length) continue;
    const hit = m.before?.exec(before);
    // Nearest the figure wins; of two ending alike, the one starting later (the narrower words:
    // 现行有效行政规范性文件, not 公开…规范性文件).
    if (hit && (!best || hit.index + hit[0].length > best.end || (hit.index + hit[0].length === best.end && hit.index > best.start)))
      best = { m, end: hit.index + hit[0].length, start: hit.index };
  }
  if (best) return best;
  const m = MEASURES.find((m) => m.after?.test(after) && cellsFor(m, form).length);
  return m ? { m, start: -1 } : null;
}

/** The topics of a sentence up to a figure: the last topic word said. */
function topicsOf(sentence: string): Set<string> {
  const topics = new Set<string>();
  let topicAt = -1;
  let topic = '';
  for (const [name, re] of TOPICS) for (const t of sentence.matchAll(re)) if (t.index! >= topicAt) [topicAt, topic] = [t.index!, name];
  if (topic) topics.add(topic);
  return topics;
}

/** A figure right after 上年的 / 由 / 从 is last year's or a starting point, never this year's count. */
const PAST = /(?:上一?年度?|去年|同期)的?$|[由从]$/;

/** Words that name the figure just stated again, not another measure: 申请数量较去年回落 12.3%. */
const SAME_SUBJECT = /^(?:全年|本年度?|今年|当年)?(?:共|总共|合计)?(?:(?:政府信息公开)?申请)?的?(?:数量|总量|总数|件数|量|数)?$/;

/** What a comparison in a sentence is about: its measure, and where the figure compared ends. */
interface Compared { m: Measure; cells: CellKey[]; end: number; kind: 'was' | 'to' | 'change' }

/**
 * Every clause of `text` that states a figure the tables hold, judged against `values`. With
 * `previous` (last year's report of the same unit, keyed like `values`), also every comparison with
 * last year whose subject is plain (op 'change').
 *
 * Without `previous` a comparison is left alone, not listed as 'cannot-tell': the user has not given
 * last year's report, so there is nothing to look at and nothing they could do about it in this
 * report; a list of "cannot tell" for every 比上年 would only hide the findings. With `previous`
 * given but its cells blank (or this year's), the comparison is listed as 'cannot-tell': the user
 * asked for it to be checked, and it could not be.
 */
/** Whether a form's figures can be found in prose at all (the national forms, or a form with measures for 历年对比). */
export const proseReadable = (template: Template) => formOf(template) !== null;

export function proseStatements(template: Template, values: Values, text: string, previous?: Values): Statement[] {
  const form = formOf(template);
  if (!form) return [];
  const refs = compile(template).refs;
  const out: Statement[] = [];
  const normal = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  const year = reportYear(normal);
  const lastYear = year === null ? null : year - 1;
  const cellsOf = (measure: Measure) => cellsFor(measure, form).filter((k) => refs.has(k) && hasCell(refFor(template, k)));
  // Another form's figure is named as that form names its row (2017: （一）收到申请数), not as the national one.
  const names = compile(template).names;
  const nameOf = (measure: Measure) => (typeof form === 'string' ? measure.name : (names.get(cellsOf(measure)[0]) ?? measure.name));
  /** Where each plain statement's figure ends: what 比上年… right after it refers to. */
  const ends = new Map<Statement, number>();
  let sentenceStart = 0;
  let previousEnd = 0;
  let last: Statement | null = null;
  let compared: Compared | null = null;
  for (const m of normal.matchAll(FIGURE)) {
    const at = m.index!;
    // The sentence and clause the figure stands in.
    const sentenceFrom = lastIndexOf(normal, SENTENCE_END, at) + 1;
    if (sentenceFrom !== sentenceStart) {
      sentenceStart = sentenceFrom;
      last = null;
      compared = null;
    }
    const clauseFrom = Math.max(lastIndexOf(normal, CLAUSE_START, at) + 1, previousEnd > sentenceFrom ? previousEnd : sentenceFrom);
    const end = at + m[0].length;
    const priorEnd = previousEnd;
    previousEnd = end;
    const raw = m[1].replace(/[,，]/g, '');
    const unit = m[2] === '％' ? '%' : m[2];
    const before = normal.slice(clauseFrom, at).trim();
    const clauseEnd = nextIndexOf(normal, CLAUSE_START, end);
    const after = normal.slice(end, clauseEnd);
    const sentence = normal.slice(sentenceFrom, at);
    const topics = topicsOf(sentence);
    // A comparison with last year: 比上年增加 12 件, 增长 26.1%, 由上年的 46 件增加到 58 件.
    const words = readComparison(normal.slice(Math.max(priorEnd, sentenceFrom), at), after, unit, raw, lastYear);
    const chained = compared && compared.end === priorEnd ? compared : null;
    if (words) {
      const found = comparison(words, chained, { sentenceFrom, priorEnd, last, topics, unit });
      if (found) {
        const { measure, cells } = found;
        const quote = normal.slice(clauseFrom, end).trim();
        if (words.kind === 'to') {
          // This year's figure, restated after last year's: a plain statement.
          const table = tableValue(values, cells);
          const figure = Number(raw);
          const statement: Statement = { quote, at, raw, figure, unit, measure: measure.id, name: nameOf(measure), op: 'equals', cells, table, verdict: table === null ? (figure === 0 ? 'agrees' : 'cannot-tell') : table === figure ? 'agrees' : 'disagrees' };
          out.push(statement);
          ends.set(statement, end);
          last = statement;
        } else if (previous) out.push(changeStatement(words.kind === 'was' ? 'was' : words.direction, unit, raw, quote, at, measure, cells, values, previous));
        compared = { m: measure, cells, end, kind: words.kind === 'change' ? 'change' : words.kind };
        continue;
      }
      // A change (with or without 比上年) or last year's figure whose subject is not plain: never read
      // as a count (行政复议案件降低 2 件 is no count of 2). 增至 58 件 without last year's figure
      // before it is this year's: read as usual.
      if (words.kind !== 'to') continue;
    }
    if (unit === '%') {
      // A share: of the measure just stated in this sentence (占 33.9%), or a 办结率.
      const rate = /办结率[^，。；\d]{0,3}$/.test(before);
      const of = rate ? ['t3/3.7/total'] : last?.op === 'equals' && (before === '' || /^(占|约占|占比|比例为?)/.test(before)) ? last.cells : null;
      if (!of) continue;
      const bases = rate ? [['t3/1/total', 't3/2/total'], ['t3/1/total']] : [['t3/3.7/total'], ['t3/1/total'], ['t3/1/total', 't3/2/total']];
      const part = tableValue(values, of);
      const shares = bases.map((b) => tableValue(values, b)).map((b) => (part !== null && b ? (100 * part) / b : null)).filter((v): v is number => v !== null);
      const agrees = shares.some((s) => samePercent(raw, s));
      out.push({
        quote: normal.slice(clauseFrom, end).trim() || m[0], at, raw, figure: Number(raw), unit, measure: rate ? 'done-rate' : `${last!.measure}-share`,
        name: rate ? '办结率' : `${last!.name}所占比例`, op: 'percent', cells: of, table: shares[0] !== undefined ? Math.round(shares[0] * 100) / 100 : null,
        verdict: !shares.length ? 'cannot-tell' : agrees ? 'agrees' : 'disagrees'
      });
      continue;
    }
    // A year, an ordinal or a date is no count; neither is a figure in a comparison, last year's or an estimate.
    if (/[年第]$/.test(before) || NOT_THE_COUNT.test(before) || PAST.test(before.replace(/\s+/g, ''))) continue;
    const measure = measureOf(before, after, topics, form);
    if (!measure || !measure.units.test(unit)) continue;
    const cells = cellsOf(measure);
    if (!cells.length) continue;
    const table = tableValue(values, cells);
    const figure = Number(raw);
    const statement: Statement = {
      quote: normal.slice(clauseFrom, measure.after?.test(after) && !measure.before?.test(before) ? clauseEnd : end).trim(), at, raw, figure, unit,
      measure: measure.id, name: nameOf(measure), op: 'equals', cells, table,
      verdict: table === null ? (figure === 0 ? 'agrees' : 'cannot-tell') : table === figure ? 'agrees' : 'disagrees'
    };
    out.push(statement);
    ends.set(statement, end);
    last = statement;
  }
  // 全年共受理申请 26 件，其中本年新收 24 件，上年结转 2 件: the first figure counts both, so it is
  // judged against their sum, not against 本年新收 alone.
  for (const [i, s] of out.entries()) {
    if (s.op !== 'equals' || s.measure !== 'receive') continue;
    const end = ends.get(s) ?? s.at;
    const sentenceEnd = nextIndexOf(normal, SENTENCE_END, end);
    const carry = out.slice(i + 1).find((t) => t.at < sentenceEnd && t.op === 'equals' && t.measure === 'carry-in');
    if (!carry || !normal.slice(end, carry.at).includes('其中')) continue;
    const cells: CellKey[] = ['t3/1/total', 't3/2/total'];
    const table = tableValue(values, cells);
    out[i] = { ...s, measure: 'receive-with-carry-in', name: '本年新收与上年结转政府信息公开申请合计', cells, table, verdict: table === null ? (s.figure === 0 ? 'agrees' : 'cannot-tell') : table === s.figure ? 'agrees' : 'disagrees' };
  }
  if (previous) out.push(...sameAsLastYear());
  out.push(...noneStated(template, values, normal));
  return out.sort((a, b) => a.at - b.at);

  /**
   * The measure a comparison is about: the one its own words name (受理申请比上年增加…), or, when its
   * words name nothing else (比上年…, 申请数量较去年…), the figure stated right before it in the
   * sentence; or the comparison it continues (比上年增加 12 件，增长 26.1%). Null when not plain: the
   * figure before is no plain statement or is a part (其中…), or the words name two measures.
   */
  function comparison(words: ChangeWords, chained: Compared | null, ctx: Context): { measure: Measure; cells: CellKey[] } | null {
    if (words.kind === 'to') return chained?.kind === 'was' ? { measure: chained.m, cells: chained.cells } : null;
    if (chained && words.kind === 'change' && words.subject.replace(/[\s，,；;：:]/g, '') === '') return { measure: chained.m, cells: chained.cells };
    if (words.kind === 'change' && !words.explicit) return null;
    const subject = words.subject.replace(/\s+/g, '').replace(/^[，,；;：:、]+|[，,；;：:、]+$/g, '');
    const measure = subjectOf(subject, ctx);
    if (!measure || (ctx.unit !== '%' && !measure.units.test(ctx.unit))) return null;
    const cells = cellsOf(measure);
    return cells.length ? { measure, cells } : null;
  }

  function subjectOf(subject: string, ctx: Context): Measure | null {
    if (SAME_SUBJECT.test(subject)) {
      const last = ctx.last;
      if (!last || last.op !== 'equals' || last.measure === 'none' || ends.get(last) !== ctx.priorEnd) return null;
      if (normal.slice(ctx.sentenceFrom, last.at).includes('其中')) return null;
      if (subject.includes('申请') && last.measure !== 'receive') return null;
      return MEASURES.find((m) => m.id === last.measure) ?? null;
    }
    // Its own words, in the subject's last clause, naming one measure and nothing besides.
    const clause = subject.split(/[，,；;：:]/).pop()!;
    if (NOT_THE_COUNT.test(clause) || /类信息|信息[数量条]|条目/.test(clause)) return null;
    const hit = measureAt(clause, '', ctx.topics, form!);
    if (!hit || hit.start < 0) return null;
    if (/[和及与、或]/.test(clause.slice(0, hit.start))) return null;
    return hit.m;
  }

  /** "与上年持平": a change of none, about the figure right before it or the measure its words name. */
  function sameAsLastYear(): Statement[] {
    const found: Statement[] = [];
    for (const m of normal.matchAll(SAME)) {
      if (m.groups!.approx || (m.groups!.year && (lastYear === null || Number(m.groups!.year) !== lastYear))) continue;
      const at = m.index!;
      const sentenceFrom = lastIndexOf(normal, SENTENCE_END, at) + 1;
      let priorEnd = -1;
      for (const f of normal.slice(sentenceFrom, at).matchAll(FIGURE)) priorEnd = sentenceFrom + f.index! + f[0].length;
      const last = [...ends.entries()].find(([, e]) => e === priorEnd)?.[0] ?? null;
      const subject = normal.slice(Math.max(priorEnd, sentenceFrom), at);
      const ctx: Context = { sentenceFrom, priorEnd, last, topics: topicsOf(normal.slice(sentenceFrom, at)), unit: '件' };
      const measure = subjectOf(subject.replace(/\s+/g, '').replace(/^[，,；;：:、]+|[，,；;：:、]+$/g, ''), ctx);
      const cells = measure ? cellsOf(measure) : [];
      if (!measure || !cells.length) continue;
      const clauseFrom = Math.max(lastIndexOf(normal, CLAUSE_START, at) + 1, Math.max(priorEnd, sentenceFrom));
      found.push(changeStatement('same', '件', '0', normal.slice(clauseFrom, at + m[0].length).trim(), at, measure, cells, values, previous!));
    }
    return found;
  }
}

interface Context {
  sentenceFrom: number;
  /** Where the figure before the comparison ends. */
  priorEnd: number;
  /** The sentence's last plain statement. */
  last: Statement | null;
  topics: Set<string>;
  unit: string;
}

const SAID: Record<Change['direction'], string> = { more: '增加', less: '减少', same: '增减', was: '' };

/** A comparison with last year, judged. */
function changeStatement(direction: Change['direction'], unit: string, raw: string, quote: string, at: number, measure: Measure, cells: CellKey[], values: Values, previous: Values): Statement {
  const current = tableValue(values, cells);
  const before = tableValue(previous, cells);
  const percent = unit === '%';
  const figure = Number(raw);
  const u = percent ? '件' : unit;
  const blank = current === null ? '本年表中未填' : '上年报告中未填';
  if (direction === 'was') {
    const verdict: Verdict = before === null ? 'cannot-tell' : before === figure ? 'agrees' : 'disagrees';
    const detail = before === null ? '上年报告中未填' : `上年报告为 ${before} ${u}`;
    return { quote, at, raw, figure, unit, measure: `${measure.id}-previous`, name: `上年${measure.name}`, op: 'change', cells, table: before, verdict, change: { direction, percent, previous: before, current, difference: current !== null && before !== null ? current - before : null, detail } };
  }
  const judged = judgeChange(direction === 'same' ? 'same' : direction, percent, raw, current, before, samePercent);
  const moved = judged.difference === null ? '' : judged.difference === 0 ? '持平' : `${judged.difference > 0 ? '增加' : '减少'} ${Math.abs(judged.difference)} ${u}`;
  const rate = judged.difference !== null && before ? `（${judged.difference > 0 ? '增长' : '下降'} ${Math.round((Math.abs(judged.difference) / before) * 10000) / 100}%）` : '';
  const detail = current === null || before === null ? blank : `上年 ${before} ${u}，本年 ${current} ${u}，${moved}${judged.difference ? rate : ''}`;
  const name = direction === 'same' ? `${measure.name}比上年增减` : `${measure.name}比上年${percent ? (direction === 'more' ? '增长' : '下降') + '（%）' : SAID[direction]}`;
  return { quote, at, raw, figure, unit, measure: `${measure.id}-change`, name, op: 'change', cells, table: judged.table, verdict: judged.verdict, change: { direction, percent, previous: before, current, difference: judged.difference, detail } };
}

/**
 * "没有…申请行政复议或行政诉讼的事项", "未发生…行政复议、行政诉讼": a count of none, stated in words. A
 * sentence about an outcome (未被纠错, 无败诉) says nothing of how many there were: left alone.
 */
const NONE = /(没有|未发生|未出现|未收到|无)(?!被)[^，。；\d]{0,30}?(行政复议|行政诉讼)([或、和及与]?(?:提起)?(行政复议|行政诉讼))?[^，。；\d]{0,12}/g;
/**
 * "未收到过信息公开申请", "没有接到政府信息公开申请": no application received. Not where the clause
 * goes on to something the applications led to or came with (…申请引起的行政复议, 咨询, 投诉).
 */
const NO_APPLICATION = /(没有|未|无)(收到|接到|受理|接收)(过|到)?(任何)?[^，。；\d复诉]{0,8}?信息公开(的)?申请/g;
const NOT_ONLY_APPLICATIONS = /复议|诉讼|投诉|举报|咨询|答复|办结|转/;
const OUTCOME = /纠错|纠正|败诉|撤销|维持|确认违法|被诉/;

function noneStated(template: Template, values: Values, text: string): Statement[] {
  const refs = compile(template).refs;
  const out: Statement[] = [];
  for (const m of text.matchAll(NONE)) {
    if (OUTCOME.test(m[0])) continue;
    const kinds = new Set([m[2], m[4]].filter(Boolean));
    const cells = [...(kinds.has('行政复议') ? ['t4/n/r.total'] : []), ...(kinds.has('行政诉讼') ? ['t4/n/d.total', 't4/n/a.total'] : [])].filter((k) => refs.has(k));
    if (!cells.length) continue;
    const table = tableValue(values, cells);
    out.push({
      quote: m[0], at: m.index!, raw: '0', figure: 0, unit: '件', measure: 'none', name: [...kinds].join('和'), op: 'equals', cells, table,
      verdict: table === null || table === 0 ? 'agrees' : 'disagrees'
    });
  }
  if (refs.has('t3/1/total'))
    for (const m of text.matchAll(NO_APPLICATION)) {
      const rest = text.slice(m.index! + m[0].length, nextIndexOf(text, /[，,；;。！？!?\n]/, m.index! + m[0].length));
      if (NOT_ONLY_APPLICATIONS.test(rest)) continue;
      const table = tableValue(values, ['t3/1/total']);
      out.push({
        quote: m[0], at: m.index!, raw: '0', figure: 0, unit: '件', measure: 'none-receive', name: '本年新收政府信息公开申请数量', op: 'equals', cells: ['t3/1/total'], table,
        verdict: table === null || table === 0 ? 'agrees' : 'disagrees'
      });
    }
  return out;
}

function refFor(template: Template, key: CellKey) {
  const [t, r] = key.split('/');
  return template.tables.find((x) => x.id === t)!.rows.find((x) => x.id === r)!;
}

function lastIndexOf(text: string, re: RegExp, before: number): number {
  for (let i = before - 1; i >= 0; i--) if (re.test(text[i])) return i;
  return -1;
}

function nextIndexOf(text: string, re: RegExp, from: number): number {
  for (let i = from; i < text.length; i++) if (re.test(text[i])) return i;
  return text.length;
}
