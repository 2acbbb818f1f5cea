// Tells other tabs of this app which cells were written, with what and when, so an open report
// shows edits made in another tab at once. Storage is per cell, so two tabs never overwrite each
// other's cells; this only keeps what each tab shows current (a tab that misses messages catches
// up from storage when it is shown again). No BroadcastChannel (very old browsers): no sync.
import type { WrittenCell } from '$lib/domain/model';

/** A note set ('' when deleted) on a cell. */
export interface NoteWritten {
  key: string;
  text: string;
  at: number;
}

/** A review (已核实) kept, or taken back (`review` null), on one cause of a report. */
export interface ReviewWritten {
  id: string;
  review: { id: string; reason: string; at: number; reads: [string, string][] } | null;
}

/** The report's whole text kept (`text` '' when forgotten), at its time. */
export interface TextWritten {
  text: string;
  source: string;
  at: number;
}

export interface CellsChanged {
  reportId: string;
  entries: WrittenCell[];
  notes?: NoteWritten[];
  reviews?: ReviewWritten[];
  text?: TextWritten;
  /** The tab that wrote them; a tab ignores its own messages. */
  from: string;
}

const CHANNEL = 'nianbao-jiaoyan-cells';
export const TAB_ID = Math.random().toString(36).slice(2);

let channel: BroadcastChannel | null | undefined;
const open = () => (channel === undefined ? (channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null) : channel);

/** What the other tabs of this app are told about one report, and what they tell us. */
export interface TabChannel {
  /** Tells the other tabs what was written (after it committed). */
  announce(msg: Omit<CellsChanged, 'from'>): void;
  /** Calls back for what another tab wrote; returns the unsubscribe function. */
  listen(callback: (msg: CellsChanged) => void): () => void;
  /**
   * Calls back when this tab is shown again (it may have missed messages while hidden);
   * returns the unsubscribe function.
   */
  onShown(callback: () => void): () => void;
}

/** The browser's channel between tabs (BroadcastChannel; none in very old browsers: no sync). */
export const browserTabs: TabChannel = {
  announce(msg) {
    if (msg.entries.length || msg.notes?.length || msg.reviews?.length || msg.text) open()?.postMessage({ ...msg, from: TAB_ID } satisfies CellsChanged);
  },
  listen(callback) {
    const ch = open();
    if (!ch) return () => {};
    const listener = (e: MessageEvent<CellsChanged>) => {
      if (e.data?.from !== TAB_ID) callback(e.data);
    };
    ch.addEventListener('message', listener);
    return () => ch.removeEventListener('message', listener);
  },
  onShown(callback) {
    if (typeof document === 'undefined') return () => {};
    const shown = () => document.visibilityState === 'visible' && callback();
    document.addEventListener('visibilitychange', shown);
    window.addEventListener('pageshow', shown);
    return () => {
      document.removeEventListener('visibilitychange', shown);
      window.removeEventListener('pageshow', shown);
    };
  }
};

/** Cells written outside a report session (an import replacing a report, a restore, a 汇总's files). */
export function announceCells(reportId: string, entries: WrittenCell[]) {
  browserTabs.announce({ reportId, entries });
}
