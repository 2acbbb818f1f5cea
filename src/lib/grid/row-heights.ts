// A row repainted on its own may grow or shrink (a long 校验 text wraps): then Handsontable's
// measured sizes are stale (the box around the table is sized by its content, grid.css, so nothing
// overlaps meanwhile; what is stale is Handsontable's own arithmetic, e.g. where to scroll), and one
// full render takes them again — once the typing has paused: on a slow PC that render is a couple
// of hundred milliseconds, and run between two keystrokes it held up the next one. Heights are read
// in the frame after the paint, where reading them costs no extra layout.
import type Handsontable from 'handsontable/base';

/** Notes the measured heights into `known`; whether any row known before has a new height. */
export function heightsMoved(known: Map<number, number>, measured: Iterable<[row: number, height: number]>): boolean {
  let moved = false;
  for (const [r, h] of measured) {
    if (known.has(r) && known.get(r) !== h) moved = true;
    known.set(r, h);
  }
  return moved;
}

export interface RowHeights {
  /** These rows were repainted: compare their heights in the next frame. */
  painted(rows: Iterable<number>): void;
  destroy(): void;
}

/** How long the repaints must have paused before the full render. */
const QUIET_MS = 1500;

export function watchRowHeights(hot: Handsontable, rowCount: number): RowHeights {
  const heightOf = (r: number) => (hot.getCell(r, 0)?.parentElement as HTMLElement | null | undefined)?.offsetHeight ?? 0;
  const known = new Map<number, number>();
  const toCheck = new Set<number>();
  let refit = 0;
  let frame = 0;
  let pause: ReturnType<typeof setTimeout> | undefined;
  /** A row's height moved since the last full render: one is owed. */
  let due = false;
  const cancelIdle = () => {
    if (refit) (window.cancelIdleCallback ?? clearTimeout)(refit);
    refit = 0;
  };
  // Each repaint starts the pause anew (an idle render already asked for waits again).
  const refitAfterPause = () => {
    clearTimeout(pause);
    cancelIdle();
    pause = setTimeout(() => {
      const idle = window.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 200));
      refit = idle(() => {
        refit = 0;
        due = false;
        hot.render();
      }, { timeout: 1000 }) as number;
    }, QUIET_MS);
  };
  // A full render has just measured every row (layout is clean): note the heights it left — now
  // for the render the constructor did, then after each full render. (The grid's own paints are
  // never full renders: they repaint rows through the renderers, outside Handsontable's cycle.)
  const noteAll = () => {
    for (let r = 0; r < rowCount; r++) known.set(r, heightOf(r));
  };
  noteAll();
  hot.addHook('afterRender', (full) => {
    if (full) noteAll();
  });
  return {
    painted(rows) {
      for (const r of rows) toCheck.add(r);
      if (due) refitAfterPause();
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const moved = heightsMoved(known, [...toCheck].map((r) => [r, heightOf(r)] as [number, number]));
        toCheck.clear();
        if (moved) {
          due = true;
          refitAfterPause();
        }
      });
    },
    destroy() {
      clearTimeout(pause);
      cancelIdle();
      if (frame) cancelAnimationFrame(frame);
    }
  };
}
