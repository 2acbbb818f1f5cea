// Keys typed between an action that opens a report (创建 in 新建报表, a report opened from the list)
// and the report's first frame taking the keyboard: held here and replayed into the report. On a
// slow PC that gap is seconds, and a clerk types on: those keys went to the closing dialog, the
// page body or a link, and every later figure landed that many cells early.
export interface HeldKey {
  key: string;
  shiftKey: boolean;
}

/** Keys that enter or move: held. Shortcuts (Ctrl, Alt, Meta) and function keys pass. */
const HELD = (e: KeyboardEvent) =>
  !e.ctrlKey && !e.metaKey && !e.altKey && !e.isComposing && e.keyCode !== 229 && (e.key.length === 1 || e.key === 'Tab' || e.key === 'Enter' || e.key === 'Backspace' || e.key === 'Delete' || e.key === 'Escape' || e.key.startsWith('Arrow'));

let held: HeldKey[] | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

function onKey(e: KeyboardEvent) {
  if (!held || !HELD(e)) return;
  e.preventDefault();
  e.stopImmediatePropagation();
  held.push({ key: e.key, shiftKey: e.shiftKey });
}

/** Starts holding the keyboard's keys (for at most `ms`: a report that does not open lets go). */
export function holdKeys(ms = 20_000) {
  held = [];
  window.addEventListener('keydown', onKey, true);
  clearTimeout(timer);
  timer = setTimeout(stopHolding, ms);
}

/** Stops holding; what was held is dropped (the action failed: the keys stay where they were typed). */
export function stopHolding() {
  held = null;
  window.removeEventListener('keydown', onKey, true);
  clearTimeout(timer);
}

/** The keys held so far, in order, for the report that takes the keyboard; holding stops. */
export function takeHeldKeys(): HeldKey[] {
  const keys = held ?? [];
  stopHolding();
  return keys;
}
