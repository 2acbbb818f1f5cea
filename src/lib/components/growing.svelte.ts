// A long list (hundreds of units) rendered a slice per frame: the first screen shows at once and
// no single task renders a thousand table rows (the page keeps answering input meanwhile).
export function growing(total: () => number, first = 50, step = 50) {
  let shown = $state(first);
  $effect(() => {
    const n = total();
    shown = first;
    let frame = 0;
    const grow = () => {
      if (shown >= n) return;
      shown += step;
      frame = requestAnimationFrame(grow);
    };
    frame = requestAnimationFrame(grow);
    return () => cancelAnimationFrame(frame);
  });
  return {
    get count() {
      return shown;
    }
  };
}
