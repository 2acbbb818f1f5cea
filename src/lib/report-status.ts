import { summarize, type Finding } from '$lib/domain/checks';
import { compile } from '$lib/domain/relations';
import { findingKey } from '$lib/domain/summary';
import type { CellEntry, CellKey, Template } from '$lib/domain/model';

/** How many findings a report keeps with its check (a table of nonsense can have thousands). */
export const KEPT = 1000;

/**
 * What the report list keeps of a report's check: counts, filled cells, cells of the form, blank
 * totals, and the findings' rule and cell (a 汇总 of hundreds of units reads these, not the cells).
 */
export function summaryOf(template: Template, values: ReadonlyMap<CellKey, CellEntry>, findings: Finding[]) {
  let filled = 0;
  for (const e of values.values()) if (e.raw.trim() !== '') filled++;
  const blank = findings.filter((f) => f.kind === 'sum' && f.actual === null && f.expected !== null).length;
  // compile() is cached per template, so the number of cells costs nothing per keystroke.
  return { ...summarize(findings), filled, cells: compile(template).order.size, blank, findings: findings.slice(0, KEPT).map(findingKey) };
}

// The one wording of a report's check state, for the list and the report page.
// "全部通过" only for a complete table: a report with three figures in has no errors yet, not passed.
export function statusText(s: { errors: number; warnings: number; filled: number; cells?: number }) {
  if (s.filled === 0) return { text: '未填写', className: '' };
  if (s.errors) return { text: `${s.errors} 个错误${s.warnings ? `，${s.warnings} 个提示` : ''}`, className: 'status-error' };
  if (s.warnings) return { text: `${s.warnings} 个提示`, className: 'status-warning' };
  if (s.cells && s.filled < s.cells) return { text: `未发现问题（已填 ${s.filled}/${s.cells} 格）`, className: '' };
  return { text: '全部通过', className: 'status-ok' };
}
