// The report repository: every read and write of reports and cells goes through here.
// Writes resolve only once their transaction has committed ("write before you acknowledge").
import { unwrap } from 'idb';
import type { CellChange, CellEntry, CellKey, Template, WrittenCell } from '$lib/domain/model';
import { newUnitId, openDatabase, storageProblem, trimHistories, type CellRecord, type CollectionRecord, type DB, type FormRecord, type HistoryOrigin, type HistoryRecord, type NoteRecord, type PackRecord, type ReportRecord, type ReviewRecord, type TextRecord, type UnitRecord } from './db';

export type { CollectionRecord, FormRecord, HistoryOrigin, HistoryRecord, NoteRecord, ReportRecord, ReviewRecord, TextRecord, UnitRecord } from './db';

export { NOTE_MAX, TEXT_MAX } from './limits';
import { NOTE_MAX, TEXT_MAX } from './limits';

/**
 * The report a write goes into, read inside the write's transaction: a report deleted meanwhile
 * (in another tab) aborts the whole write, which then says so.
 */
async function reportOrAbort(tx: { objectStore(name: 'reports'): { get(id: string): Promise<ReportRecord | undefined> }; abort(): void; done: Promise<void> }, reportId: string): Promise<ReportRecord> {
  const meta = await tx.objectStore('reports').get(reportId);
  if (meta) return meta;
  tx.abort();
  await tx.done.catch(() => {});
  throw new Error('报表已被删除');
}

/** One history record per written cell, in the transaction that writes the cells. */
function logHistory(history: { add(v: HistoryRecord): unknown }, reportId: string, entries: { key: string; raw: string; value: number | null; at: number; origin: HistoryOrigin }[]) {
  for (const e of entries) history.add({ reportId, key: e.key, raw: e.raw, value: e.value, at: e.at, origin: e.origin });
}

interface KeyCursor<K> {
  primaryKey: K;
  continue(): Promise<KeyCursor<K> | null>;
}
/** Deletes every record of a report from a store with a byReport index (cells, history, notes). */
async function dropAll<K>(store: { index(name: 'byReport'): { openKeyCursor(query: string): Promise<KeyCursor<K> | null> }; delete(key: K): unknown }, reportId: string) {
  for (let cur = await store.index('byReport').openKeyCursor(reportId); cur; cur = await cur.continue()) store.delete(cur.primaryKey);
}

/**
 * A report's cell records with its pack (a 汇总 batch's one-record write) merged in: a cell record
 * written at or after the pack wins over the pack's entry, an older one loses to it.
 */
export function mergePack(reportId: string, pack: PackRecord | undefined, rows: CellRecord[]): CellRecord[] {
  if (!pack) return rows;
  const out = new Map<string, CellRecord>();
  for (const [key, raw, value] of pack.cells) out.set(key, { reportId, key, raw, value, at: pack.at });
  for (const r of rows) {
    const p = out.get(r.key);
    if (!p || r.at >= p.at) out.set(r.key, r);
  }
  return [...out.values()];
}

/** The pack's figures as the history entries of their first write. */
function packHistory(pack: PackRecord | undefined, key?: string): HistoryRecord[] {
  if (!pack) return [];
  return pack.cells.filter((c) => key === undefined || c[0] === key).map(([k, raw, value]) => ({ reportId: pack.reportId, key: k, raw, value, at: pack.at, origin: pack.origin }));
}

interface UnitStore {
  get(id: string): Promise<UnitRecord | undefined>;
  getAll(): Promise<UnitRecord[]>;
  put(u: UnitRecord): unknown;
  index(name: 'byName'): { get(name: string): Promise<UnitRecord | undefined> };
}

/** The unit of a name: its current name first, else a name it had before a rename. */
async function unitNamed(units: Pick<UnitStore, 'getAll' | 'index'>, name: string): Promise<UnitRecord | undefined> {
  return (await unitsNamed(units, [name]))[0];
}

/**
 * The units of many names (a 汇总's batch): each by its current name, and only when some name is
 * none's, one read of every unit for the names they had before. A batch of new units read every
 * unit once per file before: 1,000 files, half a million records.
 */
async function unitsNamed(units: Pick<UnitStore, 'getAll' | 'index'>, names: string[]): Promise<(UnitRecord | undefined)[]> {
  const found = await Promise.all(names.map((n) => units.index('byName').get(n)));
  if (found.every(Boolean)) return found;
  const former = new Map<string, UnitRecord>();
  for (const u of await units.getAll()) for (const n of u.formerNames ?? []) if (!former.has(n)) former.set(n, u);
  return found.map((u, i) => u ?? former.get(names[i]));
}
/**
 * The unit a report written under `name` belongs to: the one it names by id when that exists,
 * else the unit of that name, else a new unit (created in the same transaction).
 */
async function unitFor(units: UnitStore, name: string, id: string | undefined, now: number): Promise<string> {
  if (id) {
    const mine = await units.get(id);
    if (mine) return id;
  }
  const named = await unitNamed(units, name);
  if (named) return named.id;
  const record = { id: id ?? newUnitId(), name, createdAt: now, updatedAt: now };
  units.put(record);
  return record.id;
}

export type { CellChange } from '$lib/domain/model';

/** Milliseconds since the epoch: Date.now in the app, a clock the test moves in tests. */
export type Clock = () => number;

export class ReportStore {
  private db: Promise<DB>;

  constructor(name?: string, private readonly now: Clock = Date.now) {
    this.db = openDatabase(name);
  }

  /** Why data is only in memory this time, or null when it is stored in the browser. */
  async memoryOnly(): Promise<string | null> {
    await this.db;
    return storageProblem.reason;
  }

  async list(): Promise<ReportRecord[]> {
    const all = await (await this.db).getAllFromIndex('reports', 'byUpdated');
    return all.reverse();
  }

  /**
   * The newest `limit` reports (newest first) and how many there are: the home page reads only
   * what it shows, through the byUpdated index with a cursor, however many reports are stored.
   */
  async newest(limit: number): Promise<{ reports: ReportRecord[]; total: number }> {
    const tx = (await this.db).transaction('reports');
    const index = tx.store.index('byUpdated');
    const reports: ReportRecord[] = [];
    for (let cur = await index.openCursor(null, 'prev'); cur && reports.length < limit; cur = await cur.continue()) reports.push(cur.value);
    const total = await tx.store.count();
    await tx.done;
    return { reports, total };
  }

  async get(id: string): Promise<ReportRecord | undefined> {
    return (await this.db).get('reports', id);
  }

  /**
   * These reports (a 汇总's members), in their order, the ones no longer stored left out: read by
   * id, so a browser that keeps other years' and forms' reports beside them does not read those too
   * (every report of a county office over five years is 5× a year's 汇总). SLICE ids a transaction,
   * yielding between them (each slice its own snapshot; the cells are read apart anyway): Chromium
   * spent ~55 µs of the page's main thread issuing each get, so 1,000 in one task held it ~60 ms.
   */
  async getMany(ids: readonly string[], SLICE = 200): Promise<ReportRecord[]> {
    const db = await this.db;
    const out: ReportRecord[] = [];
    for (let at = 0; at < ids.length; at += SLICE) {
      if (at) await new Promise((r) => setTimeout(r));
      const tx = db.transaction('reports');
      // A malformed id (a damaged record) would throw for the whole read: it matches no report.
      const found = await Promise.all(ids.slice(at, at + SLICE).map((id) => (typeof id === 'string' ? tx.store.get(id) : undefined)));
      await tx.done;
      for (const r of found) if (r !== undefined) out.push(r);
    }
    return out;
  }

  /**
   * Every report but these (a 汇总's members), newest first: their ids are read, then the others in
   * slices (getMany). A 汇总 of 1,000 units asked for the reports outside it read and built all
   * 1,000 members' records too, in one task, before its file dialog opened.
   */
  async allBut(ids: Iterable<string>): Promise<ReportRecord[]> {
    const skip = new Set(ids);
    const keys = (await (await this.db).getAllKeys('reports')).filter((k) => !skip.has(k));
    return (await this.getMany(keys)).sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /** `origin`: how the first cells came (an import, last year's carry-over, a copy), for their history. */
  async create(meta: Pick<ReportRecord, 'unit' | 'year' | 'templateId' | 'templateVersion'> & { unitId?: string }, cells: CellChange[] = [], origin: HistoryOrigin = 'import'): Promise<ReportRecord> {
    const now = this.now();
    const tx = (await this.db).transaction(['reports', 'cells', 'history', 'units'], 'readwrite');
    const unitId = await unitFor(tx.objectStore('units'), meta.unit, meta.unitId, this.now());
    const record: ReportRecord = { ...meta, unitId, id: newId(), createdAt: now, updatedAt: now, summary: { errors: 0, warnings: 0, filled: 0 } };
    tx.objectStore('reports').put(record);
    for (const c of cells) tx.objectStore('cells').put(cellRecord(record.id, c, now));
    logHistory(tx.objectStore('history'), record.id, cells.map((c) => ({ key: c.key, raw: c.entry.raw, value: c.entry.value, at: now, origin })));
    await tx.done;
    return record;
  }

  async cells(reportId: string): Promise<Map<string, CellEntry>> {
    const rows = await this.cellRecords(reportId);
    return new Map(rows.map((r) => [r.key, { raw: r.raw, value: r.value }]));
  }

  /**
   * Every cell record of a report, timestamps included (backup). `withCleared`: the tombstones of
   * cleared cells too (raw ''), for a session that must know when each cell was last written.
   */
  async cellRecords(reportId: string, withCleared = false): Promise<CellRecord[]> {
    const tx = (await this.db).transaction(['cells', 'packs']);
    const [rows, pack] = await Promise.all([tx.objectStore('cells').index('byReport').getAll(reportId), tx.objectStore('packs').get(reportId)]);
    const merged = mergePack(reportId, pack, rows);
    return withCleared ? merged : merged.filter(filled);
  }

  /**
   * Replaces every cell of a report (an import chosen to replace it), in one transaction; returns
   * the cells written and cleared, for the caller to tell the other tabs.
   */
  async replaceCells(reportId: string, cells: CellChange[], summary: ReportRecord['summary']): Promise<WrittenCell[]> {
    const meta = await this.get(reportId);
    if (!meta) throw new Error('报表已被删除');
    const before = await this.cellRecords(reportId, true);
    // Later than anything the report holds (a tab's clock may run ahead by its lastAt + 1): the
    // file's figures win in storage and in the tabs that have it open.
    const now = Math.max(this.now(), ...before.map((r) => r.at + 1));
    
    const kept = new Set(cells.map((c) => c.key));
    const written = [...cells.map((c) => ({ key: c.key, raw: c.entry.raw, value: c.entry.value, at: now }))];
    // What the replaced report had and the import has not is cleared: in the history, and in other tabs.
    const cleared = before.filter((r) => r.raw !== '' && !kept.has(r.key)).map((r) => ({ key: r.key, raw: '', value: null, at: now }));
    await this.putReport({ ...meta, updatedAt: now, summary }, written, { replace: true, origin: 'import', cleared: cleared.map((c) => c.key) });
    return [...written, ...cleared];
  }

  /**
   * Writes a whole report as given (restore). `replace` first drops the cells and notes it had
   * (its history stays: it is the log of what was there). `history`, `notes` and `reviews` come
   * with a backup; `origin` logs each written cell (and each of `cleared`) as a new history entry.
   */
  async putReport(
    meta: ReportRecord,
    cells: Omit<CellRecord, 'reportId'>[],
    opts: { replace?: boolean; origin?: HistoryOrigin; cleared?: string[]; history?: Omit<HistoryRecord, 'reportId' | 'seq'>[]; notes?: Omit<NoteRecord, 'reportId'>[]; reviews?: Omit<ReviewRecord, 'reportId'>[]; text?: Omit<TextRecord, 'reportId'> } = {}
  ): Promise<void> {
    const tx = (await this.db).transaction(['reports', 'cells', 'history', 'notes', 'packs', 'units', 'reviews', 'texts'], 'readwrite');
    const now = this.now();
    meta = { ...meta, unitId: await unitFor(tx.objectStore('units'), meta.unit, meta.unitId, this.now()) };
    // A report restored into a unit known here under another name (renamed here, or there) shows
    // the unit's name here; its own name joins the unit's former names, so a file that still
    // says it joins the same unit.
    const unit = await tx.objectStore('units').get(meta.unitId!);
    if (unit && unit.name !== meta.unit.trim()) {
      const former = [...new Set([...(unit.formerNames ?? []), meta.unit.trim()])];
      tx.objectStore('units').put({ ...unit, formerNames: former, updatedAt: now });
      meta = { ...meta, unit: unit.name };
    }
    if (opts.replace) {
      // Every cell the report had and the new one has not stays as a tombstone: a write another
      // tab queued before the replace (an older time) cannot bring it back.
      const pack = await tx.objectStore('packs').get(meta.id);
      const before = mergePack(meta.id, pack, await tx.objectStore('cells').index('byReport').getAll(meta.id));
      if (pack) {
        // The pack's figures stay in the history, as cell records' writes do.
        logHistory(tx.objectStore('history'), meta.id, packHistory(pack));
        tx.objectStore('packs').delete(meta.id);
      }
      await dropAll(tx.objectStore('cells'), meta.id);
      const kept = new Set(cells.map((c) => c.key));
      for (const r of before) if (!kept.has(r.key)) tx.objectStore('cells').put({ reportId: meta.id, key: r.key, raw: '', value: null, at: Math.max(now, r.at) });
      if (opts.notes) await dropAll(tx.objectStore('notes'), meta.id);
      if (opts.reviews) await dropAll(tx.objectStore('reviews'), meta.id);
    }
    const before = await tx.objectStore('reports').get(meta.id);
    tx.objectStore('reports').put({ ...meta, rev: Math.max(before?.rev ?? 0, meta.rev ?? 0) + 1 });
    for (const c of cells) tx.objectStore('cells').put({ ...c, reportId: meta.id });
    for (const n of opts.notes ?? []) tx.objectStore('notes').put({ ...n, reportId: meta.id });
    for (const r of opts.reviews ?? []) tx.objectStore('reviews').put({ ...r, reportId: meta.id });
    if (opts.text) tx.objectStore('texts').put({ ...opts.text, reportId: meta.id });
    logHistory(tx.objectStore('history'), meta.id, opts.history ?? []);
    if (opts.origin) {
      // Logged at the time of this write (a restored cell keeps its own older time).
      const origin = opts.origin;
      const at = now;
      logHistory(tx.objectStore('history'), meta.id, [...cells.map((c) => ({ key: c.key, raw: c.raw, value: c.value, at, origin })), ...(opts.cleared ?? []).map((key) => ({ key, raw: '', value: null, at, origin }))]);
    }
    await tx.done;
  }

  /**
   * One transaction per edit batch (a keystroke, a paste): all of it lands or none. Each cell's
   * `at` (default: the batch's `at`) is kept as its time, and a cell stored with a newer time
   * (another tab wrote it since) is left alone: the newer write wins, whichever commits last.
   * Resolves once committed, with the entries written (the session tells the other tabs).
   */
  async saveCells(reportId: string, changes: (CellChange & { at?: number; origin?: HistoryOrigin })[], summary?: ReportRecord['summary'], at = this.now(), dropReviews: string[] = []): Promise<WrittenCell[]> {
    const tx = (await this.db).transaction(['reports', 'cells', 'history', 'packs', 'reviews'], 'readwrite');
    const reports = tx.objectStore('reports');
    const cells = tx.objectStore('cells');
    const [own, pack] = await Promise.all([Promise.all(changes.map((c) => cells.get([reportId, c.key]))), tx.objectStore('packs').get(reportId)]);
    const packAt = new Set(pack?.cells.map((c) => c[0]));
    // A figure the pack holds was written at the pack's time, unless a cell record is newer.
    const stored = own.map((r, i) => (packAt.has(changes[i].key) && (!r || r.at < pack!.at) ? { at: pack!.at } : r));
    const written: WrittenCell[] = [];
    changes.forEach((c, i) => {
      const when = c.at ?? at;
      if ((stored[i]?.at ?? 0) > when) return;
      // A cleared cell stays as a tombstone (raw ''), so an older write arriving later loses to it.
      cells.put(cellRecord(reportId, c, when));
      written.push({ key: c.key, raw: c.entry.raw, value: c.entry.value, at: when });
      logHistory(tx.objectStore('history'), reportId, [{ key: c.key, raw: c.entry.raw, value: c.entry.value, at: when, origin: c.origin ?? 'typed' }]);
    });
    const meta = await reportOrAbort(tx, reportId);
    reports.put({ ...meta, updatedAt: Math.max(at, meta.updatedAt), rev: (meta.rev ?? 0) + 1, summary: summary ?? meta.summary });
    // Reviews whose cells these figures changed no longer hold: they go with the figures.
    for (const id of dropReviews) tx.objectStore('reviews').delete([reportId, id]);
    // A cell typed over and over keeps only its newest writes (a backup copies them all).
    await trimHistories(tx.objectStore('history'), { reportId, keys: written.map((w) => w.key) });
    tx.commit();
    await tx.done;
    return written;
  }

  async reviews(reportId: string): Promise<ReviewRecord[]> {
    return (await this.db).getAllFromIndex('reviews', 'byReport', reportId);
  }

  /** Every report's reviews, by report (a 汇总 reads them once for all its units). */
  async allReviews(): Promise<Map<string, Omit<ReviewRecord, 'reportId'>[]>> {
    const out = new Map<string, Omit<ReviewRecord, 'reportId'>[]>();
    for (const { reportId, ...r } of await (await this.db).getAll('reviews')) (out.get(reportId) ?? out.set(reportId, []).get(reportId)!).push(r);
    return out;
  }

  /**
   * Keeps a review (已核实) of one cause of a report's findings, or deletes it (null), with the
   * report's summary as it now stands (the session tells the other tabs).
   */
  async setReview(reportId: string, id: string, review: Omit<ReviewRecord, 'reportId'> | null, summary: ReportRecord['summary']): Promise<void> {
    const tx = (await this.db).transaction(['reports', 'reviews'], 'readwrite');
    const meta = await reportOrAbort(tx, reportId);
    if (review) tx.objectStore('reviews').put({ ...review, reportId, id });
    else tx.objectStore('reviews').delete([reportId, id]);
    tx.objectStore('reports').put({ ...meta, summary });
    await tx.done;
  }

  /** Every stored write of one cell, oldest first. */
  async history(reportId: string, key: string): Promise<HistoryRecord[]> {
    const tx = (await this.db).transaction(['history', 'packs']);
    const [pack, own] = await Promise.all([tx.objectStore('packs').get(reportId), tx.objectStore('history').index('byCell').getAll([reportId, key])]);
    const rows = [...packHistory(pack, key), ...own];
    return rows.sort((a, b) => a.at - b.at || (a.seq ?? 0) - (b.seq ?? 0));
  }

  /** A report's whole history (backup), oldest first. */
  async historyRecords(reportId: string): Promise<HistoryRecord[]> {
    const tx = (await this.db).transaction(['history', 'packs']);
    const [pack, own] = await Promise.all([tx.objectStore('packs').get(reportId), tx.objectStore('history').index('byReport').getAll(reportId)]);
    const rows = [...packHistory(pack), ...own];
    return rows.sort((a, b) => a.at - b.at || (a.seq ?? 0) - (b.seq ?? 0));
  }

  async notes(reportId: string): Promise<NoteRecord[]> {
    return (await this.db).getAllFromIndex('notes', 'byReport', reportId);
  }

  /**
   * Sets a cell's note ('' deletes it); resolves once committed (the session tells the other tabs). The
   * report moves up the list: a note is the user's change.
   */
  async setNote(reportId: string, key: string, text: string, at = this.now()): Promise<NoteRecord | null> {
    const clean = text.trim();
    if (clean.length > NOTE_MAX) throw new Error(`批注太长（${clean.length} 字，最多 ${NOTE_MAX} 字）`);
    const tx = (await this.db).transaction(['reports', 'notes'], 'readwrite');
    const meta = await reportOrAbort(tx, reportId);
    const note: NoteRecord | null = clean ? { reportId, key, text: clean, at } : null;
    if (note) tx.objectStore('notes').put(note);
    else tx.objectStore('notes').delete([reportId, key]);
    tx.objectStore('reports').put({ ...meta, updatedAt: Math.max(at, meta.updatedAt) });
    await tx.done;
    return note;
  }

  async text(reportId: string): Promise<TextRecord | undefined> {
    return (await this.db).get('texts', reportId);
  }

  /**
   * Keeps the report's whole text ('' forgets it), with the report's summary as it now stands (the
   * text's statements count in it). Resolves once committed.
   */
  async setText(reportId: string, text: string, source: string, summary?: ReportRecord['summary'], at = this.now()): Promise<TextRecord | null> {
    if (text.length > TEXT_MAX) throw new Error(`正文太长（${text.length.toLocaleString('zh-CN')} 字，最多 ${TEXT_MAX.toLocaleString('zh-CN')} 字）`);
    const tx = (await this.db).transaction(['reports', 'texts'], 'readwrite');
    const meta = await reportOrAbort(tx, reportId);
    const record: TextRecord | null = text.trim() ? { reportId, text, source: source.slice(0, 200), at } : null;
    if (record) tx.objectStore('texts').put(record);
    else tx.objectStore('texts').delete(reportId);
    tx.objectStore('reports').put({ ...meta, updatedAt: Math.max(at, meta.updatedAt), summary: summary ?? meta.summary });
    await tx.done;
    return record;
  }

  /** `touch`: the change is the user's (it moves the report up the list); a corrected summary is not. */
  async update(id: string, patch: Partial<Pick<ReportRecord, 'unit' | 'year' | 'summary'>>, touch = true): Promise<void> {
    const tx = (await this.db).transaction('reports', 'readwrite');
    const meta = await tx.store.get(id);
    if (meta) tx.store.put({ ...meta, ...patch, updatedAt: touch ? this.now() : meta.updatedAt });
    await tx.done;
  }

  /**
   * Keeps a check computed from a report as read (its version, updatedAt and rev, and the check
   * it kept), only if neither has changed since: an edit in another tab meanwhile keeps its own,
   * newer check, and so does a check written alone (a review taken back, a report page's
   * correction), which leaves the version as it was. Whether it was written.
   */
  async keepCheck(id: string, summary: ReportRecord['summary'], read: Pick<ReportRecord, 'updatedAt' | 'rev' | 'summary'>): Promise<boolean> {
    return (await this.keepChecks([{ id, summary, read }]))[0];
  }

  /** keepCheck for many reports in one transaction (a 汇总 stamping a thousand checks). */
  async keepChecks(items: { id: string; summary: ReportRecord['summary']; read: Pick<ReportRecord, 'updatedAt' | 'rev' | 'summary'> }[]): Promise<boolean[]> {
    const tx = (await this.db).transaction('reports', 'readwrite');
    const done = await Promise.all(
      items.map(async ({ id, summary, read }) => {
        const meta = await tx.store.get(id);
        const current = meta !== undefined && meta.updatedAt === read.updatedAt && (meta.rev ?? 0) === (read.rev ?? 0) && JSON.stringify(meta.summary) === JSON.stringify(read.summary);
        if (current) await tx.store.put({ ...meta, summary });
        return current;
      })
    );
    await tx.done;
    return done;
  }

  async duplicate(id: string, unit: string): Promise<ReportRecord> {
    const meta = await this.get(id);
    if (!meta) throw new Error('报表不存在');
    const cells = await this.cells(id);
    const notes = await this.notes(id);
    const copy = await this.create({ unit, year: meta.year, templateId: meta.templateId, templateVersion: meta.templateVersion }, [...cells].map(([key, entry]) => ({ key, entry })), 'copy');
    // The copy has the figures and notes, not the text or the reviews: its count of text clauses
    // that disagree goes (its reviewed causes are counted again when it is opened or verified).
    const { prose: _, ...summary } = meta.summary;
    const record = { ...copy, summary };
    if (notes.length) await this.putReport(record, [], { notes: notes.map(({ reportId: _, ...n }) => n) });
    else await this.update(copy.id, { summary });
    return record;
  }

  /** Deletes a report with its cells, history, notes, reviews and text. */
  async remove(id: string): Promise<void> {
    const tx = (await this.db).transaction(['reports', 'cells', 'history', 'notes', 'packs', 'reviews', 'texts'], 'readwrite');
    tx.objectStore('reports').delete(id);
    tx.objectStore('packs').delete(id);
    tx.objectStore('texts').delete(id);
    await dropAll(tx.objectStore('cells'), id);
    await dropAll(tx.objectStore('history'), id);
    await dropAll(tx.objectStore('notes'), id);
    await dropAll(tx.objectStore('reviews'), id);
    await tx.done;
  }

  /**
   * Many reports' filled cells (a 汇总 of hundreds of units), read SLICE reports per transaction,
   * yielding to the page between slices so no single task builds a thousand reports' maps.
   */
  async cellsOf(reportIds: string[], SLICE = 40): Promise<Map<string, Map<string, CellEntry>>> {
    const db = await this.db;
    const out = new Map<string, Map<string, CellEntry>>();
    for (let at = 0; at < reportIds.length; at += SLICE) {
      const ids = reportIds.slice(at, at + SLICE);
      const tx = db.transaction(['cells', 'packs']);
      const index = tx.objectStore('cells').index('byReport');
      const [rows, packs] = await Promise.all([Promise.all(ids.map((id) => index.getAll(id))), Promise.all(ids.map((id) => tx.objectStore('packs').get(id)))]);
      await tx.done;
      ids.forEach((id, i) => out.set(id, new Map(mergePack(id, packs[i], rows[i]).filter(filled).map((r) => [r.key, { raw: r.raw, value: r.value }]))));
      if (at + SLICE < reportIds.length) await new Promise((r) => setTimeout(r));
    }
    return out;
  }

  /**
   * Many new reports (a 汇总's files), each with its figures and summary; a report to replace gets
   * its figures replaced (the old ones cleared with tombstones). Each report's figures are one pack
   * record (see PackRecord), CHUNK reports per transaction through the raw IndexedDB API, yielding
   * between chunks so the page stays responsive; `onChunk` hears each chunk once it is committed —
   * a failure leaves the chunks before it written, and says so by throwing. Each report joins the
   * unit of its name (a new unit when there is none), and the 汇总 `opts.collection` names in the
   * same transaction: no written report is ever outside it, even for a moment, and a 汇总 deleted
   * meanwhile (another tab) gets nothing written into it.
   */
  async createMany(
    /**
     * `cells`: each report's figures as its pack keeps them ([key, raw, value]), asked for when its
     * chunk is written: 1,000 files' worth of objects made for the call would live until then, and
     * made the page's young-heap scavenges long (one of ~60 ms right after 写入).
     */
    items: { meta: Pick<ReportRecord, 'unit' | 'year' | 'templateId' | 'templateVersion' | 'summary'>; cells: () => PackRecord['cells']; replace?: string; text?: Pick<TextRecord, 'text' | 'source'> }[],
    /** After each committed chunk: its reports, and the cells written and cleared in the replaced ones (for the other tabs). */
    onChunk?: (written: ReportRecord[], replacedCells: { reportId: string; cells: WrittenCell[] }[]) => Promise<void> | void,
    opts: {
      /** The 汇总 the reports join. */
      collection?: string;
      // A chunk's records are put in one task (a transaction cannot wait for the next): 50 reports'
      // took 33-48 ms of script there, with a scavenge 52-84 ms, on a 2-core PC.
      chunk?: number;
    } = {}
  ): Promise<ReportRecord[]> {
    const CHUNK = opts.chunk ?? 25;
    const db = await this.db;
    const out: ReportRecord[] = [];
    for (let at = 0; at < items.length; at += CHUNK) {
      const part = items.slice(at, at + CHUNK);
      // Unpacked before the transaction: the task that puts the chunk's records stays short.
      const figures = part.map((item) => item.cells());
      let now = this.now();
      // One transaction reads the reports replaced (their stored figures become tombstones) and
      // the units named, then writes: a cell another tab saves meanwhile cannot fall between the
      // read and the write. The reads go through idb's promises; the writes, issued in the same
      // microtask turn, through the raw API (the transaction stays active).
      const wrapped = db.transaction(['reports', 'cells', 'history', 'packs', 'units', 'texts', 'collections'], 'readwrite');
      const joining = opts.collection === undefined ? null : await wrapped.objectStore('collections').get(opts.collection);
      if (joining === undefined) {
        wrapped.done.catch(() => {}); // the abort below is this method's own outcome, thrown
        wrapped.abort();
        throw new Error('找不到这个汇总，它可能已被删除。');
      }
      const olds = await Promise.all(
        part.map(async (item) => {
          if (!item.replace) return null;
          const [record, rows, pack] = await Promise.all([wrapped.objectStore('reports').get(item.replace), wrapped.objectStore('cells').index('byReport').getAll(item.replace), wrapped.objectStore('packs').get(item.replace)]);
          return { record, rows, pack };
        })
      );
      const named = await unitsNamed(wrapped.objectStore('units'), part.map((item) => item.meta.unit));
      // Later than anything the replaced reports hold, even within the same millisecond: the new
      // pack must win over their cell records, and its history come after theirs.
      for (const o of olds) if (o) now = Math.max(now, (o.pack?.at ?? 0) + 1, ...o.rows.map((r) => r.at + 1));
      const tx = unwrap(wrapped);
      const reports = tx.objectStore('reports');
      const cells = tx.objectStore('cells');
      const history = tx.objectStore('history');
      const packs = tx.objectStore('packs');
      const written: ReportRecord[] = [];
      const cleared: { id: string; key: string }[] = [];
      const newUnits = new Map<string, string>();
      part.forEach((item, i) => {
        const old = olds[i]?.record;
        let unitId = old?.unitId ?? named[i]?.id ?? newUnits.get(item.meta.unit);
        if (!unitId) {
          unitId = newUnitId();
          newUnits.set(item.meta.unit, unitId);
          tx.objectStore('units').put({ id: unitId, name: item.meta.unit, createdAt: now, updatedAt: now } satisfies UnitRecord);
        }
        const record: ReportRecord = old ? { ...old, unitId, summary: item.meta.summary, updatedAt: now, rev: (old.rev ?? 0) + 1 } : { ...item.meta, unitId, id: newId(), createdAt: now, updatedAt: now };
        if (old) {
          // What the replaced report had and the file has not is cleared: a tombstone, a history
          // entry, and (below) a message to other tabs, as a single-file replace does. Its cell
          // records of figures the file has are dropped (the new pack holds them); the old pack's
          // figures stay in the history.
          const keep = new Set(figures[i].map(([key]) => key));
          for (const h of packHistory(olds[i]!.pack)) history.add(h);
          for (const c of mergePack(record.id, olds[i]!.pack, olds[i]!.rows)) {
            if (keep.has(c.key)) cells.delete([record.id, c.key]);
            else if (c.raw === '') cells.put({ ...c, at: now }); // a cleared cell stays cleared, re-stamped as a single replace does
            else {
              cells.put({ ...c, raw: '', value: null, at: now });
              history.add({ reportId: record.id, key: c.key, raw: '', value: null, at: now, origin: 'import' } satisfies HistoryRecord);
              cleared.push({ id: record.id, key: c.key });
            }
          }
        }
        reports.put(record);
        packs.put({ reportId: record.id, at: now, origin: 'import', cells: figures[i] } satisfies PackRecord);
        // The file's prose replaces the report's (its summary was worked out with it); a file
        // without prose leaves a replaced report's text as it was.
        if (item.text) tx.objectStore('texts').put({ reportId: record.id, text: item.text.text, source: item.text.source.slice(0, 200), at: now } satisfies TextRecord);
        written.push(record);
      });
      if (joining) tx.objectStore('collections').put({ ...joining, reportIds: [...new Set([...joining.reportIds, ...written.map((r) => r.id)])], updatedAt: this.now() } satisfies CollectionRecord);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error ?? new Error('写入被中止'));
      });
      out.push(...written);
      const replacedCells = part.flatMap((item, i) => {
        if (!item.replace) return [];
        const id = written[i].id;
        return [{ reportId: id, cells: [...figures[i].map(([key, raw, value]) => ({ key, raw, value, at: now })), ...cleared.filter((c) => c.id === id).map((c) => ({ key: c.key, raw: '', value: null, at: now }))] }];
      });
      await onChunk?.(written, replacedCells);
    }
    return out;
  }

  // ---- forms of one's own

  /** Every stored version of every own form. */
  async forms(): Promise<FormRecord[]> {
    return (await this.db).getAll('forms');
  }

  /**
   * Stores a form (already validated). Its version is kept while no report uses it and it is the
   * newest; otherwise it becomes the next version (a used version is frozen). Returns the form
   * as stored, with the version it got.
   */
  async saveForm(form: Template): Promise<Template> {
    const tx = (await this.db).transaction(['forms', 'reports'], 'readwrite');
    const versions = (await tx.objectStore('forms').getAll()).filter((r) => r.form.id === form.id).map((r) => r.version);
    const newest = Math.max(0, ...versions);
    const used = (await tx.objectStore('reports').getAll()).some((r) => r.templateId === form.id && r.templateVersion === form.version);
    const version = versions.includes(form.version) && (used || form.version < newest) ? newest + 1 : Math.max(form.version, 1);
    const stored = { ...form, version };
    await tx.objectStore('forms').put({ id: form.id, version, form: stored, savedAt: this.now() });
    await tx.done;
    return stored;
  }

  /**
   * 导入表式: a form file's version joins the versions here. The same form as a version already
   * here changes nothing; an older version than the newest here is refused (a unit must not end up
   * filling a form its county has replaced); otherwise it is stored under its number, or the next
   * free one when that number holds another form here.
   */
  async importForm(form: Template): Promise<{ kind: 'added'; form: Template } | { kind: 'present'; version: number } | { kind: 'older'; newest: number }> {
    const tx = (await this.db).transaction('forms', 'readwrite');
    const here = (await tx.store.getAll()).filter((r) => r.form.id === form.id);
    const same = here.find((r) => JSON.stringify({ ...r.form, version: 0 }) === JSON.stringify({ ...form, version: 0 }));
    const newest = Math.max(0, ...here.map((r) => r.version));
    if (same) {
      await tx.done;
      return { kind: 'present', version: same.version };
    }
    if (form.version < newest) {
      await tx.done;
      return { kind: 'older', newest };
    }
    const version = here.some((r) => r.version === form.version) ? newest + 1 : form.version;
    const stored = { ...form, version };
    await tx.store.put({ id: form.id, version, form: stored, savedAt: this.now() });
    await tx.done;
    return { kind: 'added', form: stored };
  }

  /** A form version from a backup: added when absent here; a version present here is kept. */
  async mergeForm(form: Template): Promise<void> {
    const tx = (await this.db).transaction('forms', 'readwrite');
    if (!(await tx.store.get([form.id, form.version]))) await tx.store.put({ id: form.id, version: form.version, form, savedAt: this.now() });
    await tx.done;
  }

  /** Whether any report is made with this version of a form. */
  async formInUse(id: string, version: number): Promise<boolean> {
    return (await this.list()).some((r) => r.templateId === id && r.templateVersion === version);
  }

  /** Deletes a version no report uses. */
  async removeForm(id: string, version: number): Promise<void> {
    if (await this.formInUse(id, version)) throw new Error('已有报表使用这个表式版本，不能删除');
    await (await this.db).delete('forms', [id, version]);
  }

  // ---- units

  async units(): Promise<UnitRecord[]> {
    return (await this.db).getAll('units');
  }

  async unit(id: string): Promise<UnitRecord | undefined> {
    return (await this.db).get('units', id);
  }

  /** Every name a unit is known by: the current one, then former ones (a 汇总 matches files by them). */
  async unitNames(): Promise<Map<string, string[]>> {
    return new Map((await this.units()).map((u) => [u.id, [u.name, ...(u.formerNames ?? [])]]));
  }

  /** A unit's reports of one year, newest first, through the byUnitYear index. */
  async ofUnitYear(unitId: string, year: number): Promise<ReportRecord[]> {
    const found = await (await this.db).getAllFromIndex('reports', 'byUnitYear', [unitId, year]);
    return found.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /** A unit's reports of every year, newest first: the byUnitYear keys that start with the unit (an array sorts after any number). */
  async reportsOfUnit(unitId: string): Promise<ReportRecord[]> {
    const found = await (await this.db).getAllFromIndex('reports', 'byUnitYear', IDBKeyRange.bound([unitId], [unitId, []]));
    return found.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /**
   * Gives a report's unit a new name. `allYears`: the unit itself is renamed, so every report of
   * it (other years too) shows the new name and keeps its cross-year link; otherwise this report
   * alone moves to a unit of that name. Either way a name that belongs to another unit joins that
   * unit (a typo corrected links the report to its real unit); a unit left without reports goes.
   */
  async renameUnit(reportId: string, name: string, allYears: boolean): Promise<void> {
    const clean = name.trim();
    if (!clean) throw new Error('单位名称不能为空');
    const tx = (await this.db).transaction(['reports', 'units', 'collections'], 'readwrite');
    const reports = tx.objectStore('reports');
    const units = tx.objectStore('units');
    const meta = await reports.get(reportId);
    if (!meta) throw new Error('报表已被删除');
    const now = this.now();
    const from = meta.unitId ?? (await unitFor(units, meta.unit, undefined, this.now()));
    const moving = allYears ? (await reports.getAll()).filter((r) => r.id === reportId || r.unitId === from) : [meta];
    const other = await units.index('byName').get(clean);
    let to: string;
    if (other && other.id !== from) to = other.id;
    else if (allYears || other) {
      to = from;
      const unit = await units.get(from);
      // A 汇总 that expects the unit by its old name expects it by the new one (else: 未报送).
      if (unit && unit.name !== clean)
        for (const c of await tx.objectStore('collections').getAll())
          if (c.expected.includes(unit.name)) tx.objectStore('collections').put({ ...c, expected: [...new Set(c.expected.map((n) => (n === unit.name ? clean : n)))] });
      const formerNames = [...new Set([...(unit?.formerNames ?? []), ...(unit && unit.name !== clean ? [unit.name] : [])])].filter((n) => n !== clean);
      units.put({ ...(unit ?? { id: from, createdAt: now }), name: clean, updatedAt: now, ...(formerNames.length ? { formerNames } : {}) });
    } else {
      to = newUnitId();
      units.put({ id: to, name: clean, createdAt: now, updatedAt: now });
    }
    for (const r of moving) reports.put({ ...r, unit: clean, unitId: to, updatedAt: r.id === reportId ? now : r.updatedAt });
    if (to !== from) {
      const left = (await reports.getAll()).some((r) => r.unitId === from && !moving.some((m) => m.id === r.id));
      if (!left) units.delete(from);
    }
    await tx.done;
  }

  // ---- 汇总 (collections of units' reports)

  async collections(): Promise<CollectionRecord[]> {
    return (await (await this.db).getAll('collections')).sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async getCollection(id: string): Promise<CollectionRecord | undefined> {
    return (await this.db).get('collections', id);
  }

  async createCollection(meta: Pick<CollectionRecord, 'name' | 'year' | 'templateId' | 'templateVersion'>): Promise<CollectionRecord> {
    const now = this.now();
    const record: CollectionRecord = { ...meta, id: newId(), reportIds: [], expected: [], createdAt: now, updatedAt: now };
    await (await this.db).put('collections', record);
    return record;
  }

  /** Changes a collection in one transaction (members added or dropped, expected units). */
  async updateCollection(id: string, change: (c: CollectionRecord) => CollectionRecord): Promise<CollectionRecord> {
    const tx = (await this.db).transaction('collections', 'readwrite');
    const old = await tx.store.get(id);
    if (!old) throw new Error('找不到这个汇总，它可能已被删除。');
    const next = { ...change(old), id, updatedAt: this.now() };
    await tx.store.put(next);
    await tx.done;
    return next;
  }

  /** Keeps a 汇总's computed sums with it; the collection's own change time stays (a cache is not a change). */
  async cacheSummary(id: string, cache: NonNullable<CollectionRecord['cache']>): Promise<void> {
    const tx = (await this.db).transaction('collections', 'readwrite');
    const c = await tx.store.get(id);
    if (c) await tx.store.put({ ...c, cache });
    await tx.done;
  }

  /** A 汇总 from a backup: added when new here; else it gains the members and expected units it lacks. */
  async mergeCollection(c: CollectionRecord): Promise<void> {
    const tx = (await this.db).transaction('collections', 'readwrite');
    const mine = await tx.store.get(c.id);
    await tx.store.put(mine ? { ...mine, reportIds: [...new Set([...mine.reportIds, ...c.reportIds])], expected: [...new Set([...mine.expected, ...c.expected])] } : c);
    await tx.done;
  }

  /** Deletes the collection only: its units' reports stay. */
  async removeCollection(id: string): Promise<void> {
    await (await this.db).delete('collections', id);
  }

  async close() {
    (await this.db).close();
  }
}

/** A stored cell that holds something (not the tombstone of a cleared one). */
const filled = (r: CellRecord) => r.raw !== '';

function cellRecord(reportId: string, c: CellChange, now: number): CellRecord {
  return { reportId, key: c.key, raw: c.entry.raw, value: c.entry.value, at: now };
}

/**
 * A new report id. crypto.randomUUID exists only in secure contexts (https, localhost): on an
 * intranet served over plain http it is missing, and getRandomValues still is.
 */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Two reports of one unit: the same unit record, or (a report from before units) the same name. */
export const sameUnit = (a: Pick<ReportRecord, 'unit' | 'unitId'>, b: Pick<ReportRecord, 'unit' | 'unitId'>) => (a.unitId && b.unitId ? a.unitId === b.unitId : a.unit === b.unit);

let shared: ReportStore | undefined;
/** The app's one store, opened on first use. */
export const reportStore = () => (shared ??= new ReportStore());
