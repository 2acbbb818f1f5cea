// Against a real IndexedDB implementation (fake-indexeddb), reset per test.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReportStore } from './reports';

let store: ReportStore;
let n = 0;
beforeEach(() => {
  store = new ReportStore(`test-${n++}`);
});
afterEach(() => store.close());

const meta = { unit: '商河县', year: 2017, templateId: 'gov-2017-county', templateVersion: 1 };

describe('ReportStore', () => {
  it('creates, lists newest first, and keeps reports apart', async () => {
    const a = await store.create(meta);
    await new Promise((r) => setTimeout(r, 2));
    const b = await store.create({ ...meta, unit: '济阳县' });
    await store.saveCells(a.id, [{ key: 't1/1.1/v', entry: { raw: '12054', value: 12054 } }]);
    await new Promise((r) => setTimeout(r, 2));
    await store.saveCells(b.id, [{ key: 't1/1.1/v', entry: { raw: '7', value: 7 } }]);
    expect((await store.list()).map((r) => r.unit)).toEqual(['济阳县', '商河县']);
    expect(await store.cells(a.id)).toEqual(new Map([['t1/1.1/v', { raw: '12054', value: 12054 }]]));
    expect(await store.cells(b.id)).toEqual(new Map([['t1/1.1/v', { raw: '7', value: 7 }]]));
  });

  it('keeps raw text of refused figures and drops cleared cells', async () => {
    const a = await store.create(meta);
    await store.saveCells(a.id, [
      { key: 'x', entry: { raw: 'abc', value: null } },
      { key: 'y', entry: { raw: '5', value: 5 } }
    ], { errors: 1, warnings: 0, filled: 2 });
    await store.saveCells(a.id, [{ key: 'y', entry: { raw: '', value: null } }]);
    expect(await store.cells(a.id)).toEqual(new Map([['x', { raw: 'abc', value: null }]]));
    expect((await store.get(a.id))!.summary).toEqual({ errors: 1, warnings: 0, filled: 2 });
  });

  it('duplicates with all cells, renames and deletes with cells', async () => {
    const a = await store.create(meta);
    await store.saveCells(a.id, [{ key: 'x', entry: { raw: '1', value: 1 } }]);
    const copy = await store.duplicate(a.id, '商河县（副本）');
    expect(await store.cells(copy.id)).toEqual(await store.cells(a.id));
    await store.update(copy.id, { unit: '新名称' });
    expect((await store.get(copy.id))!.unit).toBe('新名称');
    await store.remove(a.id);
    expect(await store.get(a.id)).toBeUndefined();
    expect((await store.cells(a.id)).size).toBe(0);
    expect((await store.cells(copy.id)).size).toBe(1);
  });

  it('refuses to save into a deleted report', async () => {
    const a = await store.create(meta);
    await store.remove(a.id);
    await expect(store.saveCells(a.id, [{ key: 'x', entry: { raw: '1', value: 1 } }])).rejects.toThrow('报表已被删除');
    expect((await store.cells(a.id)).size).toBe(0);
  });
});
