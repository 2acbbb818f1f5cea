// Which form a 汇总's file is, without scoring every other form again for each file of one layout.
//
// The files of a 汇总 mostly come from one template, filled by each unit: the same labels and
// headers in the same places, different figures. Telling whether such a file is the 汇总's form or
// another one scores every form on it (form-map.ts `chooseForm`), and the other forms were about
// two thirds of that mapping for each of 1,000 files. How the other forms score does not depend on
// the digits of a plain figure, only on where figures stand (a row's label and a column's header
// find their row and column; a cell of digits is a figure wherever it stands and whatever it
// says), nor on a title line no form can read anything from (the unit's name in it): so their
// standing is kept for the file's layout — every cell as it reads, but plain figures as '#' and
// such a title as '§' — and a later file of that layout maps only the 汇总's own form, unless
// another form scored above it there.
//
// The own form is always mapped in full (its figures are what the file gives). A file whose own
// form does not fit, a layout not seen before, and PDF text (whose lines are joined by what the
// form knows) are decided by scoring every form, as before.
import { chooseForm, mapToForm, type FormPlan, type SourceBlock } from '$lib/domain/form-map';
import { blank } from '$lib/domain/form-map/cells';
import { formIndex } from '$lib/domain/form-map/form-index';
import { isFigureLike, isUnitText, labelKey, leadingNumber } from '$lib/domain/labels';
import { hash2 } from '$lib/check-stamp';
import { startsRow } from '$lib/domain/outline';
import type { Template } from '$lib/domain/model';

/** What deciding between the forms needs of another form's plan. */
interface Standing {
  score: number;
  /** It fits, by labels (a form chooseForm could pick). */
  contends: boolean;
}

/** A plain figure: digits only, as parseFigure reads them at once (no sign, unit, separator or decimals). */
const PLAIN = /^(0|[1-9]\d{0,14})$/;

/** What a form reads a line's text as: its rows' labels and aliases, its header words, its units. */
interface Words {
  rows: string[];
  headers: Set<string>;
  units: ReadonlySet<string>;
}
const wordCache = new WeakMap<Template, Words>();
function wordsOf(t: Template): Words {
  let w = wordCache.get(t);
  if (!w) {
    const idx = formIndex(t);
    const rows = new Set(t.tables.flatMap((table) => table.rows.flatMap((r) => [r.label, ...(r.aliases ?? [])].map(labelKey))));
    rows.delete('');
    wordCache.set(t, (w = { rows: [...rows], headers: new Set([...idx.headerWords, ...idx.derivedWords]), units: idx.units }));
  }
  return w;
}

/**
 * A line's only text (a title with the unit's name, 填报单位：…) that no form can read anything
 * from, so that a unit's name in it does not make each unit's file a layout of its own. A text
 * that is no figure, unit or header word of a form, has no numbering and no brackets, and neither
 * holds a row's words nor starts them is skipped by the mapper whatever it says: no row, header or
 * unit finds it, and joined to a wrapped label below it cannot make a known one. Numbering as the
 * row matcher reads it for a misprint (spaces gone, NFKC: １．, ⒈ and 1 . are 1.): a numbered line
 * like the row expected next is taken as that row misprinted.
 */
function inert(text: string, forms: Words[]): boolean {
  if (isFigureLike(text) || startsRow(text) || leadingNumber(text) !== '' || /[（()）【】[\]]/.test(text)) return false;
  const key = labelKey(text);
  return key !== '' && forms.every((f) => !isUnitText(text, f.units) && !f.headers.has(key) && !f.rows.some((w) => w.includes(key) || key.includes(w)));
}

/**
 * The file's layout as the other forms' scoring sees it, or null where it cannot be kept (PDF
 * text): plain figures as '#', a line's inert only text as '§'. The texts merged cells spread
 * (`spanned`) stand as they read, digits too, in a row that could be a header row (no figure in
 * it): a header row reads a merged figure there as a header word. Block names stand by the order they first appear: a web page's table is named after the
 * file, and only which blocks share a name matters to the mapper. Kept as a hash (two 32-bit
 * hashes and the length): a workbook's layout can be megabytes.
 */
export function layoutKey(blocks: SourceBlock[], templates: Template[]): string | null {
  if (blocks.some((b) => b.kind === 'text')) return null;
  const forms = templates.map(wordsOf);
  const names = new Map<string, number>();
  const cell = (t: string) => (PLAIN.test(t.trim()) ? '#' : t);
  const rows = (b: SourceBlock) =>
    b.rows.map((r, i) => {
      // Only a header row reads them, and a row with a figure is none.
      const spanned = r.some(isFigureLike) ? null : (b.spanned?.[i] ?? null);
      const filled = r.filter((t) => !blank(t));
      if (filled.length !== 1 || !inert(filled[0], forms)) return [r.map(cell), spanned];
      const only = filled[0];
      return [r.map((t) => (t === only ? '§' : cell(t))), spanned?.map((t) => (t === only ? '§' : t)) ?? null];
    });
  const key = JSON.stringify(blocks.map((b) => [names.get(b.name) ?? names.set(b.name, names.size).get(b.name), b.kind ?? '', rows(b)]));
  return `${hash2(key).join(':')}:${key.length}`;
}

/**
 * The other forms' standings by layout, for the files one batch worker reads (a few layouts, a
 * thousand files): kept for the last LAYOUTS layouts seen.
 */
export class FormStandings {
  private readonly kept = new Map<string, Standing[]>();
  /** Files decided from a kept standing (the other forms not mapped). */
  hits = 0;
  constructor(private readonly LAYOUTS = 32) {}

  /**
   * The form that fits the blocks (as chooseForm picks it: the best score among the forms that fit
   * by labels, `prefer` first on a tie), or null with the closest plan; `prefer`'s plan made once.
   */
  choose(templates: Template[], blocks: SourceBlock[], prefer: string): { best: FormPlan | null; closest: FormPlan } {
    const own = templates.find((t) => t.id === prefer);
    const key = own ? layoutKey(blocks, templates) : null;
    if (!own || key === null) return chooseForm(templates, blocks, prefer);
    const formsKey = `${templates.map((t) => `${t.id}@${t.version}`).join(',')}|${prefer}|${key}`;
    const plan = mapToForm(own, blocks);
    const others = this.kept.get(formsKey);
    if (others && plan.fits && plan.mode === 'labels' && !others.some((o) => o.contends && o.score > plan.score)) {
      this.hits++;
      this.keep(formsKey, others);
      return { best: plan, closest: plan };
    }
    const choice = chooseForm(templates, blocks, prefer, [plan]);
    this.keep(formsKey, choice.ranking.filter((p) => p !== plan).map((p) => ({ score: p.score, contends: p.fits && p.mode === 'labels' })));
    return choice;
  }

  /** Kept as the layout seen last: the one seen longest ago goes first. */
  private keep(key: string, others: Standing[]) {
    this.kept.delete(key);
    if (this.kept.size >= this.LAYOUTS) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(key, others);
  }
}
