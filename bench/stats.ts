// Timing helpers: every figure is a median and a p95 over many runs taken after a warm-up,
// so that JIT compilation and first-use caches are not part of what we report.
import { performance } from 'node:perf_hooks';

export interface Stat {
  median: number;
  p95: number;
  runs: number;
}

/** Nearest-rank quantile of already sorted samples. */
const quantile = (sorted: number[], q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];

export function stat(samples: number[]): Stat {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), runs: samples.length };
}

/** Times fn(i) `runs` times after `warmup` untimed calls; i counts on across both. */
export function timeSync(fn: (i: number) => void, runs: number, warmup = Math.ceil(runs / 5)): Stat {
  for (let i = 0; i < warmup; i++) fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn(warmup + i);
    samples.push(performance.now() - t0);
  }
  return stat(samples);
}

/** Wall time of one call, in ms. */
export function timeOnce(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}
