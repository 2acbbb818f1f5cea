// What a paste or an import did, cell by cell, in the words a spreadsheet's paste preview uses:
// filled, adjusted (and how), refused (and why, raw text kept), existing figures it blanked,
// plus what found no place.
import { makeEntry } from './entry';
import { formatFigure } from './figures';
import type { FormPlan } from './form-map';
import { cellKey, inputColumns, parseCellKey, type CellChange, type CellEntry, type CellKey, type Template, type Values } from './model';
import { compile } from './relations';
import type { Cause } from './locate/causes';

/** A column the form lacks, with its figures, and the form's column it may be (for the person to accept). */
export interface OddColumnReport {
  header: string;
  /** The table's name (表二（第二十条第（八）项）). */
  table: string;
  /** The form's column it resembles, and its name: filled only when the person accepts. */
  suggest: { col: string; name: string } | null;
  /** Each figure with its row; `key`: the cell it would fill as the suggested column. */
  figures: { label: string; raw: string; key: CellKey | null }[];
}

export interface PasteReport {
  mode: FormPlan['mode'];
  /** Cells given a figure as pasted. */
  filled: number;
  adjusted: { key: CellKey; name: string; raw: string; shown: string; note: string }[];
  refused: { key: CellKey; name: string; raw: string; reason: string }[];
  /** Cells the block left blank. */
  blank: number;
  /** Filled cells of the report that the block blanks, with what they held. */
  cleared: { key: CellKey; name: string; old: string }[];
  /** Filled cells of the report that the block writes another figure into, with what they held. */
  replaced: { key: CellKey; name: string; old: string; raw: string }[];
  unmatched: FormPlan['unmatched'];
  missing: string[];
  dropped: FormPlan['dropped'];
  droppedColumns: string[];
  /** The odd columns with their figures (one odd header never sinks the rest). */
  odd: OddColumnReport[];
  /** The entries to write, keyed by cell. */
  entries: { key: CellKey; entry: CellEntry }[];
  /** A better way in, where the source suggests one (text copied out of a PDF: import the PDF). */
  hint?: string;
}

/** The report of a plan; `current` (the open report's cells) tells which figures a blank clears. */
export function pasteReport(plan: FormPlan, current?: Values): PasteReport {
  const { template } = plan;
  const names = compile(template).names;
  const report: PasteReport = {
    mode: plan.mode, filled: 0, adjusted: [], refused: [], blank: 0, cleared: [], replaced: [],
    unmatched: plan.unmatched, missing: plan.missing.map((k) => names.get(k) ?? k), dropped: plan.dropped, droppedColumns: plan.droppedColumns, entries: [],
    odd: plan.oddColumns.map((o) => {
      const table = template.tables.find((t) => t.id === o.table)!;
      const col = o.suggest ? inputColumns(table.columns).find((c) => c.id === o.suggest) : undefined;
      return {
        header: o.header, table: table.title, suggest: col ? { col: col.id, name: col.label } : null,
        figures: o.figures.map((f) => ({ label: f.label, raw: f.raw, key: col ? cellKey({ table: table.id, row: f.row, col: col.id }) : null }))
      };
    })
  };
  for (const w of plan.writes) {
    const made = makeEntry(template, parseCellKey(w.key), w.raw);
    if (!made) continue;
    report.entries.push({ key: w.key, entry: made.entry });
    const name = names.get(w.key) ?? w.key;
    const f = made.figure;
    const before = current?.get(w.key)?.raw ?? '';
    if (f.kind !== 'empty' && before.trim() !== '' && before !== made.entry.raw) report.replaced.push({ key: w.key, name, old: before, raw: made.entry.raw });
    if (f.kind === 'empty') {
      report.blank++;
      const old = current?.get(w.key)?.raw ?? '';
      if (old.trim() !== '') report.cleared.push({ key: w.key, name, old });
    } else if (f.kind === 'invalid') report.refused.push({ key: w.key, name, raw: w.raw, reason: f.reason });
    else if (f.adjusted || w.note) report.adjusted.push({ key: w.key, name, raw: w.raw, shown: formatFigure(f.value), note: [w.note, f.adjusted].filter(Boolean).join('，') });
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
  if (r.replaced.length) parts.push(`替换了 ${r.replaced.length} 个原有数字`);
  if (r.cleared.length) parts.push(`清空了 ${r.cleared.length} 个原有数字`);
  if (r.unmatched.length) parts.push(`${r.unmatched.length} 行未能对应`);
  if (r.droppedColumns.length) parts.push(`${r.droppedColumns.length} 栏不在本表式中（其数字未填入，见下）`);
  if (r.mode === 'labels' && r.missing.length) parts.push(`表中 ${r.missing.length} 格未得到数据`);
  if (r.dropped.length) parts.push(`${r.dropped.length} 个值未粘贴`);
  return parts.join('，');
}

/** The cells an odd column fills when the person accepts it as the suggested column. */
export function acceptOdd(o: OddColumnReport): { key: CellKey; raw: string }[] {
  return o.figures.filter((f) => f.key && f.raw.trim() !== '').map((f) => ({ key: f.key!, raw: f.raw }));
}

/**
 * The odd columns (by index) a person took, as changes parsed the way typed text is: they join
 * the file's own figures (one batch, one Ctrl+Z), in a new report or in the open one.
 */
export function acceptedOddChanges(template: Template, odd: readonly OddColumnReport[], accepted: readonly number[]): CellChange[] {
  return accepted.flatMap((i) => (odd[i] ? acceptOdd(odd[i]) : [])).flatMap(({ key, raw }) => {
    const made = makeEntry(template, parseCellKey(key), raw);
    return made ? [{ key, entry: made.entry }] : [];
  });
}

/**
 * The likely wrong figures among what a paste wrote and the cells still hold (the findings list
 * has the rest): a figure typed over a pasted one since is the person's, not the paste's.
 */
export function pastedSuspects(report: PasteReport, causes: readonly Cause[]): Cause[] {
  const pasted = new Map(report.entries.map((e) => [e.key, e.entry.value]));
  const still = (o: { key: CellKey; actual: number | null }) => pasted.has(o.key) && pasted.get(o.key) === o.actual;
  return causes.filter((c) => c.severity === 'error' && (c.kind === 'figure' || c.kind === 'blank' || c.kind === 'choice' || c.kind === 'shift') && c.options.flat().some(still));
}
