// Opening a report: its form, its cells, last year's report for the cross-year checks, the
// journal replayed, and the stored summary (a cache) corrected from the cells. The page only wires.
import { findTemplate, formsLoaded } from '$lib/templates';
import { sameUnit, type ReportRecord, type ReportStore } from '$lib/storage/reports';
import { localJournal, type Journal } from './journal';
import { ReportSession, type SessionOptions } from './report-session';
import { browserTabs } from './tab-sync';

/** The same unit's report of the same form for the year before, if there is one (by unit, so a renamed unit keeps its link). */
export async function findPrevious(store: ReportStore, meta: ReportRecord) {
  // Through the unit's index: reading every report made each open slower the more a browser held.
  const all = meta.unitId ? await store.ofUnitYear(meta.unitId, meta.year - 1) : await store.list();
  const prev = all.find((r) => r.id !== meta.id && sameUnit(r, meta) && r.templateId === meta.templateId && r.year === meta.year - 1);
  return prev ? { meta: prev, values: await store.cells(prev.id) } : undefined;
}

export async function openReport(store: ReportStore, id: string, journal: Journal = localJournal(), options: Pick<SessionOptions, 'schedule' | 'tabs' | 'now'> = {}): Promise<{ session: ReportSession } | { reason: string }> {
  let meta: ReportRecord | undefined;
  try {
    [meta] = await Promise.all([store.get(id), formsLoaded()]);
  } catch (e) {
    return { reason: `无法读取浏览器存储（IndexedDB）：${e instanceof Error ? e.message : e}` };
  }
  if (!meta) return { reason: '找不到这份报表，它可能已被删除。' };
  const template = findTemplate(meta.templateId, meta.templateVersion);
  if (!template) return { reason: `本工具不认识这份报表的表式（${meta.templateId} 第 ${meta.templateVersion} 版）。` };
  try {
    // One round of reads, side by side: each is its own IndexedDB transaction, and in a row they
    // were most of the time between the page's code and its first frame.
    const [cells, previous, notes, reviews, text] = await Promise.all([store.cellRecords(id, true), findPrevious(store, meta), store.notes(id), store.reviews(id), store.text(id)]);
    const session = new ReportSession(template, meta, cells, store, journal, previous, notes, {
      tabs: browserTabs,
      ...options,
      reviews: reviews.map(({ reportId: _, ...r }) => r),
      text
    });
    // Figures shown before a reload that IndexedDB had not committed yet come back from the journal.
    session.replayJournal();
    // The stored summary is a cache for the report list: corrected in the session's write order
    // once the causes are worked out (right after the report is shown; flushed() waits for it).
    session.afterWrites(async () => {
      await session.whenLocalised();
      const summary = session.summary;
      if (JSON.stringify(summary) !== JSON.stringify(meta.summary)) await store.update(id, { summary }, false);
    });
    return { session };
  } catch (e) {
    return { reason: `无法读取这份报表的数据（IndexedDB）：${e instanceof Error ? e.message : e}` };
  }
}

/**
 * Writes every report's journaled cells to IndexedDB (the app starts: a tab closed before its
 * writes committed), so the report list, backups and downloads taken from the home page have
 * them too. A report deleted meanwhile just loses its journal.
 */
export async function replayJournals(store: ReportStore, journal: Journal = localJournal()): Promise<number> {
  let replayed = 0;
  for (const id of journal.reports()) {
    const opened = await openReport(store, id, journal);
    if ('reason' in opened) {
      if (!(await store.get(id).catch(() => undefined))) journal.clear(id);
      continue;
    }
    await opened.session.flushed();
    opened.session.close();
    replayed++;
  }
  return replayed;
}
