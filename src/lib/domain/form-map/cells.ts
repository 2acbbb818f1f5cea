// What a source row holds, cell by cell: blanks, figures, units and label text.
import { isFigureLike, isUnitText } from '../labels';

/** Empty to the eye: spaces, &nbsp; and full-width spaces only. */
export const blank = (s: string | undefined) => !s || s.replace(/[\s\u00a0\u3000]/g, '') === '';

export interface RowShape {
  cells: string[];
  /** Label cells: text that is neither a figure nor a unit. */
  labels: number[];
  /** Non-blank figure-like cells. */
  figures: number[];
}

export function shape(cells: string[], units: ReadonlySet<string>): RowShape {
  const labels: number[] = [];
  const figures: number[] = [];
  cells.forEach((t, c) => {
    if (blank(t)) return;
    if (isFigureLike(t)) figures.push(c);
    else if (!isUnitText(t, units)) labels.push(c);
  });
  return { cells, labels, figures };
}
