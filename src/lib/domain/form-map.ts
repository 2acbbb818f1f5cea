// The whole-form mapper: one way in for paste and import. A source (a clipboard, a workbook, a
// Word file, a web page, PDF text) is a list of blocks; a block may hold several tables of the
// form with captions, notes and blank rows between them, in any order. Labels decide where a
// row goes — never the selected cell — and header words decide which column a figure is in.
// A figure goes by position only where no header names its column at all (PDF text), and then
// only when the row has exactly as many figures as the table has columns.
import { startsRow } from './outline';
import { isFigureLike, isUnitText, labelKey, similarity } from './labels';
import { cellKey, hasCell, inputColumns, type CellKey, type TableDef, type Template } from './model';
import { compile } from './relations';
import { blank, shape } from './form-map/cells';
import { mapColumns, positionalColumns, unitColumn, type HeaderContext } from './form-map/columns';
import { formIndex, unitWords } from './form-map/form-index';

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
  const plan: FormPlan = {
    template, mode: 'labels', writes: [], tables: [], blocks: [], matchedRows: 0, matchedColumns: 0,
    unmatched: [], droppedColumns: [], oddColumns: [], dropped: [], missing: [], score: 0, fits: false
  };
  const tableById = new Map(template.tables.map((t) => [t.id, t]));
  let cut = false; // PDF text: a label may be cut off by a line break
  const knownRow = (label: string) => template.tables.some((t) => idx.matchers.get(t.id)!.known(label, cut));
  const after = new Map<string, number>(); // last matched row index per table
  const namedColumns = new Set<string>();
  const droppedCols = new Set<string>();
  const odd = new Map<string, OddColumn & { at: number }>();
  /** A figure under a header that names no column of the table its row is in: kept with that header. */
  const oddFigure = (table: TableDef, at: number, rowId: string, label: string, chain: string[], raw: string) => {
    const header = chain.join('›');
    droppedCols.add(header);
    const k = `${table.id}|${at}|${header}`;
    const o = odd.get(k) ?? odd.set(k, { header, table: table.id, suggest: null, figures: [], at }).get(k)!;
    o.figures.push({ row: rowId, label, raw });
  };
  const written = new Map<CellKey, MapWrite>();
  let sawAnything = false;
  let lastTable: string | null = null;

  // Per block: rows it matched and figures it placed. A block whose rows only name rows of the
  // form beside blocks that hold its figures (our own 校验结果 sheet, a list of contents) is not
  // part of the table: its rows are not counted, and its strays not reported.
  const perBlock: { name: string; rows: number; placed: number; strays: number; dropped: number; odd: Set<string>; droppedCols: Set<string> }[] = [];
  for (const block of blocks) {
    const text = block.kind === 'text';
    cut = text;
    const rowsBefore = plan.matchedRows;
    const placedBefore = written.size;
    const straysBefore = plan.unmatched.length;
    const droppedBefore = plan.dropped.length;
    const oddBefore = new Set(odd.keys());
    const droppedColsBefore = new Set(droppedCols);
    let ctx: HeaderContext | null = null;
    let inHeader = false;
    // Word and PDF wrap long labels: a label line without figures that names no row may be the
    // start of the next line's label; a row found without figures may get them from a note line
    // below it (（不同渠道和方式公开相同信息计1条） | 条 | 12054).
    let carry = '';
    let waiting: { table: string; after: number; label: string } | null = null;

    // Rows that fit nowhere are reported only from a block where something of the form was
    // recognised: a sheet of notes or a 校验结果 sheet beside the table is another table.
    const strays: Pick<FormPlan, 'unmatched' | 'dropped'> = { unmatched: [], dropped: [] };
    let recognisedHere = false;
    const rows = text ? joinFigureLines(block.rows, knownRow) : block.rows;
    let width = 0;
    for (const r of rows) width = Math.max(width, r.length); // no spread: a paste may hold 100,000 rows
    const unitCol = unitColumn(rows, width, idx.units);
    rows.forEach((cells, r) => {
      const s = shape(cells, idx.units);
      if (!s.labels.length && !s.figures.length) return;
      // The row's own label: the last known label left of the figures (a web page puts a group
      // label spanning its rows beside it), else the last label there.
      const leftLabels = s.labels.filter((c) => !s.figures.length || c < s.figures[0]);
      const labelCol = leftLabels.filter((c) => knownRow(cells[c])).at(-1) ?? leftLabels.at(-1) ?? -1;
      let rowLabel = labelCol >= 0 ? cells[labelCol] : '';
      // PDF text runs the 计量单位 cell into the label (主动公开信息数条): a unit word at the end
      // of an unknown label, whose removal leaves a known one, is the unit.
      if (rowLabel && !knownRow(rowLabel)) {
        const bare = rowLabel.trim();
        const unit = unitWords(idx).find((u) => bare.endsWith(u) && bare.length > u.length && knownRow(bare.slice(0, -u.length)));
        if (unit) rowLabel = bare.slice(0, -unit.length);
      }
      if (carry && rowLabel && !knownRow(rowLabel) && knownRow(carry + rowLabel)) rowLabel = carry + rowLabel;
      // The figures' line of a row whose label (or note) wrapped: figures alone, a pure note, or
      // the rest of a bracket the label left open (…（不包括…维 / 护等方面的经费）). Any other row
      // with a label of its own is its own row, never the blank row above it.
      const continues = (label: string) =>
        /[（(][^）)]*$/.test(waiting!.label) && /[）)]/.test(label) && !knownRow(label) && !startsRow(label);
      if (waiting && s.figures.length && (!rowLabel || !labelKey(rowLabel) || continues(rowLabel))) {
        rowLabel = waiting.label;
        after.set(waiting.table, waiting.after);
      }
      const headerHits = s.labels.filter((c) => idx.headerWords.has(labelKey(cells[c]))).length;
      // A header row names columns: known header words, or (a layout of its own: 指标名称 |
      // 计量单位 | 本年度 | 历年累计) three or more words that name no row. Its unknown words then
      // keep the figures below them from being read into this form's columns.
      const isHeader = !s.figures.length && ((headerHits > 0 && (headerHits >= 2 || !knownRow(rowLabel))) || (s.labels.length >= 3 && !s.labels.some((c) => knownRow(cells[c]))));
      if (isHeader) {
        sawAnything = true;
        recognisedHere ||= headerHits > 0;
        // A header row right after another extends the context; after data rows it starts anew.
        if (!inHeader || !ctx) ctx = { chains: [] };
        for (let c = 0; c < Math.max(cells.length, block.spanned?.[r]?.length ?? 0); c++) {
          const word = labelKey((cells[c] || block.spanned?.[r]?.[c]) ?? '');
          if (word) (ctx.chains[c] ??= []).push(word);
        }
        for (let c = 0; c < ctx.chains.length; c++) ctx.chains[c] ??= [];
        inHeader = true;
        return;
      }
      inHeader = false;
      carry = rowLabel && !s.figures.length && !knownRow(rowLabel) ? rowLabel : '';
      waiting = null;

      // Which table: the row's label, read against every table's rows; the header decides columns.
      type Candidate = { table: TableDef; row: number; cols: Map<number, number>; positional: boolean };
      const candidates: Candidate[] = [];
      const consider = (table: TableDef, row: number) => {
        const header = ctx && !text ? mapColumns(idx, table, ctx, labelCol) : new Map<number, number>();
        if (header.size) return candidates.push({ table, row, cols: header, positional: false });
        // No header word over the figures: by position, only when the count is exact.
        const headerOverFigures = ctx && !text && s.figures.some((c) => (ctx!.chains[c]?.length ?? 0) > 0);
        if (headerOverFigures) return candidates.push({ table, row, cols: header, positional: false });
        const cols = positionalColumns(cells, labelCol, unitCol, width, inputColumns(table.columns).length, idx.units);
        candidates.push({ table, row, cols, positional: true });
      };
      if (rowLabel && knownRow(rowLabel)) {
        recognisedHere = true; // a label of the form, even where it cannot say which row
        for (const table of template.tables) {
          const i = idx.matchers.get(table.id)!.match(rowLabel, after.get(table.id) ?? -1, cut);
          if (i >= 0) consider(table, i);
        }
      } else if (rowLabel && lastTable && idx.matchers.get(lastTable)!.misprint(rowLabel, after.get(lastTable) ?? -1) >= 0) {
        // A misprint of the row expected next, numbering and most words alike.
        consider(tableById.get(lastTable)!, idx.matchers.get(lastTable)!.misprint(rowLabel, after.get(lastTable) ?? -1));
      } else {
        // A row of figures without a row label: a table of one row (表四), when every text in the
        // row sits under one of that table's columns (an unknown row label disqualifies it).
        for (const table of template.tables) {
          const cellRows = table.rows.filter(hasCell);
          if (cellRows.length === 1) consider(table, table.rows.indexOf(cellRows[0]));
        }
        const filledCols = cells.map((t, c) => (blank(t) ? -1 : c)).filter((c) => c >= 0);
        // A row label left of the figures is allowed where no header word stands above it (表四
        // printed with 件数 or 数量 before its figures); under 信息内容 it is a row of its own.
        const fitting = candidates.filter(
          (c) => !c.positional && c.cols.size && filledCols.every((fc) => c.cols.has(fc) || (fc < Math.min(...c.cols.keys()) && !ctx?.chains[fc]?.length && !isFigureLike(cells[fc])))
        );
        // By count only in PDF text, and only for a wide table (表四's 15 figures): two stray
        // numbers are no row of 表二.
        const byCount = candidates.filter((c) => text && c.positional && c.cols.size >= 5 && !rowLabel);
        candidates.splice(0, candidates.length, ...(fitting.length ? fitting : byCount));
      }
      if (!candidates.length) {
        const values = s.figures.map((c) => cells[c].trim());
        if (values.length) {
          sawAnything ||= Boolean(rowLabel);
          if (rowLabel) strays.unmatched.push({ text: rowLabel.replace(/\s+/g, ' ').trim(), values });
          else strays.dropped.push({ text: values.join(' '), why: '这一行没有栏目名称，也对不上任何表头' });
        }
        return;
      }
      sawAnything = true;
      recognisedHere = true;
      candidates.sort((a, b) => b.cols.size - a.cols.size || Number(b.table.id === lastTable) - Number(a.table.id === lastTable));
      const { table, row: ri, cols, positional } = candidates[0];
      const row = table.rows[ri];
      if (!s.figures.length) waiting = { table: table.id, after: after.get(table.id) ?? -1, label: rowLabel };
      after.set(table.id, ri);
      lastTable = table.id;
      plan.matchedRows++;
      if (!plan.tables.includes(table.id)) plan.tables.push(table.id);
      if (!plan.blocks.includes(block.name)) plan.blocks.push(block.name);
      const leaves = inputColumns(table.columns);

      if (!hasCell(row)) {
        for (const c of s.figures) plan.dropped.push({ text: `${row.label}：${cells[c].trim()}`, why: '该行是标题行，不填数' });
        return;
      }
      if (!cols.size) {
        const values = s.figures.filter((c) => c > labelCol).map((c) => cells[c].trim());
        if (values.length)
          plan.dropped.push({ text: `${row.label}：${values.join(' ')}`, why: positional ? `有 ${values.length} 个数字，本表有 ${leaves.length} 栏，又没有表头，无法确定各数字所在的栏` : '表头对不上本表式的任何一栏' });
        if (ctx && !positional) for (const c of s.figures) if (c > labelCol && ctx.chains[c]?.length && !idx.derivedWords.has(ctx.chains[c].at(-1)!)) oddFigure(table, c, row.id, row.label, ctx.chains[c], cells[c].trim());
        return;
      }
      if (!positional) for (const leaf of cols.values()) namedColumns.add(`${table.id}/${leaves[leaf].id}`);
      // Figures under a header word that names no column of this table are not taken.
      if (ctx && !positional)
        for (const c of s.figures) if (c > labelCol && !cols.has(c) && ctx.chains[c]?.length && !idx.derivedWords.has(ctx.chains[c].at(-1)!)) oddFigure(table, c, row.id, row.label, ctx.chains[c], cells[c].trim());
      // A unit printed beside the figures that is not the row's own travels with the figure,
      // so the figure parser refuses it (251000 | 元 in a 万元 row) rather than reading it as 万元.
      const unitCell = cells.find((t, c) => c !== labelCol && isUnitText(t, idx.units));
      const unitDiffers = unitCell && row.unit && unitCell.replace(/\s/g, '') !== row.unit;
      for (const [c, leaf] of cols) {
        let raw = (cells[c] ?? '').trim();
        if (unitDiffers && /\d$/.test(raw)) raw += unitCell!.trim();
        const key = cellKey({ table: table.id, row: row.id, col: leaves[leaf].id });
        written.set(key, { key, table: table.id, raw });
      }
    });
    if (recognisedHere) {
      plan.unmatched.push(...strays.unmatched);
      plan.dropped.push(...strays.dropped);
    }
    perBlock.push({
      name: block.name, rows: plan.matchedRows - rowsBefore, placed: written.size - placedBefore, strays: plan.unmatched.length - straysBefore, dropped: plan.dropped.length - droppedBefore,
      odd: new Set([...odd.keys()].filter((k) => !oddBefore.has(k))), droppedCols: new Set([...droppedCols].filter((k) => !droppedColsBefore.has(k)))
    });
  }
  if (perBlock.some((b) => b.placed > 0))
    for (const b of perBlock.filter((x) => x.rows > 0 && x.placed === 0)) {
      plan.matchedRows -= b.rows;
      if (!perBlock.some((y) => y.name === b.name && y.placed > 0)) plan.blocks = plan.blocks.filter((n) => n !== b.name);
      // Its strays were appended last of their kind when it ended: find them by position.
      const at = perBlock.indexOf(b);
      const unmatchedFrom = perBlock.slice(0, at).reduce((n, x) => n + x.strays, 0);
      const droppedFrom = perBlock.slice(0, at).reduce((n, x) => n + x.dropped, 0);
      plan.unmatched.splice(unmatchedFrom, b.strays);
      plan.dropped.splice(droppedFrom, b.dropped);
      b.strays = 0;
      b.dropped = 0;
      // Nor are the columns only it printed (校验结果's 应为 | 实填) odd columns of the form.
      for (const k of b.odd) odd.delete(k);
      for (const h of b.droppedCols) droppedCols.delete(h);
    }

  plan.writes = [...written.values()];
  plan.tables.sort((a, b) => template.tables.findIndex((t) => t.id === a) - template.tables.findIndex((t) => t.id === b));
  plan.matchedColumns = namedColumns.size;
  plan.droppedColumns = [...droppedCols];
  // Each odd column is offered as the column of its table it most resembles, among those no
  // header named; left to right, so two alike (本年新 | 本年新) take the form's in its order.
  for (const table of template.tables) {
    const mine = [...odd.values()].filter((o) => o.table === table.id).sort((a, b) => a.at - b.at);
    if (!mine.length) continue;
    const leaves = inputColumns(table.columns);
    const taken = new Set(leaves.filter((c) => namedColumns.has(`${table.id}/${c.id}`)).map((c) => c.id));
    for (const o of mine) {
      const own = labelKey(o.header.split('›').at(-1)!);
      let best: string | null = null;
      let score = 0.45;
      for (const leaf of idx.leaves.get(table.id)!) {
        const id = leaves[leaf.index].id;
        if (taken.has(id)) continue;
        const sim = similarity(own, leaf.key);
        if (sim > score) [best, score] = [id, sim];
      }
      if (best) taken.add(best);
      o.suggest = best;
    }
  }
  plan.oddColumns = [...odd.values()].map(({ at: _, ...o }) => o);
  if (!sawAnything) plan.mode = 'values';

  const names = compile(template).names;
  for (const tableId of plan.tables) {
    const table = tableById.get(tableId)!;
    for (const row of table.rows)
      if (hasCell(row))
        for (const col of inputColumns(table.columns)) {
          const key = cellKey({ table: table.id, row: row.id, col: col.id });
          if (!written.has(key) && names.has(key)) plan.missing.push(key);
        }
  }
  const strays = plan.unmatched.length;
  plan.score = plan.matchedRows + plan.matchedColumns - strays - 2 * plan.droppedColumns.length - plan.dropped.length;
  // A column the form lacks does not sink the rest: where the form's own columns are twice as
  // many as the odd ones, the rest is written and the odd ones reported with their figures.
  plan.fits = plan.matchedRows > 0 && plan.matchedColumns >= 2 * plan.droppedColumns.length && strays <= Math.max(1, plan.matchedRows * 0.2);
  return plan;
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
