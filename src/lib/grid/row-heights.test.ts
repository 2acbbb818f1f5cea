import { describe, expect, it } from 'vitest';
import { heightsMoved } from './row-heights';

describe('heightsMoved', () => {
  it('is true only when a row already known has a new height; every height is noted', () => {
    const known = new Map([[0, 30], [1, 30]]);
    expect(heightsMoved(known, [[0, 30], [2, 50]])).toBe(false); // row 2 was never measured
    expect(known.get(2)).toBe(50);
    expect(heightsMoved(known, [[1, 52]])).toBe(true); // a 校验 text wrapped onto a second line
    expect(known.get(1)).toBe(52);
    expect(heightsMoved(known, [[1, 52]])).toBe(false);
  });
});
