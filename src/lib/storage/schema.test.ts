// A database written by the first released schema (version 1), created here with the raw
// IndexedDB API as an old browser profile would hold it, opens through the current code with
// every value intact. Each future schema version adds its own fixture step here.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { storageProblem } from './db';
import { ReportStore } from './reports';

function writeVersion1(name: string) {
  return new Promise<void>((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      db.createObjectStore('reports', { keyPath: 'id' }).createIndex('byUpdated', 'updatedAt');
      db.createObjectStore('cells', { keyPath: ['reportId', 'key'] }).createIndex('byReport', 'reportId');
    };
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction(['reports', 'cells'], 'readwrite');
      tx.objectStore('reports').put({ id: 'r1', unit: '商河县', year: 2017, templateId: 'gov-2017-county', templateVersion: 1, createdAt: 1, updatedAt: 2, summary: { errors: 4, warnings: 0, filled: 73 } });
      tx.objectStore('cells').put({ reportId: 'r1', key: 't1/1.1/v', raw: '12054', value: 12054, updatedAt: 2 });
      tx.objectStore('cells').put({ reportId: 'r1', key: 't1/4.2/v', raw: 'abc', value: null, updatedAt: 2 });
      tx.oncomplete = () => (db.close(), resolve());
      tx.onerror = () => reject(tx.error);
    };
    req.onerror = () => reject(req.error);
  });
}

describe('schema', () => {
  it('opens a version-1 database with every report and cell intact', async () => {
    await writeVersion1('schema-v1');
    const store = new ReportStore('schema-v1');
    expect(await store.list()).toEqual([expect.objectContaining({ id: 'r1', unit: '商河县', summary: { errors: 4, warnings: 0, filled: 73 } })]);
    expect(await store.cells('r1')).toEqual(new Map([['t1/1.1/v', { raw: '12054', value: 12054 }], ['t1/4.2/v', { raw: 'abc', value: null }]]));
    // Version 2's stores were added: history and notes work on the old report.
    await store.saveCells('r1', [{ key: 't1/4.2/v', entry: { raw: '3', value: 3 }, origin: 'typed' }]);
    await store.setNote('r1', 't1/4.2/v', '更正');
    expect((await store.history('r1', 't1/4.2/v')).map((h) => h.raw)).toEqual(['3']);
    expect((await store.notes('r1')).map((n) => n.text)).toEqual(['更正']);
    // Version 3's 汇总 store too.
    expect(await store.collections()).toEqual([]);
    const c = await store.createCollection({ name: '某县', year: 2017, templateId: 'gov-2017-county', templateVersion: 1 });
    await store.updateCollection(c.id, (x) => ({ ...x, reportIds: ['r1'] }));
    expect((await store.getCollection(c.id))?.reportIds).toEqual(['r1']);
    expect((await store.cellsOf(['r1'])).get('r1')?.get('t1/4.2/v')).toEqual({ raw: '3', value: 3 });
    // Version 4: the report got the unit of its name; a new report of that name joins it.
    const units = await store.units();
    expect(units.map((u) => u.name)).toEqual(['商河县']);
    expect((await store.get('r1'))?.unitId).toBe(units[0].id);
    expect((await store.create({ unit: '商河县', year: 2018, templateId: 'gov-2017-county', templateVersion: 1 })).unitId).toBe(units[0].id);
    // Version 7: a cell's time is `at`, as everywhere else.
    expect((await store.cellRecords('r1')).find((c) => c.key === 't1/1.1/v')).toEqual({ reportId: 'r1', key: 't1/1.1/v', raw: '12054', value: 12054, at: 2 });
    // Version 8: a unit's reports of a year through the byUnitYear index, the old report among them.
    expect((await store.ofUnitYear(units[0].id, 2017)).map((r) => r.id)).toEqual(['r1']);
    expect((await store.ofUnitYear(units[0].id, 2018)).map((r) => r.year)).toEqual([2018]);
    await store.close();
  });

  it('version 7 renames a cell\'s and a note\'s time to `at` and keeps each cell\'s newest 50 writes', async () => {
    await writeVersion6('schema-v6');
    const store = new ReportStore('schema-v6');
    expect(await store.cellRecords('r1')).toEqual([{ reportId: 'r1', key: 'k', raw: '60', value: 60, at: 60 }]);
    expect(await store.notes('r1')).toEqual([{ reportId: 'r1', key: 'k', text: '说明', at: 7 }]);
    // 60 writes of k: the oldest ten go; j's three stay.
    expect((await store.history('r1', 'k')).map((h) => h.raw)).toEqual(Array.from({ length: 50 }, (_, i) => String(i + 11)));
    expect((await store.history('r1', 'j')).map((h) => h.raw)).toEqual(['1', '2', '3']);
    // From now on a save trims the cells it writes.
    await store.saveCells('r1', [{ key: 'k', entry: { raw: '61', value: 61 } }]);
    const kept = await store.history('r1', 'k');
    expect(kept).toHaveLength(50);
    expect([kept[0].raw, kept[49].raw]).toEqual(['12', '61']);
    await store.close();
  });
  it('an upgrade step that fails is undone: the data stays at its version, untouched, and the reason is kept', async () => {
    // Version 7 without the reports store (a profile broken by other means): version 8's step fails.
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open('schema-broken', 7);
      req.onupgradeneeded = () => req.result.createObjectStore('units', { keyPath: 'id' }).put({ id: 'u1', name: '商河县', createdAt: 1, updatedAt: 1 });
      req.onsuccess = () => (req.result.close(), resolve());
      req.onerror = () => reject(req.error);
    });
    const store = new ReportStore('schema-broken');
    // Here the in-memory stand-in is this same fake IndexedDB, so the open fails again; in a browser it works in memory.
    await store.memoryOnly().catch(() => null);
    expect(storageProblem.reason).toContain('未能升级到本版本');
    storageProblem.reason = null;
    const raw = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('schema-broken');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    expect(raw.version).toBe(7);
    expect([...raw.objectStoreNames]).toEqual(['units']);
    const unit = await new Promise((resolve) => (raw.transaction('units').objectStore('units').get('u1').onsuccess = (e) => resolve((e.target as IDBRequest).result)));
    expect(unit).toMatchObject({ name: '商河县' });
    raw.close();
  });
});

/** A database as version 6 left it: every store, cells and notes timed as `updatedAt`, a long history. */
function writeVersion6(name: string) {
  return new Promise<void>((resolve, reject) => {
    const req = indexedDB.open(name, 6);
    req.onupgradeneeded = () => {
      const db = req.result;
      db.createObjectStore('reports', { keyPath: 'id' }).createIndex('byUpdated', 'updatedAt');
      db.createObjectStore('cells', { keyPath: ['reportId', 'key'] }).createIndex('byReport', 'reportId');
      const history = db.createObjectStore('history', { keyPath: 'seq', autoIncrement: true });
      history.createIndex('byCell', ['reportId', 'key']);
      history.createIndex('byReport', 'reportId');
      db.createObjectStore('notes', { keyPath: ['reportId', 'key'] }).createIndex('byReport', 'reportId');
      db.createObjectStore('collections', { keyPath: 'id' });
      db.createObjectStore('units', { keyPath: 'id' }).createIndex('byName', 'name');
      db.createObjectStore('packs', { keyPath: 'reportId' });
      db.createObjectStore('forms', { keyPath: ['id', 'version'] });
      db.createObjectStore('reviews', { keyPath: ['reportId', 'id'] }).createIndex('byReport', 'reportId');
    };
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction(['reports', 'cells', 'history', 'notes'], 'readwrite');
      tx.objectStore('reports').put({ id: 'r1', unit: '商河县', year: 2017, templateId: 'gov-2017-county', templateVersion: 1, createdAt: 1, updatedAt: 60, summary: { errors: 0, warnings: 0, filled: 1 } });
      tx.objectStore('cells').put({ reportId: 'r1', key: 'k', raw: '60', value: 60, updatedAt: 60 });
      tx.objectStore('notes').put({ reportId: 'r1', key: 'k', text: '说明', updatedAt: 7 });
      // Interleaved, as a person edits: k and j alternate at first.
      for (let i = 1; i <= 60; i++) {
        tx.objectStore('history').add({ reportId: 'r1', key: 'k', raw: String(i), value: i, at: i, origin: 'typed' });
        if (i <= 3) tx.objectStore('history').add({ reportId: 'r1', key: 'j', raw: String(i), value: i, at: i, origin: 'typed' });
      }
      tx.oncomplete = () => (db.close(), resolve());
      tx.onerror = () => reject(tx.error);
    };
    req.onerror = () => reject(req.error);
  });
}
