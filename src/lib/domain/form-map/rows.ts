// Reading one row of a source block: PDF lines put back together, the row's own label (mended
// where PDF text or Word broke it), and whether it is a header row.
import { startsRow } from '../outline';
import type { RowShape } from './cells';
import { unitWords, type FormIndex } from './form-index';

/** How a block is read, the same for each of its rows. */
export interface BlockLayout {
  name: string;
  /** PDF text: header words do not line up with the figures, and a line break may cut a label off. */
  text: boolean;
  width: number;
  unitCol: number;
  knownRow: (label: string) => boolean;
}

/** A row as read: its shape and its own label. */
export interface Line {
  s: RowShape;
  labelCol: number;
  label: string;
  /** The label names a row of the form. */
  known: boolean;
}

/**
 * PDF viewers copy a row's figures onto lines of their own, one or several per line, below its
 * label: a known label without figures takes the figure-only lines that follow it, and a run of
 * figure-only lines under no label (表四 below its headers) is one row. A label the table cell
 * wrapped comes on several lines (（二）部分公开（区分处理的，只计这一 / 情形，不计其他情形）): a
 * line that is no row by itself, starts none and no header word, continues the label above it
 * where together they name a row (and not a header word: 总 / 计 of 表四's header stays apart).
 */
export function joinFigureLines(rows: string[][], known: (label: string) => boolean, columnWord: (label: string) => boolean = () => false): string[][] {
  const out: string[][] = [];
  const figuresOnly = (row: string[] | undefined) => row !== undefined && !row[0] && row.length > 1;
  const alone = (row: string[] | undefined) => row !== undefined && row.length === 1 && Boolean(row[0]);
  // A PDF reader copies a repeated header word by word, and a column's name can be a row's too
  // (其他 is the applicant column and 3.其他 of （六）): among other column names it is the header's.
  const inHeader = (i: number) => columnWord(rows[i][0]) && [rows[i - 1], rows[i - 2]].some((r) => alone(r) && columnWord(r![0]));
  const piece = (next: string[] | undefined) => alone(next) && !known(next![0]) && !startsRow(next![0]) && !columnWord(next![0]);
  // How many of the lines after `at` continue `label`: the fewest (up to four: 危及 / “ / 三安全一稳定 / ”) that name a row with it.
  const continuation = (label: string, at: number) => {
    let joined = label;
    for (let k = 1; k <= 4 && piece(rows[at + k]); k++) {
      joined += rows[at + k][0];
      if (!columnWord(joined) && known(joined)) return k;
    }
    return 0;
  };
  for (let i = 0; i < rows.length; i++) {
    let row = rows[i];
    // Left out (as an empty line), so no figures below take it as their row's label.
    if (alone(row) && inHeader(i)) {
      out.push([]);
      continue;
    }
    if (alone(row) && !columnWord(row[0])) {
      let label = row[0];
      for (let k = continuation(label, i); k > 0; k = continuation(label, i)) for (const end = i + k; i < end; ) label += rows[++i][0];
      row = [label];
    }
    if ((alone(row) && known(row[0])) || figuresOnly(row)) {
      const joined = [...row];
      while (figuresOnly(rows[i + 1])) joined.push(...rows[++i].slice(1));
      out.push(joined);
    } else out.push(row);
  }
  return out;
}

/**
 * The row's own label: the last known label left of the figures (a web page puts a group label
 * spanning its rows beside it), else the last label there; mended where PDF text ran the unit into
 * it, or Word or PDF wrapped it after `carry`.
 */
export function ownLabel(idx: FormIndex, s: RowShape, carry: string, knownRow: (label: string) => boolean): { labelCol: number; label: string } {
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
  // PDF text runs a group's label into its first row's (（四）无法提供 1.本机关不掌握相关政府信息):
  // where both are labels of the form, the row's own is the one that starts with its numbering.
  if (label && !knownRow(label))
    for (let i = 1; i < label.length; i++)
      if (startsRow(label.slice(i)) && knownRow(label.slice(i)) && knownRow(label.slice(0, i))) {
        label = label.slice(i);
        break;
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
export function continuesLabel(waiting: string, label: string, knownRow: (label: string) => boolean): boolean {
  return /[（(][^）)]*$/.test(waiting) && /[）)]/.test(label) && !knownRow(label) && !startsRow(label);
}

/**
 * A header row names columns: known header words (`headerHits`), or (a layout of its own: 指标名称 |
 * 计量单位 | 本年度 | 历年累计) three or more words that name no row. Its unknown words then keep
 * the figures below them from being read into this form's columns.
 */
export function isHeaderRow(s: RowShape, headerHits: number, label: string, knownRow: (label: string) => boolean): boolean {
  return !s.figures.length && ((headerHits > 0 && (headerHits >= 2 || !knownRow(label))) || (s.labels.length >= 3 && !s.labels.some((c) => knownRow(s.cells[c]))));
}
