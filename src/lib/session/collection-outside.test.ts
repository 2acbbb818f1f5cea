// A unit's report of the 汇总's form and year outside it (made on its own, or in another 汇总): the
// session offers it by every name of its unit, and a file of that unit joins it to the 汇总, replaces
// it in place, or is written beside it — never a second report of the unit without being asked.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CellEntry, CellKey } from '$lib/domain/model';
import { checkReport } from '$lib/domain/report-check';
import { summaryOf } from '$lib/report-status';
import { ReportStore } from '$lib/storage/reports';
import { findTemplate } from '$lib/templates';
import { CollectionSession, type Decision } from './collection-session';
import { decisionsOf, knownUnits, planRow, type Read } from './batch-plan';
import { memoryJournal } from './journal';
import { packFigures } from '$lib/sheets/packed-figures';

const T = findTemplate('gov-2017-county', 1)!;
const META = { year: 2017, templateId: T.id, templateVersion: T.version };
const SETTLED = { timeout: 5000 };

let store: ReportStore;
let n = 0;
beforeEach(() => {
  store = new ReportStore(`collection-outside-${n++}`);
});
afterEach(() => store.close());

const entries = (figures: Record<string, number>) => new Map<CellKey, CellEntry>(Object.entries(figures).map(([k, v]) => [k, { raw: String(v), value: v }]));

async function report(unit: string, figures: Record<string, number>, meta: Partial<typeof META> = {}) {
  const values = entries(figures);
  const r = await store.create({ ...META, ...meta, unit }, [...values].map(([key, entry]) => ({ key, entry })));
  await store.update(r.id, { summary: summaryOf(T, values, checkReport(T, values)) });
  return (await store.get(r.id))!;
}

const open = (id: string) => new CollectionSession(id, store, { nextTask: () => Promise.resolve(), later: () => () => {}, journal: memoryJournal() });

function file(name: string, unit: string, figures: Record<string, number>, year = 2017): Read {
  const values = entries(figures);
  return { ok: true, name, unit, unitFrom: 'file', year, count: values.size, figures: packFigures(values), summary: summaryOf(T, values, checkReport(T, values)) };
}

async function setUp() {
  const a = await report('商河县', { 't1/1.1/v': 1 });
  const outside = await report('济阳县', { 't1/1.1/v': 2 });
  await report('济阳县', { 't1/1.1/v': 9 }, { year: 2018 }); // another year: not asked about
  const c0 = await store.createCollection({ name: '济南市', ...META });
  const c = await store.updateCollection(c0.id, (x) => ({ ...x, reportIds: [a.id] }));
  const s = open(c.id);
  await s.load();
  return { a, outside, c, s };
}

describe('reports outside the 汇总', () => {
  it('are offered by every name of their unit, the names the 汇总 has left out, other years not', async () => {
    const { outside, s } = await setUp();
    await store.renameUnit(outside.id, '济阳区', true);
    const later = await report('历城区', { 't1/1.1/v': 3 });
    await report('商河县', { 't1/1.1/v': 4 }); // a unit the 汇总 has: its member is the one asked about
    const others = await s.others();
    expect([...others.keys()].sort()).toEqual(['历城区', '济阳区', '济阳县'].sort());
    expect(others.get('济阳县')!.id).toBe(outside.id);
    expect(others.get('历城区')!.id).toBe(later.id);
  });

  it('a file of such a unit by default: its report kept as it is and joining the 汇总, nothing written', async () => {
    const { a, outside, c, s } = await setUp();
    const known = knownUnits(s.existing, await s.others());
    const f = file('济阳县.xlsx', '济阳县', { 't1/1.1/v': 5 });
    const decisions = decisionsOf([{ read: f, unit: '济阳县', plan: planRow(f, '济阳县', 2017, known) }]);
    expect(decisions.map((d) => d.choice)).toEqual(['join']);
    const before = (await store.list()).length;
    expect(await s.write(decisions)).toEqual([]);
    expect((await store.getCollection(c.id))!.reportIds).toEqual([a.id, outside.id]);
    expect((await store.list()).length).toBe(before); // no second report of the unit
    expect(await store.cells(outside.id)).toEqual(entries({ 't1/1.1/v': 2 }));
    await vi.waitFor(() => expect(s.reports.map((r) => r.unit)).toEqual(['商河县', '济阳县']), SETTLED);
  });

  it('replaced: the same report, with the file figures, joins the 汇总', async () => {
    const { a, outside, c, s } = await setUp();
    const d: Decision = { read: file('济阳县.xlsx', '济阳县', { 't1/1.1/v': 5 }), unit: '济阳县', choice: 'replace', report: outside.id };
    const [done] = await s.write([d]);
    expect(done.id).toBe(outside.id);
    expect(await store.cells(outside.id)).toEqual(entries({ 't1/1.1/v': 5 }));
    expect((await store.getCollection(c.id))!.reportIds).toEqual([a.id, outside.id]);
  });

  it('both: the file written beside it under its own name, the report outside left where it was', async () => {
    const { a, outside, c, s } = await setUp();
    const [done] = await s.write([{ read: file('济阳县2.xlsx', '济阳县', { 't1/1.1/v': 5 }), unit: '济阳县', choice: 'both', report: outside.id }]);
    expect(done.unit).toBe('济阳县（济阳县2.xlsx）');
    expect((await store.getCollection(c.id))!.reportIds).toEqual([a.id, done.id]);
    expect(await store.get(outside.id)).toEqual(outside);
  });

  it('a file of another year is not written unless chosen; chosen, it is written as the 汇总 year', async () => {
    const { a, c, s } = await setUp();
    const known = knownUnits(s.existing, await s.others());
    const f = file('历城区2016.xlsx', '历城区', { 't1/1.1/v': 7 }, 2016);
    expect(decisionsOf([{ read: f, unit: '历城区', plan: planRow(f, '历城区', 2017, known) }])).toEqual([]);
    const [done] = await s.write(decisionsOf([{ read: f, unit: '历城区', plan: planRow(f, '历城区', 2017, known, 'new') }]));
    expect(done).toMatchObject({ unit: '历城区', year: 2017 });
    expect((await store.getCollection(c.id))!.reportIds).toEqual([a.id, done.id]);
  });
});
