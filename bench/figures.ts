// One benchmark figure, as printed, written to results.json and checked in --quick mode.
import os from 'node:os';

export interface Figure {
  /** Stable key in results.json. */
  id: string;
  group: string;
  name: string;
  unit: 'ms' | 's' | 'µs' | 'values/s' | 'KB' | 'MB' | '×' | 'lost';
  median: number;
  /** For distributions; absent for a single total (a size, a sum of a batch). */
  p95?: number;
  runs: number;
  /** The goal this figure answers to, and whether this run meets it. */
  target?: { text: string; met: boolean };
}

const cpus = os.cpus();
export const machine = {
  cores: cpus.length,
  cpu: cpus[0]?.model.trim() ?? 'unknown',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`
};
export const machineShort = `${machine.cores}× ${machine.cpu}`;

/** A figure is present when its numbers are finite (NaN or a missing p95 means the bench broke). */
export const isComplete = (f: Figure) => Number.isFinite(f.median) && (f.p95 === undefined || Number.isFinite(f.p95)) && f.runs > 0;
