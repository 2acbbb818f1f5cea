// The report repository: every read and write of reports and cells goes through here.
// Writes resolve only once their transaction has committed ("write before you acknowledge").
import type { CellEntry } from '$lib/domain/model';
import { openDatabase, storageProblem, type CellRecord, type DB, type ReportRecord } from './db';
import { announceCells, type CellWritten } from './tab-sync';

export type { ReportRecord } from './db';

export interface CellChange {
  key: string;
  entry: CellEntry;
}

export class ReportStore {
  private db: Promise<DB>;

  constructor(name?: string) {
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

  async get(id: string): Promise<ReportRecord | undefined> {
    return (await this.db).get('reports', id);
  }

  async create(meta: Pick<ReportRecord, 'unit' | 'year' | 'templateId' | 'templateVersion'>, cells: CellChange[] = []): Promise<ReportRecord> {
    const now = Date.now();
    const record: ReportRecord = { ...meta, id: newId(), createdAt: now, updatedAt: now, summary: { errors: 0, warnings: 0, filled: 0 } };
    const tx = (await this.db).transaction(['reports', 'cells'], 'readwrite');
    tx.objectStore('reports').put(record);
    for (const c of cells) tx.objectStore('cells').put(cellRecord(record.id, c, now));
    await tx.done;
    return record;
  }

  async cells(reportId: string): Promise<Map<string, CellEntry>> {
    const rows = await (await this.db).getAllFromIndex('cells', 'byReport', reportId);
    return new Map(rows.map((r) => [r.key, { raw: r.raw, value: r.value }]));
  }

  /** Every cell record of a report, timestamps included (backup). */
  async cellRecords(reportId: string): Promise<CellRecord[]> {
    return (await this.db).getAllFromIndex('cells', 'byReport', reportId);
  }

  /** Replaces every cell of a report (an import chosen to replace it), in one transaction. */
  async replaceCells(reportId: string, cells: CellChange[], summary: ReportRecord['summary']): Promise<void> {
    const meta = await this.get(reportId);
    if (!meta) throw new Error('报表已被删除');
    const now = Date.now();
    const before = await this.cellRecords(reportId);
    await this.putReport({ ...meta, updatedAt: now, summary }, cells.map((c) => ({ key: c.key, raw: c.entry.raw, value: c.entry.value, updatedAt: now })), true);
    // Other tabs clear what the replaced report had and the import has not.
    const kept = new Set(cells.map((c) => c.key));
    const cleared = before.filter((r) => !kept.has(r.key)).map((r) => ({ key: r.key, raw: '', value: null, updatedAt: now }));
    announceCells(reportId, [...cells.map((c) => ({ key: c.key, raw: c.entry.raw, value: c.entry.value, updatedAt: now })), ...cleared]);
  }

  /** Writes a whole report as given (restore); `replace` first drops the cells it had. */
  async putReport(meta: ReportRecord, cells: Omit<CellRecord, 'reportId'>[], replace = false): Promise<void> {
    const tx = (await this.db).transaction(['reports', 'cells'], 'readwrite');
    if (replace) {
      const index = tx.objectStore('cells').index('byReport');
      for (let cur = await index.openKeyCursor(meta.id); cur; cur = await cur.continue()) tx.objectStore('cells').delete(cur.primaryKey);
    }
    tx.objectStore('reports').put(meta);
    for (const c of cells) tx.objectStore('cells').put({ ...c, reportId: meta.id });
    await tx.done;
  }

  /**
   * One transaction per edit batch (a keystroke, a paste): all of it lands or none. Each cell's
   * `at` (default: the batch's `at`) is kept as its updatedAt, and a cell stored with a newer time
   * (another tab wrote it since) is left alone: the newer write wins, whichever commits last.
   * Resolves once committed, then tells the other tabs the entries written.
   */
  async saveCells(reportId: string, changes: (CellChange & { at?: number })[], summary?: ReportRecord['summary'], at = Date.now()): Promise<void> {
    const tx = (await this.db).transaction(['reports', 'cells'], 'readwrite');
    const reports = tx.objectStore('reports');
    const cells = tx.objectStore('cells');
    const stored = await Promise.all(changes.map((c) => cells.get([reportId, c.key])));
    const written: CellWritten[] = [];
    changes.forEach((c, i) => {
      const when = c.at ?? at;
      if ((stored[i]?.updatedAt ?? 0) > when) return;
      if (c.entry.raw === '') cells.delete([reportId, c.key]);
      else cells.put(cellRecord(reportId, c, when));
      written.push({ key: c.key, raw: c.entry.raw, value: c.entry.value, updatedAt: when });
    });
    const meta = await reports.get(reportId);
    if (!meta) {
      tx.abort();
      await tx.done.catch(() => {});
      throw new Error('报表已被删除');
    }
    reports.put({ ...meta, updatedAt: Math.max(at, meta.updatedAt), summary: summary ?? meta.summary });
    tx.commit();
    await tx.done;
    announceCells(reportId, written);
  }

  /** Some cells of a report, as stored now (absent keys were cleared). */
  async someCells(reportId: string, keys: string[]): Promise<Map<string, CellEntry | null>> {
    const tx = (await this.db).transaction('cells');
    const rows = await Promise.all(keys.map((k) => tx.store.get([reportId, k])));
    return new Map(keys.map((k, i) => [k, rows[i] ? { raw: rows[i]!.raw, value: rows[i]!.value } : null]));
  }

  /** `touch`: the change is the user's (it moves the report up the list); a corrected summary is not. */
  async update(id: string, patch: Partial<Pick<ReportRecord, 'unit' | 'year' | 'summary'>>, touch = true): Promise<void> {
    const tx = (await this.db).transaction('reports', 'readwrite');
    const meta = await tx.store.get(id);
    if (meta) tx.store.put({ ...meta, ...patch, updatedAt: touch ? Date.now() : meta.updatedAt });
    await tx.done;
  }

  async duplicate(id: string, unit: string): Promise<ReportRecord> {
    const meta = await this.get(id);
    if (!meta) throw new Error('报表不存在');
    const cells = await this.cells(id);
    const copy = await this.create({ ...meta, unit }, [...cells].map(([key, entry]) => ({ key, entry })));
    await this.update(copy.id, { summary: meta.summary });
    return { ...copy, summary: meta.summary };
  }

  async remove(id: string): Promise<void> {
    const tx = (await this.db).transaction(['reports', 'cells'], 'readwrite');
    tx.objectStore('reports').delete(id);
    const index = tx.objectStore('cells').index('byReport');
    for (let cur = await index.openKeyCursor(id); cur; cur = await cur.continue()) tx.objectStore('cells').delete(cur.primaryKey);
    await tx.done;
  }

  async close() {
    (await this.db).close();
  }
}

function cellRecord(reportId: string, c: CellChange, now: number): CellRecord {
  return { reportId, key: c.key, raw: c.entry.raw, value: c.entry.value, updatedAt: now };
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

let shared: ReportStore | undefined;
/** The app's one store, opened on first use. */
export const reportStore = () => (shared ??= new ReportStore());
