// One 汇总's application work: its load (collection, form, members, kept checks and sums, the
// units' figures), the re-check of what was kept without a check, keeping checks, the background
// verify, and every change to its members and expected units. Plain TypeScript: the page renders
// what this holds (through collection-view.svelte.ts) and calls it; it never reaches the store.
import { cacheOf, contributionsTo, findingKey, summaryFromCache, summaryOfSums, unitFromKept, unitResult, UnitSums, type Contribution, type Summary, type UnitReport, type UnitResult } from '$lib/domain/summary';
import { checkReport, reviewedIds } from '$lib/domain/report-check';
import type { CellKey, Template } from '$lib/domain/model';
import { checkStamp } from '$lib/check-stamp';
import { KEPT, summaryOf } from '$lib/report-status';
import { reportStore, type CollectionRecord, type ReportRecord, type ReportStore } from '$lib/storage/reports';
import { findTemplate, formsLoaded } from '$lib/templates';
import { localJournal, type Journal } from './journal';
import { writeDecisions, type Decision } from './collection-decisions';
import { compareWith, earlierCollections } from './collection-compare';

export type { Decision } from './collection-decisions';

/** A kept finding (rule|cell) judged against last year's report. */
const isCrossYear = (key: string) => /^(carry|stock|identical):/.test(key);

/** The unit names typed for 应报单位: one a line (or separated by commas or 、), each once. */
export function expectedNames(text: string): string[] {
  return [...new Set(text.split(/[\n,，、]/).map((s) => s.trim()).filter(Boolean))];
}

export interface CollectionOptions {
  /** Resolves in a task of its own (tests may pass a faster one). */
  nextTask?: () => Promise<void>;
  /** Runs `fn` after `ms` (the background verify); returns how to cancel it. */
  later?: (fn: () => void, ms: number) => () => void;
  /** Time budget of one step (a re-check, the sums, the units' shares) before it yields (ms). */
  slice?: number;
  journal?: Journal;
}

const task = () => new Promise<void>((r) => setTimeout(r));
const timer = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
};

/** What one load read: the background verify and the kept checks work on it. */
interface Loaded {
  c: CollectionRecord;
  t: Template;
  members: ReportRecord[];
  units: UnitReport[];
  shown: UnitResult[];
}

export class CollectionSession {
  collection: CollectionRecord | null = null;
  template: Template | null = null;
  /** The members' report records, in the collection's order. */
  reports: ReportRecord[] = [];
  /** Every name each unit is known by (by unit id): a file may still say a former name. */
  unitNames = new Map<string, string[]>();
  /** Null until the sums are known (from the cache, then from the units' figures). */
  summary: Summary | null = null;
  /**
   * Each summary finding's units and their parts in it (contributionsTo), by findingKey: empty
   * until the summary is complete and they are worked out, in steps after it shows.
   */
  shares: ReadonlyMap<string, Contribution[]> = new Map();
  /** Why the 汇总 cannot be shown ('' when it can). */
  problem = '';

  private readonly listeners = new Set<() => void>();
  private readonly nextTask: () => Promise<void>;
  private readonly later: (fn: () => void, ms: number) => () => void;
  private readonly slice: number;
  private journal?: Journal;
  private cancelVerify = () => {};
  private closed = false;

  constructor(
    readonly id: string,
    private readonly store: ReportStore = reportStore(),
    options: CollectionOptions = {}
  ) {
    this.nextTask = options.nextTask ?? task;
    this.later = options.later ?? timer;
    this.slice = options.slice ?? 20;
    this.journal = options.journal;
  }

  /** Hears every change of what the session holds; returns how to stop. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit() {
    if (!this.closed) for (const l of this.listeners) l();
  }

  /** Units in the 汇总 by every name they are known by (a file may still say a former name). */
  get existing(): Map<string, ReportRecord> {
    return new Map(this.reports.flatMap((r) => (r.unitId ? (this.unitNames.get(r.unitId) ?? [r.unit]) : [r.unit]).map((n) => [n, r] as const)));
  }

  /** Expected units (应报单位) not in the 汇总 under any of their names. */
  get missing(): string[] {
    const existing = this.existing;
    return this.collection ? this.collection.expected.filter((u) => !existing.has(u)) : [];
  }

  /** The 汇总 read again, from the counts kept with each report first, then the units' figures. */
  async load(): Promise<void> {
    const store = this.store;
    try {
      // The units' names do not need the 汇总's record: read beside it.
      const [c, , names] = await Promise.all([store.getCollection(this.id), formsLoaded(), store.unitNames()]);
      if (!c) return this.fail('找不到这个汇总，它可能已被删除。');
      const t = findTemplate(c.templateId, c.templateVersion);
      if (!t) return this.fail(`本工具不认识这个汇总的表式（${c.templateId}）。`);
      // Its members' report records alone (the browser may keep other years' reports beside them),
      // a slice of them a transaction; then their cells.
      const members = await store.getMany(c.reportIds);
      if (this.closed) return;
      // The status table shows at once from the counts each report keeps, and the summary from
      // the sums kept with the 汇总 when no member changed since; the units' figures follow.
      this.unitNames = names;
      this.collection = c;
      this.template = t;
      this.reports = members;
      this.show(fromCache(c, t, members));
      const readAt = Date.now();
      const [cells, reviews] = await Promise.all([store.cellsOf(members.map((r) => r.id)), store.allReviews()]);
      if (c !== this.collection) return; // opened again meanwhile
      // Each unit's check as its report keeps it (written by the session or the batch worker):
      // the summary shows without checking hundreds of units again. A report kept without its
      // findings, and then every unit once in the background, is checked in small steps.
      const units = members.map((r) => ({ id: r.id, unit: r.unit, unitId: r.unitId, values: cells.get(r.id) ?? new Map(), reviews: reviews.get(r.id) ?? [] }));
      const kept = units.map((u, i) => unitFromKept(u, members[i].summary));
      const unkept = kept.flatMap((k, i) => (k ? [] : [i]));
      await this.recheck(t, units, unkept, kept);
      const loaded: Loaded = { c, t, members, units, shown: kept as UnitResult[] };
      if (unkept.length) await this.keep(loaded, unkept);
      const sum = await this.summed(t, loaded.shown);
      await this.nextTask(); // the summary table draws in a task of its own
      if (c !== this.collection) return;
      this.show(sum);
      await this.nextTask(); // and the kept sums are compared in the next
      if (c !== this.collection) return;
      // Rewritten whenever a full read differs from it (a write saved late with an earlier time
      // can leave a cache that looks current): the next opening shows the right sums.
      const fresh = cacheOf(sum, readAt);
      const same = c.cache && JSON.stringify([c.cache.ids, c.cache.values, c.cache.counts, c.cache.refused]) === JSON.stringify([fresh.ids, fresh.values, fresh.counts, fresh.refused]);
      if (!same || !summaryFromCache(t, c.cache!, withTimes(loaded.shown, members))) void store.cacheSummary(c.id, fresh).catch(() => {});
      this.cancelVerify();
      this.cancelVerify = this.later(() => void this.verify(loaded), 500);
    } catch (e) {
      this.fail(`无法读取浏览器存储（IndexedDB）：${e instanceof Error ? e.message : e}`);
    }
  }

  private fail(reason: string) {
    this.problem = reason;
    this.emit();
  }

  /** Checks the units at `which` into `into` (but those `skip` says need none), in steps. */
  private recheck(t: Template, units: UnitReport[], which: number[], into: (UnitResult | null)[], skip?: (i: number) => boolean) {
    return this.steps(which, (i) => {
      if (!skip?.(i)) into[i] = unitResult(t, units[i]);
    });
  }

  /** The units' figures summed in steps (1,000 units' took ~30 ms in one task), then their summary. */
  private async summed(t: Template, units: UnitResult[]): Promise<Summary> {
    const sums = new UnitSums();
    await this.steps(units.keys(), (i) => sums.add(units[i]));
    await this.nextTask(); // the summary's own check and its findings' units, in a task of their own
    return summaryOfSums(t, sums, units);
  }

  /** `fn` for each of `which`, yielding between steps of ~`slice` ms (the page stays responsive). */
  private async steps(which: Iterable<number>, fn: (i: number) => void) {
    let start = performance.now();
    for (const i of which) {
      fn(i);
      if (performance.now() - start > this.slice) {
        await this.nextTask();
        start = performance.now();
      }
    }
  }

  /** The check of the units at `which` kept with their reports (the status table reads it), corrected here too. */
  private async keep({ c, t, members, units, shown }: Loaded, which: number[]) {
    const next = new Map<string, ReportRecord>();
    for (const i of which) {
      // Checked here without last year's report: the cross-year warnings the report's own page
      // found (上年结转, 历年累计, 照抄) stay as it kept them. So does its count of clauses of the
      // text that disagree with the tables (the 汇总 does not read the texts).
      const rc = checkReport(t, units[i].values);
      const fresh = summaryOf(t, units[i].values, rc, reviewedIds(rc.causes, units[i].reviews ?? [], units[i].values));
      const was = members[i].summary;
      const cross = (was.findings ?? []).filter(isCrossYear);
      const s = { ...fresh, warnings: fresh.warnings + cross.length, findings: [...fresh.findings, ...cross], ...(was.prose !== undefined ? { prose: was.prose } : {}) };
      // Only over the version whose figures were read (a report saved since keeps its own check).
      if (await this.store.keepCheck(members[i].id, s, members[i])) next.set(members[i].id, (members[i] = { ...members[i], summary: s }));
      shown[i] = unitFromKept(units[i], s)!;
    }
    this.replaced(c, next);
  }

  /** Report records rewritten by this session, in the list it holds. */
  private replaced(c: CollectionRecord, next: Map<string, ReportRecord>) {
    if (this.collection === c && next.size) {
      this.reports = this.reports.map((r) => next.get(r.id) ?? r);
      this.emit();
    }
  }

  /**
   * The kept checks verified in the background, but those stamped as this build would stamp a
   * check of the figures read (check-stamp.ts; the batch worker and a report's page stamp theirs):
   * a unit whose check now differs (a report kept by an older version of the tool) gets its kept
   * check corrected, and the summary is redone; one that is the same gets this build's stamp, so
   * the next opening trusts it.
   *
   * A report page's check also read last year's report (the cross-year findings, and last year's
   * figures as hints to the likely wrong one): trusted as the page kept it, as those findings
   * always were, until the report is opened or saved again.
   */
  private async verify(loaded: Loaded) {
    const { c, t, members, units, shown } = loaded;
    if (this.collection !== c) return;
    const fresh: (UnitResult | null)[] = units.map(() => null);
    // Worked out in the re-check's steps (~50 µs a unit here: a thousand at once would be one long task).
    const stamps: string[] = [];
    const stampOf = (i: number) => (stamps[i] ??= checkStamp(t, units[i].values));
    // The stamp says nothing of reviews: a report with any, or whose kept check counts some (a
    // copy of a reviewed report keeps its counts, without the reviews), is checked anyway. The
    // figures are the ones read here, after the records: another tab may have saved in between.
    const current = (i: number) => !units[i].reviews?.length && !members[i].summary.reviewed && members[i].summary.stamp === stampOf(i);
    await this.recheck(t, units, units.map((_, i) => i), fresh, current);
    if (this.collection !== c) return;
    const differ: number[] = [];
    const same: number[] = [];
    fresh.forEach((u, i) => {
      if (!u) return;
      const k = shown[i];
      // A report keeps its first KEPT findings only: one with more is the same when those match.
      // Cross-year findings are judged on the report's page (with last year's figures), not here.
      const own = [...k.findingKeys].filter((x) => !isCrossYear(x));
      const warnings = k.warnings - (k.findingKeys.size - own.length);
      const agree = k.errors === u.errors && warnings === u.warnings && k.reviewed === u.reviewed && k.blankTotals === u.blankTotals && own.length === Math.min(u.findingKeys.size, KEPT) && own.every((x) => u.findingKeys.has(x));
      if (!agree) differ.push(i);
      else if (members[i].summary.stamp !== stampOf(i)) same.push(i);
    });
    // Stamped as they were kept (the counts and findings just compared; the rest, such as the
    // likely wrong figures a report's page found with last year's figures, as before), in one
    // transaction, and only over the check read: one written since keeps its own.
    if (same.length) await this.store.keepChecks(same.map((i) => ({ id: members[i].id, summary: { ...members[i].summary, stamp: stampOf(i) }, read: members[i] })));
    if (!differ.length || this.collection !== c) return;
    await this.keep(loaded, differ);
    if (this.collection !== c) return;
    const sum = await this.summed(t, shown);
    if (this.collection === c) this.show(sum);
  }

  /**
   * The summary shown; the units' parts in its findings are worked out after, in steps of ~20 ms:
   * a 汇总 of 1,000 units has dozens of findings, each over every unit (~80–160 ms in all), which
   * in the summary's own render made one task of ~200 ms.
   */
  private show(sum: Summary | null) {
    this.summary = sum;
    this.shares = new Map();
    this.emit();
    if (sum?.complete && sum.result.findings.length) void this.share(sum);
  }

  private async share(sum: Summary) {
    await this.nextTask(); // after the summary's own render
    if (this.summary !== sum) return;
    const out = new Map<string, Contribution[]>();
    let start = performance.now();
    for (const f of sum.result.findings) {
      out.set(findingKey(f), contributionsTo(sum, f) ?? []);
      if (performance.now() - start > this.slice) {
        await this.nextTask();
        if (this.summary !== sum) return; // summed again meanwhile: that summary's own steps follow
        start = performance.now();
      }
    }
    if (this.summary !== sum) return;
    this.shares = out;
    this.emit();
  }

  /**
   * The files' reports written as the person decided (new, replace, both; keep writes nothing);
   * returns the reports written. The 汇总 is read again in a task of its own (the dialog closes
   * first); after a failure midway at once, so the dialog, which stays open with the reason,
   * offers the chunks written as units already there, kept by default.
   */
  async write(decisions: Decision[]): Promise<ReportRecord[]> {
    let done: ReportRecord[];
    try {
      done = await writeDecisions(this.store, (this.journal ??= localJournal()), this.collection!, this.template!, this.existing, decisions);
    } catch (e) {
      await this.load();
      throw e;
    }
    void this.nextTask().then(() => this.load());
    return done;
  }

  /** Reports that can join: same form and year, not in the 汇总 already, not a unit it has by name (it would count twice). */
  async pickable(): Promise<ReportRecord[]> {
    const c = this.collection!;
    const outside = await this.store.allBut(c.reportIds);
    const existing = this.existing;
    return outside.filter((r) => !existing.has(r.unit) && r.templateId === c.templateId && r.year === c.year);
  }

  /**
   * Reports of this 汇总's form and year outside it, by every name their unit is known by (names
   * the 汇总 has left out; the latest report when a name has several): a file of such a unit is
   * asked about in 添加单位文件 (keep it and join, replace it, both), not written beside it.
   */
  async others(): Promise<Map<string, ReportRecord>> {
    const c = this.collection!;
    const [all, names] = await Promise.all([this.store.allBut(c.reportIds), this.store.unitNames()]);
    const existing = this.existing;
    const out = new Map<string, ReportRecord>();
    const outside = all.filter((r) => r.templateId === c.templateId && r.year === c.year).reverse(); // oldest first: the latest of a name wins
    for (const r of outside) for (const n of r.unitId ? (names.get(r.unitId) ?? [r.unit]) : [r.unit]) if (!existing.has(n)) out.set(n, r);
    return out;
  }

  async addMembers(reportIds: string[]): Promise<void> {
    await this.store.updateCollection(this.id, (c) => ({ ...c, reportIds: [...new Set([...c.reportIds, ...reportIds])] }));
    await this.load();
  }

  async removeMember(reportId: string): Promise<void> {
    await this.store.updateCollection(this.id, (c) => ({ ...c, reportIds: c.reportIds.filter((r) => r !== reportId) }));
    await this.load();
  }

  /** 应报单位 as typed (see expectedNames). */
  async setExpected(text: string): Promise<void> {
    const names = expectedNames(text);
    await this.store.updateCollection(this.id, (c) => ({ ...c, expected: names }));
    await this.load();
  }

  /** The summary workbook downloaded; returns the file's name. */
  async download(): Promise<string> {
    if (!this.summary || !this.collection) throw new Error('汇总尚未完成');
    const { downloadSummaryWorkbook } = await import('$lib/sheets/summary-download');
    return downloadSummaryWorkbook(this.collection, this.summary, this.reports);
  }

  /** Earlier 汇总 to compare with, the latest year first. */
  earlier(): Promise<CollectionRecord[]> {
    return earlierCollections(this.store, this.collection!);
  }

  /** This 汇总 (as summed now) against an earlier one. */
  compareWith(prev: CollectionRecord, summary: Summary) {
    return compareWith(this.store, prev, { collection: this.collection!, template: this.template!, summary });
  }

  /** Stops the background verify and the events (the page closed or opened another 汇总). */
  close() {
    this.closed = true;
    this.cancelVerify();
    this.collection = null;
    this.listeners.clear();
  }
}

const withTimes = (units: UnitResult[], members: ReportRecord[]) => units.map((u, i) => ({ ...u, updatedAt: members[i].updatedAt }));

/** The summary from the sums kept with the 汇总 (units' figures not read yet), or null when it is stale. */
function fromCache(c: CollectionRecord, t: Template, members: ReportRecord[]): Summary | null {
  if (!c.cache) return null;
  const units = members.map((r) => unitFromKept({ id: r.id, unit: r.unit, unitId: r.unitId, values: new Map() }, r.summary));
  if (units.some((u) => !u)) return null;
  return summaryFromCache(t, c.cache, withTimes(units as UnitResult[], members));
}
