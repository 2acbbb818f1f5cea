import { compile } from '$lib/domain/relations';
import { whollyBlankParts } from '$lib/domain/checks';
import { proseStatements } from '$lib/domain/prose/statements';
import { reviewedStatements, statementId } from '$lib/domain/prose/reviews';
import { findingKey } from '$lib/domain/summary';
import { causeCounts, checkReport, reviewedIds, type ReportCheck, type Review } from '$lib/domain/report-check';
import type { CellEntry, CellKey, Template, Values } from '$lib/domain/model';
import { checkStamp } from '$lib/check-stamp';

/** How many findings a report keeps with its check (a table of nonsense can have thousands). */
export const KEPT = 1000;

/**
 * What the report list keeps of a report's check: counts by cause (one wrong figure is one error,
 * however many sums it breaks; reviewed ones apart), filled cells, cells of the form, totals left
 * blank, the findings' rule and cell, and the likely wrong figures with what they should be (a 汇总
 * of hundreds of units reads these, not the cells), and the stamp that says which code checked
 * which figures (a 汇总 reopened trusts a check stamped as this build would stamp it).
 */
export function summaryOf(template: Template, values: ReadonlyMap<CellKey, CellEntry>, check: ReportCheck, reviewed: ReadonlySet<string> = new Set()) {
  let filled = 0;
  for (const e of values.values()) if (e.raw.trim() !== '') filled++;
  const open = check.causes.filter((c) => !reviewed.has(c.id));
  const blank = open.filter((c) => c.kind === 'blank').reduce((n, c) => n + c.options[0].length, 0);
  const likely = open
    .filter((c) => c.kind === 'figure' || c.kind === 'blank')
    .flatMap((c) => c.options[0].map((o) => `${o.key}|${o.value ?? ''}`))
    .slice(0, KEPT);
  // compile() is cached per template, so the number of cells costs nothing per keystroke. A part
  // column left wholly blank (no 科研机构 applications at all) in a table that is filled in means
  // none to the checks, so its cells are not owed either: otherwise every unit that leaves 法人
  // columns blank reads 未填完. A table not begun owes all its cells (7 figures typed in 表二 are
  // 7/200, not 7/50).
  const begun = new Set<string>();
  for (const [k, e] of values) if (e.raw.trim() !== '') begun.add(k.slice(0, k.indexOf('/')));
  let cells = compile(template).order.size;
  for (const k of whollyBlankParts(template, values)) if (begun.has(k.slice(0, k.indexOf('/')))) cells--;
  return { ...causeCounts(check.causes, reviewed), filled, cells, blank, findings: check.result.findings.slice(0, KEPT).map(findingKey), likely, stamp: checkStamp(template, values) };
}

/**
 * The summary of a report not open in a session (made from a file, carried over, restored, read
 * by a 汇总's batch): checked once here, by the same rules as the session's own summary. Opening
 * the report puts its session in charge, and it corrects the stored summary if it differs.
 */
export function summarise(template: Template, values: Values, opts: { previous?: Values; reviews?: Iterable<Review>; text?: string } = {}) {
  const check = checkReport(template, values, opts.previous);
  const summary = summaryOf(template, values, check, reviewedIds(check.causes, opts.reviews ?? [], values));
  if (!opts.text) return summary;
  const statements = proseStatements(template, values, opts.text, opts.previous);
  const reviewed = reviewedStatements(statements, opts.reviews ?? [], values);
  return { ...summary, prose: statements.filter((s) => s.verdict === 'disagrees' && !reviewed.has(statementId(s))).length };
}

// The one wording of a report's check state, for the list and the report page.
// "全部通过" only for a complete table: a report with three figures in has no errors yet, not passed.
// A report whose text disagrees with its tables (正文与表格) has not passed either.
export function statusText(s: { errors: number; warnings: number; reviewed?: number; filled: number; cells?: number; prose?: number }) {
  const done = s.reviewed ? `，${s.reviewed} 个已核实` : '';
  const prose = s.prose ? `正文 ${s.prose} 处与表格不一致` : '';
  if (s.filled === 0) return { text: '未填写', className: '' };
  if (s.errors) return { text: `${s.errors} 个错误${s.warnings ? `，${s.warnings} 个提示` : ''}${done}${prose ? `，${prose}` : ''}`, className: 'status-error' };
  if (prose) return { text: `${prose}${s.warnings ? `，${s.warnings} 个提示` : ''}${done}`, className: 'status-error' };
  if (s.warnings) return { text: `${s.warnings} 个提示${done}`, className: 'status-warning' };
  if (s.reviewed) return { text: `未发现问题${done}`, className: 'status-ok' };
  if (s.cells && s.filled < s.cells) return { text: `未发现问题（已填 ${s.filled}/${s.cells} 格）`, className: '' };
  return { text: '全部通过', className: 'status-ok' };
}
