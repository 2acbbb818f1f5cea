// The relations the form builder proposes where the outline cannot say them: 总计 rows and columns,
// a sum the form prints in words, and columns of nested periods (本年度 ≤ 历年累计).
import { hasCell, parentIndex, type ColumnDef, type Relation, type RowDef, type YearlyRelation } from '../model';
import { isPartLabel, leadingNumbering } from '../outline';
import { leafList } from './columns';
import { bare, TOTAL } from './words';

const PERIOD = { month: 1, quarter: 2, term: 3, year: 4, years: 5 } as const;
/** How long a column's period is (本月 < 本季 < 本期 < 本年 < 历年), or null for no period. */
function period(label: string): number | null {
  const l = label.replace(/[\s\u3000]/g, '');
  if (/增\/?减|增减|上年|上一年|去年/.test(l)) return null;
  if (/历年|累计至今|总累计|开展以来|自.*以来/.test(l)) return PERIOD.years;
  if (/本月|当月/.test(l)) return PERIOD.month;
  if (/本季|当季/.test(l)) return PERIOD.quarter;
  if (/本期/.test(l)) return PERIOD.term;
  if (/本年|当年|年度/.test(l)) return PERIOD.year;
  return null;
}

/**
 * A 总计 / 合计 row printed after its siblings (（七）总计 after （一）…（六）) is their sum, not
 * one more addend: it becomes a separate measure with a sum relation over the siblings before it
 * (a sibling without a cell of its own counts by its rows that have one) — those of its unit.
 */
function totalRows(defs: RowDef[]): Relation[] {
  const parents = parentIndex(defs);
  const out: Relation[] = [];
  defs.forEach((d, i) => {
    if (!TOTAL.test(bare(d.label)) || !hasCell(d) || d.role === 'part') return;
    const cells = (j: number): string[] => {
      // A header row is blank by definition: it counts by its children, as a heading does.
      if (hasCell(defs[j]) && defs[j].kind !== 'header') return defs[j].role === 'part' || defs[j].role === 'measure' ? [] : [defs[j].id];
      return defs.flatMap((_, k) => (parents[k] === j ? cells(k) : []));
    };
    let parts = defs.flatMap((_, j) => (j < i && parents[j] === parents[i] && !TOTAL.test(bare(defs[j].label)) ? cells(j) : []));
    // Only figures of one unit add up: a total with a unit adds those of its unit, one without
    // a unit nothing where they print several.
    const unitOf = (id: string) => defs.find((r) => r.id === id)?.unit;
    if (d.unit) parts = parts.filter((p) => (unitOf(p) ?? d.unit) === d.unit);
    else if (new Set(parts.map(unitOf).filter(Boolean)).size > 1) return;
    if (parts.length < 2) return;
    d.role = 'measure';
    out.push({ kind: 'sum', id: `total-${d.id}`, total: d.id, parts, what: '各项合计' });
  });
  return out;
}

const NUMERAL = '[一二三四五六七八九十]+';
/**
 * "第一项加第二项之和，等于第三项加第四项之和" (printed in a corner of the table): in every column,
 * 一 + 二 − 三 = 四, where a numbered item without a cell of its own stands for its 总计 row.
 */
function statedSum(text: string, defs: RowDef[]): Relation | null {
  const m = text.replace(/\s+/g, '').match(new RegExp(`第(${NUMERAL})项加第(${NUMERAL})项之和[，,]?等于第(${NUMERAL})项加第(${NUMERAL})项之和`));
  if (!m) return null;
  const parents = parentIndex(defs);
  const item = (numeral: string): string | null => {
    const i = defs.findIndex((d) => parents[defs.indexOf(d)] === null && leadingNumbering(d.label)?.number === numeral);
    if (i < 0) return null;
    if (hasCell(defs[i])) return defs[i].id;
    // Its 总计 / 合计 row among its children.
    const total = defs.find((d, j) => parents[j] === i && hasCell(d) && TOTAL.test(bare(d.label)));
    return total?.id ?? null;
  };
  const [a, b, c, d] = [m[1], m[2], m[3], m[4]].map(item);
  if (!a || !b || !c || !d || new Set([a, b, c, d]).size < 4) return null;
  return { kind: 'sum', id: 'stated', total: d, parts: [a, b], minus: [c], what: `第${m[1]}项 + 第${m[2]}项 − 第${m[3]}项` };
}

/** A 总计 / 合计 column is the sum of the other leaves under the same header (每行：总计 = 自然人 + …). */
function totalColumns(cols: ColumnDef[]): Relation[] {
  const out: Relation[] = [];
  const isTotal = (c: ColumnDef) => !c.children?.length && TOTAL.test(c.label.replace(/[\s\u3000]/g, ''));
  const walk = (list: ColumnDef[]) => {
    // Each 总计 sums the columns since the one before it (a flat copy of 表四 prints three runs
    // of 结果维持 … 总计); one printed first sums those after it.
    list.forEach((c, i) => {
      if (!isTotal(c)) return;
      let from = i;
      while (from > 0 && !isTotal(list[from - 1])) from--;
      let run = list.slice(from, i);
      if (!run.length) {
        let to = i + 1;
        while (to < list.length && !isTotal(list[to])) to++;
        run = list.slice(i + 1, to);
      }
      // A 其中 column is part of a total, never an addend.
      const parts = leafList(run).filter((p) => !isPartLabel(p.label));
      if (parts.length >= 2) out.push({ kind: 'colsum', id: `total-${c.id}`, total: c.id, parts: parts.map((p) => p.id), what: '各列合计' });
    });
    for (const c of list) if (c.children?.length) walk(c.children);
  };
  walk(cols);
  return out;
}

/**
 * The relations of a proposed table: 总计 rows and columns, the sum `printed` in words in its titles
 * or headers, and the relations between columns of nested periods.
 */
export function proposeRelations(defs: RowDef[], columns: ColumnDef[], printed: string): { relations: Relation[]; yearly: YearlyRelation[] } {
  const relations: Relation[] = [...totalRows(defs), ...totalColumns(columns)];
  const stated = statedSum(printed, defs);
  if (stated) relations.push(stated);
  const periods = periodRelations(leafList(columns));
  return { relations: [...relations, ...periods.relations], yearly: periods.yearly };
}

/**
 * Columns of nested periods (本月 ⊂ 本年 ⊂ 历年) counting the same thing (本年件数 with 历年累计
 * 件数, not 本年收费金额 with it): each ≤ the next longer, in every row; and an accumulation over
 * the years continues from last year's report (本年累计 starts afresh).
 */
export function periodRelations(leaves: ColumnDef[]): { relations: Relation[]; yearly: YearlyRelation[] } {
  const relations: Relation[] = [];
  const yearly: YearlyRelation[] = [];
  const measure = (label: string) => label.replace(/[\s\u3000]/g, '').replace(/本月|当月|本季度?|当季|本期|本年度?|当年|年度|历年|累计至今|总累计|累计|实际|开展以来|合计/g, '');
  const groups = new Map<string, Map<number, ColumnDef>>();
  for (const c of leaves) {
    const p = period(c.label);
    if (p === null || c.rule?.startsWith('signed')) continue;
    const g = groups.get(measure(c.label)) ?? groups.set(measure(c.label), new Map()).get(measure(c.label))!;
    if (!g.has(p)) g.set(p, c);
  }
  let pairs = 0;
  for (const byPeriod of groups.values()) {
    const periods = [...byPeriod.keys()].sort((a, b) => a - b);
    periods.slice(1).forEach((p, i) => {
      const [short, long] = [byPeriod.get(periods[i])!, byPeriod.get(p)!];
      relations.push({ kind: 'collte', id: pairs++ === 0 ? 'year-le-total' : `period-le-${pairs}`, col: short.id, max: long.id });
    });
    const allYears = byPeriod.get(PERIOD.years);
    const thisYear = byPeriod.get(PERIOD.year);
    if (allYears && thisYear) yearly.push({ kind: 'stock', id: yearly.length ? `total-carry-${yearly.length + 1}` : 'total-carry', col: allYears.id, plus: thisYear.id, what: `去年“${allYears.label}” + 本年“${thisYear.label}”` });
  }
  return { relations, yearly };
}
