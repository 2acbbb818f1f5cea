// Keys typed between an action that opens a report (创建 in 新建报表, a report opened from the list)
// and the report's first frame taking the keyboard: held here and replayed into the report. On a
// slow PC that gap is seconds, and a clerk types on: those keys went to the closing dialog, the
// page body or a link, and every later figure landed that many cells early.
//
// Text that comes without a key of its own — an input method's commit (全角 ６６, 件), text inserted
// by assistive tools — needs an editable element to land in: while holding, a hidden catcher
// takes the focus whenever nothing editable has it, and what lands there is held as keys too.
export interface HeldKey {
  key: string;
  shiftKey: boolean;
}

/** Keys that enter or move: held. Shortcuts (Ctrl, Alt, Meta) and function keys pass. */
const HELD = (e: KeyboardEvent) =>
  !e.ctrlKey && !e.metaKey && !e.altKey && !e.isComposing && e.keyCode !== 229 && (e.key.length === 1 || e.key === 'Tab' || e.key === 'Enter' || e.key === 'Backspace' || e.key === 'Delete' || e.key === 'Escape' || e.key.startsWith('Arrow'));

let held: HeldKey[] | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
let catcher: HTMLTextAreaElement | null = null;
let watching = 0;
/** The dialog whose action started the holding, if any (see `adrift`). */
let origin: HTMLDialogElement | null = null;

function onKey(e: KeyboardEvent) {
  if (!held || !HELD(e)) return;
  e.preventDefault();
  e.stopImmediatePropagation();
  held.push({ key: e.key, shiftKey: e.shiftKey });
}

/** Text committed into the catcher (an input method's, or inserted): held character by character. */
function onText(e: Event) {
  if (!held || !catcher || (e as InputEvent).isComposing) return;
  for (const ch of catcher.value) held.push({ key: ch, shiftKey: false });
  catcher.value = '';
}

/**
 * Nothing that takes text has the focus (the page body, a button, a link), and no dialog is in the
 * way — but the dialog whose action started the holding (新建报表 with 创建 pressed) stays open
 * while the report is written, and text typed then must not land on its button: there the catcher
 * waits inside it (outside a modal dialog nothing can take the focus).
 */
function adrift(): boolean {
  const at = document.activeElement;
  if (at === catcher) return false;
  const dialog = document.querySelector('dialog[open]');
  if (dialog && dialog !== origin) return false;
  return !at || at === document.body || !(at instanceof HTMLInputElement || at instanceof HTMLTextAreaElement || at instanceof HTMLSelectElement || (at as HTMLElement).isContentEditable);
}

/** Once a frame while holding: the catcher takes the focus when it is adrift (a dialog closed, a page left). */
function watch() {
  catchFocus();
  if (held) watching = requestAnimationFrame(watch);
}

function catchFocus() {
  if (!held || !catcher || !adrift()) return;
  const home = origin?.open ? origin : document.body;
  if (catcher.parentElement !== home) home.append(catcher);
  catcher.focus({ preventScroll: true });
}

/** Starts holding the keyboard's keys (for at most `ms`: a report that does not open lets go). */
export function holdKeys(ms = 20_000) {
  stopHolding();
  held = [];
  origin = document.activeElement?.closest('dialog[open]') ?? null;
  window.addEventListener('keydown', onKey, true);
  catcher = document.createElement('textarea');
  catcher.setAttribute('aria-hidden', 'true');
  catcher.tabIndex = -1;
  catcher.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;opacity:0;pointer-events:none;border:0;padding:0;';
  catcher.addEventListener('input', onText);
  catcher.addEventListener('compositionend', onText);
  // The dialog closing hides the catcher and the browser takes the focus away: catch it again at
  // once, not a frame later (text typed in between would land on the page body and be lost).
  catcher.addEventListener('blur', () => queueMicrotask(catchFocus));
  document.body.append(catcher);
  watch();
  timer = setTimeout(stopHolding, ms);
}

/** Stops holding; what was held is dropped (the action failed: the keys stay where they were typed). */
export function stopHolding() {
  held = null;
  window.removeEventListener('keydown', onKey, true);
  clearTimeout(timer);
  cancelAnimationFrame(watching);
  // Removing the focused catcher leaves the focus on the page body, where the report takes it.
  catcher?.remove();
  catcher = null;
  origin = null;
}

/** The keys held so far, in order, for the report that takes the keyboard; holding stops. */
export function takeHeldKeys(): HeldKey[] {
  const keys = held ?? [];
  stopHolding();
  return keys;
}
