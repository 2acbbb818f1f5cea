// The app service against a real IndexedDB implementation (fake-indexeddb): the home list with the
// journals replayed first, a unit renamed and a year changed, a deletion that takes its journal, a
// restore over a report that takes its journal, and a unit's years for 历年对比.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReportStore } from '$lib/storage/reports';
import { findTemplate } from '$lib/templates';
import { AppService } from './app-service';
import { memoryJournal, type Journal } from './journal';

const T = findTemplate('gov-2017-county', 1)!;

let store: ReportStore;
let journal: Journal;
let app: AppService;
let n = 0;
beforeEach(() => {
  store = new ReportStore(`app-${n++}`);
  journal = memoryJournal();
  app = new AppService(store, journal);
});
afterEach(() => store.close());

describe('AppService', () => {
  it('lists the newest reports with the journaled edits of a closed tab written first', async () => {
    const a = await app.createReport('商河县', 2017, T);
    await new Promise((r) => setTimeout(r, 2));
    const b = await app.createReport('济阳县', 2017, T);
    const c = await app.createCollection('济南市', 2017, T);
    journal.write(a.id, [{ key: 't1/1.1/v', raw: '7', value: 7, at: Date.now() }]);
    const home = await app.home(false, 1);
    expect(home.total).toBe(2);
    // The replayed report was written last: it is the newest now.
    expect(home.reports.map((r) => r.id)).toEqual([a.id]);
    expect(home.collections.map((x) => x.id)).toEqual([c.id]);
    expect(await store.cells(a.id)).toEqual(new Map([['t1/1.1/v', { raw: '7', value: 7 }]]));
    expect(journal.reports()).toEqual([]);
    expect((await app.home(true, 1)).reports.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
  });

  it('renames the unit (all years) and changes the year; counts the unit\'s other reports', async () => {
    const r2017 = await app.createReport('商河县', 2017, T);
    const r2018 = await app.createReport('商河县', 2018, T);
    expect(await app.otherReportsOfUnit(r2017)).toBe(1);
    await app.changeReport(r2017, { unit: '济南市商河县', year: 2016, allYears: true });
    expect(await store.get(r2017.id)).toMatchObject({ unit: '济南市商河县', year: 2016 });
    expect(await store.get(r2018.id)).toMatchObject({ unit: '济南市商河县', year: 2018 });
  });

  it('deletes a report with its journal; a copy keeps its figures', async () => {
    const r = await app.createReport('商河县', 2017, T);
    await store.saveCells(r.id, [{ key: 't1/1.1/v', entry: { raw: '3', value: 3 } }]);
    const copy = await app.duplicate(r);
    expect(copy.unit).toBe('商河县（副本）');
    expect(await store.cells(copy.id)).toEqual(await store.cells(r.id));
    journal.write(r.id, [{ key: 't1/1.1/v', raw: '4', value: 4, at: Date.now() }]);
    await app.remove(r);
    expect(await store.get(r.id)).toBeUndefined();
    expect(journal.reports()).toEqual([]);
  });

  it('restores a backup over a report and drops that report\'s unsaved edits', async () => {
    const r = await app.createReport('商河县', 2017, T);
    await store.saveCells(r.id, [{ key: 't1/1.1/v', entry: { raw: '3', value: 3 } }]);
    const saved = app.readBackup(JSON.stringify(await app.backup()));
    if (!saved.ok) throw new Error(saved.reason);
    await store.saveCells(r.id, [{ key: 't1/1.1/v', entry: { raw: '5', value: 5 } }]);
    journal.write(r.id, [{ key: 't1/1.1/v', raw: '6', value: 6, at: Date.now() }]);
    const plan = await app.planRestore(saved.backup);
    expect(plan.conflicts).toHaveLength(1);
    expect((await app.restore(plan, 'take-backup')).written).toBe(1);
    expect(await store.cells(r.id)).toEqual(new Map([['t1/1.1/v', { raw: '3', value: 3 }]]));
    expect(journal.reports()).toEqual([]);
  });

  it('gives a unit\'s years for 历年对比, the report asked about first in its year', async () => {
    const r2017 = await app.createReport('商河县', 2017, T);
    const r2018 = await app.createReport('商河县', 2018, T);
    await app.createReport('济阳县', 2018, T);
    const series = await app.unitYears(r2018);
    expect(series.years.map((y) => [y.year, y.id])).toEqual([[2017, r2017.id], [2018, r2018.id]]);
  });
});
