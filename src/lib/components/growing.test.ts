// The slice sizing of growing lists (growing.svelte.ts): what fits in ~20 ms at the cost just
// measured, never more than twice the last slice nor less than half of it, within 10–400 rows.
import { describe, expect, it } from 'vitest';
import { nextStep } from './growing.svelte';

describe('nextStep', () => {
  it('takes what fits in 20 ms at the cost measured', () => {
    expect(nextStep(40, 40, 32)).toBe(25); // 0.8 ms a row
    expect(nextStep(40, 40, 20)).toBe(40);
  });

  it('grows at most twice the last slice, and never past 400 rows', () => {
    expect(nextStep(8, 8, 1)).toBe(16); // cheap rows: 160 would fit
    expect(nextStep(300, 300, 3)).toBe(400);
  });

  it('one slow frame (a scavenge, a storage reply) halves the slice at most', () => {
    expect(nextStep(100, 100, 400)).toBe(50); // 4 ms a row would give 5
  });

  it('never drops under 10 rows', () => {
    expect(nextStep(10, 10, 500)).toBe(10);
    expect(nextStep(8, 8, 100)).toBe(10);
  });
});
