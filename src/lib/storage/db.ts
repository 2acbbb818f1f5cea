// The IndexedDB schema, on `idb`. One record per cell, so two tabs editing different cells can
// never overwrite each other and a later merge can go cell by cell (per-cell `at`).
// DB_NAME, store names and key paths are a contract with every browser that has data:
// do not change them without a migration step in upgrade().
import type { SummaryCache } from '$lib/domain/summary';
import type { Template } from '$lib/domain/model';
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';

export const DB_NAME = 'nianbao-jiaoyan';
export const DB_VERSION = 8;

/** The writes kept in a cell's history (schema v7): the newest; older ones are dropped as new ones come. */
export const HISTORY_KEEP = 50;

export interface ReportRecord {
  id: string;
  /** The unit's name as shown (kept in step with its unit record's name). */
  unit: string;
  /** The unit record (schema v4): renaming the unit keeps its reports and its cross-year link. */
  unitId?: string;
  year: number;
  templateId: string;
  templateVersion: number;
  createdAt: number;
  updatedAt: number;
  /** Counts every write of its figures (two saves in one millisecond leave updatedAt alike). */
  rev?: number;
  /** Kept with the report so the list needs no cells: counts from the last check. */
  summary: {
    /** Errors and warnings by cause (one wrong figure is one error), reviewed ones not counted. */
    errors: number;
    warnings: number;
    /** Causes reviewed (已核实) by a person (schema v6). */
    reviewed?: number;
    filled: number;
    cells?: number;
    /** Totals left blank while parts are filled (a 汇总's status table). */
    blank?: number;
    /** Each finding as rule|cell, so a 汇总 names the units causing its findings without checking them again. */
    findings?: string[];
    /** Clauses of the report's text that disagree with its tables (正文与表格, schema v7). */
    prose?: number;
    /** The likely wrong figures (and blanks that need one) as cell|probable value, for the 汇总 (schema v6). */
    likely?: string[];
    /** Which checking code worked this out, on which form and figures (check-stamp.ts). */
    stamp?: string;
  };
}

/** A stored cell: the written cell (WrittenCell) of a report. Raw '' is a cleared cell's tombstone. */
export interface CellRecord {
  reportId: string;
  /** cellKey: table/row/col */
  key: string;
  raw: string;
  value: number | null;
  /** When it was written (schema v7; `updatedAt` before). */
  at: number;
}

/**
 * Where a stored figure came from: the session's batch origins, plus the ways a report is
 * written outside a session (created from an import or from last year, restored from a backup).
 */
export type HistoryOrigin = 'typed' | 'paste' | 'import' | 'fill' | 'undo' | 'redo' | 'replay' | 'carry' | 'copy' | 'restore';

/** One write of one cell, appended in the transaction that writes the cell (schema v2). */
export interface HistoryRecord {
  seq?: number;
  reportId: string;
  key: string;
  /** '' when the write cleared the cell. */
  raw: string;
  value: number | null;
  at: number;
  origin: HistoryOrigin;
}

/** A person's note (批注) on one cell, explaining an odd figure (schema v2). */
export interface NoteRecord {
  reportId: string;
  key: string;
  text: string;
  /** When it was set (schema v7; `updatedAt` before). */
  at: number;
}

/**
 * A 汇总 (schema v3): the reports of a region's units for one year and form, summed into one
 * table. Members are reports (one per unit); `expected` names the units that should report.
 */
export interface CollectionRecord {
  id: string;
  name: string;
  year: number;
  templateId: string;
  templateVersion: number;
  reportIds: string[];
  expected: string[];
  createdAt: number;
  updatedAt: number;
  /** The summary's sums as last computed (a cache: never in backups, redone when a member changes). */
  cache?: SummaryCache;
}

/**
 * A unit (schema v4): a department, township or region that reports every year. Reports point to
 * it by id, so last year's report (上年结转) and the 汇总 of next year follow the unit, not its name.
 */
export interface UnitRecord {
  id: string;
  name: string;
  /** Names the unit had before a rename: a file that still says the old name finds the unit. */
  formerNames?: string[];
  createdAt: number;
  updatedAt: number;
}

/**
 * A report's cells as one record (schema v4), written by a 汇总's batch: 1,000 files of 200
 * figures are 1,000 records, not 200,000 (Chromium's IndexedDB takes ~65 µs per record). A pack
 * never changes once written; a cell record of the same report written at or after `at` wins over
 * the pack's entry (edits after the import), an older one loses (a stale write of another tab).
 * Every read of cells merges the two, in reports.ts only.
 */
export interface PackRecord {
  reportId: string;
  at: number;
  origin: HistoryOrigin;
  /** [cellKey, raw, value] */
  cells: [string, string, number | null][];
}

/**
 * A form of one's own (schema v5), one record per version. A version a report uses is frozen:
 * saving the form again makes the next version, and the reports keep theirs.
 */
export interface FormRecord {
  id: string;
  version: number;
  form: Template;
  savedAt: number;
}

/**
 * A person's review (已核实) of one cause of a report's findings (schema v6): the cause's
 * fingerprint, the reason, and the raw text of every cell it read then — it holds while they
 * read the same.
 */
export interface ReviewRecord {
  reportId: string;
  /** The cause's fingerprint (Cause.id). */
  id: string;
  reason: string;
  at: number;
  reads: [string, string][];
}

/**
 * The report's whole text as published (schema v7): its prose states the tables' figures again,
 * and is checked against them. One per report; `source` says where it came from (a PDF's name,
 * 粘贴的文字).
 */
export interface TextRecord {
  reportId: string;
  text: string;
  source: string;
  at: number;
}

export interface Schema extends DBSchema {
  reports: { key: string; value: ReportRecord; indexes: { byUpdated: number; byUnitYear: [string, number] } };
  cells: { key: [string, string]; value: CellRecord; indexes: { byReport: string } };
  history: { key: number; value: HistoryRecord; indexes: { byCell: [string, string]; byReport: string } };
  notes: { key: [string, string]; value: NoteRecord; indexes: { byReport: string } };
  collections: { key: string; value: CollectionRecord };
  units: { key: string; value: UnitRecord; indexes: { byName: string } };
  packs: { key: string; value: PackRecord };
  forms: { key: [string, number]; value: FormRecord };
  reviews: { key: [string, string]; value: ReviewRecord; indexes: { byReport: string } };
  texts: { key: string; value: TextRecord };
}

export type DB = IDBPDatabase<Schema>;

type UpgradeTx = IDBPTransaction<Schema, StoreNames<Schema>[], 'versionchange'>;

/** Each step brings a database from version (index) to index + 1; it only adds what is missing. */
const MIGRATIONS: ((db: IDBPDatabase<Schema>, tx: UpgradeTx) => void | Promise<void>)[] = [
  (db) => {
    const reports = db.createObjectStore('reports', { keyPath: 'id' });
    reports.createIndex('byUpdated', 'updatedAt');
    const cells = db.createObjectStore('cells', { keyPath: ['reportId', 'key'] });
    cells.createIndex('byReport', 'reportId');
  },
  (db) => {
    const history = db.createObjectStore('history', { keyPath: 'seq', autoIncrement: true });
    history.createIndex('byCell', ['reportId', 'key']);
    history.createIndex('byReport', 'reportId');
    const notes = db.createObjectStore('notes', { keyPath: ['reportId', 'key'] });
    notes.createIndex('byReport', 'reportId');
  },
  (db) => {
    db.createObjectStore('collections', { keyPath: 'id' });
  },
  async (db, tx) => {
    db.createObjectStore('units', { keyPath: 'id' }).createIndex('byName', 'name');
    db.createObjectStore('packs', { keyPath: 'reportId' });
    // Every report gets the unit of its name: one unit per distinct name, as before.
    const units = new Map<string, string>();
    const now = Date.now();
    for (let cur = await tx.objectStore('reports').openCursor(); cur; cur = await cur.continue()) {
      const r = cur.value;
      let id = units.get(r.unit);
      if (!id) {
        id = newUnitId();
        units.set(r.unit, id);
        tx.objectStore('units').put({ id, name: r.unit, createdAt: now, updatedAt: now });
      }
      cur.update({ ...r, unitId: id });
    }
  },
  (db) => {
    db.createObjectStore('forms', { keyPath: ['id', 'version'] });
  },
  (db) => {
    db.createObjectStore('reviews', { keyPath: ['reportId', 'id'] }).createIndex('byReport', 'reportId');
  },
  async (db, tx) => {
    // The report's text, checked against its tables.
    db.createObjectStore('texts', { keyPath: 'reportId' });
    // One name for a write's time, as everywhere else: `at`.
    for (const name of ['cells', 'notes'] as const)
      for (let cur = await tx.objectStore(name).openCursor(); cur; cur = await cur.continue()) {
        const { updatedAt, ...rest } = cur.value as typeof cur.value & { updatedAt?: number };
        if (updatedAt !== undefined) cur.update({ ...rest, at: rest.at ?? updatedAt });
      }
    // Histories kept so far without bound: each cell keeps its newest HISTORY_KEEP writes.
    await trimHistories(tx.objectStore('history'));
  },
  (_db, tx) => {
    // A unit's report of a year (last year's, for the cross-year check) without reading every
    // report: opening one read them all, ~185 ms before the first frame with 5,000 stored.
    // Every report has its unit since version 4.
    tx.objectStore('reports').createIndex('byUnitYear', ['unitId', 'year']);
  }
];

interface IndexOf {
  count(key: IDBValidKey | IDBKeyRange): Promise<number>;
  openKeyCursor(key?: IDBValidKey | IDBKeyRange | null, dir?: IDBCursorDirection): Promise<{ key: IDBValidKey; primaryKey: IDBValidKey; continue(key?: IDBValidKey): Promise<unknown> } | null>;
}

/**
 * Drops the oldest writes of each cell beyond the newest `keep` (byCell holds a cell's writes in
 * the order they were added: equal index keys are ordered by the primary key, the sequence).
 * With `cells`, only those cells of `reportId`; without, every cell.
 */
export async function trimHistories(history: { index(name: 'byCell'): unknown; delete(key: number): unknown }, only?: { reportId: string; keys: Iterable<string> }, keep = HISTORY_KEEP) {
  const byCell = history.index('byCell') as IndexOf;
  const drop = async (cell: IDBValidKey) => {
    let extra = (await byCell.count(cell)) - keep;
    for (let cur = extra > 0 ? await byCell.openKeyCursor(cell) : null; cur && extra > 0; extra--) {
      history.delete(cur.primaryKey as number);
      cur = (await cur.continue()) as typeof cur;
    }
  };
  if (only) {
    // Requests of one transaction run in order anyway: issued together, they cost one round trip.
    await Promise.all([...new Set(only.keys)].map((key) => drop([only.reportId, key])));
    return;
  }
  // Every cell in one walk backwards: within a cell the newest write comes first, so whatever
  // follows its first `keep` writes goes.
  let cell = '';
  let seen = 0;
  for (let cur = await byCell.openKeyCursor(null, 'prev'); cur; cur = (await cur.continue()) as typeof cur) {
    const id = JSON.stringify(cur.key);
    seen = id === cell ? seen + 1 : 1;
    cell = id;
    if (seen > keep) history.delete(cur.primaryKey as number);
  }
}

/** Unit ids: "u-" and random hex (crypto.randomUUID is missing on plain-http intranets). */
export function newUnitId(): string {
  const b = crypto.getRandomValues(new Uint8Array(12));
  return 'u-' + [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** Set when the browser refused IndexedDB and the app keeps its data in memory instead. */
export const storageProblem: { reason: string | null } = { reason: null };

/**
 * Opens the database. When the browser refuses (private mode, disabled storage, a broken
 * profile) the app still works: it swaps in an in-memory IndexedDB (fake-indexeddb, loaded only
 * then) and says so, so the user can finish, download the xlsx and back up before closing.
 */
export async function openDatabase(name = DB_NAME): Promise<DB> {
  try {
    return await openPersistent(name);
  } catch (e) {
    // A newer version of this tool has upgraded the database: this (older) copy must not touch it.
    const step = failedStep;
    failedStep = null;
    storageProblem.reason =
      e instanceof Error && e.name === 'VersionError'
        ? '浏览器中的数据由更新版本的本工具保存，此旧版本无法读取；请使用新版本打开（数据未改动）'
        : step !== null
          ? `浏览器中的数据未能升级到本版本（${step instanceof Error ? step.message : String(step)}），数据未改动`
          : e instanceof Error ? e.message : String(e);
    await import('fake-indexeddb/auto');
    return openPersistent(name);
  }
}

/** Why the last upgrade was undone, for the message (the open itself only fails with an AbortError). */
let failedStep: unknown = null;

function openPersistent(name: string): Promise<DB> {
  return openDB<Schema>(name, DB_VERSION, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      try {
        for (let v = oldVersion; v < DB_VERSION; v++) await MIGRATIONS[v](db, tx);
      } catch (e) {
        // idb ignores a failed upgrade callback and the version change commits anyway: a step that
        // throws would leave a half-upgraded database at the new version for good. Undone instead:
        // the data stays as it was, at its old version, and the app says so and works in memory.
        failedStep = e;
        tx.done.catch(() => {}); // the abort is the outcome here, reported through the open
        tx.abort();
      }
    },
    blocking() {
      // Another tab wants a newer schema: let it, this tab reloads into the new version.
      location.reload();
    }
  });
}
