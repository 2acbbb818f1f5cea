import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { applyRestore, makeBackup, parseBackup, planRestore, type Backup } from './backup';
import { ReportStore } from './reports';

let n = 0;
const stores: ReportStore[] = [];
const fresh = () => {
  const s = new ReportStore(`backup-${n++}`);
  stores.push(s);
  return s;
};
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});
const meta = { unit: '商河县', year: 2017, templateId: 'gov-2017-county', templateVersion: 1 };
/** A store's backup as a restore reads it: written to a file's text and read back. */
async function backupOf(store: ReportStore): Promise<Backup> {
  const parsed = parseBackup(JSON.stringify(await makeBackup(store)));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.backup;
}

describe('backup and restore', () => {
  it('round-trips every report with every cell', async () => {
    const a = fresh();
    const r1 = await a.create(meta, [{ key: 't1/4/v', entry: { raw: '7', value: 7 } }, { key: 't1/4.1/v', entry: { raw: 'abc', value: null } }]);
    await a.create({ ...meta, unit: '济阳县' });
    const text = JSON.stringify(await makeBackup(a));
    const parsed = parseBackup(text);
    expect(parsed.ok).toBe(true);
    const b = fresh();
    const plan = await planRestore(b, (parsed as { ok: true; backup: never }).backup);
    expect(plan.added).toHaveLength(2);
    await applyRestore(b, plan, 'keep-mine');
    expect((await b.list()).map((r) => r.unit).sort()).toEqual(['商河县', '济阳县']);
    expect(await b.cells(r1.id)).toEqual(await a.cells(r1.id));
    // The unit's id travels: next year's report in the other browser follows the same unit.
    expect((await b.get(r1.id))?.unitId).toBe(r1.unitId);
    expect((await b.create({ ...meta, year: 2018 })).unitId).toBe(r1.unitId);
  });

  it('a report restored into a unit renamed here shows the unit\'s name; its old name still finds the unit', async () => {
    const a = fresh();
    const r2017 = await a.create(meta);
    const backup = JSON.stringify(await makeBackup(a));
    // Here: the unit was renamed (all years) and the 2017 report deleted; the old backup comes back.
    const b = fresh();
    await applyRestore(b, await planRestore(b, (parseBackup(backup) as { ok: true; backup: never }).backup), 'keep-mine');
    const r2018 = await b.create({ ...meta, year: 2018 });
    await b.renameUnit(r2018.id, '济南市商河县', true);
    await b.remove(r2017.id);
    await applyRestore(b, await planRestore(b, (parseBackup(backup) as { ok: true; backup: never }).backup), 'keep-mine');
    const back = await b.get(r2017.id);
    expect(back).toMatchObject({ unit: '济南市商河县', unitId: r2018.unitId });
    expect((await b.create({ ...meta, year: 2019 })).unitId).toBe(r2018.unitId);
    // The same backup once more: nothing to do, no conflict (the name differs only by the rename).
    const again = await planRestore(b, (parseBackup(backup) as { ok: true; backup: never }).backup);
    expect([again.added.length, again.same, again.conflicts.length]).toEqual([0, 1, 0]);
  });

  it('carries notes and cell history; a version-1 file restores with each cell logged as restored', async () => {
    const a = fresh();
    const r = await a.create(meta, [{ key: 't1/4/v', entry: { raw: '7', value: 7 } }]);
    await a.saveCells(r.id, [{ key: 't1/4/v', entry: { raw: '8件', value: 8 }, origin: 'typed' }]);
    await a.setNote(r.id, 't1/4/v', '集中清理');
    const backup = await backupOf(a);
    const parsed = parseBackup(JSON.stringify(backup));
    expect(parsed.ok).toBe(true);
    const b = fresh();
    await applyRestore(b, await planRestore(b, (parsed as { ok: true; backup: never }).backup), 'keep-mine');
    expect((await b.notes(r.id)).map((n) => n.text)).toEqual(['集中清理']);
    expect((await b.history(r.id, 't1/4/v')).map((h) => [h.raw, h.origin])).toEqual([['7', 'import'], ['8件', 'typed']]);
    // A note that differs makes the report differ.
    await b.setNote(r.id, 't1/4/v', '另一说明');
    expect((await planRestore(b, backup)).conflicts).toHaveLength(1);

    const v1 = { ...backup, version: 1, reports: backup.reports.map(({ meta: m, cells }) => ({ meta: m, cells })) };
    const c = fresh();
    const old = parseBackup(JSON.stringify(v1));
    expect(old.ok).toBe(true);
    await applyRestore(c, await planRestore(c, (old as { ok: true; backup: never }).backup), 'keep-mine');
    expect((await c.history(r.id, 't1/4/v')).map((h) => [h.raw, h.origin])).toEqual([['8件', 'restore']]);
    expect(await c.notes(r.id)).toEqual([]);
  });

  it('taking the backup over a report replaces its cells and notes and logs the restore in its history', async () => {
    const a = fresh();
    const r = await a.create(meta, [{ key: 'k', entry: { raw: '1', value: 1 } }]);
    const backup = await backupOf(a);
    await a.saveCells(r.id, [{ key: 'k', entry: { raw: '2', value: 2 } }, { key: 'j', entry: { raw: '5', value: 5 } }]);
    await a.setNote(r.id, 'k', '我的批注');
    const plan = await planRestore(a, backup);
    const done = await applyRestore(a, plan, 'take-backup');
    expect(done).toMatchObject({ written: 1, replaced: [r.id] });
    // What the other tabs are told: the backup's figure, and the cell it does not have cleared.
    expect(done.replacedCells.map((c) => [c.reportId, c.cells.map((x) => [x.key, x.raw])])).toEqual([[r.id, [['k', '1'], ['j', '']]]]);
    expect(await a.cells(r.id)).toEqual(new Map([['k', { raw: '1', value: 1 }]]));
    expect(await a.notes(r.id)).toEqual([]);
    expect((await a.history(r.id, 'k')).map((h) => [h.raw, h.origin])).toEqual([['1', 'import'], ['2', 'typed'], ['1', 'restore']]);
    expect((await a.history(r.id, 'j')).map((h) => [h.raw, h.origin])).toEqual([['5', 'typed'], ['', 'restore']]);
  });

  it('skips identical reports and asks about differing ones', async () => {
    const a = fresh();
    const r = await a.create(meta, [{ key: 'k', entry: { raw: '1', value: 1 } }]);
    const backup = await backupOf(a);
    expect((await planRestore(a, backup)).same).toBe(1);
    await a.saveCells(r.id, [{ key: 'k', entry: { raw: '2', value: 2 } }]);
    const plan = await planRestore(a, backup);
    expect(plan.conflicts).toHaveLength(1);
    await applyRestore(a, plan, 'keep-both');
    expect((await a.list()).map((x) => x.unit).sort()).toEqual(['商河县', '商河县（备份）']);
    expect((await a.cells(r.id)).get('k')?.raw).toBe('2');
    await applyRestore(a, plan, 'take-backup');
    expect((await a.cells(r.id)).get('k')?.raw).toBe('1');
  });

  it('carries the 汇总: a new one is added, one present here gains the members it lacks and keeps its name', async () => {
    const a = fresh();
    const r1 = await a.create(meta);
    const r2 = await a.create({ ...meta, unit: '济阳县' });
    const c = await a.createCollection({ name: '某市', year: 2017, templateId: 'gov-2017-county', templateVersion: 1 });
    await a.updateCollection(c.id, (x) => ({ ...x, reportIds: [r1.id, r2.id], expected: ['商河县', '济阳县', '平阴县'] }));
    // The summary kept with it is a cache: not carried (the other browser computes its own).
    await a.cacheSummary(c.id, { at: 1, ids: [r1.id, r2.id], values: [['t1/1/v', '1', 1]], counts: [], refused: [] });
    expect((await a.getCollection(c.id))?.cache?.ids).toEqual([r1.id, r2.id]);
    const made = await backupOf(a);
    expect(made.collections?.[0]).not.toHaveProperty('cache');
    const backup = parseBackup(JSON.stringify(made));
    expect(backup.ok).toBe(true);
    const b = fresh();
    await applyRestore(b, await planRestore(b, (backup as { ok: true; backup: never }).backup), 'keep-mine');
    expect(await b.getCollection(c.id)).toEqual(expect.objectContaining({ name: '某市', reportIds: [r1.id, r2.id], expected: ['商河县', '济阳县', '平阴县'] }));
    // Present here with another name and fewer members: the name stays, the members are joined.
    await b.updateCollection(c.id, (x) => ({ ...x, name: '某市（改）', reportIds: [r1.id] }));
    await applyRestore(b, await planRestore(b, (backup as { ok: true; backup: never }).backup), 'keep-mine');
    expect(await b.getCollection(c.id)).toEqual(expect.objectContaining({ name: '某市（改）', reportIds: [r1.id, r2.id] }));
  });

  it.each([
    ['not JSON', '{', '无法读取'],
    ['another file', '{"a":1}', '不是本工具的备份文件'],
    ['a newer version', '{"format":"nianbao-jiaoyan-backup","version":99,"reports":[]}', '更新版本'],
    ['a broken report', '{"format":"nianbao-jiaoyan-backup","version":1,"reports":[{"meta":{"id":1}}]}', '已损坏'],
    ['a note too long', JSON.stringify({ format: 'nianbao-jiaoyan-backup', version: 2, reports: [{ meta: { id: 'x', unit: 'u', year: 2020, templateId: 't', templateVersion: 1, createdAt: 1, updatedAt: 1, summary: {} }, cells: [], notes: [{ key: 'k', text: 'x'.repeat(1001), updatedAt: 1 }] }] }), '批注'],
    ['a history entry of unknown origin', JSON.stringify({ format: 'nianbao-jiaoyan-backup', version: 2, reports: [{ meta: { id: 'x', unit: 'u', year: 2020, templateId: 't', templateVersion: 1, createdAt: 1, updatedAt: 1, summary: {} }, cells: [], history: [{ key: 'k', raw: '1', value: 1, at: 1, origin: 'evil' }] }] }), '修改记录'],
    ['notes that are not a list', JSON.stringify({ format: 'nianbao-jiaoyan-backup', version: 2, reports: [{ meta: { id: 'x', unit: 'u', year: 2020, templateId: 't', templateVersion: 1, createdAt: 1, updatedAt: 1, summary: {} }, cells: [], notes: {} }] }), '已损坏'],
    ['a 汇总 that is not a list', JSON.stringify({ format: 'nianbao-jiaoyan-backup', version: 2, reports: [], collections: {} }), '汇总列表'],
    ['a 汇总 with a broken member list', JSON.stringify({ format: 'nianbao-jiaoyan-backup', version: 2, reports: [], collections: [{ id: 'c', name: 'n', year: 2020, templateId: 't', templateVersion: 1, createdAt: 1, updatedAt: 1, reportIds: [1], expected: [] }] }), '第 1 个汇总'],
    ['a broken cell', JSON.stringify({ format: 'nianbao-jiaoyan-backup', version: 1, reports: [{ meta: { id: 'x', unit: 'u', year: 2020, templateId: 't', templateVersion: 1, createdAt: 1, updatedAt: 1, summary: {} }, cells: [{ key: 'k', raw: 1 }] }] }), '格子数据']
  ])('refuses %s', (_, text, reason) => {
    const r = parseBackup(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain(reason);
  });

  it('copies only known fields, so __proto__ in the file pollutes nothing', () => {
    const text = `{"format":"nianbao-jiaoyan-backup","version":1,"__proto__":{"polluted":1},"reports":[{"meta":{"id":"x","unit":"u","year":2020,"templateId":"t","templateVersion":1,"createdAt":1,"updatedAt":1,"summary":{"__proto__":{"polluted":2}},"__proto__":{"polluted":3}},"cells":[{"key":"k","raw":"1","value":1,"updatedAt":1,"__proto__":{"polluted":4}}]}]}`;
    const r = parseBackup(text);
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys((r as { ok: true; backup: { reports: { cells: object[] }[] } }).backup.reports[0].cells[0])).toEqual(['key', 'raw', 'value', 'at']);
  });
});

describe('own forms in backups', () => {
  it('travel with the backup (every version), restore before their reports, and a broken one refuses the file', async () => {
    const a = fresh();
    const form = { id: 'own-a', version: 1, name: '某省表', title: '某省表', source: 's', tables: [{ id: 't1', title: 't', labelHeader: 'h', rows: [{ id: 'r1', label: '一、总数', level: 0, kind: 'value' as const }, { id: 'r2', label: '1.网站', level: 1, kind: 'value' as const }], columns: [{ id: 'c1', label: '本年度' }], relations: [] }] };
    await a.saveForm(form);
    const r = await a.create({ unit: '甲', year: 2015, templateId: 'own-a', templateVersion: 1 }, [{ key: 't1/r1/c1', entry: { raw: '5', value: 5 } }, { key: 't1/r2/c1', entry: { raw: '3', value: 3 } }]);
    const text = JSON.stringify(await makeBackup(a));
    const parsed = parseBackup(text);
    expect(parsed.ok).toBe(true);
    const b = fresh();
    await applyRestore(b, await planRestore(b, (parsed as { ok: true; backup: never }).backup), 'keep-mine');
    expect((await b.forms()).map((f) => f.form)).toEqual([form]);
    // Checked with its own form on restore: 一、总数 5 ≠ 1.网站 3.
    expect((await b.get(r.id))?.summary.errors).toBe(1);
    const broken = JSON.parse(text);
    broken.forms[0].tables[0].rows[1].id = 'r/2';
    const refused = parseBackup(JSON.stringify(broken));
    expect(refused.ok).toBe(false);
    expect((refused as { reason: string }).reason).toContain('第 1 个表式');
  });

  it('carries reviews (已核实) of findings: a backup that holds them is version 4; restored, the summary counts them apart', async () => {
    const a = fresh();
    const r = await a.create(meta, [{ key: 't1/10.1/v', entry: { raw: '500', value: 500 } }, { key: 't1/10.2/v', entry: { raw: '1000', value: 1000 } }]);
    const review = { id: 'blank:t1/10/v', reason: '查阅点未统计人数', at: 5, reads: [['t1/10/v', ''], ['t1/10.1/v', '500'], ['t1/10.2/v', '1000']] as [string, string][] };
    await a.setReview(r.id, review.id, review, { errors: 0, warnings: 0, reviewed: 1, filled: 2 });
    const backup = await backupOf(a);
    expect(backup.version).toBe(4);
    const parsed = parseBackup(JSON.stringify(backup));
    expect(parsed.ok).toBe(true);
    const b = fresh();
    await applyRestore(b, await planRestore(b, (parsed as { ok: true; backup: never }).backup), 'keep-mine');
    expect(await b.reviews(r.id)).toEqual([{ reportId: r.id, ...review }]);
    expect((await b.get(r.id))!.summary).toMatchObject({ errors: 0, reviewed: 1 });
    // A review that no longer matches the cells it read is restored but does not count.
    const c = fresh();
    const stale = JSON.parse(JSON.stringify(backup));
    stale.reports[0].reviews[0].reads[1][1] = '400';
    await applyRestore(c, await planRestore(c, (parseBackup(JSON.stringify(stale)) as { ok: true; backup: never }).backup), 'keep-mine');
    expect((await c.get(r.id))!.summary).toMatchObject({ errors: 1, reviewed: 0 });
    // A malformed review is refused with the report named.
    const bad = JSON.parse(JSON.stringify(backup));
    bad.reports[0].reviews[0].reads = 'x';
    expect(parseBackup(JSON.stringify(bad))).toEqual({ ok: false, reason: '备份文件已损坏（商河县 2017 的核实记录）' });
  });
});
