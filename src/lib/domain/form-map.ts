// The whole-form mapper: one way in for paste and import. A source (a clipboard, a workbook, a
// Word file, a web page, PDF text) is a list of blocks; a block may hold several tables of the
// form with captions, notes and blank rows between them, in any order. Labels decide where a
// row goes — never the selected cell — and header words decide which column a figure is in.
// A figure goes by position only where no header names its column at all (PDF text), and then
// only when the row has exactly as many figures as the table has columns.
import { sameKindOfCount } from './figures';
import { isUnitText, labelKey } from './labels';
import { cellKey, hasCell, inputColumns, type CellKey, type Template } from './model';
import { compile } from './relations';
import { bestCandidate, candidatesFor, type Candidate } from './form-map/candidates';
import { blank, shape } from './form-map/cells';
import { extendHeader, unitColumn, type HeaderContext } from './form-map/columns';
import { formIndex, type FormIndex } from './form-map/form-index';
import { keepOddFigure, noOddFigures, suggestOddColumns, type OddFigures } from './form-map/odd-columns';
import { continuesLabel, isHeaderRow, joinFigureLines, ownLabel, type BlockLayout, type Line } from './form-map/rows';
import { newStretch, settleStretch, type Stretch } from './form-map/stretch';
import { subtotalDrops, type Subtotal } from './form-map/subtotals';
import { startsRow } from './outline';

export { blank };

/** A table as it arrives: one sheet, one clipboard or web-page table, or lines of PDF text. */
export interface SourceBlock {
  /** Sheet or table name, for messages. */
  name: string;
  rows: string[][];
  /** For positions a merged cell covers: that cell's text (a header word spans its columns). */
  spanned?: string[][];
  /** 'text': PDF text cut into label + figures; header words do not line up with the figures. */
  kind?: 'grid' | 'text';
}

export interface OddColumn {
  /** The header as printed (its words top to bottom, joined by ›). */
  header: string;
  table: string;
  /** The column of the table it most resembles, not named by another header: offered as that column. */
  suggest: string | null;
  figures: { row: string; label: string; raw: string }[];
}

export interface MapWrite {
  key: CellKey;
  table: string;
  raw: string;
  /** What the paste report says of the figure beside what the parser says (another counting word). */
  note?: string;
}

export interface FormPlan {
  template: Template;
  /** labels: rows found by label; values: bare figures (no label or header anywhere). */
  mode: 'labels' | 'values';
  writes: MapWrite[];
  /** Tables that got at least one row, in form order. */
  tables: string[];
  /** Names of the blocks (sheets, tables) rows were found in. */
  blocks: string[];
  matchedRows: number;
  /** Distinct columns named by header words. */
  matchedColumns: number;
  /** Labelled rows carrying figures that are no row of this form. */
  unmatched: { text: string; values: string[] }[];
  /** Header words above figures that name no column of this form: those figures are not taken. */
  droppedColumns: string[];
  /**
   * Each such column with its figures, row by row, and the column of the form it most resembles
   * (offered to the person, never taken by itself): one odd header never sinks the rest.
   */
  oddColumns: OddColumn[];
  /** Figures that found no cell, with the reason. */
  dropped: { text: string; why: string }[];
  /** Cells of the tables touched that the block left without a figure. */
  missing: CellKey[];
  /** Evidence that the block is this form: rows and columns recognised, less what does not fit. */
  score: number;
  /** False when the block is not (mostly) this form: then nothing should be written. */
  fits: boolean;
}

/** Where the blocks' figures go in the form, and what of them does not fit it. */
export function mapToForm(template: Template, blocks: SourceBlock[]): FormPlan {
  const idx = formIndex(template);
  const tally: Tally = {
    written: new Map(), matchedRows: 0, tables: [], blocks: [], unmatched: [], dropped: [], subtotals: [],
    namedColumns: new Set(), odd: noOddFigures(), after: new Map(), lastTable: null, sawAnything: false
  };
  const shares = blocks.map((block) => readBlock(idx, block, tally));
  setAsideListings(tally, shares);
  return planOf(idx, tally);
}

/** What reading the blocks gathers, block after block, for the plan. */
interface Tally {
  written: Map<CellKey, MapWrite>;
  matchedRows: number;
  /** Tables and blocks rows were found in, in reading order. */
  tables: string[];
  blocks: string[];
  unmatched: FormPlan['unmatched'];
  dropped: FormPlan['dropped'];
  /** A group row's figures (the form sums its children there): compared with the children once all is read. */
  subtotals: Subtotal[];
  /** `table/column` of each column a header word named. */
  namedColumns: Set<string>;
  odd: OddFigures;
  /** The last row matched in each table: a label the form prints in several places is the next one. */
  after: Map<string, number>;
  lastTable: string | null;
  /** A header or a labelled row was seen: otherwise the blocks are bare figures. */
  sawAnything: boolean;
}

/** What reading carries from one row of a block to the next. */
interface Reading {
  ctx: HeaderContext | null;
  /** The row before was a header row: a header row now extends the context. */
  inHeader: boolean;
  /** A label line without figures that names no row: maybe the start of the next line's label. */
  carry: string;
  /** A row found without figures: a note line below it may hold them. */
  waiting: { table: string; after: number; label: string } | null;
  /** Something of the form was seen in the block: only then are its strays reported. */
  recognised: boolean;
  strays: Pick<FormPlan, 'unmatched' | 'dropped'>;
  /** PDF text: what the lines since the last row that found its figures left over (form-map/stretch.ts). */
  stretch: Stretch;
  /** PDF text: a line of figures alone between lines that are no part of the form (a page header's year). */
  foreign: (at: number) => boolean;
}

/** What one block added to the tally. */
interface BlockShare {
  name: string;
  rows: number;
  placed: number;
  strays: number;
  dropped: number;
  odd: Set<string>;
  droppedCols: Set<string>;
}

/** Reads a block's rows into the tally; returns what the block added, so a block that is no part of the table can be set aside. */
function readBlock(idx: FormIndex, block: SourceBlock, tally: Tally): BlockShare {
  const before = {
    rows: tally.matchedRows, placed: tally.written.size, strays: tally.unmatched.length, dropped: tally.dropped.length,
    odd: new Set(tally.odd.columns.keys()), droppedCols: new Set(tally.odd.headers)
  };
  const text = block.kind === 'text';
  const knownRow = (label: string) => idx.template.tables.some((t) => idx.matchers.get(t.id)!.known(label, text));
  const rows = text ? joinFigureLines(block.rows, knownRow, (label) => !/^\s*[（(]?[一二三四五六七八九十\d]+[）).、．]/.test(label) && idx.headerWords.has(labelKey(label))) : block.rows;
  let width = 0;
  for (const r of rows) width = Math.max(width, r.length); // no spread: a paste may hold 100,000 rows
  const layout: BlockLayout = { name: block.name, text, width, unitCol: unitColumn(rows, width, idx.units), knownRow };
  const reading: Reading = {
    ctx: null, inHeader: false, carry: '', waiting: null, recognised: false, strays: { unmatched: [], dropped: [] },
    stretch: newStretch(), foreign: text ? foreignFigures(idx, rows, knownRow) : () => true
  };
  rows.forEach((cells, r) => readRow(idx, layout, reading, tally, cells, block.spanned?.[r], r));
  if (text) settle(reading, tally);
  // Rows that fit nowhere are reported only from a block where something of the form was
  // recognised: a sheet of notes or a 校验结果 sheet beside the table is another table.
  if (reading.recognised) {
    tally.unmatched.push(...reading.strays.unmatched);
    tally.dropped.push(...reading.strays.dropped);
  }
  return {
    name: block.name, rows: tally.matchedRows - before.rows, placed: tally.written.size - before.placed,
    strays: tally.unmatched.length - before.strays, dropped: tally.dropped.length - before.dropped,
    odd: new Set([...tally.odd.columns.keys()].filter((k) => !before.odd.has(k))),
    droppedCols: new Set([...tally.odd.headers].filter((k) => !before.droppedCols.has(k)))
  };
}

/**
 * One row: a header row adds to the context of the rows below it; any other row is found by its
 * label (or, without one, as a table of one row) and its figures placed, or kept as a stray.
 */
function readRow(idx: FormIndex, layout: BlockLayout, reading: Reading, tally: Tally, cells: string[], spanned: string[] | undefined, at: number): void {
  const { knownRow } = layout;
  const s = shape(cells, idx.units);
  if (!s.labels.length && !s.figures.length) return;
  const own = ownLabel(idx, s, reading.carry, knownRow);
  const { labelCol } = own;
  let { label } = own;
  // A row found without figures may get them from the line below it: figures alone, a pure note
  // (（不同渠道和方式公开相同信息计1条） | 条 | 12054), or the rest of its label's bracket.
  const { waiting } = reading;
  if (waiting && s.figures.length && (!label || !labelKey(label) || continuesLabel(waiting.label, label, knownRow))) {
    label = waiting.label;
    tally.after.set(waiting.table, waiting.after);
  }
  const headerHits = s.labels.filter((c) => idx.headerWords.has(labelKey(cells[c]))).length;
  if (isHeaderRow(s, headerHits, label, knownRow)) {
    tally.sawAnything = true;
    reading.recognised ||= headerHits > 0;
    // A header row right after another extends the context; after data rows it starts anew.
    reading.ctx = extendHeader(reading.inHeader ? reading.ctx : null, cells, spanned);
    reading.inHeader = true;
    return;
  }
  const known = Boolean(label) && knownRow(label);
  reading.inHeader = false;
  reading.carry = label && !s.figures.length && !known ? label : '';
  reading.waiting = null;
  if (known) reading.recognised = true; // a label of the form, even where it cannot say which row
  const line: Line = { s, labelCol, label, known };
  const candidates = candidatesFor(idx, layout, line, reading.ctx, tally.after, tally.lastTable);
  if (!candidates.length) {
    const drop = keepStray(reading, tally, line);
    if (layout.text && s.figures.length) {
      if (label) reading.stretch.spoiled = true;
      else if (drop && !reading.foreign(at)) leftOver(reading, line, at, drop);
    }
    return;
  }
  tally.sawAnything = true;
  reading.recognised = true;
  let best = bestCandidate(candidates, tally.lastTable);
  // PDF text: a column's name standing alone (总计 among the header words of 表四) that would
  // take a row back up its table is the header's word, not that row: its figures are read as a
  // line without a label (表四's fifteen), else left over.
  const columnWord = layout.text && !startsRow(label) && idx.headerWords.has(labelKey(label));
  if (columnWord && best.row <= (tally.after.get(best.table.id) ?? -1)) {
    const bare = candidatesFor(idx, layout, { ...line, label: '', known: false }, reading.ctx, tally.after, tally.lastTable);
    if (!bare.length) {
      const values = s.figures.filter((c) => c > labelCol).map((c) => cells[c].trim());
      if (values.length) {
        const drop = { text: values.join(' '), why: `夹在表头文字「${label.trim()}」旁的数字，无法确定所在的行和栏` };
        reading.strays.dropped.push(drop);
        leftOver(reading, line, at, drop);
      }
      return;
    }
    best = bestCandidate(bare, tally.lastTable);
  }
  if (!s.figures.length) reading.waiting = { table: best.table.id, after: tally.after.get(best.table.id) ?? -1, label };
  tally.after.set(best.table.id, best.row);
  tally.lastTable = best.table.id;
  tally.matchedRows++;
  if (!tally.tables.includes(best.table.id)) tally.tables.push(best.table.id);
  if (!tally.blocks.includes(layout.name)) tally.blocks.push(layout.name);
  const placed = placeFigures(idx, tally, best, line, reading.ctx, layout.text);
  if (!layout.text) return;
  if (placed.wrote) {
    settle(reading, tally);
    return;
  }
  // A column's name standing alone (总计 among the header words a reader copied out of order)
  // is no row's label here either: its figures are left over, it wants none.
  if (hasCell(best.table.rows[best.row]) && !columnWord) reading.stretch.rows.push({ at, table: best.table, row: best.row });
  leftOver(reading, line, at, ...placed.drops);
}

/** Figures of a PDF line that no row took, kept with their reports for the stretch. */
function leftOver(reading: Reading, { s, labelCol }: Line, at: number, ...drops: object[]): void {
  for (const c of s.figures) if (c > labelCol) reading.stretch.figures.push({ at, raw: s.cells[c].trim() });
  for (const d of drops) reading.stretch.drops.add(d);
}

/** The stretch of PDF text since the last row that found its figures, settled where it can be, and begun anew. */
function settle(reading: Reading, tally: Tally): void {
  const { stretch } = reading;
  reading.stretch = newStretch();
  const fills = settleStretch(stretch, tally.written);
  if (!fills) return;
  for (const f of fills) tally.written.set(f.key, f);
  reading.strays.dropped = reading.strays.dropped.filter((d) => !stretch.drops.has(d));
  tally.dropped = tally.dropped.filter((d) => !stretch.drops.has(d));
}

/**
 * Lines of figures alone whose neighbours (the nearest lines with anything on them) are both text
 * that is no row, no header word and no figure: a page header's year (平潭…局 / 2021 / 年度), never
 * a figure left over from the table.
 */
function foreignFigures(idx: FormIndex, rows: string[][], knownRow: (label: string) => boolean): (at: number) => boolean {
  const filled = (r: string[]) => r.some((t) => !blank(t));
  const other = (r: string[] | undefined) => !r || (r.length === 1 && !knownRow(r[0]) && !idx.headerWords.has(labelKey(r[0])));
  return (at) => {
    let p = at - 1;
    while (p >= 0 && !filled(rows[p])) p--;
    let n = at + 1;
    while (n < rows.length && !filled(rows[n])) n++;
    return other(rows[p]) && other(rows[n]);
  };
}

/** A row that is no row of the form: its figures are reported, with its label if it has one. */
function keepStray(reading: Reading, tally: Tally, { s, label }: Line): object | null {
  const values = s.figures.map((c) => s.cells[c].trim());
  if (!values.length) return null;
  tally.sawAnything ||= Boolean(label);
  if (label) {
    reading.strays.unmatched.push({ text: label.replace(/\s+/g, ' ').trim(), values });
    return null;
  }
  const drop = { text: values.join(' '), why: '这一行没有栏目名称，也对不上任何表头' };
  reading.strays.dropped.push(drop);
  return drop;
}

/**
 * The figures of a line found as a row: each into its cell, or reported with why it is not taken.
 * In PDF text (`text`) a row's line without a figure says nothing of its cells (its figures may
 * come on other lines, or be left out by the reader): it blanks none.
 */
function placeFigures(idx: FormIndex, tally: Tally, { table, row: ri, cols, positional }: Candidate, { s, labelCol }: Line, ctx: HeaderContext | null, text: boolean): { wrote: number; drops: object[] } {
  const { cells } = s;
  const row = table.rows[ri];
  const leaves = inputColumns(table.columns);
  const drops: object[] = [];
  const drop = (d: FormPlan['dropped'][number]) => {
    tally.dropped.push(d);
    drops.push(d);
  };
  if (!hasCell(row)) {
    // A group row the form shows as its children's sum: its figures are that sum, the form's own
    // row (checked against the children in planOf), not figures without a place.
    if (row.kind === 'group' && cols.size) {
      let taken = 0;
      for (const [c, leaf] of cols) {
        const raw = (cells[c] ?? '').trim();
        if (blank(raw)) continue;
        tally.subtotals.push({ table, row: ri, col: leaves[leaf].id, raw });
        taken++;
      }
      return { wrote: taken, drops };
    }
    for (const c of s.figures) drop({ text: `${row.label}：${cells[c].trim()}`, why: '该行是标题行，不填数' });
    return { wrote: 0, drops };
  }
  if (!cols.size) {
    const values = s.figures.filter((c) => c > labelCol).map((c) => cells[c].trim());
    // As many figures as columns, but spread over more cells (blank ones between): say so, or the
    // message reads as a contradiction ("7 个数字，本表有 7 栏").
    const last = Math.max(...s.figures);
    const span = last - labelCol;
    const spread = values.length === leaves.length && span > values.length ? `，分布在 ${span} 格中（其间有空格）` : '';
    if (values.length)
      drop({ text: `${row.label}：${values.join(' ')}`, why: positional ? `有 ${values.length} 个数字${spread}，本表有 ${leaves.length} 栏，又没有表头，无法确定各数字所在的栏：请连同表头一起复制粘贴` : '表头对不上本表式的任何一栏' });
  }
  if (!positional) for (const leaf of cols.values()) tally.namedColumns.add(`${table.id}/${leaves[leaf].id}`);
  // Figures under a header word that names no column of this table are not taken.
  if (ctx && !positional)
    for (const c of s.figures)
      if (c > labelCol && !cols.has(c) && ctx.chains[c]?.length && !idx.derivedWords.has(ctx.chains[c].at(-1)!)) keepOddFigure(tally.odd, table.id, c, row, ctx.chains[c], cells[c].trim());
  // A unit printed beside the figures that is not the row's own travels with the figure,
  // so the figure parser refuses it (251000 | 元 in a 万元 row) rather than reading it as 万元.
  // Another counting word (件 where the form, its unit changed, counts in 个) is the same count:
  // the figure lands as printed, and the paste report says so.
  const unitCell = cells.find((t, c) => c !== labelCol && isUnitText(t, idx.units))?.replace(/\s/g, '');
  const unitDiffers = unitCell && row.unit && unitCell !== row.unit;
  const sameCount = unitDiffers && sameKindOfCount(unitCell, row.unit!);
  let wrote = 0;
  for (const [c, leaf] of cols) {
    let raw = (cells[c] ?? '').trim();
    if (text && blank(raw)) continue;
    let note: string | undefined;
    if (unitDiffers && /\d$/.test(raw)) {
      if (sameCount) note = `表中单位为「${unitCell}」，本行单位为「${row.unit}」，照填数字`;
      else raw += unitCell;
    }
    const key = cellKey({ table: table.id, row: row.id, col: leaves[leaf].id });
    tally.written.set(key, { key, table: table.id, raw, ...(note ? { note } : {}) });
    wrote++;
  }
  return { wrote, drops };
}

/**
 * A block whose rows only name rows of the form beside blocks that hold its figures (our own
 * 校验结果 sheet, a list of contents) is not part of the table: its rows are not counted, its
 * strays not reported, and the columns only it printed (校验结果's 应为 | 实填) are no odd columns.
 */
function setAsideListings(tally: Tally, shares: BlockShare[]): void {
  if (!shares.some((b) => b.placed > 0)) return;
  for (const b of shares.filter((x) => x.rows > 0 && x.placed === 0)) {
    tally.matchedRows -= b.rows;
    if (!shares.some((y) => y.name === b.name && y.placed > 0)) tally.blocks = tally.blocks.filter((n) => n !== b.name);
    // Its strays were appended last of their kind when it ended: find them by position.
    const at = shares.indexOf(b);
    const unmatchedFrom = shares.slice(0, at).reduce((n, x) => n + x.strays, 0);
    const droppedFrom = shares.slice(0, at).reduce((n, x) => n + x.dropped, 0);
    tally.unmatched.splice(unmatchedFrom, b.strays);
    tally.dropped.splice(droppedFrom, b.dropped);
    b.strays = 0;
    b.dropped = 0;
    for (const k of b.odd) tally.odd.columns.delete(k);
    for (const h of b.droppedCols) tally.odd.headers.delete(h);
  }
}

/** The plan from the tally: tables in form order, odd columns with their suggestions, blank cells, the score. */
function planOf(idx: FormIndex, tally: Tally): FormPlan {
  const { template } = idx;
  const order = (id: string) => template.tables.findIndex((t) => t.id === id);
  const tables = tally.tables.sort((a, b) => order(a) - order(b));
  const { matchedRows, unmatched, dropped } = tally;
  const matchedColumns = tally.namedColumns.size;
  const droppedColumns = [...tally.odd.headers];
  // A subtotal that disagrees with its children is said with the figures not taken; it is the
  // source's own inconsistency, no evidence against the form, so it does not lower the score.
  const { unplaced, disagree } = subtotalDrops(tally.subtotals, tally.written);
  const placeless = [...dropped, ...unplaced];
  return {
    template, mode: tally.sawAnything ? 'labels' : 'values', writes: [...tally.written.values()], tables, blocks: tally.blocks,
    matchedRows, matchedColumns, unmatched, droppedColumns, oddColumns: suggestOddColumns(idx, tally.odd, tally.namedColumns), dropped: [...placeless, ...disagree],
    missing: missingCells(template, tables, tally.written), ...weigh({ matchedRows, matchedColumns, unmatched, droppedColumns, dropped: placeless })
  };
}

/** Cells of the tables touched that the blocks left without a figure. */
function missingCells(template: Template, tables: string[], written: ReadonlyMap<CellKey, unknown>): CellKey[] {
  const names = compile(template).names;
  const missing: CellKey[] = [];
  for (const tableId of tables) {
    const table = template.tables.find((t) => t.id === tableId)!;
    for (const row of table.rows)
      if (hasCell(row))
        for (const col of inputColumns(table.columns)) {
          const key = cellKey({ table: table.id, row: row.id, col: col.id });
          if (!written.has(key) && names.has(key)) missing.push(key);
        }
  }
  return missing;
}

/** Evidence that the blocks are this form (rows and columns recognised, less what does not fit), and whether they are. */
function weigh(p: Pick<FormPlan, 'matchedRows' | 'matchedColumns' | 'unmatched' | 'droppedColumns' | 'dropped'>): Pick<FormPlan, 'score' | 'fits'> {
  const strays = p.unmatched.length;
  return {
    score: p.matchedRows + p.matchedColumns - strays - 2 * p.droppedColumns.length - p.dropped.length,
    // A column the form lacks does not sink the rest: where the form's own columns are twice as
    // many as the odd ones, the rest is written and the odd ones reported with their figures.
    fits: p.matchedRows > 0 && p.matchedColumns >= 2 * p.droppedColumns.length && strays <= Math.max(1, p.matchedRows * 0.2)
  };
}

export interface FormChoice {
  /** The form the block fits best (by score), or null when it fits none. */
  best: FormPlan | null;
  /** The best, else the form that recognised most of the block: what to tell the user. */
  closest: FormPlan;
  /** Every form's plan, best first. */
  ranking: FormPlan[];
}

/** Scores every form on the block; the best one that fits wins. */
/**
 * `prefer`: the form the person is working in (the open report's, the 汇总's): on a tie — an own
 * form built from a built-in one's table reads the same — it wins.
 */
/** `known`: plans already made of these blocks (the open report's form, by the paste): not made again. */
export function chooseForm(templates: Template[], blocks: SourceBlock[], prefer?: string, known: FormPlan[] = []): FormChoice {
  const ranking = templates.map((t) => known.find((p) => p.template === t) ?? mapToForm(t, blocks)).sort((a, b) => b.score - a.score || Number(b.template.id === prefer) - Number(a.template.id === prefer));
  const best = ranking.find((p) => p.fits && p.mode === 'labels') ?? null;
  const closest = best ?? [...ranking].sort((a, b) => b.matchedRows - a.matchedRows || b.score - a.score)[0];
  return { best, closest, ranking };
}

// In its own module, so the pages can say it without loading the mapper.
export { recognised } from './recognised';
