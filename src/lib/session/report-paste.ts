// What a paste or an import does to the open report, decided in one place: the clipboard's blocks
// matched against every form, the figures of the open form written as one undoable batch, the
// odd columns the person takes as the form's column they resemble written as one more. The page
// shows the outcome; it never plans a paste itself.
import { recognised } from '$lib/domain/recognised';
import { acceptOdd, acceptedOddChanges, pasteReport, type OddColumnReport, type PasteReport } from '$lib/domain/paste-report';
import { hasCell, inputColumns, type Template } from '$lib/domain/model';
import type { FoundTable } from '$lib/sheets/import';
import type { CellChange, Origin, SessionDelta } from './report-session';

/** The slice of a report session a paste writes through. */
export interface PasteTarget {
  readonly template: Template;
  readonly values: ReadonlyMap<string, { raw: string; value: number | null }>;
  apply(changes: CellChange[], origin: Origin): SessionDelta | null;
  applyRaw(cells: { key: string; raw: string }[], origin: Origin): SessionDelta | null;
}

export type PasteOutcome =
  /** Written into the open report: what landed and what did not. */
  | { kind: 'filled'; report: PasteReport }
  /** The block is another form's table: nothing written; the import dialog offers a new report. */
  | { kind: 'other-form'; found: FoundTable }
  /** Nothing written, and why (said beside the tables and at the top). */
  | { kind: 'nothing'; report: PasteReport; reason: string };

export interface Clip {
  html: string;
  text: string;
}

export type Anchor = { table: string; row: string; col: string };

export const PDF_HINT = '这段文字像是从 PDF 复制的，表格的栏在复制时已丢失：用“导入文件”直接选择 PDF 文件，按每个数字在页面上的位置读取，能读到全部数字。';

type PastePath = typeof import('$lib/paste-path');
let pastePath: PastePath | null = null;

/**
 * Loads the mapper (paste-path.ts: not with the page; the report page asks for it once idle, or
 * the first paste does) and keeps it: a paste then runs in its own event's task. Awaiting import()
 * of a module already loaded still waited for the next frame here (~20 ms of a 60 ms paste).
 */
export async function loadPastePath(): Promise<PastePath> {
  return (pastePath ??= await import('$lib/paste-path'));
}

/**
 * Once loaded, reads a small labelled table made from the open form's own first rows, as a paste
 * would, and throws the answer away: the first real paste then finds every form's label index
 * built and the mapper's code compiled (on a page just opened it paid for both: ~1/3 of its time).
 */
export function warmPastePath(template: Template, forms: Template[]): void {
  if (!pastePath) return;
  const table = template.tables[0];
  const cols = inputColumns(table.columns).slice(0, 2);
  const rows = table.rows.filter((r) => hasCell(r)).slice(0, 3);
  if (!cols.length || !rows.length) return;
  const block = { name: '预热', rows: [[table.labelHeader, ...cols.map((c) => c.label)], ...rows.map((r) => [r.label, ...cols.map(() => '1')])] };
  pastePath.decidePaste(forms, template, [block]);
}

/** A paste anywhere in the report: the block's labels decide which tables and rows it fills. */
export async function pasteInto(target: PasteTarget, forms: Template[], clip: Clip, anchor?: Anchor): Promise<PasteOutcome> {
  const { clipboardBlocks, decidePaste } = pastePath ?? (await loadPastePath());
  const blocks = clipboardBlocks(clip.html, clip.text);
  const decision = decidePaste(forms, target.template, blocks, anchor);
  // Text copied out of a PDF reader has lost the table's columns: the PDF itself has them.
  const hint = blocks.some((b) => b.kind === 'text') ? PDF_HINT : undefined;
  if (decision.kind === 'fill') {
    const report = pasteReport(decision.plan, target.values);
    target.apply(report.entries, 'paste');
    const incomplete = report.dropped.length || report.unmatched.length || (report.mode === 'labels' && report.missing.length);
    return { kind: 'filled', report: { ...report, ...(hint && incomplete ? { hint } : {}) } };
  }
  if (decision.kind === 'other-form') {
    const plan = decision.plan;
    return { kind: 'other-form', found: { template: plan.template, plan, report: pasteReport(plan), sheet: '', meta: {} } };
  }
  const reason = `粘贴的表格不像任何已有表式，未填入：${recognised(decision.closest)}`;
  const empty = { ...pasteReport(decision.closest), entries: [], filled: 0, adjusted: [], refused: [], blank: 0, cleared: [], replaced: [], ...(hint ? { hint } : {}) };
  return { kind: 'nothing', report: empty, reason };
}

/**
 * A file of the open report's form written into it: its figures (one undoable step, the same as a
 * paste) and the odd columns (by index) the person took as the form's column they resemble. The
 * report left says what did not land; the taken odd columns are no longer listed as odd.
 */
export function fillFrom(target: PasteTarget, found: FoundTable, acceptedOdd: number[]): PasteReport {
  const done = pasteReport(found.plan, target.values);
  // The odd figures join the file's batch: one Ctrl+Z undoes the whole import.
  target.apply([...done.entries, ...acceptedOddChanges(target.template, done.odd, acceptedOdd)], 'import');
  return { ...done, odd: done.odd.filter((_, i) => !acceptedOdd.includes(i)) };
}

/** An odd column taken after the paste (from the paste report): its figures as one more step. */
export function takeOddColumn(target: PasteTarget, report: PasteReport, odd: OddColumnReport): PasteReport {
  const cells = acceptOdd(odd);
  target.applyRaw(cells, 'paste');
  return { ...report, odd: report.odd.filter((x) => x !== odd), filled: report.filled + cells.length };
}

