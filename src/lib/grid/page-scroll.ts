// Keeps the selected cell in view by scrolling the page, instead of Handsontable's own scroll.
// Handsontable scrolls its viewport to every newly selected cell: it measures the table to find
// its last visible column (a forced layout, right after the keystroke's paint) and then calls
// scrollIntoView — ~25 ms of a 60 ms Enter at CPU ×4. Our grids never scroll inside themselves
// (every row rendered, the box sized by its content, the widths fitted to the room): only the
// page scrolls. So one look in the next frame, when the layout is done anyway, does the same.
import type Handsontable from 'handsontable/base';

export interface PageScroll {
  /** Handsontable settings: take over the scroll of a selection or a focus move. */
  hooks: Pick<Handsontable.GridSettings, 'afterSelection' | 'afterSelectionFocusSet'>;
  /** Runs `select` (a selectCell asked not to scroll) without scrolling the page either. */
  quietly(select: () => void): void;
  /** Brings the selected cell into view in the next frame (an editor opened on it). */
  reveal(): void;
}

export function pageScroll(hot: () => Handsontable): PageScroll {
  let quiet = false;
  let frame = 0;
  const soon = () => {
    if (quiet || frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      const h = hot().getSelectedRangeLast()?.highlight;
      if (!h || (h.row ?? -1) < 0 || (h.col ?? -1) < 0) return;
      const td = hot().getCell(h.row!, h.col!);
      if (!td) return;
      const r = td.getBoundingClientRect();
      // A pixel of slack: a cell scrolled to the window's foot can end a fraction below it.
      const out = r.top < -1 || r.left < -1 || r.bottom > innerHeight + 1 || r.right > innerWidth + 1;
      if (out) td.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    });
  };
  return {
    hooks: {
      afterSelection(_r, _c, _r2, _c2, preventScrolling) {
        preventScrolling.value = true;
        soon();
      },
      afterSelectionFocusSet(_r, _c, preventScrolling) {
        preventScrolling.value = true;
        soon();
      }
    },
    reveal: soon,
    quietly(select) {
      quiet = true;
      try {
        select();
      } finally {
        quiet = false;
      }
    }
  };
}
