// The write-ahead journal: every edit is written here synchronously before anything else, so a
// figure shown on screen survives a reload or a tab closed before IndexedDB commits. It holds
// only what is not yet committed (the latest raw text of each such cell, with its time) and is
// replayed when the report is opened again. localStorage is synchronous and survives both; where
// it is missing or full the journal keeps nothing and IndexedDB alone stands (as before).
import type { CellKey, WrittenCell } from '$lib/domain/model';

/** What the journal stores of a cell (its key is the property name). */
type Stored = Omit<WrittenCell, 'key'>;

export interface Journal {
  /** Records cells as written (synchronously); raw '' records a cleared cell. */
  write(reportId: string, cells: WrittenCell[]): void;
  /** Cells written and not yet known to be committed, by any tab (the newest of each cell). */
  read(reportId: string): Map<CellKey, WrittenCell>;
  /** Forgets this tab's cells once committed, unless written again since (a later `at`). */
  committed(reportId: string, cells: { key: CellKey; at: number }[]): void;
  /**
   * Drops what closed tabs (or this tab before a reload) journaled for a report: called once the
   * report has been opened and their cells replayed, so this tab now answers for them. A tab
   * still open keeps its entry (it may be writing to it this very moment, and it forgets its
   * cells itself once committed); without Web Locks every other entry goes, as before.
   */
  adopt(reportId: string): void;
  /** Forgets a report's journal, every tab's (the report was deleted, or replaced by an import). */
  clear(reportId: string): void;
  /** Reports with journaled cells. */
  reports(): string[];
}

const PREFIX = 'nianbao-journal:';
/** Each tab keeps its own entry (`nianbao-journal:<report>@<tab>`), so tabs never overwrite each other's. */
const SEP = '@';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // a browser that refuses storage throws on access
  }
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;
const newTab = () => Math.random().toString(36).slice(2, 10);
/** The Web Lock a tab holds while it lives: its journal entry is its own while the lock is held. */
const lockOf = (tab: string) => `nianbao-journal-tab:${tab}`;
/** The tab of a journal entry's storage key ('' for an older version's entry, which had none). */
function tabOf(storageKey: string): string {
  const at = storageKey.lastIndexOf(SEP);
  return at < PREFIX.length ? '' : storageKey.slice(at + 1);
}

/** Which tabs are alive, as the Web Locks they hold tell; null where the browser has no Web Locks. */
export type LiveTabs = () => Promise<Set<string>> | null;

/** This browser's Web Locks: the tab takes its own lock, and the journal asks which are held. */
function webLocks(tab: string): LiveTabs {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks?.request || !locks.query) return () => null;
  // Held until the page goes away (the browser releases it then, also on a crash).
  void locks.request(lockOf(tab), () => new Promise<void>(() => {})).catch(() => {});
  return () =>
    locks
      .query()
      .then(({ held }) => new Set((held ?? []).map((l) => l.name ?? '').filter((n) => n.startsWith(lockOf(''))).map((n) => n.slice(lockOf('').length))))
      .catch(() => new Set<string>());
}

/** The report of a journal entry's storage key (older versions wrote `nianbao-journal:<report>`). */
function reportOf(storageKey: string): string | null {
  if (!storageKey.startsWith(PREFIX)) return null;
  const rest = storageKey.slice(PREFIX.length);
  const at = rest.lastIndexOf(SEP);
  return at < 0 ? rest : rest.slice(0, at);
}

let shared: Journal | undefined;

/**
 * The journal in localStorage (or in `store`, for tests). This tab's cells are kept in memory
 * too, so a keystroke costs one JSON.stringify of the few cells not yet committed and one
 * setItem, never a read and parse of what is stored. With no arguments: the page's one journal.
 */
export function localJournal(store?: Store | null, tab?: string, live?: LiveTabs): Journal {
  if (store === undefined && tab === undefined) {
    const id = newTab();
    return (shared ??= makeJournal(storage(), id, webLocks(id)));
  }
  return makeJournal(store ?? null, tab ?? newTab(), live ?? (() => null));
}

function makeJournal(store: Store | null, tab: string, live: LiveTabs): Journal {
  /** This tab's journaled cells per report: what its storage entry holds. */
  const mine = new Map<string, Record<CellKey, Stored>>();
  const own = (id: string) => PREFIX + id + SEP + tab;
  const parse = (text: string | null): Record<CellKey, Stored> => {
    try {
      const parsed: unknown = JSON.parse(text ?? '{}');
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<CellKey, Stored>) : {};
    } catch {
      return {};
    }
  };
  const keys = (): string[] => {
    const out: string[] = [];
    try {
      for (let i = 0; store && i < store.length; i++) {
        const k = store.key(i);
        if (k?.startsWith(PREFIX)) out.push(k);
      }
    } catch {
      // refused storage: no journal
    }
    return out;
  };
  const save = (id: string) => {
    const cells = mine.get(id) ?? {};
    try {
      if (Object.keys(cells).length) store?.setItem(own(id), JSON.stringify(cells));
      else {
        store?.removeItem(own(id));
        mine.delete(id);
      }
    } catch {
      // Full or refused: IndexedDB still gets the write; only the reload guarantee is weaker.
    }
  };
  const remove = (k: string) => {
    try {
      store?.removeItem(k);
    } catch {
      // refused storage: nothing was kept either
    }
  };
  const valid = (v: Stored | undefined): v is Stored =>
    Boolean(v) && typeof v!.raw === 'string' && typeof v!.at === 'number' && (v!.value === null || typeof v!.value === 'number');
  return {
    write(id, cells) {
      if (!store) return;
      let all = mine.get(id);
      if (!all) mine.set(id, (all = {}));
      for (const c of cells) all[c.key] = { raw: c.raw, value: c.value, at: c.at };
      save(id);
    },
    read(id) {
      const out = new Map<CellKey, WrittenCell>();
      const take = (cells: Record<CellKey, Stored>) => {
        for (const [key, v] of Object.entries(cells)) if (valid(v) && v.at > (out.get(key)?.at ?? -Infinity)) out.set(key, { key, raw: v.raw, value: v.value, at: v.at });
      };
      for (const k of keys()) if (reportOf(k) === id && k !== own(id)) take(parse(store!.getItem(k)));
      take(mine.get(id) ?? {});
      return out;
    },
    reports() {
      return [...new Set([...keys().map(reportOf).filter((r): r is string => r !== null), ...mine.keys()])];
    },
    adopt(id) {
      const others = keys().filter((k) => reportOf(k) === id && k !== own(id));
      if (!others.length) return;
      const alive = live();
      if (!alive) return others.forEach(remove);
      // Asked after the replay: a tab that was alive then keeps its entry, a closed one's goes.
      void alive.then((tabs) => others.filter((k) => !tabs.has(tabOf(k))).forEach(remove));
    },
    clear(id) {
      mine.delete(id);
      for (const k of keys()) if (reportOf(k) === id) remove(k);
    },
    committed(id, cells) {
      const all = mine.get(id);
      if (!all) return;
      let changed = false;
      for (const c of cells)
        if (all[c.key] && all[c.key].at <= c.at) {
          delete all[c.key];
          changed = true;
        }
      if (changed) save(id);
    }
  };
}

/** A journal that keeps everything in memory (tests; a page that must not touch localStorage). */
export function memoryJournal(): Journal {
  return localJournal(memoryStorage());
}

/** A Storage over a Map: two journals on one of these are two tabs of one browser. */
export function memoryStorage(): Store {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k),
    key: (i) => [...data.keys()][i] ?? null,
    get length() {
      return data.size;
    }
  };
}
