// The report's whole text kept with it (正文与表格): set, judged against the figures as they change,
// counted in the summary, kept across reopening and in a backup, forgotten on ''.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReportStore } from '$lib/storage/reports';
import { makeBackup, parseBackup, planRestore, applyRestore } from '$lib/storage/backup';
import { memoryJournal } from './journal';
import { openReport } from './open-report';
import { statementId } from '$lib/domain/prose/reviews';
import type { CellsChanged, TabChannel } from './tab-sync';

let clock = 1_700_000_000_000;
const now = () => clock;
let store: ReportStore;
let n = 0;
beforeEach(() => {
  store = new ReportStore(`report-text-${n++}`, now);
});
afterEach(() => store.close());

const TEXT = readFileSync(new URL('../../../tests/fixtures/prose/2024-jiangsu-huaian-hongze-district.txt', import.meta.url), 'utf8');

async function open(id: string, tabs?: TabChannel) {
  const r = await openReport(store, id, memoryJournal(), { schedule: queueMicrotask, now, tabs });
  if ('reason' in r) throw new Error(r.reason);
  return r.session;
}

describe('the report text', () => {
  it('is judged against the figures as they stand, counted in the summary, and kept', async () => {
    const { id } = await store.create({ unit: '洪泽区', year: 2024, templateId: 'gov-2021', templateVersion: 1 }, [{ key: 't3/1/total', entry: { raw: '95', value: 95 } }]);
    const s = await open(id);
    expect(s.statements).toEqual([]);
    await s.setText(TEXT, '洪泽区2024年报.pdf');
    const received = s.statements.find((x) => x.measure === 'receive')!;
    expect(received).toMatchObject({ figure: 17, table: 95, verdict: 'disagrees', cells: ['t3/1/total'] });
    expect(s.summary.prose).toBe(1);
    expect((await store.get(id))!.summary.prose).toBe(1);
    // The table corrected to what the text says: they agree.
    s.applyRaw([{ key: 't3/1/total', raw: '17' }], 'typed');
    expect(s.statements.find((x) => x.measure === 'receive')!.verdict).toBe('agrees');
    await s.flushed();
    s.close();
    const again = await open(id);
    expect(again.text).toMatchObject({ source: '洪泽区2024年报.pdf' });
    expect(again.summary.prose).toBe(0);
    // In a backup, and back.
    const backup = parseBackup(JSON.stringify(await makeBackup(store)));
    if (!backup.ok) throw new Error(backup.reason);
    expect(backup.backup.version).toBe(5);
    expect(backup.backup.reports[0].text?.text).toBe(TEXT);
    const other = new ReportStore(`report-text-${n++}`, now);
    await applyRestore(other, await planRestore(other, backup.backup), 'keep-mine');
    expect((await other.text(id))?.text).toBe(TEXT);
    await other.close();
    // Forgotten on ''.
    await again.setText('', '');
    expect(again.statements).toEqual([]);
    expect(await store.text(id)).toBeUndefined();
  });

  it('kept or forgotten in one tab shows in the other at once, and in a hidden tab when it is shown again', async () => {
    const heard: ((m: CellsChanged) => void)[][] = [[], []];
    const shown: (() => void)[][] = [[], []];
    let deaf = false;
    const tab = (i: number): TabChannel => ({
      announce: (msg) => void (!deaf && heard[1 - i].forEach((l) => l({ ...msg, from: `tab${i}` }))),
      listen: (cb) => (heard[i].push(cb), () => {}),
      onShown: (cb) => (shown[i].push(cb), () => {})
    });
    const { id } = await store.create({ unit: '洪泽区', year: 2024, templateId: 'gov-2021', templateVersion: 1 }, [{ key: 't3/1/total', entry: { raw: '95', value: 95 } }]);
    const a = await open(id, tab(0));
    const b = await open(id, tab(1));
    a.linkTabs();
    b.linkTabs();
    const origins: string[] = [];
    b.subscribe((d) => origins.push(d.origin));
    clock += 10;
    await a.setText(TEXT, '洪泽区2024年报.pdf');
    expect(b.text).toMatchObject({ source: '洪泽区2024年报.pdf' });
    expect(b.summary.prose).toBe(1);
    expect(origins).toContain('text');
    clock += 10;
    await a.setText('', '');
    expect(b.text).toBeNull();
    // A message missed (a hidden tab): storage tells it when the tab is shown again.
    deaf = true;
    clock += 10;
    await a.setText('本年度共受理政府信息公开申请 95 件。', '粘贴的文字');
    expect(b.text).toBeNull();
    shown[1].forEach((f) => f());
    // The refresh reads storage: waited for, not slept on (a busy machine takes longer than 50 ms).
    await vi.waitFor(() => expect(b.text?.text).toBe('本年度共受理政府信息公开申请 95 件。'), { timeout: 5000 });
    // An older text never replaces a newer one.
    b.receiveText({ text: TEXT, source: 'old.pdf', at: clock - 5 });
    expect(b.text?.source).toBe('粘贴的文字');
  });

  it('a disagreement can be reviewed (已核实): counted apart until a cell it is judged against changes; taken back', async () => {
    const { id } = await store.create({ unit: '洪泽区', year: 2024, templateId: 'gov-2021', templateVersion: 1 }, [{ key: 't3/1/total', entry: { raw: '95', value: 95 } }]);
    const s = await open(id);
    await s.setText(TEXT, '洪泽区2024年报.pdf');
    const received = s.statements.find((x) => x.measure === 'receive')!;
    const sid = statementId(received);
    await expect(s.review(sid, '  ')).rejects.toThrow('请写明核实的理由');
    await s.review(sid, '正文按受理口径，表格无误');
    expect(s.reviewedStatements).toEqual(new Set([sid]));
    expect(s.summary.prose).toBe(0);
    expect((await store.get(id))!.summary.prose).toBe(0);
    // Kept: reopened, still reviewed.
    s.close();
    const again = await open(id);
    expect(again.reviewedStatements.has(sid)).toBe(true);
    // The cell it was judged against changes: the review lapses, the disagreement counts again.
    again.applyRaw([{ key: 't3/1/total', raw: '96' }], 'typed');
    expect(again.reviewedStatements.size).toBe(0);
    expect(again.summary.prose).toBe(1);
    again.applyRaw([{ key: 't3/1/total', raw: '95' }], 'typed');
    await again.flushed();
    // A clause no longer in the text (or agreeing now) cannot be reviewed; a review taken back counts again.
    await expect(again.review('prose:receive:正文中没有的话', '理由')).rejects.toThrow(/已与表格一致/);
    await again.review(sid, '理由');
    await again.unreview(sid);
    expect(again.summary.prose).toBe(1);
  });

  it('compares "比上年" with last year\'s report of the unit when it is held, and gives the parts of the report as hints', async () => {
    await store.create({ unit: '洪泽区', year: 2023, templateId: 'gov-2021', templateVersion: 1 }, [{ key: 't3/1/total', entry: { raw: '46', value: 46 } }]);
    const { id } = await store.create({ unit: '洪泽区', year: 2024, templateId: 'gov-2021', templateVersion: 1 }, [{ key: 't3/1/total', entry: { raw: '58', value: 58 } }]);
    const s = await open(id);
    await s.setText('一、总体情况\n本年度共受理政府信息公开申请58件，比上年增加10件。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n六、其他需要报告的事项\n无。', '粘贴的文字');
    const change = s.statements.find((x) => x.op === 'change')!;
    expect(change).toMatchObject({ raw: '10', verdict: 'disagrees', change: { previous: 46, current: 58, difference: 12 } });
    expect(s.summary.prose).toBe(1);
    expect(s.parts.map((p) => p.kind).sort()).toEqual(['fee', 'missing']);
    // Without last year's report the comparison is not judged (nor listed).
    const other = await store.create({ unit: '金湖县', year: 2024, templateId: 'gov-2021', templateVersion: 1 }, [{ key: 't3/1/total', entry: { raw: '58', value: 58 } }]);
    const t = await open(other.id);
    await t.setText('本年度共受理政府信息公开申请58件，比上年增加10件。', '粘贴的文字');
    expect(t.statements.filter((x) => x.op === 'change')).toEqual([]);
    expect(t.parts).toEqual([]);
  });
});
