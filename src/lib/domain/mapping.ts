// Maps a pasted or imported block (rows of cell texts) onto a template table. A block with row
// labels is matched by label, never by position; a block of bare figures fills down from the
// selected cell, as in Excel. Either way the result is a plan: which cell gets which raw text,
// and what could not be placed — nothing is dropped silently.
import { labelKey, rowMatcher } from './labels';
import { cellKey, leafColumns, type CellKey, type CellRef, type TableDef, type Template } from './model';
import { compile } from './relations';

export interface PasteWrite {
  ref: CellRef;
  key: CellKey;
  raw: string;
}

export interface PastePlan {
  mode: 'labels' | 'values';
  writes: PasteWrite[];
  /** Pasted rows whose label matched no row of the form (with their figures, if any). */
  unmatched: { text: string; values: string[] }[];
  /** Rows of the form that got nothing from a labelled block. */
  missing: CellKey[];
  /** Figures that fell outside the table or onto cells that take none. */
  dropped: { text: string; why: string }[];
  /** Rows matched (labelled mode). */
  matchedRows: number;
}

const UNITS = new Set(['条', '件', '次', '篇', '个', '人', '人次', '万元', '元', '项', '家', '份']);
const isUnit = (s: string) => UNITS.has(s.replace(/\s/g, '').normalize('NFKC'));
const blank = (s: string | undefined) => !s || s.replace(/[\s\u00a0]/g, '') === '';

/** Finds the column holding row labels: the one with the most known labels (at least one). */
function labelColumn(block: string[][], known: (s: string) => boolean): number {
  const width = Math.max(0, ...block.map((r) => r.length));
  let best = -1;
  let bestCount = 0;
  for (let c = 0; c < width; c++) {
    const n = block.filter((r) => !blank(r[c]) && known(r[c])).length;
    if (n > bestCount) [best, bestCount] = [c, n];
  }
  return best;
}

export function planPaste(template: Template, table: TableDef, block: string[][], anchor?: { row: string; col: string }): PastePlan {
  const matcher = rowMatcher(table.rows);
  const labelCol = labelColumn(block, matcher.known);
  return labelCol >= 0 ? planLabelled(template, table, block, labelCol, matcher) : planValues(table, block, anchor);
}

function planLabelled(template: Template, table: TableDef, block: string[][], labelCol: number, matcher: ReturnType<typeof rowMatcher>): PastePlan {
  const leaves = leafColumns(table.columns);
  const width = Math.max(...block.map((r) => r.length));
  const leafKeys = new Map(leaves.map((c, i) => [labelKey(c.label), i]));

  // A header row (统计指标 | 单位 | 统计数) names the value columns; otherwise they are the
  // columns right of the labels that are not units, in order.
  let unitCol = -1;
  for (let c = 0; c < width; c++) {
    if (c === labelCol) continue;
    const filled = block.filter((r) => !blank(r[c]));
    if (filled.length && filled.filter((r) => isUnit(r[c])).length >= filled.length * 0.6) {
      unitCol = c;
      break;
    }
  }
  const headerRow = block.findIndex((r) => r.some((t, c) => c !== labelCol && !blank(t) && leafKeys.has(labelKey(t))));
  const valueCols = new Map<number, number>(); // block column → leaf index
  if (headerRow >= 0) block[headerRow].forEach((t, c) => c !== labelCol && leafKeys.has(labelKey(t)) && valueCols.set(c, leafKeys.get(labelKey(t))!));
  else {
    let leaf = 0;
    for (let c = labelCol + 1; c < width && leaf < leaves.length; c++) if (c !== unitCol) valueCols.set(c, leaf++);
  }

  // Logical rows: Word wraps long labels onto a second line, and notes in brackets may sit on
  // their own line; join them back before matching.
  type Line = { label: string; unit: string; values: Map<number, string> };
  const lines: Line[] = [];
  const start = headerRow >= 0 ? headerRow + 1 : 0;
  for (let r = start; r < block.length; r++) {
    const row = block[r];
    const line: Line = { label: row[labelCol] ?? '', unit: unitCol >= 0 ? (row[unitCol] ?? '') : '', values: new Map() };
    for (const c of valueCols.keys()) line.values.set(c, row[c] ?? '');
    const hasValues = [...line.values.values()].some((v) => !blank(v));
    const prev = lines[lines.length - 1];
    const prevEmpty = prev && [...prev.values.values()].every(blank);
    if (blank(line.label) && !hasValues && blank(line.unit)) continue;
    if (prev && !blank(line.label) && labelKey(line.label) === '' && prevEmpty) {
      Object.assign(prev, { unit: prev.unit || line.unit, values: line.values }); // a note line carrying the figures
      continue;
    }
    if (prev && prevEmpty && !matcher.known(prev.label) && matcher.known(prev.label + line.label)) {
      Object.assign(prev, { label: prev.label + line.label, unit: prev.unit || line.unit, values: line.values });
      continue;
    }
    lines.push(line);
  }

  const plan: PastePlan = { mode: 'labels', writes: [], unmatched: [], missing: [], dropped: [], matchedRows: 0 };
  const got = new Set<string>();
  let after = -1;
  for (const line of lines) {
    const i = blank(line.label) ? -1 : matcher.match(line.label, after);
    const values = [...line.values.values()];
    if (i < 0) {
      if (!blank(line.label) || values.some((v) => !blank(v))) plan.unmatched.push({ text: line.label.replace(/\s+/g, ' ').trim(), values: values.filter((v) => !blank(v)) });
      continue;
    }
    after = i;
    const row = table.rows[i];
    plan.matchedRows++;
    if (row.kind === 'section') {
      for (const v of values) if (!blank(v)) plan.dropped.push({ text: `${row.label}：${v}`, why: '该行是标题行，不填数' });
      continue;
    }
    got.add(row.id);
    const unitDiffers = !blank(line.unit) && row.unit && line.unit.replace(/\s/g, '') !== row.unit;
    for (const [c, leaf] of valueCols) {
      let raw = (line.values.get(c) ?? '').trim();
      // A unit column that disagrees with the row travels with the figure, so the figure
      // parser refuses it (251000 | 元 in a 万元 row) rather than it being read as 万元.
      if (unitDiffers && !blank(raw) && /\d$/.test(raw)) raw += line.unit.trim();
      const ref = { table: table.id, row: row.id, col: leaves[leaf].id };
      plan.writes.push({ ref, key: cellKey(ref), raw });
    }
  }
  const names = compile(template).names;
  for (const row of table.rows)
    if (row.kind !== 'section' && !got.has(row.id))
      for (const col of leaves) {
        const key = cellKey({ table: table.id, row: row.id, col: col.id });
        if (names.has(key)) plan.missing.push(key);
      }
  return plan;
}

function planValues(table: TableDef, block: string[][], anchor?: { row: string; col: string }): PastePlan {
  const plan: PastePlan = { mode: 'values', writes: [], unmatched: [], missing: [], dropped: [], matchedRows: 0 };
  const leaves = leafColumns(table.columns);
  const r0 = anchor ? table.rows.findIndex((r) => r.id === anchor.row) : -1;
  const c0 = anchor ? leaves.findIndex((c) => c.id === anchor.col) : -1;
  if (r0 < 0 || c0 < 0) {
    for (const row of block) for (const v of row) if (!blank(v)) plan.dropped.push({ text: v, why: '未选中可填写的格子' });
    return plan;
  }
  block.forEach((cells, i) =>
    cells.forEach((raw, j) => {
      const row = table.rows[r0 + i];
      const col = leaves[c0 + j];
      if (!row || !col) {
        if (!blank(raw)) plan.dropped.push({ text: raw, why: '超出表格范围' });
        return;
      }
      if (row.kind === 'section') {
        if (!blank(raw)) plan.dropped.push({ text: `${row.label}：${raw}`, why: '该行是标题行，不填数' });
        return;
      }
      const ref = { table: table.id, row: row.id, col: col.id };
      plan.writes.push({ ref, key: cellKey(ref), raw: raw.trim() });
    })
  );
  return plan;
}
