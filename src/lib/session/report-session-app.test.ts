// The report session as the page's only application layer: a paste planned and written by the
// session (fill, another form's table, nothing with the reason), a file's figures with the odd
// columns the person took, and the other tabs (told after a commit, taken at once, caught up
// when the tab is shown). Times come from a clock the test moves, never from sleeping.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedTable } from '../../../tests/fixtures/seed-table.js';
import { excelHtml, tsv } from '../../../tests/fixtures/clipboard';
import { ReportStore } from '$lib/storage/reports';
import { memoryJournal } from './journal';
import { openReport } from './open-report';
import type { ReportSession } from './report-session';
import type { CellsChanged, TabChannel } from './tab-sync';
import { realTables } from '../../../tests/fixtures/real/load';
import { excelClipboard } from '../../../tests/fixtures/render';

let clock = 1_700_000_000_000;
const now = () => clock;
let store: ReportStore;
let n = 0;
beforeEach(() => {
  store = new ReportStore(`session-app-${n++}`, now);
});
afterEach(() => store.close());

const META = { unit: '商河县', year: 2017, templateId: 'gov-2017-county', templateVersion: 1 };

/** Two tabs of the app in one process: what one announces, the others hear. */
function tabsPair() {
  const heard: ((m: CellsChanged) => void)[][] = [[], []];
  const shown: (() => void)[][] = [[], []];
  const sent: Omit<CellsChanged, 'from'>[][] = [[], []];
  const tab = (i: number): TabChannel => ({
    announce: (msg) => {
      sent[i].push(msg);
      for (const l of heard[1 - i]) l({ ...msg, from: `tab${i}` });
    },
    listen: (cb) => (heard[i].push(cb), () => (heard[i] = heard[i].filter((l) => l !== cb))),
    onShown: (cb) => (shown[i].push(cb), () => (shown[i] = shown[i].filter((l) => l !== cb)))
  });
  return { tabs: [tab(0), tab(1)], sent, show: (i: number) => shown[i].forEach((f) => f()) };
}

async function open(id: string, tabs?: TabChannel): Promise<ReportSession> {
  const r = await openReport(store, id, memoryJournal(), { schedule: queueMicrotask, now, tabs });
  if ('reason' in r) throw new Error(r.reason);
  return r.session;
}

describe('ReportSession as the application layer', () => {
  it('a paste of the whole table from Excel: planned and written by the session, one undoable step', async () => {
    const { id } = await store.create(META);
    const s = await open(id);
    const rows = seedTable();
    const outcome = await s.paste({ html: excelHtml(rows), text: tsv(rows) });
    expect(outcome.kind).toBe('filled');
    if (outcome.kind !== 'filled') return;
    expect(outcome.report.filled).toBeGreaterThan(40);
    expect(s.entry('t1/1.1/v')?.value).toBe(12054);
    // One step: Ctrl+Z takes the whole paste back.
    s.undo();
    expect(s.values.size).toBe(0);
    expect(s.canUndo).toBe(false);
  });

  it('a paste that fits no form writes nothing and says why; another form\'s table is offered, not written', async () => {
    const { id } = await store.create(META);
    const s = await open(id);
    s.applyRaw([{ key: 't1/4/v', raw: '7' }], 'typed');
    // A provincial layout with two period columns this form does not have.
    const provincial = [
      ['指标名称', '计量单位', '本年度', '历年累计'],
      ['主动公开政府信息数', '条', '1200', '35000'],
      ['（一）政府网站公开政府信息数', '条', '1100', '30000'],
      ['受理政府信息公开申请数', '件', '20', '400']
    ];
    const nothing = await s.paste({ html: excelHtml(provincial), text: tsv(provincial) });
    expect(nothing.kind).toBe('nothing');
    if (nothing.kind === 'nothing') expect(nothing.reason).toMatch(/^粘贴的表格不像任何已有表式，未填入/);
    expect([...s.values.keys()]).toEqual(['t1/4/v']);
    // The 2021 form's 表二 pasted into a 2017 report: offered as a new report of that form.
    const t2 = [
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['规章', '0', '0', '3'],
      ['行政规范性文件', '12', '2', '45']
    ];
    const other = await s.paste({ html: excelHtml(t2), text: tsv(t2) });
    expect(other.kind).toBe('other-form');
    if (other.kind === 'other-form') expect(other.found.template.id).toBe('gov-2021');
    expect([...s.values.keys()]).toEqual(['t1/4/v']);
  });

  it('an odd column: the rest lands with the paste; taken as the column it resembles, one more undoable step', async () => {
    const fx = realTables.find((t) => t.id === '2020-fujian-pingtan-zone')!;
    const odd = { ...fx, columns: { ...fx.columns, 't2b/prev': '2020年项目数量' } };
    const { id } = await store.create({ ...META, templateId: fx.form, year: 2020 });
    const s = await open(id);
    const outcome = await s.paste(excelClipboard(odd));
    expect(outcome.kind).toBe('filled');
    if (outcome.kind !== 'filled') return;
    const prev = Object.keys(fx.cells).filter((k) => k.startsWith('t2b/') && k.endsWith('/prev') && fx.cells[k].trim() !== '');
    expect(prev.length).toBeGreaterThan(0);
    for (const k of prev) expect(s.entry(k)).toBeUndefined();
    expect(outcome.report.odd).toHaveLength(1);
    const after = s.takeOdd(outcome.report, outcome.report.odd[0]);
    expect(after.odd).toEqual([]);
    expect(after.filled).toBe(outcome.report.filled + prev.length);
    for (const k of prev) expect(s.entry(k)?.raw).toBe(fx.cells[k]);
    // Taken as its own step: one Ctrl+Z takes the odd column back, the paste stays.
    s.undo();
    for (const k of prev) expect(s.entry(k)).toBeUndefined();
    expect(s.values.size).toBeGreaterThan(30);
  });

  it('text copied out of a PDF reader: what the text allows lands, the rest is said, with a hint to import the PDF itself', async () => {
    const { id } = await store.create({ ...META, templateId: 'gov-2021', year: 2024 });
    const s = await open(id);
    // What poppler (as a PDF reader does) copies out of the published PDF's 表三 page.
    const { execFileSync } = await import('node:child_process');
    const pdf = new URL('../../../tests/fixtures/pdf/2024-jiangsu-huaian-hongze-district.pdf', import.meta.url).pathname;
    let text: string;
    try {
      text = execFileSync('pdftotext', ['-layout', '-f', '2', '-l', '4', pdf, '-'], { encoding: 'utf8' });
    } catch {
      return; // poppler absent: nothing to copy the text with
    }
    const outcome = await s.paste({ html: '', text });
    expect(outcome.kind).toBe('filled');
    if (outcome.kind !== 'filled') return;
    expect(outcome.report.hint).toMatch(/用“导入文件”直接选择 PDF 文件/);
    // Whatever landed is where the PDF prints it.
    const published = (await import('../../../tests/fixtures/pdf/published.json')).default as { id: string; cells: Record<string, string> }[];
    const cells = published.find((p) => p.id === '2024-jiangsu-huaian-hongze-district')!.cells;
    const wrong = outcome.report.entries.filter((e) => e.entry.raw !== '' && cells[e.key] !== e.entry.raw);
    expect(wrong).toEqual([]);
  });

  it('the other tabs: told once a write has committed, with what storage kept; what they write shows at once', async () => {
    const { id } = await store.create(META);
    const pair = tabsPair();
    const a = await open(id, pair.tabs[0]);
    const b = await open(id, pair.tabs[1]);
    a.linkTabs();
    b.linkTabs();
    clock += 10;
    a.applyRaw([{ key: 't1/4/v', raw: '12件' }], 'typed');
    // Not before the commit: a tab reading storage on the message must find the figure there.
    expect(pair.sent[0]).toEqual([]);
    await a.flushed();
    expect(pair.sent[0]).toEqual([{ reportId: id, entries: [{ key: 't1/4/v', raw: '12件', value: 12, at: clock }] }]);
    expect(b.entry('t1/4/v')).toEqual({ raw: '12件', value: 12 });
    // B's note and review reach A the same way.
    clock += 10;
    await b.setNote('t1/4/v', '集中清理');
    expect(a.notes.get('t1/4/v')?.text).toBe('集中清理');
    // A message about another report is not ours.
    a.take({ reportId: 'other', entries: [{ key: 't1/5/v', raw: '3', value: 3, at: clock + 1 }], from: 'x' });
    expect(a.entry('t1/5/v')).toBeUndefined();
    // Closed: it hears nothing more.
    a.close();
    clock += 10;
    b.applyRaw([{ key: 't1/5/v', raw: '4' }], 'typed');
    await b.flushed();
    expect(a.entry('t1/5/v')).toBeUndefined();
  });

  it('a tab shown again catches up from storage with what it missed while hidden', async () => {
    const { id } = await store.create(META);
    const pair = tabsPair();
    const a = await open(id, pair.tabs[0]);
    a.linkTabs();
    // Written by a tab whose message never arrived (a session with no channel).
    const b = await open(id);
    clock += 10;
    b.applyRaw([{ key: 't1/6/v', raw: '9' }], 'typed');
    await b.flushed();
    expect(a.entry('t1/6/v')).toBeUndefined();
    pair.show(0);
    await new Promise((r) => setTimeout(r, 0));
    await a.flushed();
    await expect.poll(() => a.entry('t1/6/v')).toEqual({ raw: '9', value: 9 });
  });

  it('times come from the clock it is given: the write, the history and the report\'s updatedAt', async () => {
    const { id } = await store.create(META);
    const s = await open(id);
    clock = 1_800_000_000_000;
    s.applyRaw([{ key: 't1/4/v', raw: '7' }], 'typed');
    await s.flushed();
    expect((await store.cellRecords(id)).find((r) => r.key === 't1/4/v')?.at).toBe(clock);
    expect((await s.history('t1/4/v')).map((h) => h.at)).toEqual([clock]);
    expect((await store.get(id))!.updatedAt).toBe(clock);
  });
});
