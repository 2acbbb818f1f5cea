// A report's whole check in one place: the relations (checks.ts), which figures are wrong
// (locate/), the findings by cause, and what a person has reviewed (已核实). Everything that
// counts or lists a report's problems — the session, the report list, the workbook, the publish
// dialog, the 汇总 — reads this, so they all say the same.
import { check, type CheckResult } from './checks';
import { causesOf, type Cause } from './locate/causes';
import { localise, type Localisation } from './locate/localise';
import type { CellKey, Template, Values } from './model';

const NOTHING: Localisation = { groups: [], blanks: new Map() };

/** Blank or unreadable cells an error names: their probable value is worth working out. */
export function askedCells(result: CheckResult, values: Values): CellKey[] {
  return result.findings.filter((f) => f.severity === 'error' && (values.get(f.subjectKey)?.value ?? null) === null).map((f) => f.subjectKey);
}

/** The causes of a check result (the localisation runs only where a relation fails). */
export function causesFor(template: Template, values: Values, result: CheckResult, previous?: Values): Cause[] {
  const fails = result.findings.some((f) => f.severity === 'error');
  const loc = fails ? localise(template, values, { previous, ask: askedCells(result, values) }) : NOTHING;
  return causesOf(template, values, result, loc);
}

export interface ReportCheck {
  result: CheckResult;
  causes: Cause[];
}

export function checkReport(template: Template, values: Values, previous?: Values): ReportCheck {
  const result = check(template, values, previous);
  return { result, causes: causesFor(template, values, result, previous) };
}

/** A person's judgement that a cause is no error (已核实), kept while the cells it read are unchanged. */
export interface Review {
  /** The cause's fingerprint (Cause.id). */
  id: string;
  reason: string;
  at: number;
  /** The raw text of every cell the cause read when it was reviewed. */
  reads: [CellKey, string][];
}

/** What a review of this cause must find unchanged. */
export function readsOf(cause: Cause, values: Values): [CellKey, string][] {
  return cause.cells.map((k) => [k, values.get(k)?.raw ?? '']);
}

/** Whether a review still holds: every cell it read reads the same. */
export function reviewHolds(review: Pick<Review, 'reads'>, values: Values): boolean {
  return review.reads.every(([k, raw]) => (values.get(k)?.raw ?? '') === raw);
}

/** The ids of the causes reviewed, among these, by reviews that still hold. */
export function reviewedIds(causes: readonly Cause[], reviews: Iterable<Review>, values: Values): Set<string> {
  const ids = new Set(causes.map((c) => c.id));
  const out = new Set<string>();
  for (const r of reviews) if (ids.has(r.id) && reviewHolds(r, values)) out.add(r.id);
  return out;
}

/** Counts as the list says them: "2 个错误，1 个已核实". */
export function causeCounts(causes: readonly Cause[], reviewed: ReadonlySet<string> = new Set()) {
  let errors = 0;
  let warnings = 0;
  let done = 0;
  for (const c of causes) {
    if (reviewed.has(c.id)) done++;
    else if (c.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings, reviewed: done };
}
