// 汇总: a region's summary table is the sum of its units' tables in the same form. Each summary
// cell is the sum of the units' figures (blank where every unit left it blank), with how many
// units reported it; the summary is checked by the same engine, and a summary finding names the
// units whose own findings on the same rule and cell cause it. Pure: the page and the workbook
// writer read this.
import { check, type CheckResult, type Finding } from './checks';
import { formatFigure } from './figures';
import { compile } from './relations';
import { causeCounts, checkReport, reviewedIds, type Review } from './report-check';
import { checkRows } from './locate/edits';
import type { CellEntry, CellKey, Template } from './model';

export interface UnitReport {
  /** The report's id (links, drill-down). */
  id: string;
  unit: string;
  /** The unit record (matches the unit across years); absent for reports from before units. */
  unitId?: string;
  values: ReadonlyMap<CellKey, CellEntry>;
  /** The report's reviews (已核实): a reviewed cause does not count as an error. */
  reviews?: readonly Review[];
}

export interface UnitResult extends UnitReport {
  /** By cause (one wrong figure is one error), reviewed ones apart. */
  errors: number;
  warnings: number;
  reviewed: number;
  filled: number;
  /** Totals left blank while some of their parts are filled. */
  blankTotals: number;
  /** The unit's own findings, as rule|cell (findingKey). */
  findingKeys: ReadonlySet<string>;
  /** The unit's likely wrong figures (and blanks that need one): cell → what it should be (null: not determined). */
  likely: ReadonlyMap<CellKey, number | null>;
}

/** The counts a report keeps of its last check (ReportRecord.summary). */
export interface KeptCheck {
  errors: number;
  warnings: number;
  reviewed?: number;
  blank?: number;
  findings?: string[];
  likely?: string[];
}

/** cell|value strings (ReportRecord.summary.likely) as a map. */
export function likelyOf(kept: readonly string[] = []): Map<CellKey, number | null> {
  return new Map(kept.map((x) => {
    const at = x.lastIndexOf('|');
    const v = x.slice(at + 1);
    return [x.slice(0, at), v === '' ? null : Number(v)];
  }));
}

export interface Summary {
  template: Template;
  values: Map<CellKey, CellEntry>;
  /** Per cell, how many units gave it a figure. */
  counts: Map<CellKey, number>;
  /** Figures a unit typed that are not numbers: not summed, listed per cell. */
  refused: Map<CellKey, string[]>;
  units: UnitResult[];
  result: CheckResult;
  /** Per summary finding id + subject: the units whose own findings on the same rule and cell cause it (or whose figure there could not be read). */
  causes: Map<string, string[]>;
  /** False while the units' own figures are still being read (a summary shown from its cache): no drill-down yet. */
  complete: boolean;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
/**
 * Unit names in Chinese order; one collator (localeCompare with a locale builds one per call: 200 ms
 * for 1,000 units), made on the first comparison: Chromium loads the Chinese collation data when
 * the first one is made (14–22 ms), which a report page opened cold would otherwise pay on import.
 */
let collator: Intl.Collator | null = null;
export const byName = { compare: (a: string, b: string) => (collator ??= new Intl.Collator('zh-CN')).compare(a, b) };
export const findingKey = (f: Pick<Finding, 'id' | 'subjectKey'>) => `${f.id}|${f.subjectKey}`;

function filledCount(values: ReadonlyMap<CellKey, CellEntry>) {
  let filled = 0;
  for (const e of values.values()) if (e.raw.trim() !== '') filled++;
  return filled;
}

/** One unit's check, counted for the status table as its report counts it (by cause). */
export function unitResult(template: Template, r: UnitReport): UnitResult {
  const rc = checkReport(template, r.values);
  const reviewed = reviewedIds(rc.causes, r.reviews ?? [], r.values);
  const open = rc.causes.filter((c) => !reviewed.has(c.id));
  return {
    ...r,
    ...causeCounts(rc.causes, reviewed),
    filled: filledCount(r.values),
    blankTotals: open.filter((c) => c.kind === 'blank').reduce((n, c) => n + c.options[0].length, 0),
    findingKeys: new Set(rc.result.findings.map(findingKey)),
    likely: new Map(open.filter((c) => c.kind === 'figure' || c.kind === 'blank').flatMap((c) => c.options[0].map((o) => [o.key, o.value] as const)))
  };
}

/**
 * A unit's status from the check its report keeps (a 汇总 of hundreds of units opens without
 * checking each again); null when the kept check lacks the findings or the causes (a report kept
 * by an older version of the tool).
 */
export function unitFromKept(r: UnitReport, kept: KeptCheck): UnitResult | null {
  if (!kept.findings || kept.blank === undefined || !kept.likely) return null;
  return { ...r, errors: kept.errors, warnings: kept.warnings, reviewed: kept.reviewed ?? 0, filled: filledCount(r.values), blankTotals: kept.blank, findingKeys: new Set(kept.findings), likely: likelyOf(kept.likely) };
}

/**
 * The running cell-by-cell sums of units' figures, a unit at a time: a 汇总 of 1,000 units is
 * ~200,000 figures, summed in steps so the page is never held by one long task. One running total
 * per cell, looked up once per figure.
 */
export class UnitSums {
  private readonly totals = new Map<CellKey, { sum: number; count: number }>();
  private readonly refused = new Map<CellKey, string[]>();

  add(u: Pick<UnitReport, 'unit' | 'values'>): void {
    for (const [key, e] of u.values) {
      if (e.value === null) {
        if (e.raw.trim() !== '') (this.refused.get(key) ?? this.refused.set(key, []).get(key)!).push(u.unit);
        continue;
      }
      if (e.raw.trim() === '') continue;
      const t = this.totals.get(key);
      if (t) {
        t.sum = round(t.sum + e.value);
        t.count++;
      } else this.totals.set(key, { sum: round(e.value), count: 1 });
    }
  }

  /** The sums in the form's order (blank where every unit is blank), with counts and unread text. */
  result(template: Template): Pick<Summary, 'values' | 'counts' | 'refused'> {
    const values = new Map<CellKey, CellEntry>();
    for (const key of compile(template).order.keys()) {
      const t = this.totals.get(key);
      if (t) values.set(key, { raw: formatFigure(t.sum), value: t.sum });
    }
    // Counts in the order the figures were met (the cache and the workbook keep this order).
    const counts = new Map<CellKey, number>();
    for (const [key, t] of this.totals) counts.set(key, t.count);
    return { values, counts, refused: this.refused };
  }
}

/** The cell-by-cell sums of these units' figures (blank where every unit is blank), with counts and unread text. */
export function sumUnits(template: Template, units: UnitReport[]) {
  const sums = new UnitSums();
  for (const u of units) sums.add(u);
  return sums.result(template);
}

/** The summary of these units' reports (all of `template`'s form). */
export function summarise(template: Template, reports: UnitReport[], results?: UnitResult[]): Summary {
  const units = results ?? reports.map((r) => unitResult(template, r));
  return finish(template, sumUnits(template, units), units, true);
}

/** The summary of these units' checks once their figures are summed (`sums` fed every one of them, in this order). */
export function summaryOfSums(template: Template, sums: UnitSums, units: UnitResult[]): Summary {
  return finish(template, sums.result(template), units, true);
}

function finish(template: Template, sums: Pick<Summary, 'values' | 'counts' | 'refused'>, units: UnitResult[], complete: boolean): Summary {
  const { values, refused } = sums;
  const result = check(template, values);
  const causes = new Map<string, string[]>();
  for (const f of result.findings) {
    const k = findingKey(f);
    // Also the units whose text in one of its cells could not be read (it is not summed).
    const cells = [f.subjectKey, ...f.others];
    causes.set(k, units.filter((u) => u.findingKeys.has(k) || cells.some((c) => refused.get(c)?.includes(u.unit))).map((u) => u.unit));
  }
  return { template, ...sums, units, result, causes, complete };
}

/**
 * The sums of a 汇总 kept with it, so 1,000 units' summary shows without reading 200,000 figures:
 * valid while its members are the same reports and none changed after `at`.
 */
export interface SummaryCache {
  at: number;
  ids: string[];
  values: [CellKey, string, number | null][];
  counts: [CellKey, number][];
  refused: [CellKey, string[]][];
}

export function cacheOf(s: Summary, at: number): SummaryCache {
  return { at, ids: s.units.map((u) => u.id), values: [...s.values].map(([k, e]) => [k, e.raw, e.value]), counts: [...s.counts], refused: [...s.refused] };
}

/**
 * The summary from its kept sums and each unit's kept check (units without their figures:
 * `complete` false until they are read); null when the cache no longer fits the members.
 */
export function summaryFromCache(template: Template, cache: SummaryCache, units: (UnitResult & { updatedAt: number })[]): Summary | null {
  if (cache.ids.length !== units.length || units.some((u, i) => u.id !== cache.ids[i] || u.updatedAt > cache.at)) return null;
  const values = new Map(cache.values.map(([k, raw, value]) => [k, { raw, value }]));
  return finish(template, { values, counts: new Map(cache.counts), refused: new Map(cache.refused) }, units, false);
}

/** Each unit's figure in one summary cell (drill-down), largest first; blanks last. */
export function contributions(summary: Summary, key: CellKey): { id: string; unit: string; raw: string; value: number | null }[] {
  return summary.units
    .map((u) => ({ id: u.id, unit: u.unit, raw: u.values.get(key)?.raw ?? '', value: u.values.get(key)?.value ?? null }))
    .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || byName.compare(a.unit, b.unit));
}

/** One unit's part in a summary finding. */
export interface Contribution {
  id: string;
  unit: string;
  /** The unit's own difference on the relation (its total less its parts, blanks as none). */
  amount: number;
  /** amount over the summary's difference: the units' shares add up to 1 (some may offset others). */
  share: number;
  /** The unit's own likely wrong figures among the relation's cells, with what they should be. */
  likely: { key: CellKey; value: number | null }[];
  /** It gave text there that could not be read (not summed). */
  unread: boolean;
  /** The relation's cells it left blank (summed as none): a half-filled table's difference comes from these. */
  blank: number;
}

/**
 * Every unit contributing to a summary finding, with its share of the summary's difference and its
 * own likely wrong figures there, largest first. The summary's figures are the units' sums, so the
 * summary's difference on a relation is the sum of the units' differences (blanks as none): a unit
 * whose own difference is not 0 contributes. Null while the units' figures are being read.
 */
export function contributionsTo(summary: Summary, f: Pick<Finding, 'id' | 'subjectKey'>): Contribution[] | null {
  if (!summary.complete) return null;
  const ruleId = f.id.split('@')[0];
  const c = compile(summary.template).checks.find((x) => x.ruleId === ruleId);
  if (!c) return [];
  // The row of the relation the summary breaks (for channels: the one the finding is on).
  const rows = checkRows(c);
  const row = rows.find((r) => (r.op === '=' ? residual(summary.values, r) !== 0 : residual(summary.values, r) > 0) && (!f.id.includes('@') || r.terms.some(([k]) => k === f.subjectKey))) ?? rows[0];
  const total = residual(summary.values, row);
  const cells = new Set(row.terms.map(([k]) => k));
  const cellList = [...cells];
  const unreadBy = new Set(cellList.flatMap((k) => summary.refused.get(k) ?? []));
  const out: Contribution[] = [];
  // A 汇总 of 1,000 units has dozens of findings, each over every unit: the units are taken in
  // name order once per summary, so the sort below (stable) breaks ties by name without a
  // collator call per comparison.
  for (const u of unitsByName(summary)) {
    const amount = residual(u.values, row);
    const unread = unreadBy.has(u.unit);
    if (!unread && (row.op === '=' ? amount === 0 : amount <= 0)) continue;
    let blank = 0;
    for (const k of cellList) if (!(u.values.get(k)?.raw ?? '').trim()) blank++;
    const likely: Contribution['likely'] = [];
    for (const [key, value] of u.likely) if (cells.has(key)) likely.push({ key, value });
    out.push({ id: u.id, unit: u.unit, amount, share: total ? amount / total : 0, unread, blank, likely });
  }
  return out.sort((a, b) => Math.abs(b.amount) - Math.abs(a.amount));
}

/** A relation row's left side less its right side on these figures (blanks as 0). */
function residual(values: ReadonlyMap<CellKey, CellEntry>, row: ReturnType<typeof checkRows>[number]): number {
  let sum = -row.rhs;
  for (const [k, a] of row.terms) sum += a * (values.get(k)?.value ?? 0);
  return round(sum);
}

const byNameOf = new WeakMap<readonly UnitResult[], UnitResult[]>();
/** The summary's units in name order (the same summary's findings share it). */
function unitsByName(summary: Summary): UnitResult[] {
  let sorted = byNameOf.get(summary.units);
  if (!sorted) byNameOf.set(summary.units, (sorted = [...summary.units].sort((a, b) => byName.compare(a.unit, b.unit))));
  return sorted;
}

/** A summary finding's units in words: 由 2 个单位造成：乙县 −129（98%，其中 …疑为 0）、甲县 −3（2%）. */
export function contributionText(list: Contribution[], names: ReadonlyMap<CellKey, string>, most = 8): string {
  if (!list.length) return '各单位自身未见此错误（由各单位空格或不同填法相加所致）';
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  const signed = (x: number) => (x > 0 ? `+${formatFigure(x)}` : formatFigure(x));
  // Units erring both ways give shares past 100 % and below 0: the amounts alone say it plainer.
  const mixed = list.some((c) => c.share < 0 || c.share > 1);
  const item = (c: Contribution) => {
    const own = c.likely.map((l) => `${(names.get(l.key) ?? l.key).replace(/^表[^·]*· /, '')}${l.value !== null ? ` 疑为 ${formatFigure(l.value)}` : ' 疑有误'}`);
    // No figure of its own named: its difference comes from what it left blank (its own check,
    // which never calls a half-filled table wrong, says nothing there).
    const blanks = !own.length && c.blank ? `本项有 ${c.blank} 格未填` : '';
    const notes = [c.share && !mixed ? pct(c.share) : '', c.unread ? '含无法识别的数字' : '', ...own, blanks].filter(Boolean);
    return `${c.unit} ${signed(c.amount)}${notes.length ? `（${notes.join('，')}）` : ''}`;
  };
  return `由 ${list.length} 个单位造成：${list.slice(0, most).map(item).join('、')}${list.length > most ? ` 等` : ''}`;
}
