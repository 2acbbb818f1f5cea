// Against a real IndexedDB implementation (fake-indexeddb), reset per test.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReportStore } from './reports';

let store: ReportStore;
let n = 0;
/** The store's clock: moved by the test, never slept for. */
let clock = 0;
beforeEach(() => {
  clock = Date.now();
  store = new ReportStore(`test-${n++}`, () => clock);
});
afterEach(() => store.close());

const meta = { unit: '商河县', year: 2017, templateId: 'gov-2017-county', templateVersion: 1 };

describe('ReportStore', () => {
  it('creates, lists newest first, and keeps reports apart', async () => {
    const a = await store.create(meta);
    clock += 5; // later, as a person's next action is
    const b = await store.create({ ...meta, unit: '济阳县' });
    await store.saveCells(a.id, [{ key: 't1/1.1/v', entry: { raw: '12054', value: 12054 } }]);
    clock += 5; // later, as a person's next action is
    await store.saveCells(b.id, [{ key: 't1/1.1/v', entry: { raw: '7', value: 7 } }]);
    expect((await store.list()).map((r) => r.unit)).toEqual(['济阳县', '商河县']);
    expect(await store.cells(a.id)).toEqual(new Map([['t1/1.1/v', { raw: '12054', value: 12054 }]]));
    expect(await store.cells(b.id)).toEqual(new Map([['t1/1.1/v', { raw: '7', value: 7 }]]));
  });

  it('keeps a check computed elsewhere only over the version it was computed from', async () => {
    const r = await store.create(meta);
    const old = { errors: 3, warnings: 0, filled: 1 };
    expect(await store.keepCheck(r.id, old, r)).toBe(true);
    expect((await store.get(r.id))!.summary).toEqual(old);
    // Another tab saves a figure (and its own check) meanwhile — even within the same millisecond:
    // the stale check is not written over it.
    await store.saveCells(r.id, [{ key: 't1/1.1/v', entry: { raw: '5', value: 5 } }], { errors: 0, warnings: 0, filled: 2 }, r.updatedAt);
    expect((await store.get(r.id))!.updatedAt).toBe(r.updatedAt);
    expect(await store.keepCheck(r.id, old, r)).toBe(false);
    expect((await store.get(r.id))!.summary).toEqual({ errors: 0, warnings: 0, filled: 2 });
    expect(await store.keepCheck('missing', old, { updatedAt: 0, summary: old })).toBe(false);
  });

  it('keeps a check only over the check read too: one written alone since (a review taken back) stays', async () => {
    const r = await store.create(meta);
    const b = await store.create({ ...meta, unit: '济阳县' });
    // Another tab takes a review back: the report's check changes, its version does not.
    const since = { errors: 1, warnings: 0, reviewed: 0, filled: 1 };
    await store.setReview(r.id, 'x', null, since);
    expect((await store.get(r.id))!.updatedAt).toBe(r.updatedAt);
    const mine = { errors: 0, warnings: 0, reviewed: 1, filled: 1, stamp: 'this build' };
    expect(await store.keepChecks([{ id: r.id, summary: mine, read: r }, { id: b.id, summary: mine, read: b }])).toEqual([false, true]);
    expect((await store.get(r.id))!.summary).toEqual(since);
    expect((await store.get(b.id))!.summary).toEqual(mine);
  });

  it('reads the newest page of reports through the index, and counts them all', async () => {
    for (let i = 0; i < 5; i++) {
      await store.create({ ...meta, unit: `单位${i}` });
      clock += 5; // later, as a person's next action is
    }
    const page = await store.newest(3);
    expect(page.total).toBe(5);
    expect(page.reports.map((r) => r.unit)).toEqual(['单位4', '单位3', '单位2']);
    expect((await store.newest(10)).reports).toHaveLength(5);
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

  it('logs every write of a cell with its origin, keeps notes, and deletes both with the report', async () => {
    const a = await store.create(meta, [{ key: 'x', entry: { raw: '1', value: 1 } }]);
    await store.saveCells(a.id, [{ key: 'x', entry: { raw: '12件', value: 12 }, origin: 'paste' }], undefined, a.createdAt + 10);
    await store.saveCells(a.id, [{ key: 'x', entry: { raw: '', value: null }, origin: 'undo' }], undefined, a.createdAt + 20);
    // An older write that loses to the stored one is not logged either.
    await store.saveCells(a.id, [{ key: 'x', entry: { raw: '9', value: 9 }, at: a.createdAt + 5, origin: 'typed' }]);
    expect((await store.history(a.id, 'x')).map((h) => [h.raw, h.value, h.origin])).toEqual([['1', 1, 'import'], ['12件', 12, 'paste'], ['', null, 'undo']]);
    expect(await store.setNote(a.id, 'x', '  集中清理  ')).toMatchObject({ text: '集中清理' });
    expect((await store.notes(a.id)).map((n) => [n.key, n.text])).toEqual([['x', '集中清理']]);
    await expect(store.setNote(a.id, 'x', '长'.repeat(1001))).rejects.toThrow('批注太长');
    expect((await store.notes(a.id))[0].text).toBe('集中清理');
    const copy = await store.duplicate(a.id, '副本');
    expect((await store.notes(copy.id)).map((n) => n.text)).toEqual(['集中清理']);
    await store.setNote(a.id, 'x', '');
    expect(await store.notes(a.id)).toEqual([]);
    await store.setNote(a.id, 'x', '再写');
    await store.remove(a.id);
    expect(await store.notes(a.id)).toEqual([]);
    expect(await store.history(a.id, 'x')).toEqual([]);
    await expect(store.setNote(a.id, 'x', '删了')).rejects.toThrow('报表已被删除');
  });

  it('a replace keeps a tombstone for every cell it drops: an older queued write cannot bring one back', async () => {
    const a = await store.create(meta, [{ key: 'x', entry: { raw: '5', value: 5 } }, { key: 'y', entry: { raw: '6', value: 6 } }]);
    await store.replaceCells(a.id, [{ key: 'y', entry: { raw: '7', value: 7 } }], { errors: 0, warnings: 0, filled: 1 });
    await store.saveCells(a.id, [{ key: 'x', entry: { raw: '9', value: 9 }, at: a.createdAt - 1 }]);
    expect(await store.cells(a.id)).toEqual(new Map([['y', { raw: '7', value: 7 }]]));
    expect((await store.cellRecords(a.id, true)).find((r) => r.key === 'x')).toMatchObject({ raw: '' });
  });

  it('refuses to save into a deleted report', async () => {
    const a = await store.create(meta);
    await store.remove(a.id);
    await expect(store.saveCells(a.id, [{ key: 'x', entry: { raw: '1', value: 1 } }])).rejects.toThrow('报表已被删除');
    expect((await store.cells(a.id)).size).toBe(0);
  });

  it('writes a 汇总\'s files in one go: new reports, and a replaced one whose old figures are cleared with tombstones', async () => {
    const old = await store.create(meta, [{ key: 't1/1.1/v', entry: { raw: '5', value: 5 } }, { key: 't1/2.1/v', entry: { raw: '7', value: 7 } }]);
    const summary = { errors: 0, warnings: 0, filled: 1 };
    const [a, b] = await store.createMany([
      { meta: { ...meta, unit: '甲局', summary }, cells: () => [['t1/1.1/v', '1', 1]] },
      { meta: { ...meta, summary }, cells: () => [['t1/1.1/v', '9', 9]], replace: old.id }
    ]);
    expect(b.id).toBe(old.id);
    expect(await store.cells(a.id)).toEqual(new Map([['t1/1.1/v', { raw: '1', value: 1 }]]));
    expect(await store.cells(old.id)).toEqual(new Map([['t1/1.1/v', { raw: '9', value: 9 }]]));
    expect((await store.cellRecords(old.id, true)).find((c) => c.key === 't1/2.1/v')?.raw).toBe('');
    expect((await store.history(old.id, 't1/1.1/v')).map((h) => h.raw)).toEqual(['5', '9']);
  });

  it('a 汇总\'s files join it chunk by chunk, each in the transaction that writes it; a 汇总 deleted meanwhile stops the writing', async () => {
    const summary = { errors: 0, warnings: 0, filled: 1 };
    const c = await store.createCollection({ name: '济南市', year: 2017, templateId: meta.templateId, templateVersion: 1 });
    const file = (unit: string) => ({ meta: { ...meta, unit, summary }, cells: () => [['t1/1.1/v', '1', 1]] as [string, string, number][] });
    const seen: string[][] = [];
    // Each chunk is a member by the time its commit is heard.
    const written = await store.createMany([file('甲局'), file('乙局'), file('丙局')], async (chunk) => void seen.push((await store.getCollection(c.id))!.reportIds.slice(-chunk.length)), { collection: c.id, chunk: 2 });
    expect(seen).toEqual([written.slice(0, 2).map((r) => r.id), [written[2].id]]);
    expect((await store.getCollection(c.id))?.reportIds).toEqual(written.map((r) => r.id));
    // Gone (deleted in another tab): nothing of the chunk is written, and the caller hears why.
    await store.removeCollection(c.id);
    const before = (await store.list()).length;
    await expect(store.createMany([file('丁局')], undefined, { collection: c.id })).rejects.toThrow('找不到这个汇总');
    expect((await store.list()).length).toBe(before);
  });

  it('a 汇总 file\'s prose is kept with its report; a replacing file without prose leaves the text as it was', async () => {
    const summary = { errors: 0, warnings: 0, filled: 1, prose: 1 };
    const [r] = await store.createMany([{ meta: { ...meta, unit: '乙局', summary }, cells: () => [['t1/1.1/v', '1', 1]], text: { text: '本年度共受理申请 5 件。', source: '乙局.pdf' } }]);
    expect(await store.text(r.id)).toMatchObject({ text: '本年度共受理申请 5 件。', source: '乙局.pdf' });
    await store.createMany([{ meta: { ...meta, unit: '乙局', summary }, cells: () => [], replace: r.id }]);
    expect((await store.text(r.id))?.text).toBe('本年度共受理申请 5 件。');
    await store.createMany([{ meta: { ...meta, unit: '乙局', summary }, cells: () => [], replace: r.id, text: { text: '本年度共受理申请 6 件。', source: '乙局（新）.docx' } }]);
    expect(await store.text(r.id)).toMatchObject({ text: '本年度共受理申请 6 件。', source: '乙局（新）.docx' });
  });

  it('a 汇总 file\'s figures are one pack: edits after it win, an older queued write loses, history and backup see them, a second replace keeps the first in the history', async () => {
    const summary = { errors: 0, warnings: 0, filled: 2 };
    const [r] = await store.createMany([{ meta: { ...meta, unit: '甲局', summary }, cells: () => [['t1/1.1/v', '10', 10], ['t1/2.1/v', '3', 3]] }]);
    const packAt = r.updatedAt;
    // An edit after the import wins over the pack's figure; a write queued before it loses.
    await store.saveCells(r.id, [{ key: 't1/1.1/v', entry: { raw: '11', value: 11 } }], undefined, packAt + 5);
    await store.saveCells(r.id, [{ key: 't1/2.1/v', entry: { raw: '99', value: 99 } }], undefined, packAt - 5);
    expect(await store.cells(r.id)).toEqual(new Map([['t1/1.1/v', { raw: '11', value: 11 }], ['t1/2.1/v', { raw: '3', value: 3 }]]));
    expect((await store.cellsOf([r.id])).get(r.id)?.get('t1/1.1/v')).toEqual({ raw: '11', value: 11 });
    expect((await store.history(r.id, 't1/1.1/v')).map((h) => [h.raw, h.origin])).toEqual([['10', 'import'], ['11', 'typed']]);
    expect((await store.historyRecords(r.id)).filter((h) => h.key === 't1/2.1/v').map((h) => h.raw)).toEqual(['3']);
    // A cleared cell (tombstone) after the pack hides the pack's figure.
    await store.saveCells(r.id, [{ key: 't1/2.1/v', entry: { raw: '', value: null } }], undefined, packAt + 6);
    expect([...(await store.cells(r.id)).keys()]).toEqual(['t1/1.1/v']);
    // Replaced by another file: the new figures, the old pack's writes kept in the history.
    clock = packAt + 12;
    await store.createMany([{ meta: { ...meta, unit: '甲局', summary }, cells: () => [['t1/2.1/v', '4', 4]], replace: r.id }]);
    expect(await store.cells(r.id)).toEqual(new Map([['t1/2.1/v', { raw: '4', value: 4 }]]));
    expect((await store.history(r.id, 't1/1.1/v')).map((h) => h.raw)).toEqual(['10', '11', '']);
    expect((await store.history(r.id, 't1/2.1/v')).map((h) => h.raw)).toEqual(['3', '', '4']);
    // An import chosen to replace it (one file) and a delete take the pack with them.
    clock += 5;
    await store.replaceCells(r.id, [{ key: 't1/3/v', entry: { raw: '8', value: 8 } }], summary);
    expect(await store.cells(r.id)).toEqual(new Map([['t1/3/v', { raw: '8', value: 8 }]]));
    expect((await store.history(r.id, 't1/2.1/v')).map((h) => h.raw)).toEqual(['3', '', '4', '']);
    await store.remove(r.id);
    expect(await store.cells(r.id)).toEqual(new Map());
    expect(await store.historyRecords(r.id)).toEqual([]);
  });

  it('reports of one name share a unit; renaming the unit renames every year, renaming one report moves it, a name of another unit joins it', async () => {
    const a17 = await store.create(meta);
    const a18 = await store.create({ ...meta, year: 2018 });
    const other = await store.create({ ...meta, unit: '济阳县' });
    const [batch] = await store.createMany([{ meta: { ...meta, year: 2019, summary: { errors: 0, warnings: 0, filled: 0 } }, cells: () => [] }]);
    expect(a17.unitId).toBeTruthy();
    expect(new Set([a17.unitId, a18.unitId, batch.unitId]).size).toBe(1);
    expect(other.unitId).not.toBe(a17.unitId);
    // The unit renamed: every year follows, the link stays.
    await store.renameUnit(a18.id, '商河县人民政府', true);
    const after = new Map((await store.list()).map((r) => [r.id, r]));
    expect([a17.id, a18.id, batch.id].map((id) => [after.get(id)!.unit, after.get(id)!.unitId])).toEqual(Array(3).fill(['商河县人民政府', a17.unitId]));
    expect((await store.unit(a17.unitId!))?.name).toBe('商河县人民政府');
    // One report alone under a new name: a unit of its own; back under the old name: it rejoins.
    await store.renameUnit(a17.id, '另一单位', false);
    const moved = await store.get(a17.id);
    expect(moved?.unitId).not.toBe(a17.unitId);
    await store.renameUnit(a17.id, '商河县人民政府', false);
    expect((await store.get(a17.id))?.unitId).toBe(a18.unitId);
    expect(await store.unit(moved!.unitId!)).toBeUndefined();
    // A typo corrected to another unit's name links the report to that unit.
    await store.renameUnit(other.id, '商河县人民政府', true);
    expect((await store.get(other.id))?.unitId).toBe(a17.unitId);
    expect((await store.reportsOfUnit(a17.unitId!)).length).toBe(4);
    await expect(store.renameUnit(other.id, '  ', true)).rejects.toThrow('单位名称不能为空');
    // A copy under another name is another unit.
    const copy = await store.duplicate(a18.id, '商河县（副本）');
    expect(copy.unitId).not.toBe(a18.unitId);
  });

  it('a unit\'s reports of every year come from the unit index: none of a unit whose id starts the same, newest first', async () => {
    const a = await store.create({ unit: '商河县', year: 2020, templateId: 'gov-2019', templateVersion: 1 });
    clock += 10;
    const b = await store.create({ unit: '商河县', year: 2022, templateId: 'gov-2021', templateVersion: 1 });
    for (let i = 0; i < 12; i++) await store.create({ unit: `单位${i}`, year: 2022, templateId: 'gov-2021', templateVersion: 1 });
    // Another unit whose id has this one's as its start (u-… ids are random; made so here).
    const unitId = a.unitId!;
    const twin = await store.create({ unit: '商河县二', year: 2022, templateId: 'gov-2021', templateVersion: 1, unitId: `${unitId}0` });
    expect(twin.unitId).toBe(`${unitId}0`);
    expect((await store.reportsOfUnit(unitId)).map((r) => r.id)).toEqual([b.id, a.id]);
    expect((await store.ofUnitYear(unitId, 2022)).map((r) => r.id)).toEqual([b.id]);
  });

  it('reads many reports by id in the order asked, leaving out those no longer stored', async () => {
    const a = await store.create({ unit: '商河县', year: 2022, templateId: 'gov-2021', templateVersion: 1 });
    const b = await store.create({ unit: '济阳县', year: 2022, templateId: 'gov-2021', templateVersion: 1 });
    const c = await store.create({ unit: '平阴县', year: 2022, templateId: 'gov-2021', templateVersion: 1 });
    await store.remove(b.id);
    expect((await store.getMany([c.id, b.id, a.id, 'no-such-report'])).map((r) => r.unit)).toEqual(['平阴县', '商河县']);
    expect(await store.getMany([])).toEqual([]);
    // Across slices (two per transaction here): the order and the gaps the same.
    expect((await store.getMany([c.id, b.id, 'no-such-report', a.id, c.id], 2)).map((r) => r.unit)).toEqual(['平阴县', '商河县', '平阴县']);
  });

  it('reads every report but those named (a 汇总\'s members), newest first', async () => {
    const made = [];
    for (const unit of ['商河县', '济阳县', '平阴县', '长清区']) {
      made.push(await store.create({ ...meta, unit }));
      clock += 5;
    }
    // The first one saved again last: the newest.
    await store.saveCells(made[0].id, [{ key: 't1/1.1/v', entry: { raw: '3', value: 3 } }]);
    expect((await store.allBut([made[1].id, 'no-such-report'])).map((r) => r.unit)).toEqual(['商河县', '长清区', '平阴县']);
    expect(await store.allBut(made.map((r) => r.id))).toEqual([]);
  });

  it('导入表式: the same form again changes nothing; an older version than the newest here is refused; a new one is added', async () => {
    const form = { id: 'own-b', version: 1, name: '某县表', title: '某县表', source: 's', tables: [{ id: 't1', title: 't', labelHeader: 'h', rows: [{ id: 'r1', label: 'x', level: 0, kind: 'value' as const }], columns: [{ id: 'c1', label: '本年度' }], relations: [] }] };
    expect(await store.importForm(form)).toEqual({ kind: 'added', form });
    expect(await store.importForm(form)).toEqual({ kind: 'present', version: 1 });
    const v2 = { ...form, version: 2, name: '某县表（第二版）' };
    expect(await store.importForm(v2)).toEqual({ kind: 'added', form: v2 });
    expect(await store.importForm({ ...form, name: '某县表（旧）' })).toEqual({ kind: 'older', newest: 2 });
    // Version 2 here differs from the file's version 2 (edited here): the file's joins as 3.
    expect(await store.importForm({ ...v2, name: '县里的第二版' })).toMatchObject({ kind: 'added', form: { version: 3, name: '县里的第二版' } });
    expect((await store.forms()).filter((f) => f.id === 'own-b').map((f) => f.version)).toEqual([1, 2, 3]);
  });

  it('own forms: a version no report uses is saved over, a used one is frozen (the next save is a new version); a used version cannot be deleted', async () => {
    const form = { id: 'own-a', version: 1, name: '某省表', title: '某省表', source: 's', tables: [{ id: 't1', title: 't', labelHeader: 'h', rows: [{ id: 'r1', label: 'x', level: 0, kind: 'value' as const }], columns: [{ id: 'c1', label: '本年度' }], relations: [] }] };
    expect((await store.saveForm(form)).version).toBe(1);
    expect((await store.saveForm({ ...form, name: '某省表（改）' })).version).toBe(1);
    expect((await store.forms()).map((f) => [f.version, f.form.name])).toEqual([[1, '某省表（改）']]);
    await store.create({ unit: '甲', year: 2015, templateId: 'own-a', templateVersion: 1 });
    const next = await store.saveForm({ ...form, name: '某省表（第二版）' });
    expect(next.version).toBe(2);
    expect((await store.forms()).map((f) => [f.version, f.form.name, f.form.version])).toEqual([[1, '某省表（改）', 1], [2, '某省表（第二版）', 2]]);
    await expect(store.removeForm('own-a', 1)).rejects.toThrow('已有报表使用');
    await store.mergeForm({ ...form, name: '别处的第一版' });
    expect((await store.forms())[0].form.name).toBe('某省表（改）'); // present here: kept
    await store.removeForm('own-a', 2);
    expect((await store.forms()).map((f) => f.version)).toEqual([1]);
  });

  it('a renamed unit keeps its former name: a file or a new report that still says it joins the unit', async () => {
    const a = await store.create(meta);
    const c = await store.createCollection({ name: '济南市', year: 2017, templateId: meta.templateId, templateVersion: 1 });
    await store.updateCollection(c.id, (x) => ({ ...x, expected: ['商河县', '平阴县'] }));
    await store.renameUnit(a.id, '商河县人民政府', true);
    expect((await store.unitNames()).get(a.unitId!)).toEqual(['商河县人民政府', '商河县']);
    // A 汇总 expecting the unit by its old name expects it by the new one.
    expect((await store.getCollection(c.id))?.expected).toEqual(['商河县人民政府', '平阴县']);
    const [batch] = await store.createMany([{ meta: { ...meta, year: 2018, summary: { errors: 0, warnings: 0, filled: 0 } }, cells: () => [] }]);
    expect(batch.unitId).toBe(a.unitId);
    expect((await store.create({ ...meta, year: 2019 })).unitId).toBe(a.unitId);
    expect((await store.units()).length).toBe(1);
    // A batch of names: new, former and current, each to its own unit (the units read once for all).
    const none = { errors: 0, warnings: 0, filled: 0 };
    const mixed = await store.createMany(['新单位', '商河县', '商河县人民政府', '新单位'].map((unit) => ({ meta: { ...meta, unit, year: 2020, summary: none }, cells: () => [] })));
    expect(mixed.map((r) => r.unitId === a.unitId)).toEqual([false, true, true, false]);
    expect(mixed[3].unitId).toBe(mixed[0].unitId);
    expect((await store.units()).length).toBe(2);
  });
});
