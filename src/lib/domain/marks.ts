// What the grid paints, derived from a check result: the strongest state of each cell and the
// text of each row's 校验 cell. Pure, so the grid adapter stays a thin renderer.
import type { CheckResult, Finding } from './checks';
import { parseCellKey, type CellKey } from './model';

export type CellMark = 'error' | 'warning' | 'related';

export interface RowStatus {
  severity: 'error' | 'warning' | 'ok';
  text: string;
}

export interface Marks {
  cells: Map<CellKey, CellMark>;
  /** Cells taking part in two or more failing relations (a row and a column identity): the likely culprit. */
  crossings: Set<CellKey>;
  /** By `table/row`. */
  rows: Map<string, RowStatus>;
}

const RANK: Record<CellMark, number> = { related: 1, warning: 2, error: 3 };

export const rowKeyOf = (key: CellKey) => {
  const { table, row } = parseCellKey(key);
  return `${table}/${row}`;
};

/** What a row's 校验 cell says of a finding: its column first where the table has several. */
export const rowText = (f: Finding) => (f.column ? `${f.column}：${f.short}` : f.short);

export function computeMarks(result: CheckResult): Marks {
  const cells = new Map<CellKey, CellMark>();
  const hits = new Map<CellKey, number>();
  const rowFindings = new Map<string, Finding[]>();
  const mark = (k: CellKey, m: CellMark) => {
    const old = cells.get(k);
    if (!old || RANK[m] > RANK[old]) cells.set(k, m);
  };
  for (const f of result.findings) {
    mark(f.subjectKey, f.severity);
    for (const k of f.others) mark(k, 'related');
    // A culprit cell breaks a row identity and a column identity at once (表三: I2 and I3).
    const axis = f.axis === 'row' ? 2 : 1;
    if (f.severity === 'error') for (const k of [f.subjectKey, ...f.others]) hits.set(k, (hits.get(k) ?? 0) | axis);
    const rk = rowKeyOf(f.subjectKey);
    (rowFindings.get(rk) ?? rowFindings.set(rk, []).get(rk)!).push(f);
  }
  const rows = new Map<string, RowStatus>();
  for (const k of result.passed) rows.set(rowKeyOf(k), { severity: 'ok', text: '✓' });
  for (const [rk, fs] of rowFindings) {
    const errors = fs.filter((f) => f.severity === 'error');
    const shown = errors.length ? errors : fs;
    rows.set(rk, { severity: errors.length ? 'error' : 'warning', text: shown.map(rowText).join('；') });
  }
  const crossings = new Set([...hits].filter(([, axes]) => axes === 3).map(([k]) => k));
  return { cells, crossings, rows };
}

/**
 * The marks of the identity verdicts alone, without the one-per-table warning about blank cells:
 * what a row's 校验 formula in the downloaded workbook states (the blanks warning is listed in
 * its 校验结果 sheet).
 */
export function verdictMarks(result: CheckResult): Marks {
  return computeMarks({ ...result, findings: result.findings.filter((f) => f.kind !== 'incomplete') });
}
