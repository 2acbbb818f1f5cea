// What 添加单位文件 offers for each file read and what each choice writes: plain TypeScript, the
// dialog (BatchImportDialog.svelte) only renders it. A file is one of three kinds, by its unit name:
// a unit new to the app's reports of this form and year (导入 / 不导入), a unit already in the 汇总
// (keep / replace / both, as before), or a unit with a report of this form and year in the app
// but outside this 汇总 (asked the same way: never a second report of the unit written silently).
// A file whose title names another year than the 汇总's is left out by default; included, it is
// written as the 汇总's year (the person's decision: a title with the wrong year).
import type { BatchRead } from '$lib/sheets/batch-read';
import type { ReportRecord } from '$lib/storage/reports';
import type { Decision } from './collection-decisions';

export type Read = Extract<BatchRead, { ok: true }>;

/** A row's choice, as its select holds it. */
export type Choice = 'new' | 'skip' | 'keep' | 'replace' | 'both';

/** A unit the app has a report of, for this 汇总's form and year. */
export interface Known {
  report: ReportRecord;
  /** In this 汇总 already (otherwise: outside it, e.g. made on its own or in another 汇总). */
  member: boolean;
}

/** The 汇总's members and the reports outside it, by name; a name the 汇总 has is the member. */
export function knownUnits(members: ReadonlyMap<string, ReportRecord>, others: ReadonlyMap<string, ReportRecord>): Map<string, Known> {
  const out = new Map<string, Known>();
  for (const [name, report] of others) out.set(name, { report, member: false });
  for (const [name, report] of members) out.set(name, { report, member: true });
  return out;
}

export interface RowPlan {
  kind: 'new' | 'member' | 'outside';
  known?: Known;
  /** The year the file's title names, when it is not the 汇总's. */
  otherYear?: number;
  options: { value: Choice; label: string }[];
  /** The choice in effect: the one made when it fits the row's kind, else the default. */
  choice: Choice;
  /** The file is written as a report (new, replacing, or beside the existing one). */
  writes: boolean;
  /** The unit's report outside the 汇总 joins it (the file itself is not written). */
  joins: boolean;
  /** Why the row is as it is, in plain words ('' when there is nothing to say). */
  note: string;
}

const OPTIONS: Record<RowPlan['kind'], RowPlan['options']> = {
  new: [
    { value: 'new', label: '导入' },
    { value: 'skip', label: '不导入' }
  ],
  member: [
    { value: 'keep', label: '保留原有，不导入' },
    { value: 'replace', label: '用此文件替换' },
    { value: 'both', label: '都保留' }
  ],
  outside: [
    { value: 'keep', label: '用已有报表（加入本汇总），不导入此文件' },
    { value: 'replace', label: '用此文件替换已有报表（加入本汇总）' },
    { value: 'both', label: '都保留（此文件另建一份加入本汇总）' },
    { value: 'skip', label: '不导入（已有报表也不加入）' }
  ]
};

/**
 * The default of a row. A file of another year: nothing is written or added (left out), whatever
 * the kind — the person includes it if its title's year is wrong. A unit already in the 汇总: the
 * report there is kept (as before). A unit with a report outside the 汇总: that report is kept and
 * joins the 汇总, the file not written — the report in the app is the one the office has worked on
 * (figures corrected with the unit, causes marked 已核实) and may count in another 汇总 too, so
 * overwriting it by default could lose work or change another total; in the usual case (the same
 * file imported before) it holds the same figures anyway. The row shows both reports' counts, so a
 * newer file is one choice away (用此文件替换).
 */
function defaultChoice(kind: RowPlan['kind'], otherYear: boolean): Choice {
  if (kind === 'member') return 'keep';
  if (otherYear) return 'skip';
  return kind === 'new' ? 'new' : 'keep';
}

/** The plan of one readable file: `unit` as typed (trimmed), `chosen` the choice made (if any). */
export function planRow(read: Read, unit: string, year: number, known: ReadonlyMap<string, Known>, chosen?: Choice): RowPlan {
  const k = unit ? known.get(unit) : undefined;
  const kind: RowPlan['kind'] = !k ? 'new' : k.member ? 'member' : 'outside';
  const options = OPTIONS[kind];
  const otherYear = read.year !== undefined && read.year !== year ? read.year : undefined;
  const choice = chosen && options.some((o) => o.value === chosen) ? chosen : defaultChoice(kind, otherYear !== undefined);
  const writes = choice === 'new' || choice === 'replace' || choice === 'both';
  const joins = kind === 'outside' && choice === 'keep';
  let note = '';
  if (otherYear !== undefined) {
    const include = kind === 'new' ? '“导入”' : '“用此文件替换”或“都保留”';
    note = writes
      ? `是 ${otherYear} 年度的报表，本汇总为 ${year} 年度：已选择导入，将作为 ${year} 年度写入本汇总（按你的判断，标题年份写错）。`
      : `是 ${otherYear} 年度的报表，本汇总为 ${year} 年度：默认不导入；如确属本年度（标题年份写错），可选择${include}。`;
    if (joins) note += `此文件不导入，加入本汇总的是已有的 ${year} 年度报表。`;
  } else if (kind === 'outside' && choice === 'skip') {
    note = `该单位已有的 ${year} 年度报表不加入本汇总，此文件也不导入。`;
  }
  return { kind, ...(k ? { known: k } : {}), ...(otherYear !== undefined ? { otherYear } : {}), options, choice, writes, joins, note };
}

/** What the rows ask to do: the files written and the reports outside the 汇总 joining it. */
export function decisionsOf(rows: { read: Read; unit: string; plan: RowPlan }[]): Decision[] {
  return rows.flatMap(({ read, unit, plan }): Decision[] => {
    const report = plan.known?.report.id;
    if (plan.joins) return [{ read, unit, choice: 'join', report }];
    if (!plan.writes) return [];
    const choice = plan.choice as 'new' | 'replace' | 'both';
    return [{ read, unit, choice, ...(report && choice !== 'new' ? { report } : {}) }];
  });
}

/** The counts the write button says: files written, reports outside the 汇总 added. */
export function countsOf(plans: RowPlan[]): { write: number; join: number } {
  return { write: plans.filter((p) => p.writes).length, join: plans.filter((p) => p.joins).length };
}
