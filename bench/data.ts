// The inputs every benchmark shares: the seed report's figures, a synthetic template of N rows
// × M columns with nested sums (data in the app's own model), and a generator of figures for
// any template, so that a template added later is benchmarked without new code.
import { makeEntry } from '$lib/domain/entry';
import { cellKey, inputCells, parentIndex, type CellEntry, type CellKey, type RowDef, type Template } from '$lib/domain/model';
import { seed2017 } from '../tests/fixtures/seed-2017.js';

export type Values = Map<CellKey, CellEntry>;

/** The seed report (商河县 2017) as the app holds it after typing. */
export function seedValues(template: Template): Values {
  const values: Values = new Map();
  for (const [row, raw] of seed2017) {
    const ref = { table: 't1', row, col: 'v' };
    if (raw !== '') values.set(cellKey(ref), makeEntry(template, ref, raw)!.entry);
  }
  return values;
}

/**
 * `rows` value rows in outline order: depth-first, `fanout` numbered children per row, down to
 * `depth` levels (10 × 4 gives 1,111-row subtrees), so every non-leaf row is a checked sum.
 */
export function syntheticTemplate(rows: number, cols: number, fanout = 10, depth = 4): Template {
  const out: RowDef[] = [];
  const emit = (level: number) => {
    const n = out.length + 1;
    out.push({ id: `r${n}`, level, label: `${n}.合成指标${n}`, unit: '件', kind: 'value' });
    for (let i = 0; i < fanout && level + 1 < depth && out.length < rows; i++) emit(level + 1);
  };
  while (out.length < rows) emit(0);
  return {
    id: `synthetic-${rows}x${cols}`, version: 1, name: `合成表 ${rows}×${cols}`, title: '{year}年度合成表', source: 'bench',
    tables: [{
      id: 't1', title: '合成表', labelHeader: '统计指标', unitHeader: '单位', relations: [], rows: out,
      columns: Array.from({ length: cols }, (_, j) => ({ id: `c${j + 1}`, label: `列${j + 1}` }))
    }]
  };
}

/** A small deterministic PRNG, so every run checks the same figures. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * Figures for any template: leaves are random, a value row with numbered children holds their
 * sum (an exhaustive row, the sum of its 其中 rows), rows that are not plain values (header rows
 * the official form leaves blank) stay empty. Declared relations may or may not hold: a real
 * report has findings too. Only cells the template lets a user fill (inputCells) get a figure.
 */
export function generateValues(template: Template, seed = 1): Values {
  const rnd = lcg(seed);
  const values: Values = new Map();
  const inputs = new Set(inputCells(template).map(cellKey));
  for (const table of template.tables) {
    const parents = parentIndex(table.rows);
    const cols = [...new Set(inputCells(template).filter((c) => c.table === table.id).map((c) => c.col))];
    for (const col of cols) {
      const sums = new Map<number, number>();
      const partSums = new Map<number, number>();
      // Children come after their parent in outline order: walk backwards so sums are known.
      for (let i = table.rows.length - 1; i >= 0; i--) {
        const row = table.rows[i];
        const ref = { table: table.id, row: row.id, col };
        if (row.kind !== 'value' || !inputs.has(cellKey(ref))) continue;
        const value = sums.get(i) ?? (row.exhaustive ? partSums.get(i) : undefined) ?? Math.floor(rnd() * (row.role === 'part' ? 10 : 100));
        const p = parents[i];
        if (p !== null) {
          const into = (row.role ?? 'child') === 'child' ? sums : row.role === 'part' ? partSums : null;
          into?.set(p, (into.get(p) ?? 0) + value);
        }
        values.set(cellKey(ref), makeEntry(template, ref, String(value))!.entry);
      }
    }
  }
  return values;
}
