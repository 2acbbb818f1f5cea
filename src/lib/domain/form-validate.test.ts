// Form files are untrusted: every built-in form passes as it is, a form exported and imported is
// the same form (property), and malformed or hostile files are refused with a reason.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinForms } from '$lib/templates';
import { makeFormFile, parseFormFile, FORM_FILE_MAX } from './form-file';
import { validateForm } from './form-validate';
import type { ColumnDef, Relation, RowDef, Template } from './model';

const small: Template = {
  id: 'own-test',
  version: 1,
  name: '某省统计表',
  title: '{year}年某省政府信息公开情况统计表',
  source: '自定义',
  tables: [
    {
      id: 't1', title: '统计表', labelHeader: '指标名称', unitHeader: '计量单位',
      rows: [
        { id: 'r1', label: '一、主动公开', level: 0, kind: 'value', unit: '条' },
        { id: 'r2', label: '1.政府网站', level: 1, kind: 'value', unit: '条' },
        { id: 'r3', label: '其中：规范性文件', level: 2, kind: 'value', role: 'part', unit: '件' }
      ],
      columns: [{ id: 'c1', label: '本年度' }, { id: 'c2', label: '历年累计' }],
      relations: [{ kind: 'collte', id: 'le', col: 'c1', max: 'c2' }],
      yearly: [{ kind: 'stock', id: 'acc', col: 'c2', plus: 'c1', what: '去年累计 + 本年' }]
    }
  ]
};
/** A second table of replies whose total must equal the first table's 一、主动公开 (for links). */
const two: Template = {
  ...small,
  tables: [
    small.tables[0],
    {
      id: 't2', title: '答复表', labelHeader: '指标名称', unitHeader: '计量单位',
      rows: [
        { id: 'r1', label: '答复总数', level: 0, kind: 'value', unit: '条' },
        { id: 'r2', label: '其中：同意公开', level: 1, kind: 'value', role: 'part', unit: '条' }
      ],
      columns: [{ id: 'x1', label: '本年度' }, { id: 'x2', label: '历年 累计' }],
      relations: []
    }
  ],
  links: [{ kind: 'same', id: 'l1', row: { table: 't2', row: 'r1' }, as: { table: 't1', row: 'r1' } }]
};
const file = (form: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ format: 'nianbao-jiaoyan-form', version: 1, exportedAt: '', form, ...extra });
const patch = (f: (t: Record<string, any>) => void) => {
  const t = JSON.parse(JSON.stringify(small));
  f(t);
  return file(t);
};

const patchTwo = (f: (t: Record<string, any>) => void) => {
  const t = JSON.parse(JSON.stringify(two));
  f(t);
  return file(t);
};

describe('form files', () => {
  it('every built-in form passes validation unchanged', () => {
    for (const t of builtinForms) expect(validateForm(JSON.parse(JSON.stringify(t)))).toEqual({ ok: true, form: t });
  });

  it('a small own form round-trips through its file', () => {
    expect(parseFormFile(makeFormFile(small))).toEqual({ ok: true, form: small });
  });

  const refused: [string, string, string][] = [
    ['not JSON', '{"format":', '无法读取'],
    ['another file', JSON.stringify({ format: 'nianbao-jiaoyan-backup', version: 2, reports: [] }), '不是本工具的表式文件'],
    ['an array', '[]', '不是本工具的表式文件'],
    ['a newer version', file(small, { version: 9 }), '更新版本'],
    ['no version', JSON.stringify({ format: 'nianbao-jiaoyan-form', form: small }), '没有版本号'],
    ['no form', file(undefined), '表式不是对象'],
    ['no tables', patch((t) => (t.tables = [])), '没有表'],
    ['a row id with a slash (breaks cell keys)', patch((t) => (t.tables[0].rows[0].id = 'a/b')), '编号「a/b」无效'],
    ['an empty row id', patch((t) => (t.tables[0].rows[1].id = '')), '无效'],
    ['duplicate row ids', patch((t) => (t.tables[0].rows[1].id = 'r1')), '重复'],
    ['duplicate column ids', patch((t) => (t.tables[0].columns[1].id = 'c1')), '重复'],
    ['duplicate table ids', patch((t) => t.tables.push(JSON.parse(JSON.stringify(t.tables[0])))), '表编号「t1」重复'],
    ['an unknown row kind', patch((t) => (t.tables[0].rows[0].kind = 'formula')), '类型'],
    ['an unknown role', patch((t) => (t.tables[0].rows[2].role = 'owner')), '角色'],
    ['a level out of range', patch((t) => (t.tables[0].rows[1].level = 99)), '层级'],
    ['a fractional level', patch((t) => (t.tables[0].rows[1].level = 1.5)), '层级'],
    ['a label that is not text', patch((t) => (t.tables[0].rows[1].label = { toString: 1 })), '应为文字'],
    ['a huge label', patch((t) => (t.tables[0].rows[1].label = 'x'.repeat(5000))), '太长'],
    ['an unknown value rule', patch((t) => (t.tables[0].columns[0].rule = 'eval')), '数值规则'],
    ['a relation on a missing column', patch((t) => (t.tables[0].relations[0].max = 'c9')), '列「c9」不存在'],
    ['a relation on a missing row', patch((t) => t.tables[0].relations.push({ kind: 'lte', id: 'x', row: 'r1', max: 'nope' })), '行「nope」不存在'],
    ['an unknown relation kind', patch((t) => t.tables[0].relations.push({ kind: 'script', id: 'x' })), '类型'],
    ['a cross-year rule on a missing column', patch((t) => (t.tables[0].yearly[0].plus = 'zz')), '列「zz」不存在'],
    ['too many rows', patch((t) => (t.tables[0].rows = Array.from({ length: 2001 }, (_, i) => ({ id: `r${i}`, label: 'x', level: 0, kind: 'value' })))), '太多'],
    ['headers nested too deep', patch((t) => (t.tables[0].columns = [{ id: 'a', label: 'a', children: [{ id: 'b', label: 'b', children: [{ id: 'c', label: 'c', children: [{ id: 'd', label: 'd', children: [{ id: 'e', label: 'e' }] }] }] }] }])), '嵌套'],
    ['a derived column of a missing column', patch((t) => t.tables[0].columns.push({ id: 'c3', label: '小计', derived: ['c7'] })), '不存在'],
    ['a measure on a missing cell', patch((t) => (t.measures = [{ id: 'received', cells: ['t1/r9/c1'] }])), '不存在'],
    ['an empty name', patch((t) => (t.name = '  ')), '名称不能为空'],
    ['a link to a missing table', patchTwo((t) => (t.links[0].as.table = 't9')), '表「t9」不存在'],
    ['a link to a row of another table', patchTwo((t) => (t.links[0].row.row = 'r3')), '行「r3」不在表「答复表」中'],
    ['a link to a missing column', patchTwo((t) => (t.links[0].row.col = 'c1')), '列「c1」不在表「答复表」中'],
    ['a link within one table', patchTwo((t) => (t.links[0].as.table = 't2')), '只涉及一张表'],
    ['a link over tables with no common column name', patchTwo((t) => (t.tables[1].columns[0].label = '当年')  && (t.tables[1].columns[1].label = '总计')), '表头相同的数字列'],
    ['a link with a column on one row and every column on the other (one cell against many)', patchTwo((t) => (t.links[0].as.col = 'c1')), '或者每一行都指定列'],
    ['two columns under the same header', patchTwo((t) => (t.tables[1].columns[1].label = '本年度')), '有两列表头相同（本年度）'],
    ['a row without a name', patch((t) => (t.tables[0].rows[1].label = '  ')), '有一行没有名称'],
    ['a column without a name', patch((t) => (t.tables[0].columns[1].label = '')), '有一列没有名称'],
    ['two rows of one name under one parent', patch((t) => t.tables[0].rows.push({ id: 'r4', label: '1.政府网站', level: 1, kind: 'value' })), '同一栏目下有两行都叫「1.政府网站」'],
    ['a link whose ref is not an object', patchTwo((t) => (t.links[0].row = 't2/r1')), '不是对象'],
    ['a sum link without parts', patchTwo((t) => (t.links = [{ kind: 'sum', id: 's', total: { table: 't1', row: 'r1' }, parts: [], what: '合计' }])), '没有加项'],
    ['duplicate link ids', patchTwo((t) => t.links.push({ ...t.links[0] })), '表间关系编号「l1」重复'],
    ['a link to a heading without cells', patchTwo((t) => (t.tables[0].rows[0].kind = 'section')), '没有格子'],
    ['a file too large', 'x'.repeat(FORM_FILE_MAX + 1), '太大']
  ];
  it.each(refused)('refuses %s', (_, text, reason) => {
    const r = parseFormFile(text);
    expect(r.ok).toBe(false);
    expect((r as { reason: string }).reason).toContain(reason);
  });

  it('a form file says version 2 only when the form has links (a tool from before links refuses it rather than drop them)', () => {
    expect(JSON.parse(makeFormFile(small)).version).toBe(1);
    expect(JSON.parse(makeFormFile(two)).version).toBe(2);
  });

  it('a form with a link between two tables round-trips, and the link pairs columns by printed name', () => {
    expect(parseFormFile(makeFormFile(two))).toEqual({ ok: true, form: two });
    const fixed = { ...two, links: [{ kind: 'lte' as const, id: 'l2', row: { table: 't2', row: 'r2', col: 'x1' }, max: { table: 't1', row: 'r2', col: 'c2' }, severity: 'warning' as const }] };
    expect(parseFormFile(makeFormFile(fixed))).toEqual({ ok: true, form: fixed });
  });

  it('copies only known fields: __proto__ keys and extra fields go nowhere', () => {
    const text = `{"format":"nianbao-jiaoyan-form","version":1,"form":{"__proto__":{"polluted":1},"evil":"x",${JSON.stringify(small).slice(1, -1)},"tables":[${JSON.stringify({ ...small.tables[0], onload: 'x' }).replace('"rows":[{', '"rows":[{"__proto__":{"polluted":2},')}]}}`;
    const r = parseFormFile(text);
    expect(r.ok).toBe(true);
    const form = (r as { form: Template }).form;
    expect(form).toEqual(small);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(form.tables[0].rows[0])).toBe(Object.prototype);
  });

  it('property: any valid form exported and imported is the same form', () => {
    const label = fc.string({ minLength: 1, maxLength: 12 });
    const rowArb = fc.record({ label, level: fc.integer({ min: 0, max: 4 }), kind: fc.constantFrom<RowDef['kind']>('value', 'header', 'section', 'group'), role: fc.option(fc.constantFrom<NonNullable<RowDef['role']>>('child', 'part', 'measure'), { nil: undefined }), unit: fc.option(fc.constantFrom('条', '件', '万元', '个'), { nil: undefined }) });
    const formArb = fc.record({
      rows: fc.array(rowArb, { minLength: 1, maxLength: 15 }),
      cols: fc.array(label, { minLength: 1, maxLength: 4 }),
      nested: fc.boolean(),
      name: label,
      relate: fc.boolean(),
      link: fc.option(fc.record({ kind: fc.constantFrom('same', 'lte', 'sum'), row: fc.nat(20), col: fc.boolean() }), { nil: undefined })
    });
    fc.assert(
      fc.property(formArb, (g) => {
        const rows: RowDef[] = g.rows.map((r, i) => ({ id: `r${i + 1}`, label: r.label, level: r.level, kind: r.kind, ...(r.role ? { role: r.role } : {}), ...(r.unit ? { unit: r.unit } : {}) }));
        const leaves: ColumnDef[] = g.cols.map((l, i) => ({ id: `c${i + 1}`, label: l }));
        const columns: ColumnDef[] = g.nested && leaves.length > 1 ? [{ id: 'g1', label: '分组', children: leaves }] : leaves;
        const relations: Relation[] = g.relate && leaves.length > 1 ? [{ kind: 'collte', id: 'le', col: 'c1', max: 'c2' }] : [];
        const form: Template = { id: 'own-x', version: 3, name: g.name, title: g.name, source: 's', tables: [{ id: 't1', title: 't', labelHeader: 'h', rows, columns, relations }] };
        const withCell = rows.filter((r) => r.kind === 'value' || r.kind === 'header');
        if (g.link && withCell.length) {
          const other = { id: 't2', title: '另表', labelHeader: 'h', rows: [{ id: 'a1', label: '总数', level: 0, kind: 'value' as const }], columns: leaves.map((c) => ({ ...c })), relations: [] };
          form.tables.push(other);
          const mine = { table: 't1', row: withCell[g.link.row % withCell.length].id, ...(g.link.col ? { col: 'c1' } : {}) };
          const theirs = { table: 't2', row: 'a1', ...(g.link.col ? { col: 'c1' } : {}) };
          form.links = [g.link.kind === 'sum' ? { kind: 'sum', id: 'k', total: theirs, parts: [mine], what: '合计' } : g.link.kind === 'same' ? { kind: 'same', id: 'k', row: theirs, as: mine } : { kind: 'lte', id: 'k', row: mine, max: theirs }];
        }
        const checked = validateForm(form);
        fc.pre(checked.ok || !g.name.trim());
        if (!checked.ok) return;
        expect(parseFormFile(makeFormFile(form))).toEqual({ ok: true, form });
      }),
      { numRuns: 150 }
    );
  });
});
