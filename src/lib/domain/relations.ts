// Expands a template into concrete checks over cells: sums derived from the outline
// (numbered children, 其中 rows, headers) plus the relations the template declares.
// Compiled once per template; checking is then a flat loop over these.
import {
  cellKey, leafColumns, parentIndex,
  type CellKey, type CellRef, type RowDef, type Severity, type TableDef, type Template
} from './model';

export type CheckKind = 'sum' | 'header' | 'exhaustive' | 'part' | 'cover' | 'same' | 'lte';

export interface CompiledCheck {
  /** Stable id: template-independent name of the rule plus its cell, e.g. sum:t1/3.1/v. */
  ruleId: string;
  kind: CheckKind;
  severity: Severity;
  /** The cell the result is about (total, 其中 row, compared row). */
  subject: CellKey;
  /** The cells it is compared with (parts, channels, the other row). */
  others: CellKey[];
  /** part: whether an empty parent is reported here (not when a sum on that parent already does). */
  reportMissing?: boolean;
}

export interface CompiledTemplate {
  template: Template;
  checks: CompiledCheck[];
  /** Display name of each cell: 三（三）4.不同意公开答复数, with table and column when the form has several. */
  names: Map<CellKey, string>;
  refs: Map<CellKey, CellRef>;
  /** Reading order of cells (table, row, column), for listing findings as the form reads. */
  order: Map<CellKey, number>;
}

const NUMBERING = /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．])/;

/** The numbering a label starts with (二、 → 二, （三） → （三）, 4. → 4.), or ''. */
function numbering(label: string): string {
  const m = label.match(NUMBERING);
  return m ? m[0].replace('、', '') : '';
}

function rowNames(rows: RowDef[]): string[] {
  const parents = parentIndex(rows);
  const prefix: string[] = [];
  rows.forEach((row, i) => {
    const p = parents[i];
    prefix[i] = p === null ? '' : prefix[p] + numbering(rows[p].label);
  });
  return rows.map((row, i) => prefix[i] + row.label);
}

function compileTable(template: Template, table: TableDef, out: CompiledTemplate) {
  const cols = leafColumns(table.columns);
  const parents = parentIndex(table.rows);
  const names = rowNames(table.rows);
  const byId = new Map(table.rows.map((r) => [r.id, r]));
  const multiTable = template.tables.length > 1;
  const multiCol = cols.length > 1;
  for (const row of table.rows)
    if (row.kind !== 'section') for (const col of cols) out.order.set(cellKey({ table: table.id, row: row.id, col: col.id }), out.order.size);

  for (const col of cols) {
    const key = (row: string) => cellKey({ table: table.id, row, col: col.id });
    table.rows.forEach((row, i) => {
      if (row.kind === 'section') return;
      const k = key(row.id);
      out.refs.set(k, { table: table.id, row: row.id, col: col.id });
      out.names.set(k, (multiTable ? `${table.title} · ` : '') + names[i] + (multiCol ? ` × ${col.label}` : ''));
    });

    const children = new Map<number, RowDef[]>();
    parents.forEach((p, i) => {
      if (p === null || table.rows[i].kind === 'section') return;
      (children.get(p) ?? children.set(p, []).get(p)!).push(table.rows[i]);
    });

    for (const [p, kids] of children) {
      const parent = table.rows[p];
      if (parent.kind === 'section') continue;
      const addends = kids.filter((r) => (r.role ?? 'child') === 'child');
      const parts = kids.filter((r) => r.role === 'part');
      const hasSum = addends.length > 0 || (parent.exhaustive && parts.length > 0);
      if (addends.length) {
        const kind = parent.kind === 'header' ? 'header' : 'sum';
        out.checks.push({ ruleId: `${kind}:${key(parent.id)}`, kind, severity: 'error', subject: key(parent.id), others: addends.map((r) => key(r.id)) });
      }
      if (parent.exhaustive && parts.length) {
        out.checks.push({ ruleId: `exhaustive:${key(parent.id)}`, kind: 'exhaustive', severity: 'error', subject: key(parent.id), others: parts.map((r) => key(r.id)) });
      } else {
        for (const r of parts)
          out.checks.push({ ruleId: `part:${key(r.id)}`, kind: 'part', severity: 'error', subject: key(r.id), others: [key(parent.id)], reportMissing: !hasSum });
      }
    }

    for (const rel of table.relations) {
      if (rel.columns && !rel.columns.includes(col.id)) continue;
      const need = (id: string) => {
        if (!byId.has(id)) throw new Error(`${template.id}: relation ${rel.id} names unknown row ${id}`);
        return key(id);
      };
      const severity = rel.severity ?? 'error';
      const ruleId = `${rel.kind}:${rel.id}:${col.id}`;
      if (rel.kind === 'cover') out.checks.push({ ruleId, kind: 'cover', severity, subject: need(rel.total), others: rel.channels.map(need) });
      if (rel.kind === 'same') out.checks.push({ ruleId, kind: 'same', severity, subject: need(rel.row), others: [need(rel.as)] });
      if (rel.kind === 'lte') out.checks.push({ ruleId, kind: 'lte', severity, subject: need(rel.row), others: [need(rel.max)] });
    }
  }
}

const cache = new WeakMap<Template, CompiledTemplate>();

export function compile(template: Template): CompiledTemplate {
  let compiled = cache.get(template);
  if (!compiled) {
    compiled = { template, checks: [], names: new Map(), refs: new Map(), order: new Map() };
    for (const table of template.tables) compileTable(template, table, compiled);
    cache.set(template, compiled);
  }
  return compiled;
}
