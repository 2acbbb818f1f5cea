// What a paste or an import did, cell by cell, in the words a spreadsheet's paste preview uses:
// filled, adjusted (and how), refused (and why, raw text kept), plus what found no place.
import { makeEntry } from './entry';
import { formatFigure } from './figures';
import type { CellEntry, CellKey, Template } from './model';
import type { PastePlan } from './mapping';
import { compile } from './relations';

export interface PasteReport {
  mode: PastePlan['mode'];
  /** Cells given a figure as pasted. */
  filled: number;
  adjusted: { key: CellKey; name: string; raw: string; shown: string; note: string }[];
  refused: { key: CellKey; name: string; raw: string; reason: string }[];
  /** Cells the block left blank. */
  blank: number;
  unmatched: PastePlan['unmatched'];
  missing: string[];
  dropped: PastePlan['dropped'];
  /** The entries to write, keyed by cell. */
  entries: { key: CellKey; entry: CellEntry }[];
}

export function pasteReport(template: Template, plan: PastePlan): PasteReport {
  const names = compile(template).names;
  const report: PasteReport = {
    mode: plan.mode, filled: 0, adjusted: [], refused: [], blank: 0,
    unmatched: plan.unmatched, missing: plan.missing.map((k) => names.get(k) ?? k), dropped: plan.dropped, entries: []
  };
  for (const w of plan.writes) {
    const made = makeEntry(template, w.ref, w.raw);
    if (!made) continue;
    report.entries.push({ key: w.key, entry: made.entry });
    const name = names.get(w.key) ?? w.key;
    const f = made.figure;
    if (f.kind === 'empty') report.blank++;
    else if (f.kind === 'invalid') report.refused.push({ key: w.key, name, raw: w.raw, reason: f.reason });
    else if (f.adjusted) report.adjusted.push({ key: w.key, name, raw: w.raw, shown: formatFigure(f.value), note: f.adjusted });
    else report.filled++;
  }
  return report;
}

/** One line for the paste report's heading. */
export function pasteSummary(r: PasteReport): string {
  const parts = [`填入 ${r.filled + r.adjusted.length} 格`];
  if (r.adjusted.length) parts.push(`其中 ${r.adjusted.length} 格已调整`);
  if (r.refused.length) parts.push(`${r.refused.length} 格无法识别（原文已保留）`);
  if (r.blank) parts.push(`${r.blank} 格为空`);
  if (r.unmatched.length) parts.push(`${r.unmatched.length} 行未能对应`);
  if (r.mode === 'labels' && r.missing.length) parts.push(`表中 ${r.missing.length} 行未得到数据`);
  if (r.dropped.length) parts.push(`${r.dropped.length} 个值未粘贴`);
  return parts.join('，');
}
