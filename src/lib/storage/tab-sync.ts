// Tells other tabs of this app which cells were written, with what and when, so an open report
// shows edits made in another tab at once. Storage is per cell, so two tabs never overwrite each
// other's cells; this only keeps what each tab shows current (a tab that misses messages catches
// up from storage when it is shown again). No BroadcastChannel (very old browsers): no sync.
export interface CellWritten {
  key: string;
  raw: string;
  value: number | null;
  updatedAt: number;
}

/** A note set ('' when deleted) on a cell. */
export interface NoteWritten {
  key: string;
  text: string;
  updatedAt: number;
}

/** A review (已核实) kept, or taken back (`review` null), on one cause of a report. */
export interface ReviewWritten {
  id: string;
  review: { id: string; reason: string; at: number; reads: [string, string][] } | null;
}

export interface CellsChanged {
  reportId: string;
  entries: CellWritten[];
  notes?: NoteWritten[];
  reviews?: ReviewWritten[];
  /** The tab that wrote them; a tab ignores its own messages. */
  from: string;
}

const CHANNEL = 'nianbao-jiaoyan-cells';
export const TAB_ID = Math.random().toString(36).slice(2);

let channel: BroadcastChannel | null | undefined;
const open = () => (channel === undefined ? (channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null) : channel);

export function announceCells(reportId: string, entries: CellWritten[]) {
  open()?.postMessage({ reportId, entries, from: TAB_ID } satisfies CellsChanged);
}

export function announceNotes(reportId: string, notes: NoteWritten[]) {
  open()?.postMessage({ reportId, entries: [], notes, from: TAB_ID } satisfies CellsChanged);
}

export function announceReviews(reportId: string, reviews: ReviewWritten[]) {
  open()?.postMessage({ reportId, entries: [], reviews, from: TAB_ID } satisfies CellsChanged);
}

/** Calls back for cells another tab wrote; returns the unsubscribe function. */
export function onCellsChanged(callback: (msg: CellsChanged) => void): () => void {
  const ch = open();
  if (!ch) return () => {};
  const listener = (e: MessageEvent<CellsChanged>) => {
    if (e.data?.from !== TAB_ID) callback(e.data);
  };
  ch.addEventListener('message', listener);
  return () => ch.removeEventListener('message', listener);
}
