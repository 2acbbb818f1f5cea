// A form (Template) from outside — a form file a county office sent, a backup, the form editor —
// checked field by field before anything uses it. Only known fields are copied into fresh
// objects (a "__proto__" key or an unknown field goes nowhere), every id is safe in a cell key,
// every relation names rows and columns that exist, and sizes are bounded. The first problem is
// returned in plain Chinese; nothing is partly taken.
import { compile, linkColumns, linkRefs } from './relations';
import { parentIndex } from './model';
import type { ColumnDef, Measure, MeasureId, Relation, RowDef, RowRef, Severity, TableDef, TableLink, Template, ValueRule, YearlyRelation } from './model';

export type FormCheck = { ok: true; form: Template } | { ok: false; reason: string };

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const RULES: readonly ValueRule[] = ['count', 'money', 'signed-count', 'signed-money'];
const KINDS: readonly RowDef['kind'][] = ['section', 'group', 'header', 'value'];
const ROLES: readonly NonNullable<RowDef['role']>[] = ['child', 'part', 'measure'];
const SEVERITIES: readonly Severity[] = ['error', 'warning'];
const MEASURES: readonly MeasureId[] = ['received', 'disclosed', 'review', 'litigation', 'normsIssued', 'normsValid'];
const MAX = { tables: 20, rows: 2000, leaves: 100, depth: 4, relations: 500, cells: 50_000, text: 300, list: 200 };

class Refused extends Error {}
const fail = (reason: string): never => {
  throw new Refused(reason);
};

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
function obj(v: unknown, what: string): Record<string, unknown> {
  return isObj(v) ? v : fail(`${what}不是对象`);
}
function text(v: unknown, what: string, max = MAX.text, optional = false): string | undefined {
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string') return fail(`${what}应为文字`);
  if (v.length > max) return fail(`${what}太长（${v.length} 字，最多 ${max} 字）`);
  return v;
}
function id(v: unknown, what: string): string {
  return typeof v === 'string' && ID.test(v) ? v : fail(`${what}的编号「${String(v).slice(0, 40)}」无效（只能用字母、数字、点、横线和下划线，最长 64 个）`);
}
function int(v: unknown, what: string, min: number, max: number): number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max ? v : fail(`${what}应为 ${min}—${max} 的整数`);
}
function oneOf<T extends string>(v: unknown, list: readonly T[], what: string, optional = true): T | undefined {
  if (v === undefined && optional) return undefined;
  return list.includes(v as T) ? (v as T) : fail(`${what}「${String(v).slice(0, 20)}」不是可用的值（${list.join('、')}）`);
}
function list(v: unknown, what: string, max: number, optional = true): unknown[] | undefined {
  if (v === undefined && optional) return undefined;
  if (!Array.isArray(v)) return fail(`${what}应为列表`);
  if (v.length > max) return fail(`${what}太多（${v.length} 项，最多 ${max} 项）`);
  return v;
}
function texts(v: unknown, what: string): string[] | undefined {
  return list(v, what, MAX.list)?.map((x, i) => text(x, `${what}第 ${i + 1} 项`)!);
}
function unique(ids: string[], what: string) {
  const seen = new Set<string>();
  for (const x of ids) (seen.has(x) ? fail(`${what}编号「${x}」重复`) : seen.add(x));
}
/** Optional fields: present only when given, so a copied form equals its source. */
const opt = <K extends string, V>(k: K, v: V | undefined) => (v === undefined ? {} : ({ [k]: v } as { [P in K]: V }));

function row(v: unknown, where: string): RowDef {
  const r = obj(v, where);
  const label = text(r.label, `${where}的名称`)!;
  const what = `${where}（${label.slice(0, 20)}）`;
  const kind = oneOf(r.kind, KINDS, `${what}的类型`, false)!;
  if (r.exhaustive !== undefined && typeof r.exhaustive !== 'boolean') fail(`${what}的“其中各项穷尽”应为是或否`);
  return {
    id: id(r.id, what),
    label,
    ...opt('unit', text(r.unit, `${what}的计量单位`, 20, true)),
    level: int(r.level, `${what}的层级`, 0, 10),
    kind,
    ...opt('role', oneOf(r.role, ROLES, `${what}的角色`)),
    ...opt('exhaustive', r.exhaustive as boolean | undefined),
    ...opt('rule', oneOf(r.rule, RULES, `${what}的数值规则`)),
    ...opt('aliases', texts(r.aliases, `${what}的别名`))
  };
}

function column(v: unknown, where: string, depth: number): ColumnDef {
  if (depth > MAX.depth) fail(`${where}：表头嵌套超过 ${MAX.depth} 层`);
  const c = obj(v, where);
  const label = text(c.label, `${where}的名称`, 100)!;
  const what = `${where}（${label.slice(0, 20)}）`;
  const children = list(c.children, `${what}的下级列`, MAX.leaves)?.map((x, i) => column(x, `${what}第 ${i + 1} 个下级列`, depth + 1));
  return {
    id: id(c.id, what),
    label,
    ...opt('rule', oneOf(c.rule, RULES, `${what}的数值规则`)),
    ...opt('unit', text(c.unit, `${what}的计量单位`, 20, true)),
    ...opt('children', children),
    ...opt('derived', list(c.derived, `${what}的小计来源`, MAX.leaves)?.map((x) => id(x, `${what}的小计来源`))),
    ...opt('aliases', texts(c.aliases, `${what}的别名`))
  };
}

const leaves = (cols: ColumnDef[]): ColumnDef[] => cols.flatMap((c) => (c.children?.length ? leaves(c.children) : [c]));
const allCols = (cols: ColumnDef[]): ColumnDef[] => cols.flatMap((c) => [c, ...allCols(c.children ?? [])]);

function relation(v: unknown, where: string, rows: Set<string>, cols: Set<string>): Relation {
  const r = obj(v, where);
  const kind = oneOf(r.kind, ['sum', 'colsum', 'cover', 'same', 'lte', 'collte'] as const, `${where}的类型`, false)!;
  const rid = id(r.id, where);
  const what = `${where}（${rid}）`;
  const severity = oneOf(r.severity, SEVERITIES, `${what}的严重程度`);
  const rowRef = (x: unknown, w: string) => (rows.has(id(x, w)) ? (x as string) : fail(`${w}引用的行「${String(x)}」不存在`));
  const colRef = (x: unknown, w: string) => (cols.has(id(x, w)) ? (x as string) : fail(`${w}引用的列「${String(x)}」不存在`));
  const rowList = (x: unknown, w: string, optional = false) => list(x, w, MAX.rows, optional)?.map((y) => rowRef(y, w));
  const colList = (x: unknown, w: string, optional = false) => list(x, w, MAX.leaves, optional)?.map((y) => colRef(y, w));
  const base = { id: rid, ...opt('severity', severity) };
  switch (kind) {
    case 'sum':
      return { kind, ...base, total: rowRef(r.total, what), parts: rowList(r.parts, `${what}的加项`)!, ...opt('minus', rowList(r.minus, `${what}的减项`, true)), what: text(r.what, `${what}的说明`, 100)!, ...opt('columns', colList(r.columns, `${what}的列`, true)) };
    case 'colsum':
      return { kind, ...base, total: colRef(r.total, what), parts: colList(r.parts, `${what}的加项`)!, what: text(r.what, `${what}的说明`, 100)!, ...opt('rows', rowList(r.rows, `${what}的行`, true)) };
    case 'cover':
      return { kind, ...base, total: rowRef(r.total, what), channels: rowList(r.channels, `${what}的渠道`)!, ...opt('columns', colList(r.columns, `${what}的列`, true)) };
    case 'same':
      return { kind, ...base, row: rowRef(r.row, what), as: rowRef(r.as, what), ...opt('columns', colList(r.columns, `${what}的列`, true)) };
    case 'lte':
      return { kind, ...base, row: rowRef(r.row, what), max: rowRef(r.max, what), ...opt('columns', colList(r.columns, `${what}的列`, true)) };
    case 'collte':
      return { kind, ...base, col: colRef(r.col, what), max: colRef(r.max, what), ...opt('rows', rowList(r.rows, `${what}的行`, true)) };
  }
}

function yearly(v: unknown, where: string, rows: Set<string>, cols: Set<string>): YearlyRelation {
  const y = obj(v, where);
  const kind = oneOf(y.kind, ['carry', 'stock'] as const, `${where}的类型`, false)!;
  const yid = id(y.id, where);
  const what = `${where}（${yid}）`;
  const ref = (set: Set<string>, x: unknown, w: string, noun: string) => (set.has(id(x, w)) ? (x as string) : fail(`${w}引用的${noun}「${String(x)}」不存在`));
  const say = text(y.what, `${what}的说明`, 100)!;
  if (kind === 'carry') return { kind, id: yid, row: ref(rows, y.row, what, '行'), from: ref(rows, y.from, what, '行'), what: say };
  return { kind, id: yid, col: ref(cols, y.col, what, '列'), plus: ref(cols, y.plus, what, '列'), ...opt('minus', y.minus === undefined ? undefined : ref(cols, y.minus, what, '列')), what: say };
}

function table(v: unknown, n: number): TableDef {
  const t = obj(v, `第 ${n} 张表`);
  const tid = id(t.id, `第 ${n} 张表`);
  const where = `表「${typeof t.title === 'string' ? t.title.slice(0, 20) : tid}」`;
  const rows = list(t.rows, `${where}的行`, MAX.rows, false)!.map((x, i) => row(x, `${where}第 ${i + 1} 行`));
  if (!rows.length) fail(`${where}没有行`);
  unique(rows.map((r) => r.id), `${where}的行`);
  const columns = list(t.columns, `${where}的列`, MAX.leaves, false)!.map((x, i) => column(x, `${where}第 ${i + 1} 列`, 1));
  const cols = allCols(columns);
  unique(cols.map((c) => c.id), `${where}的列`);
  // Names people read and pastes match by: none empty, no two columns under the same header
  // path, no two rows of the same name under the same parent.
  for (const r of rows) if (!r.label.trim()) fail(`${where}有一行没有名称，请填写或删除该行`);
  for (const c of cols) if (!c.label.trim()) fail(`${where}有一列没有名称（${c.id}），请填写`);
  const paths = new Set<string>();
  const walk = (list: ColumnDef[], path: string[]) =>
    list.forEach((c) => {
      const p = [...path, c.label.replace(/\s+/g, '')];
      if (c.children?.length) return walk(c.children, p);
      if (paths.has(p.join('·'))) fail(`${where}有两列表头相同（${p.join('·')}），请改名`);
      paths.add(p.join('·'));
    });
  walk(columns, []);
  const siblings = new Set<string>();
  parentIndex(rows).forEach((p, i) => {
    const k = `${p}|${rows[i].label.replace(/\s+/g, '')}`;
    if (siblings.has(k)) fail(`${where}同一栏目下有两行都叫「${rows[i].label.slice(0, 30)}」，请改名`);
    siblings.add(k);
  });
  const leafIds = new Set(leaves(columns).map((c) => c.id));
  if (!leafIds.size) fail(`${where}没有数字列`);
  if (leafIds.size > MAX.leaves) fail(`${where}的数字列太多（最多 ${MAX.leaves} 列）`);
  for (const c of cols) for (const d of c.derived ?? []) if (!leafIds.has(d)) fail(`${where}的小计列引用的列「${d}」不存在`);
  const rowIds = new Set(rows.map((r) => r.id));
  const relations = list(t.relations, `${where}的校验关系`, MAX.relations, false)!.map((x, i) => relation(x, `${where}第 ${i + 1} 条校验关系`, rowIds, leafIds));
  unique(relations.map((r) => r.id), `${where}的校验关系`);
  const years = list(t.yearly, `${where}的跨年核对`, MAX.relations)?.map((x, i) => yearly(x, `${where}第 ${i + 1} 条跨年核对`, rowIds, leafIds));
  return {
    id: tid,
    title: text(t.title, `${where}的简称`, 100)!,
    ...opt('caption', text(t.caption, `${where}的标题`, MAX.text, true)),
    labelHeader: text(t.labelHeader, `${where}的行标题列表头`, 100)!,
    ...opt('unitHeader', text(t.unitHeader, `${where}的单位列表头`, 50, true)),
    ...opt('countUnit', text(t.countUnit, `${where}的计数单位`, 4, true)),
    rows,
    columns,
    relations,
    ...opt('yearly', years)
  };
}

function link(v: unknown, where: string, tables: TableDef[]): TableLink {
  const l = obj(v, where);
  const kind = oneOf(l.kind, ['sum', 'same', 'lte'] as const, `${where}的类型`, false)!;
  const lid = id(l.id, where);
  const what = `${where}（${lid}）`;
  const ref = (x: unknown, w: string): RowRef => {
    const r = obj(x, w);
    const t = tables.find((t) => t.id === id(r.table, `${w}的表`)) ?? fail(`${w}引用的表「${String(r.table)}」不存在`);
    const row = t.rows.find((x) => x.id === id(r.row, `${w}的行`)) ?? fail(`${w}引用的行「${String(r.row)}」不在表「${t.title}」中`);
    if (r.col !== undefined && !leaves(t.columns).some((c) => c.id === id(r.col, `${w}的列`) && !c.derived)) fail(`${w}引用的列「${String(r.col)}」不在表「${t.title}」中`);
    if (row.kind === 'section' || row.kind === 'group') fail(`${w}引用的行「${row.label.slice(0, 20)}」没有格子`);
    return { table: t.id, row: row.id, ...opt('col', r.col as string | undefined) };
  };
  const refs = (x: unknown, w: string, optional = false) => list(x, w, MAX.list, optional)?.map((y, i) => ref(y, `${w}第 ${i + 1} 项`));
  const base = { id: lid, ...opt('severity', oneOf(l.severity, SEVERITIES, `${what}的严重程度`)) };
  const made = linkOfKind(kind, l, base, what, ref, refs);
  const { subject, others, minus } = linkRefs(made);
  if (new Set([subject, ...others, ...minus].map((r) => r.table)).size < 2) fail(`${what}只涉及一张表（表内的关系请加在该表中）`);
  if (!linkColumns({ tables } as Template, made).length) fail(`${what}：或者每一行都指定列，或者都用“各同名列”；用“各同名列”时，所涉各表要有表头相同的数字列（同一表中不能重名）`);
  return made;
}

function linkOfKind(
  kind: TableLink['kind'],
  l: Record<string, unknown>,
  base: { id: string; severity?: Severity },
  what: string,
  ref: (x: unknown, w: string) => RowRef,
  refs: (x: unknown, w: string, optional?: boolean) => RowRef[] | undefined
): TableLink {
  switch (kind) {
    case 'sum': {
      const parts = refs(l.parts, `${what}的加项`)!;
      if (!parts.length) fail(`${what}没有加项`);
      return { kind, ...base, total: ref(l.total, `${what}的合计行`), parts, ...opt('minus', refs(l.minus, `${what}的减项`, true)), what: text(l.what, `${what}的说明`, 100)! };
    }
    case 'same':
      return { kind, ...base, row: ref(l.row, what), as: ref(l.as, what) };
    case 'lte':
      return { kind, ...base, row: ref(l.row, what), max: ref(l.max, what) };
  }
}

function measure(v: unknown, n: number, cells: Set<string>): Measure {
  const m = obj(v, `第 ${n} 个历年对比指标`);
  const mid = oneOf(m.id, MEASURES, `第 ${n} 个历年对比指标`, false)!;
  const keys = list(m.cells, `历年对比指标 ${mid} 的格子`, MAX.list, false)!.map((k) => (typeof k === 'string' && cells.has(k) ? k : fail(`历年对比指标 ${mid} 引用的格子「${String(k)}」不存在`)));
  return { id: mid, ...opt('note', text(m.note, `历年对比指标 ${mid} 的说明`, 100, true)), cells: keys };
}

/** The form, copied field by field, or the first reason it cannot be used. */
export function validateForm(v: unknown): FormCheck {
  try {
    const f = obj(v, '表式');
    const tables = list(f.tables, '表', MAX.tables, false)!.map((t, i) => table(t, i + 1));
    if (!tables.length) fail('表式中没有表');
    unique(tables.map((t) => t.id), '表');
    let cells = 0;
    const keys = new Set<string>();
    for (const t of tables) {
      const cols = leaves(t.columns).filter((c) => !c.derived);
      for (const r of t.rows) if (r.kind !== 'section' && r.kind !== 'group') for (const c of cols) keys.add(`${t.id}/${r.id}/${c.id}`);
      cells = keys.size;
    }
    if (cells > MAX.cells) fail(`表式的格子太多（${cells} 个，最多 ${MAX.cells} 个）`);
    const form: Template = {
      id: id(f.id, '表式'),
      version: int(f.version, '表式的版本', 1, 100_000),
      name: text(f.name, '表式名称', 200)!,
      title: text(f.title, '表式标题', 200)!,
      source: text(f.source, '表式来源', 500)!,
      tables,
      ...opt('links', list(f.links, '表间关系', MAX.relations)?.map((l, i) => link(l, `第 ${i + 1} 条表间关系`, tables))),
      ...opt('measures', list(f.measures, '历年对比指标', MEASURES.length)?.map((m, i) => measure(m, i + 1, keys)))
    };
    if (form.links) unique(form.links.map((l) => l.id), '表间关系');
    if (!form.name.trim()) fail('表式名称不能为空');
    try {
      compile(form);
    } catch (e) {
      fail(`表式无法使用：${e instanceof Error ? e.message : String(e)}`);
    }
    return { ok: true, form };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, reason: e.message };
    return { ok: false, reason: `表式无法读取：${e instanceof Error ? e.message : String(e)}` };
  }
}
