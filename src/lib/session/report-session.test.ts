// The report session against a real IndexedDB implementation (fake-indexeddb): apply, undo and
// redo (raw text restored, one step per batch), the journal replayed after a lost write, failed
// writes retried and reported, merges from another tab, and the summary derived on open.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { check } from '$lib/domain/checks';
import { checkStamp } from '$lib/check-stamp';
import { findTemplate } from '$lib/templates';
import { ReportStore } from '$lib/storage/reports';
import { localJournal, memoryJournal, memoryStorage, type Journal } from './journal';
import { openReport, replayJournals } from './open-report';
import type { ReportSession } from './report-session';

let store: ReportStore;
let n = 0;
/** The clock of the store and the sessions: moved by the test, never slept for. */
let clock = 0;
const now = () => clock;
beforeEach(() => {
  clock = Date.now();
  store = new ReportStore(`session-${n++}`, now);
});
afterEach(() => store.close());

const META = { unit: '商河县', year: 2017, templateId: 'gov-2017-county', templateVersion: 1 };

async function open(id: string, journal: Journal = memoryJournal()): Promise<ReportSession> {
  // The localisation runs as soon as the edit's own work is done (a microtask), not in idle time.
  const r = await openReport(store, id, journal, { schedule: queueMicrotask, now });
  if ('reason' in r) throw new Error(r.reason);
  return r.session;
}

describe('ReportSession', () => {
  it('applies a batch: checked at once, written in one transaction, readable after reopening', async () => {
    const { id } = await store.create(META);
    const s = await open(id);
    const delta = s.applyRaw([{ key: 't1/10.1/v', raw: '500' }, { key: 't1/10.2/v', raw: '1000' }], 'paste')!;
    expect(delta.keys).toEqual(['t1/10.1/v', 't1/10.2/v']);
    expect(delta.rows.has('t1/10')).toBe(true); // 十 is blank while its parts hold figures
    expect(s.result.findings.map((f) => f.short)).toEqual(['未填（子项合计 1500）']);
    expect(s.saveStatus.state).toBe('saving');
    await s.flushed();
    expect(s.saveStatus).toEqual({ state: 'saved' });
    const again = await open(id);
    expect(again.entry('t1/10.2/v')).toEqual({ raw: '1000', value: 1000 });
    expect((await store.get(id))!.summary).toMatchObject({ errors: 1, filled: 2 });
  });

  it('a delta names every row whose marks or 校验 text changed, not only the edited cells\' rows', async () => {
    const { id } = await store.create(META);
    const s = await open(id);
    s.applyRaw([{ key: 't1/8.1/v', raw: '49' }, { key: 't1/8.2/v', raw: '12' }, { key: 't1/8/v', raw: '61' }], 'typed');
    const marksOf = () => ({ cells: new Map(s.marks.cells), rows: new Map(s.marks.rows) });
    // Each edit, undo and redo: the delta names a superset of the rows whose marks changed.
    const steps = [() => s.applyRaw([{ key: 't1/8/v', raw: '60' }], 'typed'), () => s.applyRaw([{ key: 't1/8/v', raw: '61' }], 'typed'), () => s.undo(), () => s.redo()];
    for (const step of steps) {
      const before = marksOf();
      const delta = step()!;
      const after = s.marks;
      const rowOf = (k: string) => k.split('/').slice(0, 2).join('/');
      for (const k of new Set([...before.cells.keys(), ...after.cells.keys()])) if (before.cells.get(k) !== after.cells.get(k)) expect(delta.rows).toContain(rowOf(k));
      for (const rk of new Set([...before.rows.keys(), ...after.rows.keys()])) if (JSON.stringify(before.rows.get(rk)) !== JSON.stringify(after.rows.get(rk))) expect(delta.rows).toContain(rk);
    }
    // 60 against parts of 49 + 12: the parts' rows, marked as the relation's cells, are named by
    // the edit of 八 alone (the grid paints nothing the delta does not name).
    await s.flushed();
    const broke = s.applyRaw([{ key: 't1/8/v', raw: '60' }], 'typed')!;
    expect(broke.keys).toEqual(['t1/8/v']);
    expect([...broke.rows]).toEqual(expect.arrayContaining(['t1/8', 't1/8.1', 't1/8.2']));
  });

  it('undo and redo: one step per batch, across tables, the raw text restored exactly', async () => {
    const { id } = await store.create({ ...META, templateId: 'gov-2021' });
    const s = await open(id);
    s.applyRaw([{ key: 't2a/rules/issued', raw: '12.0' }], 'typed');
    s.applyRaw([{ key: 't2a/rules/issued', raw: '3' }, { key: 't3/1/natural', raw: '１２' }, { key: 't4/n/r.keep', raw: '1' }], 'import');
    expect(s.entry('t3/1/natural')).toEqual({ raw: '１２', value: 12 });
    s.undo();
    expect(s.entry('t2a/rules/issued')).toEqual({ raw: '12.0', value: 12 });
    expect(s.entry('t3/1/natural')).toBeUndefined();
    expect(s.entry('t4/n/r.keep')).toBeUndefined();
    s.undo();
    expect(s.entry('t2a/rules/issued')).toBeUndefined();
    expect(s.canUndo).toBe(false);
    s.redo();
    s.redo();
    expect(s.entry('t3/1/natural')).toEqual({ raw: '１２', value: 12 });
    expect(s.result.findings).toEqual(check(s.template, s.values).findings);
    // A new edit after undo drops the redo history, as in Excel.
    s.undo();
    s.applyRaw([{ key: 't4/n/r.fix', raw: '2' }], 'typed');
    expect(s.canRedo).toBe(false);
    await s.flushed();
    const again = await open(id);
    expect(again.entry('t2a/rules/issued')).toEqual({ raw: '12.0', value: 12 });
    expect(again.entry('t4/n/r.fix')).toEqual({ raw: '2', value: 2 });
  });

  it('an edit that changes nothing writes nothing, but is a step: the Ctrl+Z after it never takes back the edit before it', async () => {
    const { id } = await store.create(META);
    const s = await open(id);
    s.applyRaw([{ key: 't1/4/v', raw: '7' }, { key: 't1/4.1/v', raw: '3' }], 'paste');
    const save = vi.spyOn(store, 'saveCells');
    // The same figures again (retyped, or the same clipboard pasted twice).
    expect(s.applyRaw([{ key: 't1/4/v', raw: '7' }, { key: 'no/such/cell', raw: '1' }], 'typed')).toBeNull();
    expect(s.undo()?.keys).toEqual([]);
    expect(s.entry('t1/4/v')).toEqual({ raw: '7', value: 7 }); // the paste stands
    expect(s.undo()?.keys).toEqual(['t1/4/v', 't1/4.1/v']);
    expect(s.canUndo).toBe(false);
    await s.flushed();
    expect(save).toHaveBeenCalledTimes(1); // only the undo of the paste was written
    vi.restoreAllMocks();
  });

  it('the journal brings back an edit whose write never committed (reload at once)', async () => {
    const { id } = await store.create(META);
    const journal = memoryJournal();
    const s = await open(id, journal);
    // The page goes away before IndexedDB commits: the write never happens.
    vi.spyOn(store, 'saveCells').mockImplementationOnce(() => new Promise(() => {}));
    s.applyRaw([{ key: 't1/4/v', raw: '7' }], 'typed');
    s.close();
    expect(await store.cells(id)).toEqual(new Map());
    vi.restoreAllMocks();
    const reopened = await open(id, journal);
    expect(reopened.entry('t1/4/v')).toEqual({ raw: '7', value: 7 });
    await reopened.flushed();
    expect((await store.cells(id)).get('t1/4/v')).toEqual({ raw: '7', value: 7 });
    expect(journal.read(id).size).toBe(0);
  });

  it('at start, every report\'s journal is written to storage (the list and backups have it); a deleted report\'s journal is dropped', async () => {
    const { id } = await store.create(META);
    const journal = memoryJournal();
    journal.write(id, [{ key: 't1/4/v', raw: '7', value: 7, at: Date.now() }]);
    journal.write('deleted-report', [{ key: 't1/4/v', raw: '1', value: 1, at: Date.now() }]);
    expect(await replayJournals(store, journal)).toBe(1);
    expect((await store.cells(id)).get('t1/4/v')).toEqual({ raw: '7', value: 7 });
    expect((await store.get(id))!.summary.filled).toBe(1);
    expect(journal.reports()).toEqual([]);
  });

  it('an older journal entry never overwrites a newer stored figure', async () => {
    const { id } = await store.create(META);
    const journal = memoryJournal();
    journal.write(id, [{ key: 't1/4/v', raw: '1', value: 1, at: 1 }]);
    await store.saveCells(id, [{ key: 't1/4/v', entry: { raw: '9', value: 9 } }], undefined, 1000);
    const s = await open(id, journal);
    expect(s.entry('t1/4/v')).toEqual({ raw: '9', value: 9 });
    expect(journal.read(id).size).toBe(0);
  });

  it('a failed write is reported with its cells, never as 已保存, and retried', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const { id } = await store.create(META);
      const s = await open(id);
      const spy = vi.spyOn(store, 'saveCells').mockRejectedValueOnce(new Error('QuotaExceededError'));
      s.applyRaw([{ key: 't1/4/v', raw: '7' }], 'typed');
      await s.flushed();
      expect(s.saveStatus).toEqual({ state: 'error', unsaved: ['t1/4/v'], message: 'QuotaExceededError' });
      // The next good write carries the failed cell too: only then is it 已保存.
      s.applyRaw([{ key: 't1/5/v', raw: '1' }], 'typed');
      await s.flushed();
      expect(s.saveStatus).toEqual({ state: 'saved' });
      expect((await store.cells(id)).get('t1/4/v')).toEqual({ raw: '7', value: 7 });
      // And without a next edit, the retry timer writes it.
      spy.mockRejectedValueOnce(new Error('busy'));
      s.applyRaw([{ key: 't1/6/v', raw: '2' }], 'typed');
      await s.flushed();
      expect(s.saveStatus.state).toBe('error');
      await vi.advanceTimersByTimeAsync(1500);
      await s.flushed();
      expect(s.saveStatus).toEqual({ state: 'saved' });
      expect((await store.cells(id)).get('t1/6/v')).toEqual({ raw: '2', value: 2 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('another tab: newer cells are taken, older ones and our pending ones are not; a hidden tab catches up from storage', async () => {
    const { id } = await store.create(META);
    const a = await open(id);
    const b = await open(id);
    b.applyRaw([{ key: 't1/4/v', raw: '7' }], 'typed');
    await b.flushed();
    const written = (await store.cellRecords(id)).map((r) => ({ key: r.key, raw: r.raw, value: r.value, at: r.at }));
    expect(a.receive(written)!.keys).toEqual(['t1/4/v']);
    expect(a.entry('t1/4/v')).toEqual({ raw: '7', value: 7 });
    expect(a.receive([{ key: 't1/4/v', raw: '1', value: 1, at: 1 }])).toBeNull(); // older
    expect(a.canUndo).toBe(false); // another tab's edit is not ours to undo

    // b writes two more cells; a misses the message, then is shown again.
    b.applyRaw([{ key: 't1/5/v', raw: '3' }, { key: 't1/4/v', raw: '' }], 'typed');
    await b.flushed();
    const delta = await a.refreshFromStore();
    expect(new Set(delta!.keys)).toEqual(new Set(['t1/5/v', 't1/4/v']));
    expect(a.entry('t1/4/v')).toBeUndefined();
    expect(a.entry('t1/5/v')).toEqual({ raw: '3', value: 3 });
  });

  it('two tabs: the newer write wins in both tabs and in storage, whatever commits last; undo never puts back an older figure over another tab\'s', async () => {
    const { id } = await store.create(META);
    const a = await open(id);
    const b = await open(id);
    // A types X = 1 and its write fails; then B types X = 2 and saves it.
    const failing = vi.spyOn(store, 'saveCells').mockRejectedValueOnce(new Error('busy'));
    a.applyRaw([{ key: 't1/4/v', raw: '1' }], 'typed');
    await a.flushed();
    failing.mockRestore();
    clock += 5; // later, as a person's next action is
    b.applyRaw([{ key: 't1/4/v', raw: '2' }], 'typed');
    await b.flushed();
    // A hears of B's newer write: it shows 2, and its own older edit no longer counts.
    const records = await store.cellRecords(id);
    a.receive(records.map((r) => ({ key: r.key, raw: r.raw, value: r.value, at: r.at })));
    expect(a.entry('t1/4/v')).toEqual({ raw: '2', value: 2 });
    expect(a.canUndo).toBe(false);
    // A retry of A's older write (or the write with its next edit) leaves the newer figure alone.
    a.applyRaw([{ key: 't1/5/v', raw: '3' }], 'typed');
    await a.flushed();
    await store.saveCells(id, [{ key: 't1/4/v', entry: { raw: '1', value: 1 }, at: 1 }]);
    expect((await store.cells(id)).get('t1/4/v')).toEqual({ raw: '2', value: 2 });
    // Undo of A's edit of 五 does not touch 四.
    a.undo();
    expect(a.entry('t1/4/v')).toEqual({ raw: '2', value: 2 });
    await a.flushed();
    expect((await store.cells(id)).get('t1/4/v')).toEqual({ raw: '2', value: 2 });
  });

  it('each cell\'s history: every write with its origin and raw text, the unsaved one marked; undo is logged too', async () => {
    const { id } = await store.create(META, [{ key: 't1/4/v', entry: { raw: '7', value: 7 } }]);
    const s = await open(id);
    s.applyRaw([{ key: 't1/4/v', raw: '12件' }], 'typed');
    await s.flushed();
    s.applyRaw([{ key: 't1/4/v', raw: '13' }, { key: 't1/5/v', raw: '1' }], 'paste');
    await s.flushed();
    s.undo();
    // Not yet written: listed as unsaved, after the stored writes.
    const unsaved = await s.history('t1/4/v');
    expect(unsaved.map((h) => [h.raw, h.origin, h.saved])).toEqual([['7', 'import', true], ['12件', 'typed', true], ['13', 'paste', true], ['12件', 'undo', false]]);
    await s.flushed();
    expect((await s.history('t1/4/v')).map((h) => [h.raw, h.origin, h.saved])).toEqual([['7', 'import', true], ['12件', 'typed', true], ['13', 'paste', true], ['12件', 'undo', true]]);
    expect((await s.history('t1/5/v')).map((h) => [h.raw, h.origin])).toEqual([['1', 'paste'], ['', 'undo']]);
    const at = (await s.history('t1/4/v')).map((h) => h.at);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('notes: set, shown to the grid as a repaint of the row, kept on reopen, taken from another tab, deleted', async () => {
    const { id } = await store.create(META);
    const s = await open(id);
    const deltas: string[][] = [];
    s.subscribe((d) => deltas.push([d.origin, ...d.rows]));
    await s.setNote('t1/4/v', '集中清理');
    expect(s.notes.get('t1/4/v')?.text).toBe('集中清理');
    expect(deltas).toEqual([['note', 't1/4']]);
    expect((await open(id)).notes.get('t1/4/v')?.text).toBe('集中清理');
    // Another tab's newer note replaces it; an older one does not.
    s.receiveNotes([{ key: 't1/4/v', text: '旧的', at: 1 }]);
    expect(s.notes.get('t1/4/v')?.text).toBe('集中清理');
    s.receiveNotes([{ key: 't1/4/v', text: '另一标签页', at: Date.now() + 1000 }]);
    expect(s.notes.get('t1/4/v')?.text).toBe('另一标签页');
    // A hidden tab catches up: deleted in storage meanwhile.
    await store.setNote(id, 't1/4/v', '', Date.now() + 2000);
    await s.refreshFromStore();
    expect(s.notes.has('t1/4/v')).toBe(false);
    await s.setNote('t1/5/v', '说明');
    await s.setNote('t1/5/v', '');
    expect(s.notes.size).toBe(0);
    expect((await open(id)).notes.size).toBe(0);
  });

  it('a note that cannot be stored throws and changes nothing', async () => {
    const { id } = await store.create(META);
    const s = await open(id);
    await s.setNote('t1/4/v', '原来的');
    await expect(s.setNote('t1/4/v', '长'.repeat(2000))).rejects.toThrow('批注太长');
    expect(s.notes.get('t1/4/v')?.text).toBe('原来的');
    await store.remove(id);
    await expect(s.setNote('t1/4/v', '新')).rejects.toThrow('报表已被删除');
    expect(s.notes.get('t1/4/v')?.text).toBe('原来的');
  });

  it('a stale journal entry never brings back a cell cleared since (the cleared cell keeps its time)', async () => {
    const { id } = await store.create(META, [{ key: 't1/4/v', entry: { raw: '1', value: 1 } }]);
    const storage = memoryStorage();
    // Tab A journaled 5 and went away before IndexedDB committed it…
    localJournal(storage, 'a').write(id, [{ key: 't1/4/v', raw: '5', value: 5, at: Date.now() + 10 }]);
    // …then another tab cleared the cell, later.
    await store.saveCells(id, [{ key: 't1/4/v', entry: { raw: '', value: null } }], undefined, Date.now() + 1000);
    const s = await open(id, localJournal(storage, 'b'));
    expect(s.entry('t1/4/v')).toBeUndefined();
    await s.flushed();
    expect((await store.cells(id)).has('t1/4/v')).toBe(false);
    expect(storage.length).toBe(0);
  });

  it('opening a report takes over another tab\'s journaled cells, with their own time, even when it already shows the same figure', async () => {
    const { id } = await store.create(META);
    await store.saveCells(id, [{ key: 't1/4/v', entry: { raw: '1', value: 1 } }], undefined, 1000);
    const storage = memoryStorage();
    const s = await open(id, localJournal(storage, 'b')); // this page shows 1 (read at 1000)
    await store.saveCells(id, [{ key: 't1/4/v', entry: { raw: '2', value: 2 } }], undefined, 2000); // tab A commits 2…
    localJournal(storage, 'a').write(id, [{ key: 't1/4/v', raw: '1', value: 1, at: 3000 }]); // …then types 1, not yet committed
    s.replayJournal();
    expect(s.saveStatus.state).toBe('saving');
    await s.flushed();
    expect((await store.cellRecords(id)).find((r) => r.key === 't1/4/v')).toMatchObject({ raw: '1', at: 3000 });
    expect(storage.length).toBe(0); // A's entry adopted, then committed here
  });

  it('the stored summary is a cache: corrected from the cells when the report opens, in the session\'s write order', async () => {
    const { id } = await store.create(META, [{ key: 't1/4/v', entry: { raw: '7', value: 7 } }, { key: 't1/4.1/v', entry: { raw: '1', value: 1 } }]);
    await store.update(id, { summary: { errors: 0, warnings: 0, filled: 200, cells: 200 } });
    // Not awaited before the report is shown: flushed() covers it.
    await (await open(id)).flushed();
    expect((await store.get(id))!.summary).toEqual({ errors: 0, warnings: 1, reviewed: 0, filled: 2, cells: 75, blank: 0, findings: ['incomplete:t1|t1/4.2/v'], likely: [], stamp: checkStamp(findTemplate('gov-2017-county', 1)!, new Map([['t1/4/v', { raw: '7', value: 7 }], ['t1/4.1/v', { raw: '1', value: 1 }]])) });
  });

  it('says why a report cannot be opened', async () => {
    expect(await openReport(store, 'nope', memoryJournal())).toEqual({ reason: '找不到这份报表，它可能已被删除。' });
    const { id } = await store.create({ ...META, templateId: 'unknown-form' });
    expect(await openReport(store, id, memoryJournal())).toEqual({ reason: '本工具不认识这份报表的表式（unknown-form 第 1 版）。' });
  });

  it('which figure is wrong: the relations mark at once, the localisation right after, with a delta of its own', async () => {
    const { id } = await store.create({ ...META, templateId: 'gov-2021' });
    const scheduled: (() => void)[] = [];
    const r = await openReport(store, id, memoryJournal(), { schedule: (run) => scheduled.push(run) });
    if ('reason' in r) throw new Error(r.reason);
    const s = r.session;
    const deltas: string[] = [];
    s.subscribe((d) => deltas.push(d.origin));
    // 三（一）予以公开: 自然人 20, 科研机构 12, 总计 20; （七）总计 × 科研机构 0 and × 自然人 20.
    s.applyRaw(
      [
        ['t3/3.1/natural', '20'], ['t3/3.1/sci', '12'], ['t3/3.1/total', '20'],
        ...['biz', 'pub', 'law', 'other'].map((c) => [`t3/3.1/${c}`, '0']),
        ['t3/3.7/natural', '20'], ['t3/3.7/sci', '0'], ['t3/3.7/total', '20'],
        ...['biz', 'pub', 'law', 'other'].map((c) => [`t3/3.7/${c}`, '0'])
      ].map(([key, raw]) => ({ key, raw })),
      'paste'
    );
    // In the keystroke's frame: the failing relations as such.
    expect(s.localised).toBe(false);
    expect(s.marks.cells.get('t3/3.1/total')).toBe('error');
    expect(s.marks.cells.get('t3/3.1/sci')).not.toBe('culprit');
    expect(deltas).toEqual(['paste']);
    // Then the localisation: 科研机构 is the figure, the totals are not asked to change.
    scheduled.shift()!();
    expect(s.localised).toBe(true);
    expect(deltas).toEqual(['paste', 'localise']);
    expect(s.marks.cells.get('t3/3.1/sci')).toBe('culprit');
    expect(s.marks.cells.get('t3/3.1/total')).toBe('related');
    const first = s.causes.find((c) => c.severity === 'error')!;
    expect(first).toMatchObject({ kind: 'figure', key: 't3/3.1/sci', short: '疑为 0（填了 12）' });
    expect(s.marks.rows.get('t3/3.1')?.text).toContain('科研机构：疑为 0（填了 12）');
    expect(s.marks.rows.get('t3/3.7')?.text).toContain('疑 三（一）予以公开 × 科研机构 有误');
    // The write waits for the localisation: the stored summary counts the one wrong figure once.
    await s.flushed();
    expect((await store.get(id))!.summary).toMatchObject({ errors: 1, likely: ['t3/3.1/sci|0'] });
  });

  it('a cause can be reviewed (已核实): counted apart, kept on reopen, cleared when a cell it reads changes', async () => {
    const { id } = await store.create(META);
    let s = await open(id);
    // 十 blank while its parts hold 1500: one cause.
    s.applyRaw([{ key: 't1/10.1/v', raw: '500' }, { key: 't1/10.2/v', raw: '1000' }], 'typed');
    await s.flushed();
    const cause = s.causes.find((c) => c.kind === 'blank')!;
    expect(cause.short).toBe('未填，应为 1500');
    await expect(s.review(cause.id, '  ')).rejects.toThrow('请写明核实的理由');
    await s.review(cause.id, '本级查阅点本年未开放，按上级要求不填合计');
    expect(s.reviewed.has(cause.id)).toBe(true);
    expect((await store.get(id))!.summary).toMatchObject({ errors: 0, reviewed: 1 });
    expect(s.marks.cells.get('t1/10/v')).toBe('reviewed');
    expect(s.marks.rows.get('t1/10')?.text).toMatch(/^已核实：/);
    // Reopened: still reviewed.
    s.close();
    s = await open(id);
    expect(s.reviewed.has(cause.id)).toBe(true);
    // A cell it reads changes: the review no longer holds, and goes with the write.
    s.applyRaw([{ key: 't1/10.1/v', raw: '600' }], 'typed');
    await s.flushed();
    expect(s.reviewed.size).toBe(0);
    expect(await store.reviews(id)).toEqual([]);
    expect((await store.get(id))!.summary).toMatchObject({ errors: 1, reviewed: 0 });
    // Taken back explicitly: counts as an error again.
    const again = s.causes.find((c) => c.kind === 'blank')!;
    await s.review(again.id, '核实无误');
    await s.unreview(again.id);
    expect((await store.get(id))!.summary).toMatchObject({ errors: 1, reviewed: 0 });
  });
});
