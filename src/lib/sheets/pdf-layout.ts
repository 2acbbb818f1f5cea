// A PDF's tables rebuilt from where its words sit, not from the order its text runs in: a
// reader's copy of a table loses the empty cells and mixes wrapped labels into the figures, but
// every word of a PDF has a position. Rows are the figures' baselines; columns are where the
// figures of a table stand (clustered over its rows, so an empty cell stays an empty slot); a
// label wrapped over lines joins the row its lines sit beside; a column's header is the words
// above it; a table continued on the next page without its header takes the header it had.
// Pure: pdf.js (read-pdf.ts) hands in the words; the mapper reads the blocks made here.
import type { SourceBlock } from '$lib/domain/form-map';
import { isFigureLike } from '$lib/domain/labels';

/** One run of text as the PDF places it: top-down page coordinates, in points. */
export interface PdfWord {
  str: string;
  /** Left edge. */
  x: number;
  /** Baseline, measured from the top of the page. */
  y: number;
  /** Width of the run. */
  w: number;
  /** Font size (the run's height). */
  size: number;
}

export interface PdfPage {
  width: number;
  height: number;
  words: PdfWord[];
}

interface Line {
  y: number;
  size: number;
  words: PdfWord[];
  /** The words that are a table's figures (isolated figure-like runs). */
  figures: PdfWord[];
}

interface Region {
  lines: Line[];
  /** Figure columns, left to right. */
  columns: Column[];
  /** Left edge of the figures: words left of it are labels (or units). */
  figureLeft: number;
  header: Line[];
  page: number;
}

const right = (w: PdfWord) => w.x + w.w;
const centre = (w: PdfWord) => w.x + w.w / 2;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
};

/**
 * Some fonts map the glyphs of 一, 二, 人… to the Kangxi radicals (⼀ U+2F00, ⼆ U+2F06): they
 * look the same, and a reader copies them out of the PDF (a trial found the app's own 打印, saved
 * as PDF with Noto CJK, read back as ⼀、本年新收…). They are the ideographs (NFKC says so).
 */
const RADICAL = /[\u2e80-\u2ef3\u2f00-\u2fd5]/;
export const unifyRadicals = (s: string) => (RADICAL.test(s) ? s.replace(new RegExp(RADICAL, 'g'), (c) => c.normalize('NFKC')) : s);

/**
 * A run holding several figures separated by spaces ("0 0 0 12", as some PDF makers write a
 * row) becomes one word per figure, each placed by its characters' share of the run's width.
 */
function splitRuns(words: PdfWord[]): PdfWord[] {
  const out: PdfWord[] = [];
  for (const w of words) {
    const str = unifyRadicals(w.str).replace(/[\u00a0\u3000]/g, ' ');
    const parts = [...str.matchAll(/\S+/g)];
    // Only a row's trailing figures are split off ("…继续办理 0 0 0"): prose with a figure in it
    // ("受理申请 58 件，办结 55 件") stays one run.
    const firstFigure = parts.findIndex((p) => isFigureLike(p[0]));
    const trailing = firstFigure >= 0 && parts.slice(firstFigure).every((p) => isFigureLike(p[0]));
    if (parts.length <= 1 || !trailing || (parts.length - firstFigure < 2 && !/\S\s{2,}\S/.test(str))) {
      if (str.trim()) out.push({ ...w, str: str.trim() });
      continue;
    }
    const per = w.w / Math.max(1, str.length);
    for (const p of parts) out.push({ str: p[0], x: w.x + p.index! * per, y: w.y, w: p[0].length * per, size: w.size });
  }
  return out;
}

/** Words on one baseline (within a third of their size), left to right; touching runs joined. */
function linesOf(words: PdfWord[]): Line[] {
  const sorted = [...words].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: { y: number; size: number; words: PdfWord[] }[] = [];
  for (const w of sorted) {
    const last = lines.at(-1);
    if (last && Math.abs(w.y - last.y) <= 0.35 * Math.max(w.size, last.size)) last.words.push(w);
    else lines.push({ y: w.y, size: w.size, words: [w] });
  }
  return lines.map((l) => {
    const byX = l.words.sort((a, b) => a.x - b.x);
    const joined: PdfWord[] = [];
    for (const w of byX) {
      const prev = joined.at(-1);
      // One word split into runs (a font change, a quote mark): joined unless both are figures.
      if (prev && w.x - right(prev) < 0.25 * Math.min(w.size, prev.size) && !(isFigureLike(prev.str) && isFigureLike(w.str)))
        joined[joined.length - 1] = { ...prev, str: prev.str + w.str, w: right(w) - prev.x, size: Math.max(prev.size, w.size) };
      else joined.push(w);
    }
    const size = median(joined.map((w) => w.size));
    // A figure of a table stands apart: a gap of about a character on each side (prose puts a
    // space at most). A line of one lone number (a page number) holds no figure.
    const figures = joined.filter((w, i) => {
      if (!isFigureLike(w.str)) return false;
      const before = joined[i - 1];
      const after = joined[i + 1];
      return (!before || w.x - right(before) >= 0.9 * w.size) && (!after || after.x - right(w) >= 0.9 * w.size);
    });
    const lone = figures.length === 1 && joined.length === 1;
    return { y: median(l.words.map((w) => w.y)), size, words: joined, figures: lone ? [] : figures };
  });
}

/**
 * A line of one lone number holds no figure (a page number) — unless it is a table's: set between
 * two lines of its row's wrapped label ((二)部分公开… / 3 / 情形，不计其他情形）) and standing
 * where a figure column of the page stands.
 */
function loneFigures(lines: Line[]): Line[] {
  const placed = lines.filter((l) => l.figures.length >= 2).flatMap((l) => l.figures);
  return lines.map((l, i) => {
    const w = l.words[0];
    if (l.figures.length || l.words.length !== 1 || !isFigureLike(w.str)) return l;
    const near = (o: Line | undefined) => o !== undefined && Math.abs(o.y - l.y) < 1.6 * Math.max(o.size, l.size);
    const aligned = placed.some((f) => Math.abs(centre(f) - centre(w)) < 0.6 * w.size || Math.abs(right(f) - right(w)) < 0.3 * w.size || Math.abs(f.x - w.x) < 0.3 * w.size);
    return near(lines[i - 1]) && near(lines[i + 1]) && aligned ? { ...l, figures: [w] } : l;
  });
}

/** A table's figure columns: where each stands (its figures' left and right edges, and centre). */
interface Column {
  centre: number;
  left: number;
  right: number;
  /** Median left and right edges: one of them is constant when the figures are aligned that way. */
  lefts: number[];
  rights: number[];
}

/** Figure centres clustered into columns: a new column where the next centre is more than a character away. */
function columnsOf(lines: Line[]): Column[] {
  const fs = lines.flatMap((l) => l.figures).sort((a, b) => centre(a) - centre(b));
  const groups: PdfWord[][] = [];
  for (const f of fs) {
    const g = groups.at(-1);
    if (g && centre(f) - centre(g[g.length - 1]) <= 0.8 * f.size) g.push(f);
    else groups.push([f]);
  }
  return groups.map((g) => ({ centre: median(g.map(centre)), left: Math.min(...g.map((f) => f.x)), right: Math.max(...g.map(right)), lefts: g.map((f) => f.x), rights: g.map(right) }));
}

/**
 * Each column's extent on the page, for the header words above it. Figures are centred, right-
 * or left-aligned in their cells (WPS centres them, our Word output puts them right): the cell
 * boundary lies halfway between centred columns, just right of right-aligned figures, just left
 * of left-aligned ones. The alignment is the edge that varies least over figures of different
 * widths.
 */
type Align = 'centre' | 'right' | 'left';

/** How the figures sit in their cells, where figures of different widths tell; else null. */
function alignmentOf(columns: Column[]): Align | null {
  const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
  const varied = columns.filter((c) => c.lefts.length && spread(c.lefts) + spread(c.rights) > 1);
  if (!varied.length) return null;
  const score = (f: (c: Column) => number) => varied.reduce((s, c) => s + f(c), 0);
  return score((c) => spread(c.rights)) < 0.5 * score((c) => spread(c.lefts)) ? 'right' : score((c) => spread(c.lefts)) < 0.5 * score((c) => spread(c.rights)) ? 'left' : 'centre';
}

function extents(columns: Column[], align: Align): [number, number][] {
  const gap = (i: number) => (columns[i + 1].centre - columns[i].centre);
  const boundary = (i: number) =>
    align === 'right' ? columns[i].right + 0.15 * gap(i) : align === 'left' ? columns[i + 1].left - 0.15 * gap(i) : (columns[i].centre + columns[i + 1].centre) / 2;
  const edgeWidth = columns.length > 1 ? gap(0) : 60;
  return columns.map((c, i) => {
    const left = i > 0 ? boundary(i - 1) : align === 'right' ? c.right - edgeWidth * 0.85 : align === 'left' ? c.left - 0.15 * edgeWidth : c.centre - edgeWidth / 2;
    const rightEdge = i < columns.length - 1 ? boundary(i) : align === 'right' ? c.right + 0.15 * edgeWidth : align === 'left' ? c.left + 0.85 * edgeWidth : c.centre + edgeWidth / 2;
    return [left, rightEdge];
  });
}

const HEADING = /^[一二三四五六七八九十]+、|^第[一二三四五六七八九十]+[章节部分]|年度报告$|^附[件表]/;

/** A section heading between tables (三、收到和处理…): numbered, and set larger than the table. */
const isHeading = (l: Line, tableSize: number) => HEADING.test(l.words.map((w) => w.str).join('')) && l.words.length <= 2 && l.size > 1.1 * tableSize;

/** The tables of the pages: runs of figure lines, split where a wide gap or a heading lies between them. */
function regionsOf(pages: Line[][]): Region[] {
  const regions: Region[] = [];
  pages.forEach((lines, page) => {
    let current: Line[] = [];
    let lastData = -1;
    const close = () => {
      if (current.some((l) => l.figures.length)) {
        const columns = columnsOf(current);
        const figureLeft = Math.min(...current.flatMap((l) => l.figures.map((f) => f.x)));
        const previousEnd = regions.at(-1)?.page === page ? regions.at(-1)!.lines.at(-1)! : undefined;
        const { header, labels } = headerAbove(lines, lines.indexOf(current[0]), figureLeft, previousEnd);
        regions.push({ lines: [...labels, ...current], columns, figureLeft, header, page });
      }
      current = [];
    };
    lines.forEach((line, i) => {
      if (!line.figures.length) {
        if (current.length) current.push(line);
        return;
      }
      if (current.length && lastData >= 0) {
        const prev = lines[lastData];
        const between = lines.slice(lastData + 1, i);
        const gap = line.y - prev.y;
        const size = Math.max(line.size, prev.size);
        // A heading between two tables, or a gap of several rows with text beyond the labels (a
        // caption, a header): a new table. Wrapped and group labels stay within the labels' width.
        const labelWords = [prev, line].flatMap((l) => l.words.filter((w) => !l.figures.includes(w)));
        const labelsRight = labelWords.length ? Math.max(...labelWords.map(right)) : Math.min(...line.figures.map((f) => f.x)) - size;
        if (between.some((l) => isHeading(l, size)) || (gap > 4 * size && between.some((l) => l.words.some((w) => w.x > labelsRight + size)))) {
          // The lines after the previous table's last figure belong to what follows.
          current = current.slice(0, current.indexOf(prev) + 1);
          close();
        }
      }
      if (!current.length) current.push(line);
      else {
        // The label lines since the last figure line (wrapped labels) stay with this table.
        for (const l of lines.slice(lastData + 1, i)) if (!current.includes(l)) current.push(l);
        current.push(line);
      }
      lastData = i;
    });
    // Trailing text after the last figure line is not the table's (a note or prose), except
    // label lines sitting close beneath it (a wrapped last label).
    if (current.length) {
      const last = current.findLastIndex((l) => l.figures.length);
      const tail = current.slice(last + 1).filter((l) => l.y - current[last].y < 1.5 * current[last].size);
      current = [...current.slice(0, last + 1), ...tail];
      close();
    }
  });
  return regions;
}

/**
 * The header lines above a table's first figure line: close above it, up to a heading, prose or
 * the table before. Lines right above it with words only left of the figures are the first
 * row's wrapped label, not header.
 */
function headerAbove(lines: Line[], first: number, figureLeft: number, previousEnd?: Line): { header: Line[]; labels: Line[] } {
  const header: Line[] = [];
  const labels: Line[] = [];
  // A table continued on a new page under its repeated header may start with rows printed without
  // figures (2.申请人逾期… wrapped over three lines, 3.其他, then （七）总计 with its figures): the
  // label-only lines right above the first figure line, from the topmost numbered one down, are
  // rows, whatever their indent.
  const run: Line[] = [];
  for (let i = first - 1, b = lines[first]; i >= 0 && run.length < 8; i--) {
    const l = lines[i];
    if ((previousEnd && l.y <= previousEnd.y) || isHeading(l, lines[first].size)) break;
    if (!l.words.every((w) => right(w) < figureLeft - l.size) || b.y - l.y >= 1.6 * Math.max(l.size, b.size)) break;
    run.unshift(l);
    b = l;
  }
  const top = run.findIndex((l) => NUMBERED.test(l.words[0].str));
  const rows = new Set(top >= 0 ? run.slice(top) : []);
  let below = lines[first];
  for (let i = first - 1; i >= 0 && header.length < 12; i--) {
    const l = lines[i];
    if (previousEnd && l.y <= previousEnd.y) break;
    if (below.y - l.y > 4 * Math.max(l.size, below.size)) break;
    if (isHeading(l, lines[first].size)) break;
    // Prose: a long line of running text.
    if (l.words.length === 1 && l.words[0].str.length > 30) break;
    // A wrapped label's first line starts where the row's label starts (or, for figures set
    // between a label's two lines, sits within a line of them), and stays left of the figures.
    const rowLabel = lines[first].words.find((w) => !lines[first].figures.includes(w));
    const leftOfFigures = l.words.every((w) => right(w) < figureLeft - l.size);
    const labelOnly = leftOfFigures && (rowLabel ? l.words.every((w) => Math.abs(w.x - rowLabel.x) < 2 * l.size) : lines[first].y - l.y < l.size);
    if (rows.has(l) || (!header.length && labelOnly && below.y - l.y < 1.6 * Math.max(l.size, below.size) && labels.length < 3)) labels.unshift(l);
    else header.unshift(l);
    below = l;
  }
  return { header, labels };
}

/**
 * Running heads and feet (the unit's name and the year on every page, page numbers): the same
 * text at the same height on two or more pages is the page's, not a table's.
 */
function dropPageFurniture(pages: Line[][], heights: number[]): Line[][] {
  if (pages.length < 2) return pages;
  // Only at the page's top and bottom margins: a table's header repeated on each page stays.
  const margin = (l: Line, p: number) => l.y < 0.1 * heights[p] || l.y > 0.9 * heights[p];
  const key = (l: Line) => `${Math.round(l.y / 4)}|${l.words.map((w) => w.str).join(' ')}`;
  const seen = new Map<string, Set<number>>();
  pages.forEach((lines, p) => lines.forEach((l) => margin(l, p) && (seen.get(key(l)) ?? seen.set(key(l), new Set()).get(key(l))!).add(p)));
  return pages.map((lines, p) => lines.filter((l) => !margin(l, p) || l.figures.length > 1 || (seen.get(key(l))?.size ?? 0) < 2));
}

/** A label that starts a row of the form: （三）, 三、, 1. — a wrapped line's rest does not. */
const NUMBERED = /^[（(][一二三四五六七八九十]+[）)]|^[一二三四五六七八九十]+、|^\d+[.．、]/;

/**
 * The rows: one per figure line, with the label lines that belong to it (the nearest figure line
 * by baseline: a label wrapped over lines, a group label beside its rows in a column of its
 * own). A numbered label line a row away from any figures, in the same column as that row's
 * label, is a row of its own without figures (（三）不予公开 over its items).
 */
function rowsOf(region: Region): { row: Line | null; y: number; labels: PdfWord[] }[] {
  const data = region.lines.filter((l) => l.figures.length);
  // Each figure line with its label lines (its own label words count as a line at its baseline).
  const groups = data.map((row) => {
    const own = joinNear(row.words.filter((w) => !row.figures.includes(w)));
    return { row, lines: own.length ? [{ y: row.y, words: own }] : ([] as { y: number; words: PdfWord[] }[]) };
  });
  for (const l of region.lines) {
    if (l.figures.length) continue;
    let best = 0;
    for (let i = 1; i < data.length; i++) if (Math.abs(data[i].y - l.y) < Math.abs(data[best].y - l.y)) best = i;
    groups[best].lines.push({ y: l.y, words: joinNear(l.words) });
  }
  const out: { row: Line | null; y: number; labels: PdfWord[] }[] = [];
  for (const { row, lines } of groups) {
    lines.sort((a, b) => a.y - b.y);
    // Unnumbered lines above a row's numbered label are the rest of the row above, wrapped
    // (…不再处理其政府信息公开 / 申请, then 3.其他).
    const start = lines.findIndex((l) => NUMBERED.test(l.words[0].str));
    const previous = out.at(-1);
    if (start > 0 && previous && lines.slice(0, start).every((l) => Math.abs(l.words[0].x - (previous.labels.at(-1)?.x ?? l.words[0].x)) < 4 * l.words[0].size))
      for (const l of lines.splice(0, start)) previous.labels.push(...l.words);
    const numbered = lines.filter((l) => NUMBERED.test(l.words[0].str));
    // The row's own label numbered on its baseline ((七)总计): every other numbered line is a
    // row of its own, whatever its indent (3.其他 above it, the last item of the group before).
    const onBaseline = (l: { y: number; words: PdfWord[] }) => Math.abs(l.y - row.y) <= 0.5 * l.words[0].size;
    const own = numbered.find(onBaseline);
    // (A group label in a column of its own left of the row's label, （三）不予公开 beside its
    // items, stays the group's label.)
    const besideLeft = (l: { words: PdfWord[] }) => own !== undefined && right(l.words.at(-1)!) <= own.words[0].x;
    // Two numbered lines in one column: the one nearest the figures is the row's label; one
    // farther off is a row of its own (with the unnumbered lines under it, its wrapped rest).
    const apart = new Set(
      numbered.filter((l) => {
        if (own && !besideLeft(l)) return !onBaseline(l);
        const peers = numbered.filter((o) => o !== l && Math.abs(o.words[0].x - l.words[0].x) < 1.5 * l.words[0].size);
        return peers.length > 0 && peers.some((o) => Math.abs(o.y - row.y) < Math.abs(l.y - row.y)) && Math.abs(l.y - row.y) > 0.9 * l.words[0].size;
      })
    );
    let current: { row: Line | null; y: number; labels: PdfWord[] } = { row, y: row.y, labels: [] };
    const mine = current;
    for (const l of lines) {
      if (apart.has(l)) {
        current = { row: null, y: l.y, labels: [...l.words] };
        out.push(current);
      } else if (current !== mine && !NUMBERED.test(l.words[0].str) && Math.abs(l.words[0].x - current.labels[0].x) < 2.5 * l.words[0].size && l.y < row.y) current.labels.push(...l.words);
      else {
        current = mine;
        mine.labels.push(...l.words);
      }
    }
    out.push(mine);
  }
  return out.sort((a, b) => a.y - b.y);
}

/** Label words of one line a character apart or less are one cell's text (a run broken by a space). */
function joinNear(words: PdfWord[]): PdfWord[] {
  const out: PdfWord[] = [];
  for (const w of words) {
    const prev = out.at(-1);
    if (prev && w.x - right(prev) < 1.2 * Math.min(w.size, prev.size)) out[out.length - 1] = { ...prev, str: prev.str + w.str, w: right(w) - prev.x };
    else out.push(w);
  }
  return out;
}

/**
 * The header over the figure columns: each column's own words (inside its extent, wrapped lines
 * joined top to bottom), the words spanning several columns (申请人情况) as group headers, and
 * the words left of the figures as the corner. Where the figures cannot tell how they sit in
 * their cells (all one width), the alignment that puts the header's words over the most
 * columns is taken.
 */
function headerCells(region: Region) {
  const known = alignmentOf(region.columns);
  const options: Align[] = known ? [known] : ['centre', 'right', 'left'];
  let best: (ReturnType<typeof assign> & { align: Align }) | null = null;
  for (const align of options) {
    const got = { ...assign(region, extents(region.columns, align)), align };
    if (!best || got.hit > best.hit) best = got;
  }
  return best!;
}

function assign(region: Region, ext: [number, number][]) {
  const leaves = region.columns.map(() => [] as PdfWord[]);
  const corner: PdfWord[] = [];
  const groups: { text: string; from: number; to: number; y: number }[] = [];
  for (const line of region.header)
    for (const w of line.words) {
      if (right(w) <= ext[0][0] + 0.5 * w.size) {
        corner.push({ ...w, y: line.y });
        continue;
      }
      const over = ext.map(([a, b], i) => (Math.min(b, right(w)) - Math.max(a, w.x) > 0.5 * w.size ? i : -1)).filter((i) => i >= 0);
      const inside = ext.findIndex(([a, b]) => centre(w) >= a && centre(w) < b);
      if (over.length <= 1 && inside >= 0) leaves[inside].push({ ...w, y: line.y });
      else if (over.length) groups.push({ text: w.str, from: over[0], to: over.at(-1)!, y: line.y });
    }
  const join = (ws: PdfWord[]) => ws.sort((a, b) => a.y - b.y || a.x - b.x).map((w) => w.str).join('');
  return { leaves: leaves.map(join), corner: join(corner), groups, ext, hit: leaves.filter((l) => l.length).length };
}

/** A label's words in reading order: by line, then left to right. */
function labelText(words: PdfWord[]): string {
  return [...words].sort((a, b) => a.y - b.y || a.x - b.x).map((w) => w.str).join('');
}

/**
 * The pages' tables as the mapper's blocks: per table, a header row (the leaf header over each
 * figure column, group headers as spanned cells above it) and one row per figure line —
 * [label, unit, figure slot per column] — so an empty cell stays empty in its own column.
 */
export function pdfBlocks(pages: PdfPage[]): { blocks: SourceBlock[]; texts: string[] } {
  const linesByPage = dropPageFurniture(pages.map((p) => loneFigures(linesOf(splitRuns(p.words)))), pages.map((p) => p.height));
  const regions = regionsOf(linesByPage);
  for (const r of regions) addBlankColumns(r);
  const blocks: SourceBlock[] = [];
  let previous: { region: Region; header: SourceBlock['rows']; spanned: string[][] } | null = null;
  regions.forEach((region, n) => {
    const rows: string[][] = [];
    const spanned: string[][] = [];
    // A table continued on the next page (or past a wide gap) without its header: the header it
    // had, when its figures stand in the same columns.
    // A sparse page may leave some of the table's columns without a figure: each column it has
    // must stand where one of the table's did.
    const continued =
      previous && !region.header.length && region.page - previous.region.page <= 1 && region.columns.length <= previous.region.columns.length &&
      region.columns.every((c) => previous!.region.columns.some((p) => Math.abs(c.centre - p.centre) < 12));
    if (continued) region.columns = previous!.region.columns;
    const rowLabels = rowsOf(region).map((r) => ({ ...r, ...splitUnit(r.labels) }));
    // Label columns by where their words start: a group label spanning rows (（三）不予公开)
    // stands left of the rows' own labels (1.属于国家秘密) and stays a cell of its own.
    const labelCols = clusterLefts(rowLabels.flatMap((r) => r.label));
    const L = labelCols.length;
    const width = L + 1 + region.columns.length;
    if (continued) {
      rows.push(...previous!.header);
      spanned.push(...previous!.spanned);
    } else if (region.header.length) {
      const { leaves, corner, groups } = headerCells(region);
      // Group headers (申请人情况 › 法人或其他组织) each on a row of their own, top down.
      const levels = [...new Set(groups.map((g) => Math.round(g.y)))].sort((a, b) => a - b);
      for (const level of levels) {
        const row = Array<string>(width).fill('');
        const span = Array<string>(width).fill('');
        for (const g of groups.filter((x) => Math.round(x.y) === level)) {
          row[L + 1 + g.from] = g.text;
          for (let c = g.from; c <= g.to; c++) span[L + 1 + c] = g.text;
        }
        rows.push(row);
        spanned.push(span);
      }
      rows.push([corner, ...Array<string>(L).fill(''), ...leaves]);
      spanned.push([]);
    }
    const header = rows.slice();
    const headerSpans = spanned.slice();
    const ext = extentsFor(region);
    for (const { row, label, unit } of rowLabels) {
      const cells = Array<string>(width).fill('');
      for (let k = 0; k < L; k++) cells[k] = labelText(label.filter((w) => nearest(labelCols, w.x) === k));
      cells[L] = unit.map((w) => w.str).join('');
      for (const f of row?.figures ?? []) {
        const c = ext.findIndex(([a, b]) => centre(f) >= a && centre(f) < b);
        const at = c >= 0 ? c : nearest(region.columns.map((x) => x.centre), centre(f));
        cells[L + 1 + at] = cells[L + 1 + at] ? `${cells[L + 1 + at]} ${f.str}` : f.str;
      }
      rows.push(cells);
      spanned.push([]);
    }
    // Named by page, as a person finds it in the PDF: the tables of one page share the name.
    blocks.push({ name: `第${region.page + 1}页`, rows, spanned, kind: 'grid' });
    previous = { region, header: continued ? previous!.header : header, spanned: continued ? previous!.spanned : headerSpans };
  });
  // The text outside the tables, for 单位名称 and 年度 (the title comes first).
  const inTables = new Set(regions.flatMap((r) => [...r.lines, ...r.header]));
  const texts = linesByPage.flatMap((lines) => lines.filter((l) => !inTables.has(l)).map((l) => l.words.map((w) => w.str).join('')));
  return { blocks, texts };
}

/** A unit printed in its own column (条, 件) sits between the label and the figures. */
function splitUnit(labels: PdfWord[]): { label: PdfWord[]; unit: PdfWord[] } {
  const isUnit = (w: PdfWord) => w.str.length <= 3 && /^(人次|万元|条|件|次|篇|个|人|元|项|家|份)$/.test(w.str) && labels.some((o) => o !== w && o.x < w.x);
  return { label: labels.filter((w) => !isUnit(w)), unit: labels.filter(isUnit) };
}

/**
 * Where label words start, clustered: one label column per cluster. Continuation lines of a
 * wrapped label start at the label's own left edge (or a little inside it), so they join it.
 */
function clusterLefts(words: PdfWord[]): number[] {
  const xs = words.map((w) => ({ x: w.x, size: w.size })).sort((a, b) => a.x - b.x);
  const groups: { x: number; n: number }[] = [];
  for (const { x, size } of xs) {
    const g = groups.at(-1);
    if (g && x - g.x <= 2.5 * size) g.n++;
    else groups.push({ x, n: 1 });
  }
  return groups.length ? groups.map((g) => g.x) : [0];
}

/**
 * A column left blank in every row has no figure to place it: its header word does. A header
 * word standing over no column's cell adds a column there (科研机构 blank all down the table).
 */
function addBlankColumns(region: Region) {
  if (!region.header.length || !region.columns.length) return;
  const { align } = headerCells(region);
  const cs = region.columns.map((c) => c.centre);
  const gaps = cs.slice(1).map((c, i) => c - cs[i]);
  // The narrowest gap between figure columns is one cell (a blank column only widens gaps).
  const pitch = gaps.length ? Math.min(...gaps) : 60;
  const cellCentre = (c: Column) => (align === 'right' ? c.right - 0.5 * pitch : align === 'left' ? c.left + 0.5 * pitch : c.centre);
  const mids = region.columns.map(cellCentre);
  const lo = Math.min(...mids) - pitch;
  const words = region.header.flatMap((l) => l.words).filter((w) => w.w < 1.2 * pitch && centre(w) > lo);
  const centres = words.map(centre).sort((a, b) => a - b);
  const clusters: number[][] = [];
  for (const c of centres) {
    const g = clusters.at(-1);
    if (g && c - g[g.length - 1] < 0.3 * pitch) g.push(c);
    else clusters.push([c]);
  }
  // Between figure columns; and right of the last one, the columns of a block left blank in
  // every row (复议后起诉 in a table with no such case), each a cell's width from the one before
  // — a word farther off is no cell of the table's figures.
  const centresOf = clusters.map(median);
  const added = centresOf.filter((c) => c > Math.min(...mids) - 0.5 * pitch && c < Math.max(...mids) + 0.5 * pitch && mids.every((m) => Math.abs(c - m) > 0.6 * pitch));
  let last = Math.max(...mids);
  for (const c of centresOf.filter((x) => x > last + 0.5 * pitch)) {
    if (c - last > 1.6 * pitch) break;
    if (c - last < 0.6 * pitch) continue;
    added.push(c);
    last = c;
  }
  if (!added.length) return;
  for (const c of added) {
    const at = align === 'right' ? c + 0.5 * pitch : align === 'left' ? c - 0.5 * pitch : c;
    region.columns.push({ centre: at, left: at - 0.1 * pitch, right: at + 0.1 * pitch, lefts: [], rights: [] });
  }
  region.columns.sort((a, b) => a.centre - b.centre);
}

/** The columns' extents as the header read them (or, with no header, by the figures alone). */
function extentsFor(region: Region): [number, number][] {
  return region.header.length ? headerCells(region).ext : extents(region.columns, alignmentOf(region.columns) ?? 'centre');
}

function nearest(columns: number[], x: number) {
  let best = 0;
  for (let i = 1; i < columns.length; i++) if (Math.abs(columns[i] - x) < Math.abs(columns[best] - x)) best = i;
  return best;
}
