// The write-ahead journal: every edit is written here synchronously before anything else, so a
// figure shown on screen survives a reload or a tab closed before IndexedDB commits. It holds
// only what is not yet committed (the latest raw text of each such cell, with its time) and is
// replayed when the report is opened again. localStorage is synchronous and survives both; where
// it is missing or full the journal keeps nothing and IndexedDB alone stands (as before).
import type { CellEntry, CellKey } from '$lib/domain/model';

export interface JournalCell {
  raw: string;
  value: number | null;
  at: number;
}

export interface Journal {
  /** Records cells as edited (synchronously). */
  write(reportId: string, cells: { key: CellKey; entry: CellEntry | null; at: number }[]): void;
  /** Cells edited and not yet known to be committed. */
  read(reportId: string): Map<CellKey, JournalCell>;
  /** Forgets cells once committed, unless edited again since (a later `at`). */
  committed(reportId: string, cells: { key: CellKey; at: number }[]): void;
  /** Forgets a report's journal (the report was deleted, or replaced by an import). */
  clear(reportId: string): void;
  /** Reports with journaled cells. */
  reports(): string[];
}

const PREFIX = 'nianbao-journal:';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // a browser that refuses storage throws on access
  }
}

/** The journal in localStorage (or in `store`, for tests). */
export function localJournal(store: Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'> | null = storage()): Journal {
  const load = (id: string): Record<CellKey, JournalCell> => {
    try {
      const parsed: unknown = JSON.parse(store?.getItem(PREFIX + id) ?? '{}');
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<CellKey, JournalCell>) : {};
    } catch {
      return {};
    }
  };
  const save = (id: string, cells: Record<CellKey, JournalCell>) => {
    try {
      if (Object.keys(cells).length) store?.setItem(PREFIX + id, JSON.stringify(cells));
      else store?.removeItem(PREFIX + id);
    } catch {
      // Full or refused: IndexedDB still gets the write; only the reload guarantee is weaker.
    }
  };
  return {
    write(id, cells) {
      if (!store) return;
      const all = load(id);
      for (const c of cells) all[c.key] = { raw: c.entry?.raw ?? '', value: c.entry?.value ?? null, at: c.at };
      save(id, all);
    },
    read(id) {
      const out = new Map<CellKey, JournalCell>();
      for (const [k, v] of Object.entries(load(id)))
        if (v && typeof v.raw === 'string' && typeof v.at === 'number' && (v.value === null || typeof v.value === 'number')) out.set(k, v);
      return out;
    },
    reports() {
      const out: string[] = [];
      try {
        for (let i = 0; store && i < store.length; i++) {
          const k = store.key(i);
          if (k?.startsWith(PREFIX)) out.push(k.slice(PREFIX.length));
        }
      } catch {
        // refused storage: no journal
      }
      return out;
    },
    clear(id) {
      try {
        store?.removeItem(PREFIX + id);
      } catch {
        // refused storage: nothing was kept either
      }
    },
    committed(id, cells) {
      if (!store) return;
      const all = load(id);
      let changed = false;
      for (const c of cells)
        if (all[c.key] && all[c.key].at <= c.at) {
          delete all[c.key];
          changed = true;
        }
      if (changed) save(id, all);
    }
  };
}

/** A journal that keeps everything in memory (tests; a page that must not touch localStorage). */
export function memoryJournal(): Journal {
  const data = new Map<string, string>();
  return localJournal({
    getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k),
    key: (i) => [...data.keys()][i] ?? null,
    get length() {
      return data.size;
    }
  });
}
