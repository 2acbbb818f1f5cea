// A long list (hundreds of units) rendered a slice per frame: the first screen shows at once and
// no single task renders a thousand table rows (the page keeps answering input meanwhile).
//
// The slice follows the frames: each frame of a growing table lays out every row drawn so far, so
// a fixed 50 rows made frames of ~80 ms on a 2-core PC once a few hundred were there. A slow
// frame (over 50 ms from the last) halves the next slice, a quick one (under two frames) doubles
// it. `hold` stops the growth (rows drawn stay): e.g. while a dialog writes what its rows ask, the
// rows not drawn yet are not worth the frames the write needs.
export function growing(total: () => number, first = 50, hold: () => boolean = () => false) {
  let shown = $state(first);
  let size = $state(0);
  let step = first;
  let last = 0;
  $effect(() => {
    size = total();
    shown = first;
    step = first;
    last = 0;
  });
  $effect(() => {
    if (hold() || shown >= size) return;
    const frame = requestAnimationFrame((now) => {
      const gap = last ? now - last : 0;
      step = gap > 50 ? Math.max(10, step >> 1) : gap && gap < 34 ? Math.min(400, step * 2) : step;
      last = now;
      shown = Math.min(size, shown + step);
    });
    return () => cancelAnimationFrame(frame);
  });
  return {
    get count() {
      return shown;
    }
  };
}
