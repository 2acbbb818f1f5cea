// What the mapper looks a form up by: each table's row matcher, its leaf columns under their
// header words, and the form's units. Built once per template.
import { labelKey, rowMatcher, unitsOf, type RowMatcher } from '../labels';
import { inputColumns, type ColumnDef, type Template } from '../model';

export interface Leaf {
  index: number;
  key: string;
  /** Keys of the column's ancestors (申请人情况, 法人或其他组织). */
  path: string[];
}

export interface FormIndex {
  template: Template;
  matchers: Map<string, RowMatcher>;
  leaves: Map<string, Leaf[]>;
  /** Every header word of the form: column labels at any level, label and unit headers. */
  headerWords: Set<string>;
  /** Header words of derived subtotals (法人或其他组织 小计): printed by some, never stored, never "dropped". */
  derivedWords: Set<string>;
  /** Unit texts: the common ones and every unit the form's rows print. */
  units: ReadonlySet<string>;
}

const indexCache = new WeakMap<Template, FormIndex>();

export function formIndex(template: Template): FormIndex {
  let idx = indexCache.get(template);
  if (idx) return idx;
  const headerWords = new Set<string>();
  const derivedWords = new Set<string>();
  const leaves = new Map<string, Leaf[]>();
  const matchers = new Map<string, RowMatcher>();
  for (const table of template.tables) {
    matchers.set(table.id, rowMatcher(table.rows));
    const list: Leaf[] = [];
    const walk = (cols: ColumnDef[], path: string[]) => {
      for (const c of cols) {
        const keys = [c.label, ...(c.aliases ?? [])].map(labelKey).filter(Boolean);
        keys.forEach((k) => (c.derived ? derivedWords : headerWords).add(k));
        if (c.children?.length) walk(c.children, [...path, ...keys]);
        else if (!c.derived) for (const key of keys) list.push({ index: inputColumns(table.columns).findIndex((x) => x.id === c.id), key, path });
      }
    };
    walk(table.columns, []);
    leaves.set(table.id, list);
    for (const h of [table.labelHeader, table.unitHeader]) if (h && labelKey(h)) headerWords.add(labelKey(h));
  }
  idx = { template, matchers, leaves, headerWords, derivedWords, units: unitsOf(template.tables.flatMap((t) => t.rows)) };
  indexCache.set(template, idx);
  return idx;
}

/** The form's unit words, longest first (人次 before 次). */
const unitWordCache = new WeakMap<object, string[]>();
export function unitWords(idx: { units: ReadonlySet<string> }): string[] {
  let words = unitWordCache.get(idx);
  if (!words) unitWordCache.set(idx, (words = [...idx.units].filter(Boolean).sort((a, b) => b.length - a.length)));
  return words;
}
