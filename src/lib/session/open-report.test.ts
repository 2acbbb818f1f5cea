// Last year's report, found for the cross-year check through the unit's index (byUnitYear), not by
// reading every report: the same unit (also after a rename), the same form, the year before.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReportStore } from '$lib/storage/reports';
import { findPrevious } from './open-report';

let store: ReportStore;
let n = 0;
beforeEach(() => {
  store = new ReportStore(`open-report-${n++}`);
});
afterEach(() => store.close());

const form = { templateId: 'gov-2021', templateVersion: 1 };

describe('findPrevious', () => {
  it('finds the unit’s report of the year before, of the same form, among many units’', async () => {
    for (let i = 0; i < 30; i++) await store.create({ unit: `单位${i}`, year: 2021, ...form });
    const last = await store.create({ unit: '商河县', year: 2021, ...form }, [{ key: 't3/1/natural', entry: { raw: '7', value: 7 } }]);
    const first = await store.create({ unit: '商河县', year: 2020, ...form });
    await store.create({ unit: '商河县', year: 2021, templateId: 'gov-2019', templateVersion: 1 });
    const now = await store.create({ unit: '商河县', year: 2022, ...form });
    const list = vi.spyOn(store, 'list');
    const prev = await findPrevious(store, now);
    // Not by reading every report: that made each open slower the more reports a browser held.
    expect(list).not.toHaveBeenCalled();
    expect(prev?.meta.id).toBe(last.id);
    expect(prev?.values.get('t3/1/natural')).toEqual({ raw: '7', value: 7 });
    // The year before that, in turn; none for the first year.
    expect((await findPrevious(store, last))?.meta.id).toBe(first.id);
    expect(await findPrevious(store, first)).toBeUndefined();
    expect(await findPrevious(store, (await store.create({ unit: '单位3', year: 2022, ...form })))).toMatchObject({ meta: { unit: '单位3', year: 2021 } });
  });

  it('keeps the link when the unit is renamed for every year, and follows a report moved to another unit', async () => {
    const last = await store.create({ unit: '商河县', year: 2021, ...form });
    const now = await store.create({ unit: '商河县', year: 2022, ...form });
    await store.renameUnit(now.id, '商河县人民政府', true);
    expect((await findPrevious(store, (await store.get(now.id))!))?.meta.id).toBe(last.id);
    // This year's report alone moves to another unit: last year's stays with the old one.
    await store.renameUnit(now.id, '济阳区', false);
    expect(await findPrevious(store, (await store.get(now.id))!)).toBeUndefined();
  });

  it('newest first when a unit has two reports of the year before', async () => {
    let clock = 1_000;
    const timed = new ReportStore(`open-report-timed-${n++}`, () => clock);
    await timed.create({ unit: '商河县', year: 2021, ...form });
    clock = 2_000;
    const newer = await timed.create({ unit: '商河县', year: 2021, ...form });
    const now = await timed.create({ unit: '商河县', year: 2022, ...form });
    expect((await findPrevious(timed, now))?.meta.id).toBe(newer.id);
    await timed.close();
  });
});
