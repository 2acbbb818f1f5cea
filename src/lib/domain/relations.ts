// Expands a template into concrete checks over cells: sums derived from the outline
// (numbered children, 其中 rows, headers) plus the relations the template declares.
// Compiled once per template; checking is then a flat loop over these.
import { nameNumber } from './outline';
import {
  cellKey, hasCell, inputColumns, leafColumns, parentIndex,
  type CellKey, type CellRef, type ColumnDef, type RowDef, type RowRef, type Severity, type TableDef, type TableLink, type Template
} from './model';

export type CheckKind = 'sum' | 'header' | 'exhaustive' | 'part' | 'cover' | 'same' | 'lte';

export interface CompiledCheck {
  /** Stable id: the rule's name plus its cell, e.g. sum:t1/3.1/v. */
  ruleId: string;
  kind: CheckKind;
  severity: Severity;
  /** The cell the result is about (total, 其中 row, compared row). */
  subject: CellKey;
  /** The cells it is compared with (parts, channels, the other row). */
  others: CellKey[];
  /** sum: parts subtracted rather than added (一 + 二 − 三（七） = 四). */
  minus?: CellKey[];
  /** sum: how messages name the expected figure (子项合计, 明细合计). */
  what?: string;
  /** part: whether an empty parent is reported here (not when a sum on that parent already does). */
  reportMissing?: boolean;
}

/** A check against last year's report of the same unit. */
export interface YearlyCheck {
  ruleId: string;
  kind: 'carry' | 'stock';
  subject: CellKey;
  /** carry: last year's cell; stock: last year's same cell. */
  previous: CellKey;
  plus?: CellKey;
  minus?: CellKey;
  what: string;
}

export interface CompiledTemplate {
  template: Template;
  checks: CompiledCheck[];
  yearly: YearlyCheck[];
  /** Display name of each cell: 三（三）4.不同意公开答复数, with table and column when the form has several. */
  names: Map<CellKey, string>;
  refs: Map<CellKey, CellRef>;
  /** Reading order of cells (table, row, column), for listing findings as the form reads. */
  order: Map<CellKey, number>;
  /** The column's display name of each cell, for tables with several figure columns. */
  columns: Map<CellKey, string>;
}

function rowNames(rows: RowDef[]): string[] {
  const parents = parentIndex(rows);
  const prefix: string[] = [];
  rows.forEach((_, i) => {
    const p = parents[i];
    prefix[i] = p === null ? '' : prefix[p] + nameNumber(rows[p].label);
  });
  return rows.map((row, i) => prefix[i] + row.label);
}

/** A leaf's label, with its parents' where the leaf label repeats (表四: 结果维持 three times). */
function columnNames(cols: ColumnDef[]): Map<string, string> {
  const paths = new Map<string, string[]>();
  const walk = (list: ColumnDef[], path: string[]) =>
    list.forEach((c) => (c.children?.length ? walk(c.children, [...path, c.label]) : paths.set(c.id, [...path, c.label])));
  walk(cols, []);
  const count = new Map<string, number>();
  for (const p of paths.values()) count.set(p.at(-1)!, (count.get(p.at(-1)!) ?? 0) + 1);
  return new Map([...paths].map(([id, p]) => [id, count.get(p.at(-1)!)! > 1 ? p.join('·') : p.at(-1)!]));
}

function compileTable(template: Template, table: TableDef, out: CompiledTemplate) {
  const cols = inputColumns(table.columns);
  const parents = parentIndex(table.rows);
  const names = rowNames(table.rows);
  const colNames = columnNames(table.columns);
  const byId = new Map(table.rows.map((r) => [r.id, r]));
  const colIds = new Set(leafColumns(table.columns).map((c) => c.id));
  const multiTable = template.tables.length > 1;
  const multiCol = cols.length > 1;
  const key = (row: string, col: string) => cellKey({ table: table.id, row, col });
  const needRow = (rel: string, id: string) => {
    if (!byId.has(id) || !hasCell(byId.get(id)!)) throw new Error(`${template.id}: relation ${rel} names row ${id}, which has no cell`);
    return id;
  };
  const needCol = (rel: string, id: string) => {
    if (!colIds.has(id)) throw new Error(`${template.id}: relation ${rel} names unknown column ${id}`);
    return id;
  };

  table.rows.forEach((row, i) => {
    if (hasCell(row))
      for (const col of cols) {
        const k = key(row.id, col.id);
        out.order.set(k, out.order.size);
        out.refs.set(k, { table: table.id, row: row.id, col: col.id });
        out.names.set(k, (multiTable ? `${table.title} · ` : '') + names[i] + (multiCol ? ` × ${colNames.get(col.id)}` : ''));
        if (multiCol) out.columns.set(k, colNames.get(col.id)!);
      }
  });

  const children = new Map<number, RowDef[]>();
  parents.forEach((p, i) => {
    if (p === null || !hasCell(table.rows[i])) return;
    (children.get(p) ?? children.set(p, []).get(p)!).push(table.rows[i]);
  });

  for (const col of cols) {
    const k = (row: string) => key(row, col.id);
    for (const [p, kids] of children) {
      const parent = table.rows[p];
      if (!hasCell(parent)) continue;
      const addends = kids.filter((r) => (r.role ?? 'child') === 'child');
      const parts = kids.filter((r) => r.role === 'part');
      const hasSum = addends.length > 0 || (parent.exhaustive && parts.length > 0);
      if (addends.length) {
        const kind = parent.kind === 'header' ? 'header' : 'sum';
        out.checks.push({ ruleId: `${kind}:${k(parent.id)}`, kind, severity: 'error', subject: k(parent.id), others: addends.map((r) => k(r.id)) });
      }
      if (parent.exhaustive && parts.length) {
        out.checks.push({ ruleId: `exhaustive:${k(parent.id)}`, kind: 'exhaustive', severity: 'error', subject: k(parent.id), others: parts.map((r) => k(r.id)) });
      } else {
        for (const r of parts)
          out.checks.push({ ruleId: `part:${k(r.id)}`, kind: 'part', severity: 'error', subject: k(r.id), others: [k(parent.id)], reportMissing: !hasSum });
      }
    }

    for (const rel of table.relations) {
      if (rel.kind === 'colsum' || rel.kind === 'collte') continue;
      if (rel.columns && !rel.columns.includes(col.id)) continue;
      const need = (id: string) => k(needRow(rel.id, id));
      const severity = rel.severity ?? 'error';
      const ruleId = `${rel.kind}:${rel.id}:${k(rel.kind === 'cover' || rel.kind === 'sum' ? rel.total : rel.row)}`;
      if (rel.kind === 'sum')
        out.checks.push({ ruleId, kind: 'sum', severity, subject: need(rel.total), others: rel.parts.map(need), minus: rel.minus?.map(need), what: rel.what });
      if (rel.kind === 'cover') out.checks.push({ ruleId, kind: 'cover', severity, subject: need(rel.total), others: rel.channels.map(need) });
      if (rel.kind === 'same') out.checks.push({ ruleId, kind: 'same', severity, subject: need(rel.row), others: [need(rel.as)] });
      if (rel.kind === 'lte') out.checks.push({ ruleId, kind: 'lte', severity, subject: need(rel.row), others: [need(rel.max)] });
    }
  }

  // Column sums (总计 = 自然人 + 法人或其他组织…), in every row with cells.
  for (const rel of table.relations) {
    if (rel.kind !== 'colsum') continue;
    needCol(rel.id, rel.total);
    rel.parts.forEach((c) => needCol(rel.id, c));
    for (const row of table.rows) {
      if (!hasCell(row) || (rel.rows && !rel.rows.includes(row.id))) continue;
      const subject = key(row.id, rel.total);
      out.checks.push({ ruleId: `colsum:${rel.id}:${subject}`, kind: 'sum', severity: rel.severity ?? 'error', subject, others: rel.parts.map((c) => key(row.id, c)), what: rel.what });
    }
  }

  // Column ≤ column (本年度 ≤ 历年累计), in every row with cells.
  for (const rel of table.relations) {
    if (rel.kind !== 'collte') continue;
    needCol(rel.id, rel.col);
    needCol(rel.id, rel.max);
    for (const row of table.rows) {
      if (!hasCell(row) || (rel.rows && !rel.rows.includes(row.id))) continue;
      const subject = key(row.id, rel.col);
      out.checks.push({ ruleId: `collte:${rel.id}:${subject}`, kind: 'lte', severity: rel.severity ?? 'error', subject, others: [key(row.id, rel.max)] });
    }
  }

  for (const rel of table.yearly ?? []) {
    if (rel.kind === 'carry')
      for (const col of cols) {
        const subject = key(needRow(rel.id, rel.row), col.id);
        out.yearly.push({ ruleId: `carry:${rel.id}:${subject}`, kind: 'carry', subject, previous: key(needRow(rel.id, rel.from), col.id), what: rel.what });
      }
    else
      for (const row of table.rows) {
        if (!hasCell(row)) continue;
        const subject = key(row.id, needCol(rel.id, rel.col));
        out.yearly.push({ ruleId: `stock:${rel.id}:${subject}`, kind: 'stock', subject, previous: subject, plus: key(row.id, needCol(rel.id, rel.plus)), minus: rel.minus ? key(row.id, needCol(rel.id, rel.minus)) : undefined, what: rel.what });
      }
  }
}

/** The refs of a link: the compared row first (total, row), then the others. */
export function linkRefs(link: TableLink): { subject: RowRef; others: RowRef[]; minus: RowRef[] } {
  if (link.kind === 'sum') return { subject: link.total, others: link.parts, minus: link.minus ?? [] };
  return { subject: link.row, others: [link.kind === 'same' ? link.as : link.max], minus: [] };
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** Each input column's printed header path (申请人情况·法人或其他组织·商业企业), spaces dropped. */
function columnPaths(cols: ColumnDef[]): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (list: ColumnDef[], path: string[]) =>
    list.forEach((c) => (c.children?.length ? walk(c.children, [...path, squash(c.label)]) : !c.derived && out.set(c.id, [...path, squash(c.label)].join('·'))));
  walk(cols, []);
  return out;
}

/**
 * The columns a link runs over: one entry per check, giving each column-less ref's table its
 * column. A link names a column on every row or on none. Tables of one figure column pair
 * whatever their names; otherwise the columns every such table prints under the same header
 * path (a path printed twice in one table pairs nothing), in the first table's order.
 */
export function linkColumns(template: Template, link: TableLink): Map<string, string>[] {
  const { subject, others, minus } = linkRefs(link);
  const refs = [subject, ...others, ...minus];
  const open = [...new Set(refs.filter((r) => r.col === undefined).map((r) => r.table))];
  if (!open.length) return [new Map()];
  if (open.length < new Set(refs.map((r) => r.table)).size || refs.some((r) => r.col !== undefined)) return [];
  const tables = open.map((id) => template.tables.find((t) => t.id === id));
  if (tables.some((t) => !t)) return [];
  const paths = tables.map((t) => columnPaths(t!.columns));
  if (paths.every((p) => p.size === 1)) return [new Map(open.map((id, i) => [id, [...paths[i].keys()][0]]))];
  const byPath = paths.map((p) => {
    const m = new Map<string, string | null>();
    for (const [id, path] of p) m.set(path, m.has(path) ? null : id);
    return m;
  });
  const out: Map<string, string>[] = [];
  for (const [path, id] of byPath[0]) {
    const match = byPath.map((m) => m.get(path));
    if (id && match.every((x) => x)) out.push(new Map(open.map((t, i) => [t, match[i]!])));
  }
  return out;
}

function compileLink(template: Template, link: TableLink, out: CompiledTemplate) {
  const fail = (why: string): never => {
    throw new Error(`${template.id}: link ${link.id} ${why}`);
  };
  const tableOf = (id: string) => template.tables.find((t) => t.id === id) ?? fail(`names unknown table ${id}`);
  const { subject, others, minus } = linkRefs(link);
  for (const ref of [subject, ...others, ...minus]) {
    const t = tableOf(ref.table);
    const row = t.rows.find((r) => r.id === ref.row);
    if (!row || !hasCell(row)) fail(`names row ${ref.table}/${ref.row}, which has no cell`);
    if (ref.col !== undefined && !inputColumns(t.columns).some((c) => c.id === ref.col)) fail(`names unknown column ${ref.table}/${ref.col}`);
  }
  if (new Set([subject, ...others, ...minus].map((r) => r.table)).size < 2) fail('relates rows of one table only');
  const runs = linkColumns(template, link);
  if (!runs.length) fail('runs over no column: the tables print no figure column under the same name');
  const severity = link.severity ?? 'error';
  for (const cols of runs) {
    const k = (r: RowRef) => cellKey({ table: r.table, row: r.row, col: r.col ?? cols.get(r.table)! });
    const s = k(subject);
    const ruleId = `link:${link.id}:${s}`;
    if (link.kind === 'sum') out.checks.push({ ruleId, kind: 'sum', severity, subject: s, others: others.map(k), minus: minus.length ? minus.map(k) : undefined, what: link.what });
    else out.checks.push({ ruleId, kind: link.kind, severity, subject: s, others: others.map(k) });
  }
}

const cache = new WeakMap<Template, CompiledTemplate>();

export function compile(template: Template): CompiledTemplate {
  let compiled = cache.get(template);
  if (!compiled) {
    compiled = { template, checks: [], yearly: [], names: new Map(), refs: new Map(), order: new Map(), columns: new Map() };
    for (const table of template.tables) compileTable(template, table, compiled);
    for (const link of template.links ?? []) compileLink(template, link, compiled);
    cache.set(template, compiled);
  }
  return compiled;
}
