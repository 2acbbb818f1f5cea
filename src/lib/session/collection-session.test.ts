// The 汇总 session against a real IndexedDB implementation (fake-indexeddb): the summary from the
// checks the reports keep (no re-check), a report kept without its check checked and kept, the
// background verify correcting a stale kept check, the files written as decided (new, replace,
// both, keep), the members and expected units changed, and reports outside the 汇总 left alone.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CellEntry, CellKey } from '$lib/domain/model';
import { checkReport } from '$lib/domain/report-check';
import { contributionsTo, findingKey, summarise, unitResult } from '$lib/domain/summary';
import { summaryOf } from '$lib/report-status';
import { ReportStore } from '$lib/storage/reports';
import { findTemplate } from '$lib/templates';
import { checkStamp, figuresPrint } from '$lib/check-stamp';
import { CollectionSession, expectedNames, type Decision } from './collection-session';
import { memoryJournal, type Journal } from './journal';
import { packFigures } from '$lib/sheets/packed-figures';

const T = findTemplate('gov-2017-county', 1)!;
const META = { year: 2017, templateId: T.id, templateVersion: T.version };
/** Waits on a state the session reaches in tasks of its own (generous: the suite may share a busy machine). */
const SETTLED = { timeout: 5000 };

let store: ReportStore;
let journal: Journal;
let n = 0;
/** The background verify, held until a test runs it. */
let verify: (() => void) | null;
beforeEach(() => {
  store = new ReportStore(`collection-${n++}`);
  journal = memoryJournal();
  verify = null;
});
afterEach(() => store.close());

const entries = (figures: Record<string, number>) => new Map<CellKey, CellEntry>(Object.entries(figures).map(([k, v]) => [k, { raw: String(v), value: v }]));

/** A report with these figures; `kept`: with the check the report's page would keep. */
async function report(unit: string, figures: Record<string, number>, kept = true) {
  const values = entries(figures);
  const r = await store.create({ ...META, unit }, [...values].map(([key, entry]) => ({ key, entry })));
  if (kept) await store.update(r.id, { summary: summaryOf(T, values, checkReport(T, values)) });
  return (await store.get(r.id))!;
}

async function collection(reportIds: string[], expected: string[] = []) {
  const c = await store.createCollection({ name: '济南市', ...META });
  return store.updateCollection(c.id, (x) => ({ ...x, reportIds, expected }));
}

function open(id: string) {
  return new CollectionSession(id, store, { nextTask: () => Promise.resolve(), later: (fn) => ((verify = fn), () => (verify = null)), journal });
}

// 十 left blank while its parts hold figures: one error (a blank total) in every such report.
const BLANK_TOTAL = { 't1/10.1/v': 500, 't1/10.2/v': 1000 };
const CLEAN = { 't1/1.1/v': 3 };

describe('CollectionSession', () => {
  it('reads its members\' records alone, in its order: other reports stay unread, a deleted member is left out', async () => {
    const a = await report('商河县', BLANK_TOTAL);
    const b = await report('济阳县', CLEAN);
    const gone = await report('平阴县', CLEAN);
    await report('长清区', CLEAN); // another report of the same year, outside the 汇总
    const c = await collection([b.id, gone.id, a.id]);
    await store.remove(gone.id);
    const list = vi.spyOn(store, 'list');
    const s = open(c.id);
    await s.load();
    expect(list).not.toHaveBeenCalled();
    expect(s.reports.map((r) => r.unit)).toEqual(['济阳县', '商河县']);
    expect(s.summary!.units.map((u) => u.unit)).toEqual(['济阳县', '商河县']);
  });

  it('works out each summary finding\'s units after the summary shows, none while it comes from the cache', async () => {
    const wrong = { 't1/10/v': 1, 't1/10.1/v': 500, 't1/10.2/v': 1000 };
    const a = await report('商河县', wrong);
    const b = await report('济阳县', { ...wrong, 't1/10/v': 2 });
    const c = await collection([a.id, b.id]);
    const s = open(c.id);
    const seen: [boolean | undefined, number][] = [];
    s.subscribe(() => seen.push([s.summary?.complete, s.shares.size]));
    await s.load();
    await vi.waitFor(() => expect(s.shares.size).toBeGreaterThan(0), SETTLED);
    const findings = s.summary!.result.findings;
    expect(findings.length).toBeGreaterThan(0);
    expect([...s.shares.keys()]).toEqual(findings.map(findingKey));
    for (const f of findings) expect(s.shares.get(findingKey(f))).toEqual(contributionsTo(s.summary!, f));
    expect(s.shares.get(findingKey(findings[0]))!.map((x) => x.unit)).toEqual(['商河县', '济阳县']);
    // Shown first without them (the summary's render does not wait for them).
    expect(seen.some(([complete, n]) => complete && n === 0)).toBe(true);
  });

  it('sums the units in steps, yielding between them, to the summary summarise gives', async () => {
    const figures: Record<string, number>[] = [BLANK_TOTAL, CLEAN, { 't1/10/v': 1, 't1/10.1/v': 500, 't1/10.2/v': 1000, 't1/1.1/v': 7 }, { 't1/1.1/v': 2.5, 't1/10.2/v': 4 }];
    const reports = [];
    for (const [i, f] of figures.entries()) reports.push(await report(`单位${i}`, f));
    const c = await collection(reports.map((r) => r.id));
    let yields = 0;
    // A step of no time at all: it yields after every unit.
    const s = new CollectionSession(c.id, store, { nextTask: () => (yields++, Promise.resolve()), later: () => () => {}, journal, slice: -1 });
    await s.load();
    const want = summarise(T, reports.map((r, i) => ({ id: r.id, unit: r.unit, values: entries(figures[i]) })));
    expect(yields).toBeGreaterThanOrEqual(figures.length);
    expect([...s.summary!.values]).toEqual([...want.values]);
    expect([...s.summary!.counts]).toEqual([...want.counts]); // in the order the figures were met, too
    expect([...s.summary!.refused]).toEqual([...want.refused]);
    expect(s.summary!.result.findings).toEqual(want.result.findings);
    expect([...s.summary!.causes]).toEqual([...want.causes]);
  });

  it('loads from the checks the reports keep: the summary and the cache, no report written', async () => {
    const a = await report('商河县', BLANK_TOTAL);
    const b = await report('济阳县', CLEAN);
    const c = await collection([a.id, b.id], ['商河县', '平阴县']);
    const s = open(c.id);
    await s.load();
    expect(s.problem).toBe('');
    expect(s.reports.map((r) => r.unit)).toEqual(['商河县', '济阳县']);
    expect(s.summary!.complete).toBe(true);
    expect(s.summary!.values.get('t1/10.1/v')).toEqual({ raw: '500', value: 500 });
    expect(s.summary!.units.map((u) => u.errors)).toEqual([1, 0]);
    expect(s.missing).toEqual(['平阴县']);
    expect([...s.existing.keys()].sort()).toEqual(['商河县', '济阳县'].sort());
    // Kept checks were current: nothing rewritten.
    expect(await store.get(a.id)).toEqual(a);
    expect(await store.get(b.id)).toEqual(b);
    // The sums kept with the 汇总, so the next opening shows them before reading any figures.
    await vi.waitFor(async () => expect((await store.getCollection(c.id))!.cache?.ids).toEqual([a.id, b.id]), SETTLED);
    const again = open(c.id);
    const first: (boolean | undefined)[] = [];
    again.subscribe(() => first.push(again.summary?.complete));
    await again.load();
    expect(first[0]).toBe(false); // from the cache: the units' figures not read yet
    expect(again.summary!.complete).toBe(true);
  });

  it('shows the kept check, then the background verify corrects a stale one and redoes the summary', async () => {
    const a = await report('商河县', BLANK_TOTAL);
    // Kept by an older version (no stamp of this build's): says no error where there is one.
    const { stamp: _, ...older } = a.summary;
    await store.update(a.id, { summary: { ...older, errors: 0, findings: [] } });
    const c = await collection([a.id]);
    const s = open(c.id);
    await s.load();
    expect(s.summary!.units[0].errors).toBe(0); // as kept: not checked again on opening
    expect(verify).not.toBeNull();
    verify!();
    await vi.waitFor(() => expect(s.summary!.units[0].errors).toBe(1), SETTLED);
    expect((await store.get(a.id))!.summary.errors).toBe(1);
    expect(s.reports[0].summary.errors).toBe(1);
  });

  it('checks a report kept without its findings, keeps the check, and its cross-year findings stay', async () => {
    const a = await report('商河县', BLANK_TOTAL, false);
    const carry = 'carry:t1/1|t1/1.1/v';
    await store.update(a.id, { summary: { errors: 0, warnings: 1, filled: 2, findings: [carry] } }, false);
    const b = await report('济阳县', CLEAN);
    const c = await collection([a.id, b.id]);
    const s = open(c.id);
    await s.load();
    const kept = (await store.get(a.id))!.summary;
    const values = entries(BLANK_TOTAL);
    const own = summaryOf(T, values, checkReport(T, values));
    expect(kept).toEqual({ ...own, warnings: own.warnings + 1, findings: [...own.findings, carry] });
    expect(s.reports[0].summary).toEqual(kept);
    expect(s.summary!.units[0].errors).toBe(unitResult(T, { id: a.id, unit: '商河县', values }).errors);
    expect(s.summary!.values).toEqual(summarise(T, [{ id: a.id, unit: '商河县', values }, { id: b.id, unit: '济阳县', values: entries(CLEAN) }]).values);
    // Checked without last year's figures: the other, kept report is not rewritten.
    expect(await store.get(b.id)).toEqual(b);
  });

  it('writes the files as decided: new, replace, both, keep; each written report joins the 汇总', async () => {
    const a = await report('商河县', BLANK_TOTAL);
    const b = await report('济阳县', CLEAN);
    const k = await report('平阴县', CLEAN);
    const c = await collection([a.id, b.id, k.id]);
    journal.write(a.id, [{ key: 't1/1.1/v', raw: '9', value: 9, at: Date.now() }]);
    journal.write(b.id, [{ key: 't1/1.1/v', raw: '8', value: 8, at: Date.now() }]);
    const s = open(c.id);
    await s.load();
    const file = (name: string, unit: string, figures: Record<string, number>, choice: Decision['choice']): Decision => {
      const values = entries(figures);
      return { unit, choice, read: { ok: true, name, unit, unitFrom: 'file', year: 2017, count: values.size, figures: packFigures(values), summary: summaryOf(T, values, checkReport(T, values)) } };
    };
    const done = await s.write([
      file('商河县.xlsx', '商河县', { 't1/10/v': 1500, ...BLANK_TOTAL }, 'replace'),
      file('济阳县2.xlsx', '济阳县', { 't1/1.1/v': 4 }, 'both'),
      file('平阴县.xlsx', '平阴县', { 't1/1.1/v': 5 }, 'keep'),
      file('长清区.xlsx', '长清区', { 't1/1.1/v': 6 }, 'new')
    ]);
    expect(done.map((r) => r.unit)).toEqual(['商河县', '济阳县（济阳县2.xlsx）', '长清区']);
    expect(done[0].id).toBe(a.id); // replaced in place: its links (last year, the 汇总) stay
    // The 汇总 read again in a task of its own, with the written units.
    await vi.waitFor(() => expect(s.reports).toHaveLength(5), SETTLED);
    expect(new Set((await store.getCollection(c.id))!.reportIds)).toEqual(new Set([a.id, b.id, k.id, done[1].id, done[2].id]));
    expect(await store.cells(a.id)).toEqual(entries({ 't1/10/v': 1500, ...BLANK_TOTAL }));
    expect(await store.cells(b.id)).toEqual(entries(CLEAN));
    expect(await store.cells(k.id)).toEqual(entries(CLEAN));
    expect(await store.cells(done[1].id)).toEqual(entries({ 't1/1.1/v': 4 }));
    // The replaced report's unsaved edits go; the one kept beside keeps its own.
    expect(journal.reports()).toEqual([b.id]);
    await vi.waitFor(() => expect(s.summary?.complete && s.summary.units.length).toBe(5), SETTLED);
    expect(s.summary!.units.find((u) => u.id === a.id)!.errors).toBe(0);
  });

  it('trusts a kept check stamped by this build for the figures read; checks again one saved since, one an older build kept, one reviewed', async () => {
    const c = await collection([]);
    const s = open(c.id);
    await s.load();
    // The file's check as the batch worker kept it (here: no error, where 十 is blank). Checked
    // again, each gets its error; left as written, it keeps what the file's check said.
    const values = entries(BLANK_TOTAL);
    const said = { ...summaryOf(T, values, checkReport(T, values)), errors: 0, findings: [] };
    const file = (unit: string): Decision => ({ unit, choice: 'new', read: { ok: true, name: `${unit}.xlsx`, unit, unitFrom: 'file', year: 2017, count: values.size, figures: packFigures(values), summary: said } });
    const [a, saved, kept, reviewed] = await s.write([file('商河县'), file('济阳县'), file('平阴县'), file('长清区')]);
    // Since: another tab saves a figure (the kept check no longer stamps these figures); an older
    // build's tab keeps its own check (its stamp, the record's version unchanged); a review is
    // written (the stamp says nothing of reviews).
    await store.saveCells(saved.id, [{ key: 't1/1.1/v', entry: { raw: '2', value: 2 } }]);
    expect(await store.keepCheck(kept.id, { ...said, warnings: 3, stamp: `older|${said.stamp.slice(said.stamp.indexOf('|') + 1)}` }, kept)).toBe(true);
    await store.setReview(reviewed.id, 'x', { id: 'x', reason: '已核实', at: Date.now(), reads: [] }, said);
    await vi.waitFor(() => expect(s.summary?.complete && s.summary.units.length).toBe(4), SETTLED);
    verify = null;
    await s.load();
    verify!();
    const errors = (id: string) => s.summary!.units.find((u) => u.id === id)!.errors;
    await vi.waitFor(() => expect([saved, kept, reviewed].map((r) => errors(r.id))).toEqual([1, 1, 1]), SETTLED);
    expect(errors(a.id)).toBe(0);
    expect((await store.get(a.id))!.summary).toEqual(said);
  });

  it('stamps a kept check found right but unstamped (an older build kept it); a later opening trusts a stamped one', async () => {
    const a = await report('商河县', BLANK_TOTAL);
    const { stamp, ...older } = a.summary;
    await store.update(a.id, { summary: older }, false);
    const c = await collection([a.id]);
    await open(c.id).load();
    verify!();
    await vi.waitFor(async () => expect((await store.get(a.id))!.summary).toEqual({ ...older, stamp }), SETTLED);
    // Another day, another page: a check stamped by this build for these figures is taken as it
    // is kept, even one that says no error where there is one (only this test writes such).
    await store.update(a.id, { summary: { ...older, errors: 0, findings: [], stamp } }, false);
    const keep = vi.spyOn(store, 'keepCheck');
    const later = open(c.id);
    await later.load();
    verify!();
    await new Promise((r) => setTimeout(r, 50));
    expect(later.summary!.units[0].errors).toBe(0);
    expect(keep).not.toHaveBeenCalled();
    // Stamped for other figures, it is not this one's check: checked, and corrected.
    await store.update(a.id, { summary: { ...older, errors: 0, findings: [], stamp: checkStamp(T, entries(CLEAN)) } }, false);
    const third = open(c.id);
    await third.load();
    verify!();
    await vi.waitFor(async () => expect((await store.get(a.id))!.summary.errors).toBe(1), SETTLED);
  });

  it('checks a stamped check that counts reviews the report no longer has (a copy of a reviewed report), keeping its text count', async () => {
    const a = await report('商河县', BLANK_TOTAL);
    // As a copy of a reviewed report keeps it: its one error counted as reviewed, no review kept;
    // and an older build's check with the text's count (the 汇总 reads no text).
    await store.update(a.id, { summary: { ...a.summary, errors: 0, reviewed: 1 } }, false);
    const b = await report('济阳县', BLANK_TOTAL);
    const { stamp: _, ...older } = b.summary;
    await store.update(b.id, { summary: { ...older, errors: 0, findings: [], prose: 2 } }, false);
    const c = await collection([a.id, b.id]);
    const s = open(c.id);
    await s.load();
    verify!();
    await vi.waitFor(async () => expect([(await store.get(a.id))!.summary.errors, (await store.get(b.id))!.summary.errors]).toEqual([1, 1]), SETTLED);
    expect((await store.get(a.id))!.summary.reviewed).toBe(0);
    expect((await store.get(b.id))!.summary.prose).toBe(2);
  });

  it('prints a report\'s figures the same in any order, and differently when one changes', () => {
    const cells: [CellKey, CellEntry][] = [['t1/1.1/v', { raw: '3', value: 3 }], ['t1/10.1/v', { raw: '500', value: 500 }], ['t1/2/v', { raw: '', value: null }]];
    expect(figuresPrint(cells)).toBe(figuresPrint([...cells].reverse()));
    expect(figuresPrint(cells)).toBe(figuresPrint(cells.slice(0, 2)));
    expect(figuresPrint(cells)).not.toBe(figuresPrint([cells[0], ['t1/10.1/v', { raw: '50', value: 50 }]]));
    expect(figuresPrint(cells)).not.toBe(figuresPrint([['t1/1.1/v', { raw: '500', value: 500 }], ['t1/10.1/v', { raw: '3', value: 3 }]]));
  });

  it('leaves a report outside the 汇总 untouched: not read as a member, not checked, not written', async () => {
    const a = await report('商河县', BLANK_TOTAL, false);
    const outside = await report('历城区', BLANK_TOTAL, false);
    const other = await report('章丘市', CLEAN);
    const c = await collection([a.id]);
    const s = open(c.id);
    await s.load();
    verify?.();
    await vi.waitFor(async () => expect((await store.getCollection(c.id))!.cache).toBeDefined(), SETTLED);
    expect(s.reports.map((r) => r.id)).toEqual([a.id]);
    expect((await store.get(a.id))!.summary.findings).toBeDefined(); // the member was checked and kept
    expect(await store.get(outside.id)).toEqual(outside);
    expect(await store.get(other.id)).toEqual(other);
    await s.write([{ unit: '长清区', choice: 'new', read: { ok: true, name: 'x.xlsx', unit: '长清区', unitFrom: 'file', count: 0, figures: '[]', summary: { errors: 0, warnings: 0, filled: 0 } } }]);
    expect(await store.get(outside.id)).toEqual(outside);
    expect(await store.cells(outside.id)).toEqual(entries(BLANK_TOTAL));
  });

  it('adds picked reports, removes a member, and sets the expected units', async () => {
    const a = await report('商河县', CLEAN);
    const b = await report('济阳县', CLEAN);
    const twin = await report('商河县', CLEAN); // a second report of a unit already in: not offered
    const otherYear = await store.create({ ...META, year: 2018, unit: '平阴县' });
    const c = await collection([a.id]);
    const s = open(c.id);
    await s.load();
    expect((await s.pickable()).map((r) => r.id)).toEqual([b.id]);
    expect([twin.id, otherYear.id].some((id) => s.reports.some((r) => r.id === id))).toBe(false);
    await s.addMembers([b.id]);
    expect(s.reports.map((r) => r.unit)).toEqual(['商河县', '济阳县']);
    await s.removeMember(a.id);
    expect(s.reports.map((r) => r.unit)).toEqual(['济阳县']);
    expect(await store.get(a.id)).toEqual(a); // the report stays, only out of the 汇总
    await s.setExpected('济阳县\n平阴县，商河县、济阳县\n');
    expect(s.collection!.expected).toEqual(['济阳县', '平阴县', '商河县']);
    expect(s.missing).toEqual(['平阴县', '商河县']);
  });

  it('says why when the 汇总 is gone, and stops on close', async () => {
    const s = open('missing');
    await s.load();
    expect(s.problem).toBe('找不到这个汇总，它可能已被删除。');
    const a = await report('商河县', CLEAN);
    const c = await collection([a.id]);
    const t = open(c.id);
    const heard = vi.fn();
    t.subscribe(heard);
    const loading = t.load();
    t.close();
    await loading;
    expect(heard).not.toHaveBeenCalled();
    expect(verify).toBeNull();
  });
});

describe('expectedNames', () => {
  it.each([
    ['商河县\n济阳县', ['商河县', '济阳县']],
    ['商河县，济阳县、平阴县,长清区', ['商河县', '济阳县', '平阴县', '长清区']],
    ['  商河县  \n\n商河县\n', ['商河县']],
    ['', []]
  ])('%j', (text, names) => expect(expectedNames(text)).toEqual(names));
});
