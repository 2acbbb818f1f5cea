// Which column of a source block holds which column of a table: by the header words over it,
// else by position where the count is exact.
import { isUnitText, labelKey, similarity } from '../labels';
import type { TableDef } from '../model';
import { blank } from './cells';
import type { FormIndex, Leaf } from './form-index';

/** Header rows above a run of data rows: the words over each column, top to bottom. */
export interface HeaderContext {
  chains: string[][];
}

/** Which block column holds which leaf of a table, from the header words over the columns. */
export function mapColumns(idx: FormIndex, table: TableDef, ctx: HeaderContext, after: number): Map<number, number> {
  const out = new Map<number, number>();
  const used = new Set<number>();
  const leaves = idx.leaves.get(table.id)!;
  ctx.chains.forEach((chain, c) => {
    if (c <= after || !chain.length) return;
    // The lowest header word names the column; its ancestors, where printed, settle repeats
    // (表四: 结果维持 under 行政复议 and under each 行政诉讼 block), else reading order does.
    const own = chain[chain.length - 1];
    let best: Leaf | null = null;
    let bestScore = -1;
    for (const leaf of leaves) {
      if (used.has(leaf.index) || leaf.key !== own) continue;
      const score = leaf.path.filter((p) => chain.includes(p)).length;
      if (score > bestScore) [best, bestScore] = [leaf, score];
    }
    if (best) {
      out.set(c, best.index);
      used.add(best.index);
    }
  });
  // A misprinted header (本年废纸件数) beside columns that matched: the one unused column of the
  // table it resembles, in its place in the order. Never on its own: 2019's 处理决定数量 must
  // not become 2021's 本年处理决定数量.
  if (out.size)
    ctx.chains.forEach((chain, c) => {
      if (c <= after || !chain.length || out.has(c)) return;
      const own = chain[chain.length - 1];
      const left = Math.max(-1, ...[...out].filter(([x]) => x < c).map(([, i]) => i));
      const right = Math.min(Infinity, ...[...out].filter(([x]) => x > c).map(([, i]) => i));
      const like = [...new Set(leaves.filter((l) => !used.has(l.index) && l.index > left && l.index < right && similarity(own, l.key) >= 0.6).map((l) => l.index))];
      if (like.length === 1) {
        out.set(c, like[0]);
        used.add(like[0]);
      }
    });
  return out;
}

/**
 * Figure columns by position, for a row with no header word over its figures: the cells right of
 * the label (units aside) when they are exactly as many as the table's columns — or as the grid
 * shows them, its derived 小计 columns among them (`derived`: each leaf column, derived or not; a
 * sheet laid out like the grid has a cell there, blank or not, which is no cell of the form); a
 * one-column table (统计数) takes the row's one figure wherever it sits. Otherwise none: never a guess.
 */
export function positionalColumns(cells: string[], labelCol: number, unitCol: number, width: number, n: number, units: ReadonlySet<string>, derived: readonly boolean[] = []): Map<number, number> {
  const rest: number[] = [];
  for (let c = labelCol + 1; c < width; c++) if (c !== unitCol && !isUnitText(cells[c] ?? '', units)) rest.push(c);
  // Without a label, blanks before the first figure are no column (an empty label cell).
  if (labelCol < 0) while (rest.length && blank(cells[rest[0]])) rest.shift();
  const trimmed = [...rest];
  while (trimmed.length && blank(cells[trimmed[trimmed.length - 1]])) trimmed.pop();
  const filled = rest.filter((c) => !blank(cells[c]));
  const cols = new Map<number, number>();
  if (rest.length === n) rest.forEach((c, i) => cols.set(c, i));
  else if (trimmed.length === n) trimmed.forEach((c, i) => cols.set(c, i));
  else if (derived.length > n && (rest.length === derived.length || trimmed.length === derived.length)) {
    let i = 0;
    (rest.length === derived.length ? rest : trimmed).forEach((c, k) => !derived[k] && cols.set(c, i++));
  } else if (n === 1 && filled.length === 1) cols.set(filled[0], 0);
  else if (n === 1 && !filled.length && rest.length) cols.set(rest[0], 0);
  return cols;
}

/** The column of units (条, 件, 万元) beside the labels, if the block has one. */
export function unitColumn(rows: string[][], width: number, units: ReadonlySet<string>): number {
  for (let c = 0; c < width; c++) {
    const filled = rows.filter((r) => !blank(r[c]));
    const found = filled.filter((r) => isUnitText(r[c], units)).length;
    if (found >= 2 && found >= filled.length * 0.6) return c;
  }
  return -1;
}

/**
 * The context a header row leaves: its words under those of the header rows right above it
 * (`above`), or the first words of a new context after data rows (`above` null). A merged cell's
 * word stands over every column it spans.
 */
export function extendHeader(above: HeaderContext | null, cells: string[], spanned: string[] | undefined): HeaderContext {
  const chains = above ? above.chains.map((chain) => [...chain]) : [];
  for (let c = 0; c < Math.max(cells.length, spanned?.length ?? 0); c++) {
    const word = labelKey((cells[c] || spanned?.[c]) ?? '');
    if (word) (chains[c] ??= []).push(word);
  }
  for (let c = 0; c < chains.length; c++) chains[c] ??= [];
  return { chains };
}
