// 备份全部 / 恢复: every report in one versioned JSON file, and back. Restoring merges: new
// reports are added, identical ones skipped, and for a report that differs the user chooses.
// The file is untrusted input: it is validated field by field, and only known fields are copied.
import type { CellRecord, CollectionRecord, HistoryOrigin, HistoryRecord, NoteRecord, ReportRecord, ReviewRecord, TextRecord } from './db';
import { newId, NOTE_MAX, TEXT_MAX, type ReportStore } from './reports';
import type { WrittenCell } from '$lib/domain/model';
import { summarise } from '$lib/report-status';
import { findTemplate, isBuiltin, loadOwnForms } from '$lib/templates';
import { validateForm } from '$lib/domain/form-validate';
import type { Template } from '$lib/domain/model';

export const BACKUP_FORMAT = 'nianbao-jiaoyan-backup';
/**
 * The newest backup version this tool reads. 2 adds each report's notes (批注) and cell history;
 * 3, forms with links between tables (see formFileVersion); 4, reviews (已核实) of findings;
 * 5, the report's whole text (checked against its tables).
 * A file is written with the lowest version that holds what it carries, so an older tool still
 * reads it where it can; version-1 files still restore.
 */
export const BACKUP_VERSION = 5;

export interface BackupReport {
  meta: ReportRecord;
  cells: Omit<CellRecord, 'reportId'>[];
  /** Absent in a version-1 file (which knew no notes): the report's notes here are then kept. */
  notes?: Omit<NoteRecord, 'reportId'>[];
  history?: Omit<HistoryRecord, 'reportId' | 'seq'>[];
  /** Reviews (已核实) of the report's findings (version 4). */
  reviews?: Omit<ReviewRecord, 'reportId'>[];
  /** The report's whole text as published (version 5). */
  text?: Omit<TextRecord, 'reportId'>;
}

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt: string;
  reports: BackupReport[];
  /** The 汇总 (optional: files made before them have none; an older tool ignores them). */
  collections?: CollectionRecord[];
  /** Own forms, every stored version (optional, as 汇总). */
  forms?: Template[];
}

/**
 * A cell or note as the file holds it: its time is called `updatedAt` there, as since version 1,
 * so an older tool still reads the file (the app calls it `at`; parseBackup takes either).
 */
type Filed<T extends { at: number }> = Omit<T, 'at' | 'reportId'> & { updatedAt: number };
export interface BackupFile extends Omit<Backup, 'reports'> {
  reports: (Omit<BackupReport, 'cells' | 'notes'> & { cells: Filed<CellRecord>[]; notes: Filed<NoteRecord>[] })[];
}
const filed = <T extends { at: number; reportId: string }>({ reportId: _, at, ...rest }: T) => ({ ...rest, updatedAt: at });

export async function makeBackup(store: ReportStore): Promise<BackupFile> {
  const reports: BackupFile['reports'] = [];
  for (const meta of await store.list())
    reports.push({
      meta,
      cells: (await store.cellRecords(meta.id)).map(filed),
      notes: (await store.notes(meta.id)).map(filed),
      history: (await store.historyRecords(meta.id)).map(({ reportId: _, seq: __, ...h }) => h),
      reviews: (await store.reviews(meta.id)).map(({ reportId: _, ...v }) => v),
      ...(await store.text(meta.id).then((t) => (t ? { text: { text: t.text, source: t.source, at: t.at } } : {})))
    });
  const forms = (await store.forms()).map((r) => r.form);
  const version = reports.some((r) => r.text) ? 5 : reports.some((r) => r.reviews?.length) ? 4 : forms.some((f) => f.links?.length) ? 3 : 2;
  return { format: BACKUP_FORMAT, version, exportedAt: new Date().toISOString(), reports, collections: (await store.collections()).map(({ cache: _, ...c }) => c), forms };
}

/** One 汇总 of a backup, field by field; null when anything is off. */
function parseCollection(c: unknown): CollectionRecord | null {
  if (!isObj(c)) return null;
  const names = (v: unknown, max: number) => (Array.isArray(v) && v.length <= max && v.every((x) => str(x, 200) !== null) ? (v as string[]) : null);
  const reportIds = names(c.reportIds, 100_000);
  const expected = names(c.expected, 100_000);
  if (!str(c.id) || !str(c.name) || int(c.year) === null || !str(c.templateId) || int(c.templateVersion) === null || int(c.createdAt) === null || int(c.updatedAt) === null || !reportIds || !expected) return null;
  return {
    id: c.id as string, name: c.name as string, year: c.year as number, templateId: c.templateId as string, templateVersion: c.templateVersion as number,
    reportIds: [...reportIds], expected: [...expected], createdAt: c.createdAt as number, updatedAt: c.updatedAt as number
  };
}

const ORIGINS: readonly HistoryOrigin[] = ['typed', 'paste', 'import', 'fill', 'undo', 'redo', 'replay', 'carry', 'copy', 'restore'];

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max = 200) => (typeof v === 'string' && v.length <= max ? v : null);
const int = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);

/** Reads a backup file's text; anything unexpected is refused with a reason, nothing is partly taken. */
export function parseBackup(text: string): { ok: true; backup: Backup } | { ok: false; reason: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: '不是本工具的备份文件（无法读取）' };
  }
  if (!isObj(data) || data.format !== BACKUP_FORMAT) return { ok: false, reason: '不是本工具的备份文件' };
  if (int(data.version) === null || (data.version as number) > BACKUP_VERSION) return { ok: false, reason: '备份文件来自更新版本的工具，请先升级' };
  if (!Array.isArray(data.reports)) return { ok: false, reason: '备份文件已损坏（缺少报表列表）' };
  const reports: Backup['reports'] = [];
  for (const [i, r] of data.reports.entries()) {
    const m = isObj(r) && isObj(r.meta) ? r.meta : null;
    const s = m && isObj(m.summary) ? m.summary : null;
    const meta: ReportRecord | null =
      m && s && str(m.id) && str(m.unit) !== null && int(m.year) !== null && str(m.templateId) && int(m.templateVersion) !== null && int(m.createdAt) !== null && int(m.updatedAt) !== null
        ? {
            id: m.id as string, unit: m.unit as string, year: m.year as number, templateId: m.templateId as string, templateVersion: m.templateVersion as number,
            createdAt: m.createdAt as number, updatedAt: m.updatedAt as number,
            // The unit's id keeps the cross-year link between browsers; anything else is dropped.
            ...(typeof m.unitId === 'string' && /^u-[0-9a-f]{24}$/.test(m.unitId) ? { unitId: m.unitId } : {}),
            summary: { errors: int(s.errors) ?? 0, warnings: int(s.warnings) ?? 0, filled: int(s.filled) ?? 0 }
          }
        : null;
    const rec = r as Record<string, unknown>;
    if (!meta || !Array.isArray(rec.cells) || (rec.notes !== undefined && !Array.isArray(rec.notes)) || (rec.history !== undefined && !Array.isArray(rec.history)) || (rec.reviews !== undefined && !Array.isArray(rec.reviews)))
      return { ok: false, reason: `备份文件已损坏（第 ${i + 1} 份报表）` };
    const cells: Backup['reports'][number]['cells'] = [];
    for (const c of (r as { cells: unknown[] }).cells) {
      // A write's time is `at` (backup version 5); older backups called it `updatedAt`.
      const at = isObj(c) ? int(c.at ?? c.updatedAt) : null;
      if (!isObj(c) || !str(c.key, 300) || str(c.raw, 4000) === null || !(c.value === null || (typeof c.value === 'number' && Number.isFinite(c.value))) || at === null)
        return { ok: false, reason: `备份文件已损坏（${meta.unit} ${meta.year} 的格子数据）` };
      cells.push({ key: c.key as string, raw: c.raw as string, value: c.value as number | null, at });
    }
    const notes: NonNullable<BackupReport['notes']> = [];
    for (const n of (rec.notes as unknown[] | undefined) ?? []) {
      const at = isObj(n) ? int(n.at ?? n.updatedAt) : null;
      if (!isObj(n) || !str(n.key, 300) || !str(n.text, NOTE_MAX) || !(n.text as string).trim() || at === null) return { ok: false, reason: `备份文件已损坏（${meta.unit} ${meta.year} 的批注）` };
      notes.push({ key: n.key as string, text: n.text as string, at });
    }
    const history: NonNullable<BackupReport['history']> = [];
    for (const h of (rec.history as unknown[] | undefined) ?? []) {
      if (!isObj(h) || !str(h.key, 300) || str(h.raw, 4000) === null || !(h.value === null || (typeof h.value === 'number' && Number.isFinite(h.value))) || int(h.at) === null || !ORIGINS.includes(h.origin as HistoryOrigin))
        return { ok: false, reason: `备份文件已损坏（${meta.unit} ${meta.year} 的修改记录）` };
      history.push({ key: h.key as string, raw: h.raw as string, value: h.value as number | null, at: h.at as number, origin: h.origin as HistoryOrigin });
    }
    const reviews: NonNullable<BackupReport['reviews']> = [];
    for (const v of (rec.reviews as unknown[] | undefined) ?? []) {
      const reads = isObj(v) && Array.isArray(v.reads) && v.reads.length <= 10_000 && v.reads.every((x) => Array.isArray(x) && x.length === 2 && str(x[0], 300) && str(x[1], 4000) !== null) ? (v.reads as [string, string][]) : null;
      if (!isObj(v) || !str(v.id, 20_000) || !str(v.reason, 500) || int(v.at) === null || !reads) return { ok: false, reason: `备份文件已损坏（${meta.unit} ${meta.year} 的核实记录）` };
      reviews.push({ id: v.id as string, reason: v.reason as string, at: v.at as number, reads: reads.map(([k, raw]) => [k, raw]) });
    }
    let text: BackupReport['text'];
    if (rec.text !== undefined) {
      const t = rec.text;
      if (!isObj(t) || str(t.text, TEXT_MAX) === null || str(t.source) === null || int(t.at) === null) return { ok: false, reason: `备份文件已损坏（${meta.unit} ${meta.year} 的正文）` };
      text = { text: t.text as string, source: t.source as string, at: t.at as number };
    }
    reports.push({ meta, cells, ...(rec.notes !== undefined ? { notes } : {}), ...(rec.history !== undefined ? { history } : {}), ...(rec.reviews !== undefined ? { reviews } : {}), ...(text ? { text } : {}) });
  }
  let collections: CollectionRecord[] | undefined;
  if (data.collections !== undefined) {
    if (!Array.isArray(data.collections)) return { ok: false, reason: '备份文件已损坏（汇总列表）' };
    collections = [];
    for (const [i, c] of data.collections.entries()) {
      const parsed = parseCollection(c);
      if (!parsed) return { ok: false, reason: `备份文件已损坏（第 ${i + 1} 个汇总）` };
      collections.push(parsed);
    }
  }
  let forms: Template[] | undefined;
  if (data.forms !== undefined) {
    if (!Array.isArray(data.forms)) return { ok: false, reason: '备份文件已损坏（表式列表）' };
    forms = [];
    for (const [i, f] of data.forms.entries()) {
      const checked = validateForm(f);
      if (!checked.ok) return { ok: false, reason: `备份文件已损坏（第 ${i + 1} 个表式：${checked.reason}）` };
      if (isBuiltin(checked.form.id)) return { ok: false, reason: `备份文件已损坏（第 ${i + 1} 个表式占用了内置表式的编号）` };
      forms.push(checked.form);
    }
  }
  return { ok: true, backup: { format: BACKUP_FORMAT, version: data.version as number, exportedAt: String(data.exportedAt ?? ''), reports, ...(collections ? { collections } : {}), ...(forms ? { forms } : {}) } };
}

export type ConflictChoice = 'keep-mine' | 'take-backup' | 'keep-both';

export interface RestorePlan {
  added: Backup['reports'];
  same: number;
  /** Reports present here and in the backup with different contents. */
  conflicts: { mine: ReportRecord; theirs: Backup['reports'][number] }[];
  /** The backup's 汇总: one new here is added; one present here gains the members and expected units it lacks. */
  collections: CollectionRecord[];
  /** The backup's own forms: a version new here is added, one present here is kept. */
  forms: Template[];
}

const sameCells = (a: { key: string; raw: string }[], b: { key: string; raw: string }[]) => {
  if (a.length !== b.length) return false;
  const m = new Map(a.map((c) => [c.key, c.raw]));
  return b.every((c) => m.get(c.key) === c.raw);
};
const sameNotes = (a: { key: string; text: string }[], b: { key: string; text: string }[]) =>
  sameCells(a.map((n) => ({ key: n.key, raw: n.text })), b.map((n) => ({ key: n.key, raw: n.text })));

/**
 * The backup's report is of the unit mine is: the same name, or (a unit renamed here since the
 * backup) a name the unit record here still knows, under the same unit id.
 */
function sameUnitHere(mine: ReportRecord, theirs: ReportRecord, names: Map<string, string[]>) {
  if (mine.unit === theirs.unit) return true;
  return Boolean(mine.unitId && mine.unitId === theirs.unitId && names.get(mine.unitId)?.includes(theirs.unit.trim()));
}

export async function planRestore(store: ReportStore, backup: Backup): Promise<RestorePlan> {
  const plan: RestorePlan = { added: [], same: 0, conflicts: [], collections: backup.collections ?? [], forms: backup.forms ?? [] };
  const names = await store.unitNames();
  for (const r of backup.reports) {
    const mine = await store.get(r.meta.id);
    if (!mine) plan.added.push(r);
    else if (sameUnitHere(mine, r.meta, names) && mine.year === r.meta.year && sameCells(await store.cellRecords(mine.id), r.cells) && (!r.notes || sameNotes(await store.notes(mine.id), r.notes))) plan.same++;
    else plan.conflicts.push({ mine, theirs: r });
  }
  return plan;
}

/** A backup's summary is a cache from another time and app version: work it out again from the cells (and the reviews restored with them). */
function freshSummary(meta: ReportRecord, cells: Omit<CellRecord, 'reportId'>[], reviews: BackupReport['reviews'] = [], text?: string): ReportRecord {
  const template = findTemplate(meta.templateId, meta.templateVersion);
  if (!template) return meta;
  const values = new Map(cells.map((c) => [c.key, { raw: c.raw, value: c.value }]));
  return { ...meta, summary: summarise(template, values, { reviews, text }) };
}

/**
 * A report new here comes with its notes and history (a version-1 backup has none: each cell is
 * logged as restored). One taken over mine replaces its cells and notes; my history stays and
 * logs the restore. Returns the ids written over (their unsaved journals must go) and the cells
 * written and cleared in them (for the other tabs).
 */
export async function applyRestore(store: ReportStore, plan: RestorePlan, choice: ConflictChoice): Promise<{ written: number; replaced: string[]; replacedCells: { reportId: string; cells: WrittenCell[] }[] }> {
  let written = 0;
  const replaced: string[] = [];
  const replacedCells: { reportId: string; cells: WrittenCell[] }[] = [];
  const asIs = (r: BackupReport) => ({ notes: r.notes, history: r.history, reviews: r.reviews, text: r.text, origin: r.history?.length ? undefined : ('restore' as const) });
  // Forms first: the reports made with them are checked with them.
  for (const f of plan.forms) await store.mergeForm(f);
  if (plan.forms.length) await loadOwnForms(store);
  for (const r of plan.added) written += (await store.putReport(freshSummary(r.meta, r.cells, r.reviews, r.text?.text), r.cells, asIs(r)), 1);
  for (const { mine, theirs } of plan.conflicts) {
    if (choice === 'take-backup') {
      const kept = new Set(theirs.cells.map((c) => c.key));
      const held = await store.cellRecords(mine.id, true);
      const cleared = held.filter((c) => c.raw !== '' && !kept.has(c.key)).map((c) => c.key);
      // Written later than anything held: a tab with this report open takes them (newer than what
      // it shows), and a write it still had queued cannot win over them.
      const now = Math.max(Date.now(), ...held.map((c) => c.at + 1));
      const cells = theirs.cells.map((c) => ({ ...c, at: now }));
      written += (await store.putReport(freshSummary({ ...theirs.meta, updatedAt: now }, cells, theirs.reviews, theirs.text?.text), cells, { replace: true, notes: theirs.notes, reviews: theirs.reviews ?? [], text: theirs.text, origin: 'restore', cleared }), 1);
      replacedCells.push({ reportId: mine.id, cells: [...cells, ...cleared.map((key) => ({ key, raw: '', value: null, at: now }))] });
      replaced.push(mine.id);
    }
    if (choice === 'keep-both') {
      // Another name, so its own unit (not the original's: two reports of one unit and year).
      const copy = { ...freshSummary(theirs.meta, theirs.cells, theirs.reviews, theirs.text?.text), id: newId(), unit: `${theirs.meta.unit}（备份）`, unitId: undefined };
      written += (await store.putReport(copy, theirs.cells, asIs(theirs)), 1);
    }
  }
  // A 汇总 lists reports by id: kept as in the backup (a member also present here is the same
  // report); one present here keeps its name and gains what it lacks, nothing is dropped.
  for (const c of plan.collections) await store.mergeCollection(c);
  return { written, replaced, replacedCells };
}
