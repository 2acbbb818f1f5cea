// 历年对比: one unit's main figures across its years (the measures each form declares), with the
// cross-year findings of each year against the year before. Pure: the page reads the reports,
// this lines them up, a small SVG draws them.
import { check, type Finding } from './checks';
import { correctionText } from './locate/causes';
import type { CellEntry, CellKey, MeasureId, Template } from './model';
import { compile } from './relations';
import { causesFor } from './report-check';

export const MEASURE_LABELS: Record<MeasureId, string> = {
  received: '收到申请',
  disclosed: '予以公开',
  review: '行政复议',
  litigation: '行政诉讼',
  normsIssued: '规范性文件 制发',
  normsValid: '规范性文件 现行有效'
};

export interface YearReport {
  id: string;
  year: number;
  template: Template;
  values: ReadonlyMap<CellKey, CellEntry>;
}

export interface YearSeries {
  years: {
    year: number;
    id: string;
    form: string;
    crossYear: Finding[];
    /**
     * Per cross-year finding (same order): which side the localisation blames — this year's figure
     * or last year's, where that year's own relations fail there — in words; '' where neither does.
     */
    blame: string[];
  }[];
  measures: { id: MeasureId; label: string; values: (number | null)[]; notes: string[] }[];
}

/** Sum of a measure's cells in one report; null when the form lacks it or every cell is blank. */
function measureValue(r: YearReport, id: MeasureId): number | null {
  const m = r.template.measures?.find((x) => x.id === id);
  if (!m) return null;
  let sum: number | null = null;
  for (const k of m.cells) {
    const v = r.values.get(k)?.value;
    if (typeof v === 'number') sum = Math.round(((sum ?? 0) + v) * 1e6) / 1e6;
  }
  return sum;
}

/**
 * The unit's reports in year order (one per year: the first given wins a tie). A year's
 * cross-year findings are judged against the report of the year before when both have the same
 * form, as the report page does.
 */
export function yearSeries(reports: YearReport[]): YearSeries {
  const byYear = new Map<number, YearReport>();
  for (const r of reports) if (!byYear.has(r.year)) byYear.set(r.year, r);
  const sorted = [...byYear.values()].sort((a, b) => a.year - b.year);
  // Each year's likely wrong figures (its own relations), worked out once, only where needed.
  const likely = new Map<number, Map<CellKey, string>>();
  const likelyOf = (r: YearReport) => {
    let m = likely.get(r.year);
    if (!m) {
      m = new Map();
      const result = check(r.template, r.values);
      for (const c of causesFor(r.template, r.values, result)) if (c.kind === 'figure' || c.kind === 'blank') for (const o of c.options[0]) m.set(o.key, correctionText(o));
      likely.set(r.year, m);
    }
    return m;
  };
  const years = sorted.map((r) => {
    const prev = byYear.get(r.year - 1);
    const crossYear = prev && prev.template.id === r.template.id ? check(r.template, r.values, prev.values).findings.filter((f) => f.kind === 'carry' || f.kind === 'stock' || f.kind === 'identical') : [];
    const yearly = compile(r.template).yearly;
    const blame = crossYear.map((f) => {
      const own = likelyOf(r).get(f.subjectKey);
      if (own) return `本年的这个数字本身对不上：${own}`;
      const before = yearly.find((y) => y.ruleId === f.id);
      const theirs = prev && before ? likelyOf(prev).get(before.previous) : undefined;
      return theirs ? `${prev!.year}年的${compile(prev!.template).names.get(before!.previous)?.replace(/^表[^·]*· /, '') ?? ''}本身对不上：${theirs}` : '';
    });
    return { year: r.year, id: r.id, form: r.template.name, crossYear, blame };
  });
  const ids = Object.keys(MEASURE_LABELS) as MeasureId[];
  const measures = ids
    .map((id) => ({
      id,
      label: MEASURE_LABELS[id],
      values: sorted.map((r) => measureValue(r, id)),
      notes: [...new Set(sorted.map((r) => r.template.measures?.find((m) => m.id === id)?.note).filter((n): n is string => Boolean(n)))]
    }))
    .filter((m) => m.values.some((v) => v !== null));
  return { years, measures };
}
