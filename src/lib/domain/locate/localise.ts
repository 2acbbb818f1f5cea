// Which figures are wrong: the report's hard relations as edit rules (edits.ts), each connected
// group of them searched for its smallest sets of figures to change (search.ts), a block typed
// one place off recognised as one slip (shift.ts), and the equally small explanations ordered as
// a person would weigh them — a typing slip first (typos.ts), then what also mends last year's
// checks, then a hand-added total before a detail. Pure: the session runs it after a keystroke
// has painted, the workbook and the 汇总 when they need it.
import { formatFigure } from '../figures';
import type { CellKey, Template, Values } from '../model';
import { compile } from '../relations';
import { buildEdits, holds, type Edit, type EditSystem } from './edits';
import { components, locateComponent, MAX_CHANGES, ranges, softBroken, type Component } from './search';
import { findShift, type Shift } from './shift';
import { typoOf, type Typo } from './typos';

export interface Correction {
  key: CellKey;
  /** The figure as entered; null where the cell is blank or unreadable. */
  actual: number | null;
  /** What the relations call for: [min, max] (equal when determined; ±Infinity when open). */
  min: number;
  max: number;
  /** The value, when the relations determine it (rounded to the form's precision). */
  value: number | null;
  typo: Typo | null;
}

export interface Group {
  status: 'located' | 'too-many' | 'gave-up' | 'shift';
  /** The checks (ruleIds) of the component's hard relations that fail as entered. */
  broken: Set<string>;
  /** The cells of its relations (entered and blank): a failing relation belongs to the group holding its cells. */
  cells: Set<CellKey>;
  /** Every smallest set of figures to change, the likeliest first (located). */
  sets: Correction[][];
  shift?: Shift;
}

export interface Localisation {
  groups: Group[];
  /** What each blank or unreadable cell named by an error should hold, given the likeliest sets. */
  blanks: Map<CellKey, Correction>;
}

const roundTo = (v: number, integer: boolean) => (integer ? Math.round(v) : Math.round(v * 1e6) / 1e6);

function correction(sys: EditSystem, j: number, range: [number, number] | undefined): Correction {
  const [min, max] = range ?? [-Infinity, Infinity];
  const integer = sys.integer[j];
  const lo = integer && Number.isFinite(min) ? Math.ceil(min - 1e-6) : min;
  const hi = integer && Number.isFinite(max) ? Math.floor(max + 1e-6) : max;
  const determined = Number.isFinite(lo) && Math.abs(hi - lo) < 1e-6;
  // + 0: a value worked out as −0 prints and compares as 0.
  const value = determined ? roundTo(lo, integer) + 0 : null;
  const actual = sys.kind[j] === 'fixed' ? sys.value[j] : null;
  return { key: sys.keys[j], actual, min: lo, max: hi, value, typo: actual !== null && value !== null ? typoOf(actual, value, sys.partsFilled[j]) : null };
}

/** The figures as corrected by a set (determined values; NaN where not determined). */
function corrected(sys: EditSystem, set: Correction[]): number[] {
  const x = sys.value.slice();
  for (const c of set) x[sys.index.get(c.key)!] = c.value ?? NaN;
  return x;
}

/** A pair that swapped places: each cell holds what the other should (a figure typed one cell off). */
function swapped(set: Correction[]): boolean {
  if (set.length !== 2) return false;
  const [a, b] = set;
  return a.value !== null && b.value !== null && a.actual === b.value && b.actual === a.value && a.actual !== b.actual;
}

/** Lower sorts first: typing slips, then soft checks kept, totals before details, determined values. */
function score(sys: EditSystem, set: Correction[], order: ReadonlyMap<CellKey, number>): number[] {
  const typos = set.filter((c) => c.typo).length + (swapped(set) ? set.length : 0);
  const soft = sys.soft.length ? softBroken(sys, corrected(sys, set)).length : 0;
  const totals = set.filter((c) => sys.total[sys.index.get(c.key)!]).length;
  const determined = set.filter((c) => c.value !== null).length;
  return [-typos, soft, -totals, -determined, Math.min(...set.map((c) => order.get(c.key) ?? Infinity))];
}

const compare = (a: number[], b: number[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
};

/** The table a component lies in, when it lies in one only (a shift is looked for within a table). */
function tableOf(sys: EditSystem, comp: Component): string | null {
  const tables = new Set(comp.cells.map((j) => sys.keys[j].split('/')[0]));
  return tables.size === 1 ? [...tables][0] : null;
}

export interface LocaliseOptions {
  /** Last year's figures of the same unit (soft edits: they order the explanations). */
  previous?: Values;
  /** Blank or unreadable cells whose probable value is wanted (those an error names). */
  ask?: Iterable<CellKey>;
}

export function localise(template: Template, values: Values, opts: LocaliseOptions = {}): Localisation {
  const sys = buildEdits(template, values, opts.previous);
  const ask = new Set([...(opts.ask ?? [])].map((k) => sys.index.get(k)).filter((j): j is number => j !== undefined && sys.kind[j] === 'free'));
  const order = compile(template).order;
  const groups: Group[] = [];
  const blanks = new Map<CellKey, Correction>();
  for (const comp of components(sys)) {
    const broken = new Set(comp.edits.filter((i) => !holdsAsEntered(sys, sys.hard[i])).map((i) => sys.hard[i].check));
    const cells = new Set(comp.cells.map((j) => sys.keys[j]));
    const result = locateComponent(sys, comp);
    if (result.status === 'located' && result.cost === 0) {
      fillBlanks(sys, comp, [], ask, blanks);
      continue;
    }
    // Many figures at once, or none in reach: perhaps a block typed one place off.
    if (result.status !== 'located' || result.cost >= 3) {
      const table = tableOf(sys, comp);
      const shift = table ? findShift(sys, comp, table) : null;
      if (shift) {
        groups.push({ status: 'shift', broken, cells, sets: [], shift });
        continue;
      }
    }
    if (result.status !== 'located') {
      groups.push({ status: result.status, broken, cells, sets: [] });
      continue;
    }
    const sets = result.sets.map((set) => {
      const r = ranges(sys, comp.edits, set, set);
      return set.map((j) => correction(sys, j, r.get(j)));
    });
    const scored = sets.map((s) => ({ s, score: score(sys, s, order) }));
    scored.sort((a, b) => compare(a.score, b.score));
    const best = scored.map((x) => x.s);
    groups.push({ status: 'located', broken, cells, sets: best });
    fillBlanks(sys, comp, best[0].map((c) => sys.index.get(c.key)!), ask, blanks);
  }
  return { groups, blanks };
}

/** A hard edit as entered, judged only where every figure it reads is known. */
function holdsAsEntered(sys: EditSystem, e: Edit): boolean {
  return e.terms.some(([j]) => sys.kind[j] === 'free') || holds(e, sys.value);
}

/** What the component's blank and unreadable cells should hold once `set` is corrected. */
function fillBlanks(sys: EditSystem, comp: Component, set: number[], ask: ReadonlySet<number>, out: Map<CellKey, Correction>) {
  const free = comp.cells.filter((j) => ask.has(j));
  if (!free.length) return;
  const r = ranges(sys, comp.edits, set, free);
  for (const j of free) out.set(sys.keys[j], correction(sys, j, r.get(j)));
}

/** "应为 12", "应在 3 至 5 之间", "应不少于 3" — or '' where the relations leave it open. */
export function probable(c: Pick<Correction, 'min' | 'max' | 'value'>): string {
  if (c.value !== null) return `应为 ${formatFigure(c.value)}`;
  const lo = Number.isFinite(c.min) && c.min > 0 ? c.min : null;
  const hi = Number.isFinite(c.max) ? c.max : null;
  if (lo !== null && hi !== null) return `应在 ${formatFigure(lo)} 至 ${formatFigure(hi)} 之间`;
  if (lo !== null) return `应不少于 ${formatFigure(lo)}`;
  if (hi !== null) return `应不超过 ${formatFigure(hi)}`;
  return '';
}

export { MAX_CHANGES };
