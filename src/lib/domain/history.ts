// 历年对比: one unit's main figures across its years (the measures each form declares), with the
// cross-year findings of each year against the year before. Pure: the page reads the reports,
// this lines them up, a small SVG draws them.
import { check, type Finding } from './checks';
import type { CellEntry, CellKey, MeasureId, Template } from './model';

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
  years: { year: number; id: string; form: string; crossYear: Finding[] }[];
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
  const years = sorted.map((r) => {
    const prev = byYear.get(r.year - 1);
    const crossYear = prev && prev.template.id === r.template.id ? check(r.template, r.values, prev.values).findings.filter((f) => f.kind === 'carry' || f.kind === 'stock' || f.kind === 'identical') : [];
    return { year: r.year, id: r.id, form: r.template.name, crossYear };
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
