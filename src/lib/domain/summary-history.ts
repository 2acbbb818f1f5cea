// 汇总 across years: this year's 汇总 against last year's — which units joined or left, each
// unit's own cross-year checks (上年结转, 现行有效件数, 照抄去年) against its report of last year,
// the same checks on the sums of the units present both years (like for like: a unit that joined
// brings carry-over its own last year explains), and the main figures of both 汇总. Pure.
import { check, type Finding } from './checks';
import { yearSeries, type YearSeries } from './history';
import { sumUnits, type Summary, type UnitReport } from './summary';
import type { Template } from './model';

export interface YearOfUnits {
  year: number;
  template: Template;
  /** The 汇总's id (links). */
  id: string;
  units: UnitReport[];
  summary: Summary;
}

export interface CollectionComparison {
  added: string[];
  dropped: string[];
  /** Units present both years whose own report fails a cross-year check, with the findings. */
  units: { unit: string; id: string; findings: Finding[] }[];
  /** How many units both years hold. */
  common: number;
  /** Cross-year findings of the sums over the units present both years (same form only). */
  likeForLike: Finding[];
  /** Both years' main figures (the whole 汇总 each year). */
  series: YearSeries;
  /** The forms differ: no cross-year checks, only the main figures. */
  formsDiffer: boolean;
}

const CROSS = new Set(['carry', 'stock', 'identical']);
const crossYear = (t: Template, values: UnitReport['values'], previous: UnitReport['values']) => check(t, values, previous).findings.filter((f) => CROSS.has(f.kind));

/** A unit is the same unit across years by its unit record, else (a report from before units) by name. */
function matchKey(u: { unit: string; unitId?: string }, ids: boolean) {
  return ids && u.unitId ? `id:${u.unitId}` : `name:${u.unit.trim()}`;
}

/**
 * One entry per unit: a unit whose 汇总 holds several reports of the year (kept both on a
 * clash) counts once, with the sum of its reports — as the 汇总 itself counts it.
 */
function byUnit(template: Template, units: UnitReport[], ids: boolean): Map<string, UnitReport> {
  const groups = new Map<string, UnitReport[]>();
  for (const u of units) {
    const k = matchKey(u, ids);
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(u);
  }
  return new Map([...groups].map(([k, list]) => [k, list.length === 1 ? list[0] : { ...list[0], values: sumUnits(template, list).values }]));
}

export function compareCollections(prev: YearOfUnits, cur: YearOfUnits): CollectionComparison {
  // Match by unit record when both years' units have one, else by name.
  const ids = [...prev.units, ...cur.units].every((u) => u.unitId);
  const before = byUnit(prev.template, prev.units, ids);
  const now = byUnit(cur.template, cur.units, ids);
  const added = [...now].filter(([k]) => !before.has(k)).map(([, u]) => u.unit);
  const dropped = [...before].filter(([k]) => !now.has(k)).map(([, u]) => u.unit);
  const pairs = [...now].flatMap(([k, u]) => {
    const p = before.get(k);
    return p ? [{ cur: u, prev: p }] : [];
  });
  const formsDiffer = prev.template.id !== cur.template.id;
  const units = formsDiffer ? [] : pairs.map(({ cur: u, prev: p }) => ({ unit: u.unit, id: u.id, findings: crossYear(cur.template, u.values, p.values) })).filter((x) => x.findings.length);
  let likeForLike: Finding[] = [];
  if (!formsDiffer && pairs.length) {
    const a = sumUnits(cur.template, pairs.map((x) => x.cur));
    const b = sumUnits(prev.template, pairs.map((x) => x.prev));
    likeForLike = crossYear(cur.template, a.values, b.values);
  }
  const series = yearSeries([
    { id: cur.id, year: cur.year, template: cur.template, values: cur.summary.values },
    { id: prev.id, year: prev.year, template: prev.template, values: prev.summary.values }
  ]);
  return { added, dropped, units, common: pairs.length, likeForLike, series, formsDiffer };
}
