// Maps a pasted or imported block (rows of cell texts) onto a template table. A block with row
// labels is matched by label, never by position; a block of bare figures fills down from the
// selected cell, as in Excel. Either way the result is a plan: which cell gets which raw text,
// and what could not be placed — nothing is dropped silently.
import { labelKey, rowMatcher } from './labels';
import { cellKey, hasCell, inputColumns, type CellKey, type CellRef, type TableDef, type Template } from './model';
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
function labelColumn(block: string[][], known: (s: string) => boolean, before = Infinity): number {
  const width = Math.min(before, Math.max(0, ...block.map((r) => r.length)));
  let best = -1;
  let bestCount = 0;
  for (let c = 0; c < width; c++) {
    const n = block.filter((r) => !blank(r[c]) && known(r[c])).length;
    if (n > bestCount) [best, bestCount] = [c, n];
  }
  return best;
}

interface Header {
  /** Index of the last header row; data starts below it. */
  last: number;
  /** Block column → leaf column id. */
  valueCols: Map<number, string>;
}

/**
 * The header rows above the figures (统计指标 | 单位 | 统计数, or 申请人情况 › 法人或其他组织 ›
 * 商业企业… over several rows) name the figure columns. A sheet may hold several tables, so
 * every run of rows naming leaf columns is a candidate and the one naming most of them wins.
 * A leaf label printed more than once (表四: 结果维持 under each block) is taken in reading order.
 */
function findHeader(table: TableDef, block: string[][]): Header | null {
  const leaves = inputColumns(table.columns);
  const byKey = new Map<string, string[]>();
  for (const c of leaves) (byKey.get(labelKey(c.label)) ?? byKey.set(labelKey(c.label), []).get(labelKey(c.label))!).push(c.id);
  const names = (r: number) => block[r].some((t) => !blank(t) && byKey.has(labelKey(t)));
  const assign = (from: number, to: number): Header => {
    const used = new Set<string>();
    const valueCols = new Map<number, string>();
    for (let r = from; r <= to; r++)
      block[r].forEach((t, c) => {
        const id = blank(t) ? undefined : byKey.get(labelKey(t))?.find((x) => !used.has(x));
        if (!id || valueCols.has(c)) return;
        valueCols.set(c, id);
        used.add(id);
      });
    return { last: to, valueCols };
  };
  let best: Header | null = null;
  for (let r = 0; r < block.length; r++) {
    if (!names(r)) continue;
    let end = r;
    while (end + 1 < block.length && names(end + 1)) end++;
    const candidate = assign(r, end);
    if (!best || candidate.valueCols.size > best.valueCols.size) best = candidate;
    r = end;
  }
  return best;
}

export function planPaste(template: Template, table: TableDef, block: string[][], anchor?: { row: string; col: string }): PastePlan {
  const matcher = rowMatcher(table.rows);
  const header = findHeader(table, block);
  const firstValue = header ? Math.min(...header.valueCols.keys()) : Infinity;
  const labelCol = labelColumn(block, matcher.known, firstValue);
  const cellRows = table.rows.filter(hasCell);
  // 表四 is one row of figures with no row label at all: its header is enough.
  if (labelCol < 0 && header && cellRows.length === 1) return planLabelled(template, table, block, -1, matcher, header, cellRows[0].label);
  return labelCol >= 0 ? planLabelled(template, table, block, labelCol, matcher, header) : planValues(table, block, anchor);
}

function planLabelled(template: Template, table: TableDef, block: string[][], labelCol: number, matcher: ReturnType<typeof rowMatcher>, header: Header | null, onlyRow?: string): PastePlan {
  const leaves = inputColumns(table.columns);
  const width = Math.max(...block.map((r) => r.length));

  let unitCol = -1;
  for (let c = 0; c < width; c++) {
    if (c === labelCol || header?.valueCols.has(c)) continue;
    const filled = block.filter((r) => !blank(r[c]));
    if (filled.length && filled.filter((r) => isUnit(r[c])).length >= filled.length * 0.6) {
      unitCol = c;
      break;
    }
  }
  // Without a header, the figure columns are those right of the labels that are not units, in order.
  const valueCols = new Map<number, number>(); // block column → leaf index
  if (header) for (const [c, id] of header.valueCols) valueCols.set(c, leaves.findIndex((l) => l.id === id));
  else {
    let leaf = 0;
    for (let c = labelCol + 1; c < width && leaf < leaves.length; c++) if (c !== unitCol) valueCols.set(c, leaf++);
  }
  const firstValue = Math.min(...valueCols.keys());
  // A web page puts a group label (rowspan) and the row label side by side: the row's own label
  // is the last known one left of the figures.
  const labelOf = (row: string[]) => {
    if (onlyRow !== undefined) return onlyRow;
    if (!header) return row[labelCol] ?? '';
    const cells = row.slice(0, firstValue).filter((t, c) => c !== unitCol && !blank(t));
    return cells.filter((t) => matcher.known(t)).at(-1) ?? cells.at(-1) ?? '';
  };

  // Logical rows: Word wraps long labels onto a second line, and notes in brackets may sit on
  // their own line; join them back before matching.
  type Line = { label: string; unit: string; values: Map<number, string> };
  const lines: Line[] = [];
  const start = header ? header.last + 1 : 0;
  for (let r = start; r < block.length; r++) {
    const row = block[r];
    const line: Line = { label: labelOf(row), unit: unitCol >= 0 ? (row[unitCol] ?? '') : '', values: new Map() };
    if (onlyRow !== undefined && lines.length) break; // 表四: the first row of figures
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
    if (!hasCell(row)) {
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
    if (hasCell(row) && !got.has(row.id))
      for (const col of leaves) {
        const key = cellKey({ table: table.id, row: row.id, col: col.id });
        if (names.has(key)) plan.missing.push(key);
      }
  return plan;
}

function planValues(table: TableDef, block: string[][], anchor?: { row: string; col: string }): PastePlan {
  const plan: PastePlan = { mode: 'values', writes: [], unmatched: [], missing: [], dropped: [], matchedRows: 0 };
  const leaves = inputColumns(table.columns);
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
      if (!hasCell(row)) {
        if (!blank(raw)) plan.dropped.push({ text: `${row.label}：${raw}`, why: '该行是标题行，不填数' });
        return;
      }
      const ref = { table: table.id, row: row.id, col: col.id };
      plan.writes.push({ ref, key: cellKey(ref), raw: raw.trim() });
    })
  );
  return plan;
}
