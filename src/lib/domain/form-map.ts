// The whole-form mapper: one way in for paste and import. A source (a clipboard, a workbook, a
// Word file, a web page, PDF text) is a list of blocks; a block may hold several tables of the
// form with captions, notes and blank rows between them, in any order. Labels decide where a
// row goes — never the selected cell — and header words decide which column a figure is in.
// A figure goes by position only where no header names its column at all (PDF text), and then
// only when the row has exactly as many figures as the table has columns.
import { startsRow } from './outline';
import { isFigureLike, isUnitText, labelKey } from './labels';
import { cellKey, hasCell, inputColumns, type CellKey, type TableDef, type Template } from './model';
import { compile } from './relations';
import { blank, shape, type RowShape } from './form-map/cells';
import { extendHeader, mapColumns, positionalColumns, unitColumn, type HeaderContext } from './form-map/columns';
import { formIndex, unitWords, type FormIndex } from './form-map/form-index';
import { keepOddFigure, noOddFigures, suggestOddColumns, type OddFigures } from './form-map/odd-columns';

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

/**
 * PDF viewers copy a row's figures onto lines of their own, one or several per line, below its
 * label: a known label without figures takes the figure-only lines that follow it, and a run of
 * figure-only lines under no label (表四 below its headers) is one row.
 */
function joinFigureLines(rows: string[][], known: (label: string) => boolean): string[][] {
  const out: string[][] = [];
  const figuresOnly = (row: string[] | undefined) => row !== undefined && !row[0] && row.length > 1;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if ((row.length === 1 && row[0] && known(row[0])) || figuresOnly(row)) {
      const joined = [...row];
      while (figuresOnly(rows[i + 1])) joined.push(...rows[++i].slice(1));
      out.push(joined);
    } else out.push(row);
  }
  return out;
}

export function mapToForm(template: Template, blocks: SourceBlock[]): FormPlan {
  const idx = formIndex(template);
  const tally: Tally = {
    written: new Map(), matchedRows: 0, tables: [], blocks: [], unmatched: [], dropped: [],
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
  /** `table/column` of each column a header word named. */
  namedColumns: Set<string>;
  odd: OddFigures;
  /** The last row matched in each table: a label the form prints in several places is the next one. */
  after: Map<string, number>;
  lastTable: string | null;
  /** A header or a labelled row was seen: otherwise the blocks are bare figures. */
  sawAnything: boolean;
}

/** How a block is read, the same for each of its rows. */
interface BlockLayout {
  name: string;
  /** PDF text: header words do not line up with the figures, and a line break may cut a label off. */
  text: boolean;
  width: number;
  unitCol: number;
  knownRow: (label: string) => boolean;
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
}

/** A row as read: its shape and its own label. */
interface Line {
  s: RowShape;
  labelCol: number;
  label: string;
  /** The label names a row of the form. */
  known: boolean;
}

/** Which table and row a line may be, and the block column of each of its figures. */
interface Candidate {
  table: TableDef;
  row: number;
  cols: Map<number, number>;
  /** Columns by position (no header word over the figures), not by header. */
  positional: boolean;
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
  const rows = text ? joinFigureLines(block.rows, knownRow) : block.rows;
  let width = 0;
  for (const r of rows) width = Math.max(width, r.length); // no spread: a paste may hold 100,000 rows
  const layout: BlockLayout = { name: block.name, text, width, unitCol: unitColumn(rows, width, idx.units), knownRow };
  const reading: Reading = { ctx: null, inHeader: false, carry: '', waiting: null, recognised: false, strays: { unmatched: [], dropped: [] } };
  rows.forEach((cells, r) => readRow(idx, layout, reading, tally, cells, block.spanned?.[r]));
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
function readRow(idx: FormIndex, layout: BlockLayout, reading: Reading, tally: Tally, cells: string[], spanned: string[] | undefined): void {
  const { knownRow } = layout;
  const s = shape(cells, idx.units);
  if (!s.labels.length && !s.figures.length) return;
  let { labelCol, label } = ownLabel(idx, s, reading.carry, knownRow);
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
  const candidates = candidatesFor(idx, layout, line, reading.ctx, tally);
  if (!candidates.length) {
    keepStray(reading, tally, line);
    return;
  }
  tally.sawAnything = true;
  reading.recognised = true;
  const best = bestCandidate(candidates, tally.lastTable);
  if (!s.figures.length) reading.waiting = { table: best.table.id, after: tally.after.get(best.table.id) ?? -1, label };
  tally.after.set(best.table.id, best.row);
  tally.lastTable = best.table.id;
  tally.matchedRows++;
  if (!tally.tables.includes(best.table.id)) tally.tables.push(best.table.id);
  if (!tally.blocks.includes(layout.name)) tally.blocks.push(layout.name);
  placeFigures(idx, tally, best, line, reading.ctx);
}

/**
 * The row's own label: the last known label left of the figures (a web page puts a group label
 * spanning its rows beside it), else the last label there; mended where PDF text ran the unit into
 * it, or Word or PDF wrapped it after `carry`.
 */
function ownLabel(idx: FormIndex, s: RowShape, carry: string, knownRow: (label: string) => boolean): { labelCol: number; label: string } {
  const leftLabels = s.labels.filter((c) => !s.figures.length || c < s.figures[0]);
  const labelCol = leftLabels.filter((c) => knownRow(s.cells[c])).at(-1) ?? leftLabels.at(-1) ?? -1;
  let label = labelCol >= 0 ? s.cells[labelCol] : '';
  // PDF text runs the 计量单位 cell into the label (主动公开信息数条): a unit word at the end
  // of an unknown label, whose removal leaves a known one, is the unit.
  if (label && !knownRow(label)) {
    const bare = label.trim();
    const unit = unitWords(idx).find((u) => bare.endsWith(u) && bare.length > u.length && knownRow(bare.slice(0, -u.length)));
    if (unit) label = bare.slice(0, -unit.length);
  }
  // Word and PDF wrap long labels: the line above (`carry`: no figures, no row of the form) may
  // be this label's start.
  if (carry && label && !knownRow(label) && knownRow(carry + label)) label = carry + label;
  return { labelCol, label };
}

/**
 * The figures' line of a row whose label (or note) wrapped takes that row's label when its own is
 * the rest of a bracket the label left open (…（不包括…维 / 护等方面的经费）). Any other row with a
 * label of its own is its own row, never the blank row above it.
 */
function continuesLabel(waiting: string, label: string, knownRow: (label: string) => boolean): boolean {
  return /[（(][^）)]*$/.test(waiting) && /[）)]/.test(label) && !knownRow(label) && !startsRow(label);
}

/**
 * A header row names columns: known header words (`headerHits`), or (a layout of its own: 指标名称 |
 * 计量单位 | 本年度 | 历年累计) three or more words that name no row. Its unknown words then keep
 * the figures below them from being read into this form's columns.
 */
function isHeaderRow(s: RowShape, headerHits: number, label: string, knownRow: (label: string) => boolean): boolean {
  return !s.figures.length && ((headerHits > 0 && (headerHits >= 2 || !knownRow(label))) || (s.labels.length >= 3 && !s.labels.some((c) => knownRow(s.cells[c]))));
}

/** Which table and row a line may be: its label read against every table's rows; the header decides columns. */
function candidatesFor(idx: FormIndex, layout: BlockLayout, line: Line, ctx: HeaderContext | null, tally: Tally): Candidate[] {
  const at = (table: TableDef, row: number): Candidate => ({ table, row, ...columnsFor(idx, layout, line, ctx, table) });
  const { label, known } = line;
  if (known)
    return idx.template.tables.flatMap((table) => {
      const i = idx.matchers.get(table.id)!.match(label, tally.after.get(table.id) ?? -1, layout.text);
      return i >= 0 ? [at(table, i)] : [];
    });
  const last = tally.lastTable;
  const misprint = label && last ? idx.matchers.get(last)!.misprint(label, tally.after.get(last) ?? -1) : -1;
  // A misprint of the row expected next, numbering and most words alike.
  if (misprint >= 0) return [at(idx.template.tables.find((t) => t.id === last)!, misprint)];
  // A row of figures without a row label: a table of one row (表四), when every text in the
  // row sits under one of that table's columns (an unknown row label disqualifies it).
  const oneRow = idx.template.tables.flatMap((table) => {
    const cellRows = table.rows.filter(hasCell);
    return cellRows.length === 1 ? [at(table, table.rows.indexOf(cellRows[0]))] : [];
  });
  const { cells } = line.s;
  const filledCols = cells.map((t, c) => (blank(t) ? -1 : c)).filter((c) => c >= 0);
  // A row label left of the figures is allowed where no header word stands above it (表四
  // printed with 件数 or 数量 before its figures); under 信息内容 it is a row of its own.
  const fitting = oneRow.filter(
    (c) => !c.positional && c.cols.size && filledCols.every((fc) => c.cols.has(fc) || (fc < Math.min(...c.cols.keys()) && !ctx?.chains[fc]?.length && !isFigureLike(cells[fc])))
  );
  // By count only in PDF text, and only for a wide table (表四's 15 figures): two stray
  // numbers are no row of 表二.
  const byCount = oneRow.filter((c) => layout.text && c.positional && c.cols.size >= 5 && !label);
  return fitting.length ? fitting : byCount;
}

/** The block column of each figure of a line, were it a row of `table`. */
function columnsFor(idx: FormIndex, layout: BlockLayout, line: Line, ctx: HeaderContext | null, table: TableDef): Pick<Candidate, 'cols' | 'positional'> {
  const header = ctx && !layout.text ? mapColumns(idx, table, ctx, line.labelCol) : new Map<number, number>();
  if (header.size) return { cols: header, positional: false };
  // No header word over the figures: by position, only when the count is exact.
  const headerOverFigures = ctx && !layout.text && line.s.figures.some((c) => (ctx.chains[c]?.length ?? 0) > 0);
  if (headerOverFigures) return { cols: header, positional: false };
  return { cols: positionalColumns(line.s.cells, line.labelCol, layout.unitCol, layout.width, inputColumns(table.columns).length, idx.units), positional: true };
}

/** The candidate placing most figures; on a tie, one in the table of the row before. */
function bestCandidate(candidates: Candidate[], lastTable: string | null): Candidate {
  return candidates.sort((a, b) => b.cols.size - a.cols.size || Number(b.table.id === lastTable) - Number(a.table.id === lastTable))[0];
}

/** A row that is no row of the form: its figures are reported, with its label if it has one. */
function keepStray(reading: Reading, tally: Tally, { s, label }: Line): void {
  const values = s.figures.map((c) => s.cells[c].trim());
  if (!values.length) return;
  tally.sawAnything ||= Boolean(label);
  if (label) reading.strays.unmatched.push({ text: label.replace(/\s+/g, ' ').trim(), values });
  else reading.strays.dropped.push({ text: values.join(' '), why: '这一行没有栏目名称，也对不上任何表头' });
}

/** The figures of a line found as a row: each into its cell, or reported with why it is not taken. */
function placeFigures(idx: FormIndex, tally: Tally, { table, row: ri, cols, positional }: Candidate, { s, labelCol }: Line, ctx: HeaderContext | null): void {
  const { cells } = s;
  const row = table.rows[ri];
  const leaves = inputColumns(table.columns);
  if (!hasCell(row)) {
    for (const c of s.figures) tally.dropped.push({ text: `${row.label}：${cells[c].trim()}`, why: '该行是标题行，不填数' });
    return;
  }
  if (!cols.size) {
    const values = s.figures.filter((c) => c > labelCol).map((c) => cells[c].trim());
    if (values.length)
      tally.dropped.push({ text: `${row.label}：${values.join(' ')}`, why: positional ? `有 ${values.length} 个数字，本表有 ${leaves.length} 栏，又没有表头，无法确定各数字所在的栏` : '表头对不上本表式的任何一栏' });
  }
  if (!positional) for (const leaf of cols.values()) tally.namedColumns.add(`${table.id}/${leaves[leaf].id}`);
  // Figures under a header word that names no column of this table are not taken.
  if (ctx && !positional)
    for (const c of s.figures)
      if (c > labelCol && !cols.has(c) && ctx.chains[c]?.length && !idx.derivedWords.has(ctx.chains[c].at(-1)!)) keepOddFigure(tally.odd, table.id, c, row, ctx.chains[c], cells[c].trim());
  // A unit printed beside the figures that is not the row's own travels with the figure,
  // so the figure parser refuses it (251000 | 元 in a 万元 row) rather than reading it as 万元.
  const unitCell = cells.find((t, c) => c !== labelCol && isUnitText(t, idx.units));
  const unitDiffers = unitCell && row.unit && unitCell.replace(/\s/g, '') !== row.unit;
  for (const [c, leaf] of cols) {
    let raw = (cells[c] ?? '').trim();
    if (unitDiffers && /\d$/.test(raw)) raw += unitCell!.trim();
    const key = cellKey({ table: table.id, row: row.id, col: leaves[leaf].id });
    tally.written.set(key, { key, table: table.id, raw });
  }
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
  return {
    template, mode: tally.sawAnything ? 'labels' : 'values', writes: [...tally.written.values()], tables, blocks: tally.blocks,
    matchedRows, matchedColumns, unmatched, droppedColumns, oddColumns: suggestOddColumns(idx, tally.odd, tally.namedColumns), dropped,
    missing: missingCells(template, tables, tally.written), ...weigh({ matchedRows, matchedColumns, unmatched, droppedColumns, dropped })
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
export function chooseForm(templates: Template[], blocks: SourceBlock[], prefer?: string): FormChoice {
  const ranking = templates.map((t) => mapToForm(t, blocks)).sort((a, b) => b.score - a.score || Number(b.template.id === prefer) - Number(a.template.id === prefer));
  const best = ranking.find((p) => p.fits && p.mode === 'labels') ?? null;
  const closest = best ?? [...ranking].sort((a, b) => b.matchedRows - a.matchedRows || b.score - a.score)[0];
  return { best, closest, ranking };
}

// In its own module, so the pages can say it without loading the mapper.
export { recognised } from './recognised';
