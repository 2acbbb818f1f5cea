// A long list (hundreds of units) rendered a slice per frame: the first screen shows at once and
// no single task renders a thousand rows (the page keeps answering input meanwhile).
//
// The slice follows what a row costs here: each slice is timed from its frame's callback to the end
// of that frame (the rows' script, then the style, layout and paint — and whatever else the page
// queued before), and the next slice is as many rows as fit in ~20 ms at that cost (a scavenge of
// 20–30 ms can land in any slice: the two together stay under 50 ms), at most twice the last and at
// least half of it: one frame slowed by something else (a scavenge, a storage reply) does not drop
// the slices to a handful of rows for the rest of the list.
// `hold` stops the growth (rows drawn stay): e.g. while a dialog writes what its rows ask, the rows
// not drawn yet are not worth the frames the write needs.
const BUDGET_MS = 20;
const MIN_STEP = 10;
const MAX_STEP = 400;

/** The next slice's rows, after `added` rows took `elapsed` ms with a slice of `step` (see above). */
export function nextStep(step: number, added: number, elapsed: number): number {
  const perRow = elapsed / added;
  return Math.max(MIN_STEP, step >> 1, Math.min(MAX_STEP, step * 2, Math.floor(BUDGET_MS / perRow)));
}

export function growing(total: () => number, first = 50, hold: () => boolean = () => false) {
  let shown = $state(first);
  let size = $state(0);
  let step = first;
  /** Bumped when the list changes: a slice timed before that does not set the new list's step. */
  let generation = 0;
  $effect(() => {
    size = total();
    shown = first;
    step = first;
    generation++;
  });
  $effect(() => {
    if (hold() || shown >= size) return;
    const frame = requestAnimationFrame(() => {
      const start = performance.now();
      const timed = generation;
      const added = Math.min(size, shown + step) - shown;
      if (added <= 0) return;
      shown += added;
      // A message posted now is handled after this frame is drawn: the time to then is the slice's cost.
      const after = new MessageChannel();
      after.port1.onmessage = () => {
        after.port1.close();
        if (timed === generation) step = nextStep(step, added, performance.now() - start);
      };
      after.port2.postMessage(null);
    });
    return () => cancelAnimationFrame(frame);
  });
  return {
    get count() {
      return shown;
    }
  };
}
