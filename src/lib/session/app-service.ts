// The application work of the pages that are not one report or one 汇总: the home page's list,
// units, years, copies and deletions, 汇总 made, forms imported and saved, backups, and the start
// of the app. Views call these; none of them reaches the store (src/lib/storage) itself.
import { announceCells } from './tab-sync';
import type { CellEntry, CellKey, Template } from '$lib/domain/model';
import { yearSeries, type YearSeries } from '$lib/domain/history';
import { FORM_FILE_MAX, parseFormFile } from '$lib/domain/form-file';
import { createFromImport, createNextYear, sameReport } from './import-actions';
import type { FoundTable } from '$lib/sheets/import';
import { applyRestore, makeBackup, parseBackup, planRestore, type Backup, type BackupFile, type ConflictChoice, type RestorePlan } from '$lib/storage/backup';
import { reportStore, sameUnit, type CollectionRecord, type ReportRecord, type ReportStore } from '$lib/storage/reports';
import { findTemplate, formsLoaded, isBuiltin, loadOwnForms } from '$lib/templates';
import { localJournal, type Journal } from './journal';
import { openReport, replayJournals } from './open-report';
import type { SessionOptions } from './report-session';

export class AppService {
  private journalUsed?: Journal;

  constructor(
    private readonly store: ReportStore = reportStore(),
    journal?: Journal
  ) {
    this.journalUsed = journal;
  }

  // localStorage is touched only once a journal is needed (a test or a page may never need one).
  private get journal(): Journal {
    return (this.journalUsed ??= localJournal());
  }

  // ---- the app's start

  /** Own forms read at start; pages await formsLoaded() before they look a report's form up. */
  start(): void {
    loadOwnForms(this.store).catch(() => {});
  }

  /** Why data is only in memory this time, or null when it is stored in the browser. */
  memoryOnly(): Promise<string | null> {
    return this.store.memoryOnly();
  }

  // ---- the home page

  /**
   * The report list (the newest `limit`, or every one with `all`), how many there are, and the
   * 汇总. Edits a closed tab journaled but never committed go to storage first.
   */
  async home(all: boolean, limit: number): Promise<{ reports: ReportRecord[]; total: number; collections: CollectionRecord[] }> {
    await Promise.all([replayJournals(this.store, this.journal).catch(() => 0), formsLoaded()]);
    let reports: ReportRecord[];
    let total: number;
    if (all) {
      reports = await this.store.list();
      total = reports.length;
    } else ({ reports, total } = await this.store.newest(limit));
    return { reports, total, collections: await this.store.collections() };
  }

  /** How many other reports (other years, other forms) the report's unit has. */
  async otherReportsOfUnit(report: ReportRecord): Promise<number> {
    return report.unitId ? (await this.store.reportsOfUnit(report.unitId)).length - 1 : 0;
  }

  /** A new empty report of that form's version. */
  createReport(unit: string, year: number, form: Pick<Template, 'id' | 'version'>): Promise<ReportRecord> {
    return this.store.create({ unit, year, templateId: form.id, templateVersion: form.version });
  }

  /** The unit renamed (this report, or `allYears`: the unit itself) and the year changed, as asked. */
  async changeReport(report: ReportRecord, v: { unit: string; year: number; allYears: boolean }): Promise<void> {
    if (v.unit !== report.unit) await this.store.renameUnit(report.id, v.unit, v.allYears);
    if (v.year !== report.year) await this.store.update(report.id, { year: v.year });
  }

  duplicate(report: ReportRecord): Promise<ReportRecord> {
    return this.store.duplicate(report.id, `${report.unit}（副本）`);
  }

  /** The report deleted with its figures; its journal goes too (its unsaved edits must not come back). */
  async remove(report: ReportRecord): Promise<void> {
    await this.store.remove(report.id);
    this.journal.clear(report.id);
  }

  createCollection(name: string, year: number, form: Pick<Template, 'id' | 'version'>): Promise<CollectionRecord> {
    return this.store.createCollection({ name, year, templateId: form.id, templateVersion: form.version });
  }

  /** The 汇总 a report is a unit of (a unit opened from its 汇总 links back to it). */
  async collectionsOf(reportId: string): Promise<CollectionRecord[]> {
    return (await this.store.collections()).filter((c) => c.reportIds.includes(reportId));
  }

  // ---- a file taken in as a report (home page and report page)

  /** A report of the same unit, form and year already stored (an import would duplicate it). */
  sameReport(template: Template, unit: string, year: number): Promise<ReportRecord | undefined> {
    return sameReport(this.store, template, unit, year);
  }

  /** A new report from the file, or `replace`'s figures replaced by the file's (see import-actions). */
  createFromImport(found: FoundTable, unit: string, year: number, replace?: ReportRecord, acceptedOdd: number[] = []): Promise<ReportRecord> {
    return createFromImport(this.store, found, unit, year, replace, acceptedOdd);
  }

  // ---- the report page (its route switches over to these)

  /** 新建下一年度 (see import-actions). */
  createNextYear(template: Template, meta: ReportRecord, values: ReadonlyMap<CellKey, CellEntry>): Promise<ReportRecord> {
    return createNextYear(this.store, template, meta, values);
  }

  /** One report opened as a session (see open-report). */
  openReport(id: string, options: Pick<SessionOptions, 'schedule'> = {}) {
    return openReport(this.store, id, this.journal, options);
  }

  /** 历年对比: the unit's reports of every year as a series (the report given wins a year two reports share). */
  async unitYears(report: ReportRecord): Promise<YearSeries> {
    const mine = report.unitId ? await this.store.reportsOfUnit(report.unitId) : (await this.store.list()).filter((r) => sameUnit(r, report));
    const reports = [];
    for (const r of mine) {
      const template = findTemplate(r.templateId, r.templateVersion);
      if (template) reports.push({ id: r.id, year: r.year, template, values: await this.store.cells(r.id) });
    }
    // The report open there first: it wins a year two reports share.
    reports.sort((a, b) => Number(b.id === report.id) - Number(a.id === report.id));
    return yearSeries(reports);
  }

  // ---- forms of one's own

  /** The stored own forms read again (after a form is saved, imported or restored). */
  reloadForms(): Promise<void> {
    return loadOwnForms(this.store);
  }

  /** 导入表式: a form file checked like a backup, then stored as a version of one's own form; what happened, to show. */
  async importFormFile(file: File): Promise<string> {
    if (file.size > FORM_FILE_MAX) return `未导入「${file.name}」：文件太大（${(file.size / 1048576).toFixed(1)} MB），不是本工具的表式文件`;
    const parsed = parseFormFile(await file.text());
    if (!parsed.ok) return `未导入「${file.name}」：${parsed.reason}`;
    if (isBuiltin(parsed.form.id)) return `未导入「${file.name}」：表式编号与内置表式相同`;
    const result = await this.store.importForm(parsed.form);
    if (result.kind === 'present') return `「${parsed.form.name}」第 ${parsed.form.version} 版已在本机（第 ${result.version} 版），无需导入。`;
    if (result.kind === 'older') return `未导入「${file.name}」：这是「${parsed.form.name}」较旧的第 ${parsed.form.version} 版，本机已有第 ${result.newest} 版。`;
    await this.reloadForms();
    return `已导入表式：${result.form.name}（第 ${result.form.version} 版）。新建报表或汇总时可以选择它。`;
  }

  /** The form saved as a version of one's own (a version a report uses is frozen: saving makes the next). */
  async saveForm(form: Template): Promise<Template> {
    const saved = await this.store.saveForm(form);
    await this.reloadForms();
    return saved;
  }

  // ---- backup and restore

  backup(): Promise<BackupFile> {
    return makeBackup(this.store);
  }

  /** A backup file's text read and checked (nothing is written). */
  readBackup(text: string) {
    return parseBackup(text);
  }

  /** What a restore would write, and which reports conflict with ones stored here. */
  planRestore(backup: Backup): Promise<RestorePlan> {
    return planRestore(this.store, backup);
  }

  /** The restore written and the own forms read again: how many reports were written, which replaced. */
  async restore(plan: RestorePlan, choice: ConflictChoice): Promise<{ written: number; replaced: string[] }> {
    const done = await applyRestore(this.store, plan, choice);
    // Unsaved edits of a report taken from the backup must not come back over it; a tab that
    // has it open shows the backup's figures at once.
    for (const id of done.replaced) this.journal.clear(id);
    for (const { reportId, cells } of done.replacedCells) announceCells(reportId, cells);
    await this.reloadForms().catch(() => {}); // a refusing store leaves the forms as they were
    return done;
  }
}

let shared: AppService | undefined;
/** The app's service over the app's store. */
export const app = () => (shared ??= new AppService());
