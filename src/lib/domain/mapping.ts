// What a paste or an import does with a block: the whole-form mapper (form-map.ts) reads
// labelled tables; bare figures fill down from the selected cell, as in Excel. The result is a
// decision — fill the open report, offer another form, or say the block fits no form — with a
// plan of which cell gets which raw text. Nothing is dropped silently.
import { blank, chooseForm, mapToForm, type FormPlan, type SourceBlock } from './form-map';
import { cellKey, hasCell, inputColumns, type Template } from './model';
import { isFigureLike } from './labels';


/** Bare figures (no label, no header anywhere): fill down and right from the selected cell. */
export function planValues(template: Template, tableId: string, rows: string[][], anchor?: { row: string; col: string }): FormPlan {
  const plan: FormPlan = {
    template, mode: 'values', writes: [], tables: [], blocks: [], matchedRows: 0, matchedColumns: 0,
    unmatched: [], droppedColumns: [], oddColumns: [], dropped: [], missing: [], score: 0, fits: true
  };
  const table = template.tables.find((t) => t.id === tableId);
  const leaves = table ? inputColumns(table.columns) : [];
  const r0 = anchor && table ? table.rows.findIndex((r) => r.id === anchor.row) : -1;
  const c0 = anchor ? leaves.findIndex((c) => c.id === anchor.col) : -1;
  if (!table || r0 < 0 || c0 < 0) {
    for (const row of rows) for (const v of row) if (!blank(v)) plan.dropped.push({ text: v, why: '未选中可填写的格子' });
    return plan;
  }
  plan.tables.push(table.id);
  rows.forEach((cells, i) =>
    cells.forEach((raw, j) => {
      const row = table.rows[r0 + i];
      const col = leaves[c0 + j];
      if (!row || !col) {
        if (!blank(raw)) plan.dropped.push({ text: raw, why: '超出表格范围' });
        return;
      }
      if (!hasCell(row)) {
        if (!blank(raw)) plan.dropped.push({ text: `${row.label}：${raw}`, why: '该行是标题行，不填数' });
        return;
      }
      plan.writes.push({ key: cellKey({ table: table.id, row: row.id, col: col.id }), table: table.id, raw: raw.trim() });
    })
  );
  return plan;
}

export type PasteDecision =
  /** Write the plan into the open report. */
  | { kind: 'fill'; plan: FormPlan }
  /** The block is a table of another form: offer a new report of that form; nothing written. */
  | { kind: 'other-form'; plan: FormPlan; current: FormPlan }
  /** The block fits no form: say what was recognised; nothing written. */
  | { kind: 'no-form'; closest: FormPlan };

/**
 * A pasted block against the open report's form. Labels and headers decide; the selected cell
 * (table and position) only matters for bare figures.
 */
export function decidePaste(templates: Template[], current: Template, blocks: SourceBlock[], anchor?: { table: string; row: string; col: string }): PasteDecision {
  // Bare figures with no word anywhere are placed from the selected cell whatever the forms say:
  // reading them against every form's labels finds nothing, and for a whole sheet of them
  // (100,000 rows pasted by mistake) took seconds. PDF text is read (表四's fifteen by count).
  const fillDown = (): PasteDecision => ({ kind: 'fill', plan: planValues(current, anchor?.table ?? '', blocks.flatMap((b) => b.rows), anchor) });
  if (blocks.every((b) => b.kind !== 'text' && b.rows.every((r) => r.every((c) => blank(c) || isFigureLike(c))))) return fillDown();
  const mine = mapToForm(current, blocks);
  if (mine.mode === 'values') return fillDown();
  // One scoring pass: the open form's plan is reused, not made again among all forms.
  const { best, closest } = chooseForm(templates, blocks, undefined, [mine]);
  // Text copied out of a PDF has no headers to tell forms sharing tables apart (表三 and 表四 are
  // the same in the 2019 and 2021 forms): where it fits the open report's form, it is that form.
  const textOnly = blocks.length > 0 && blocks.every((b) => b.kind === 'text');
  if (best && best.template !== current && best.score > mine.score && !(textOnly && mine.fits)) return { kind: 'other-form', plan: best, current: mine };
  if (mine.fits) return { kind: 'fill', plan: mine };
  return { kind: 'no-form', closest };
}
