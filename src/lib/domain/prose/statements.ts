// The report's prose against its own tables: every clause that states a figure the tables also
// hold is linked to its cells and judged — agrees, disagrees, or cannot tell (the figure is given
// but the table leaves it blank). Pure and deterministic: the same text and figures give the same
// statements. Conservative by design: a figure whose words do not name a measure plainly (信息
// items in 条, a comparison with last year, an estimate) is left alone, never judged.
import { hasCell, type CellKey, type Template, type Values } from '../model';
import { compile } from '../relations';
import { MEASURES, NOT_THE_COUNT, TOPICS, type Form, type Measure } from './measures';

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
  /** equals: the figure is these cells' sum (one cell, or several: 不予公开 over its eight rows); percent: a share of them. */
  op: 'equals' | 'percent';
  cells: CellKey[];
  /** The table's figure (or share, in %), null where the table leaves every cell blank. */
  table: number | null;
  verdict: Verdict;
}

/** A figure with its unit: 1,234 件, 12.5%, ３ 件 (full-width digits are read as digits). */
const FIGURE = /(\d[\d,，]*(?:\.\d+)?)\s*(件|个|条|%|％)/g;
const SENTENCE_END = /[。！？!?\n]/;
const CLAUSE_START = /[，,；;：:。！？!?\n（(）)]/;

function formOf(template: Template): Form | null {
  const refs = compile(template).refs;
  if (!refs.has('t3/1/total') || !refs.has('t4/n/r.total')) return null;
  return refs.has('t2a/rules/valid') ? '2021' : refs.has('t2a/rules/total') ? '2019' : null;
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
function measureOf(before: string, after: string, topics: Set<string>, form: Form): Measure | null {
  let best: { m: Measure; end: number; start: number } | null = null;
  for (const m of MEASURES) {
    if (m.topic && !topics.has(m.topic)) continue;
    if (!m.cells(form).length) continue;
    const hit = m.before?.exec(before);
    // Nearest the figure wins; of two ending alike, the one starting later (the narrower words:
    // 现行有效行政规范性文件, not 公开…规范性文件).
    if (hit && (!best || hit.index + hit[0].length > best.end || (hit.index + hit[0].length === best.end && hit.index > best.start)))
      best = { m, end: hit.index + hit[0].length, start: hit.index };
  }
  if (best) return best.m;
  return MEASURES.find((m) => m.after?.test(after) && m.cells(form).length) ?? null;
}

export function proseStatements(template: Template, values: Values, text: string): Statement[] {
  const form = formOf(template);
  if (!form) return [];
  const refs = compile(template).refs;
  const out: Statement[] = [];
  const normal = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  let sentenceStart = 0;
  let previousEnd = 0;
  let last: Statement | null = null;
  for (const m of normal.matchAll(FIGURE)) {
    const at = m.index!;
    // The sentence and clause the figure stands in.
    const sentenceFrom = lastIndexOf(normal, SENTENCE_END, at) + 1;
    if (sentenceFrom !== sentenceStart) {
      sentenceStart = sentenceFrom;
      last = null;
    }
    const clauseFrom = Math.max(lastIndexOf(normal, CLAUSE_START, at) + 1, previousEnd > sentenceFrom ? previousEnd : sentenceFrom);
    const end = at + m[0].length;
    previousEnd = end;
    const raw = m[1].replace(/[,，]/g, '');
    const unit = m[2] === '％' ? '%' : m[2];
    const before = normal.slice(clauseFrom, at).trim();
    const clauseEnd = nextIndexOf(normal, CLAUSE_START, end);
    const after = normal.slice(end, clauseEnd);
    const sentence = normal.slice(sentenceFrom, at);
    const topics = new Set<string>();
    let topicAt = -1;
    let topic = '';
    for (const [name, re] of TOPICS) for (const t of sentence.matchAll(re)) if (t.index! >= topicAt) [topicAt, topic] = [t.index!, name];
    if (topic) topics.add(topic);
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
    // A year, an ordinal or a date is no count; neither is a figure in a comparison or an estimate.
    if (/[年第]$/.test(before) || NOT_THE_COUNT.test(before)) continue;
    const measure = measureOf(before, after, topics, form);
    if (!measure || !measure.units.test(unit)) continue;
    const cells = measure.cells(form).filter((k) => refs.has(k) && hasCell(refFor(template, k)));
    if (!cells.length) continue;
    const table = tableValue(values, cells);
    const figure = Number(raw);
    const statement: Statement = {
      quote: normal.slice(clauseFrom, measure.after?.test(after) && !measure.before?.test(before) ? clauseEnd : end).trim(), at, raw, figure, unit,
      measure: measure.id, name: measure.name, op: 'equals', cells, table,
      verdict: table === null ? (figure === 0 ? 'agrees' : 'cannot-tell') : table === figure ? 'agrees' : 'disagrees'
    };
    out.push(statement);
    last = statement;
  }
  out.push(...noneStated(template, values, normal));
  return out.sort((a, b) => a.at - b.at);
}

/**
 * "没有…申请行政复议或行政诉讼的事项", "未发生…行政复议、行政诉讼": a count of none, stated in words. A
 * sentence about an outcome (未被纠错, 无败诉) says nothing of how many there were: left alone.
 */
const NONE = /(没有|未发生|未出现|未收到|无)(?!被)[^，。；\d]{0,30}?(行政复议|行政诉讼)([或、和及与]?(行政复议|行政诉讼))?[^，。；\d]{0,12}/g;
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
