// 与上年汇总对比's reads: the earlier 汇总 there are, and one of them summed from its members'
// figures (their kept checks where they have them) and compared with this one.
import { compareCollections, type CollectionComparison } from '$lib/domain/summary-history';
import { summarise, unitFromKept, unitResult, type Summary } from '$lib/domain/summary';
import type { Template } from '$lib/domain/model';
import type { CollectionRecord, ReportRecord, ReportStore } from '$lib/storage/reports';
import { findTemplate } from '$lib/templates';

/** The 汇总 of earlier years than `collection`, the latest first. */
export async function earlierCollections(store: ReportStore, collection: CollectionRecord): Promise<CollectionRecord[]> {
  return (await store.collections()).filter((c) => c.id !== collection.id && c.year < collection.year).sort((a, b) => b.year - a.year);
}

/** `prev` read and summed, compared with the current 汇总; a reason when its form is unknown. */
export async function compareWith(store: ReportStore, prev: CollectionRecord, now: { collection: CollectionRecord; template: Template; summary: Summary }): Promise<{ ok: true; c: CollectionComparison } | { ok: false; reason: string }> {
  const t = findTemplate(prev.templateId, prev.templateVersion);
  if (!t) return { ok: false, reason: `本工具不认识上年汇总的表式（${prev.templateId}）。` };
  const byId = new Map((await store.list()).map((r) => [r.id, r]));
  const members = prev.reportIds.map((id) => byId.get(id)).filter((r): r is ReportRecord => Boolean(r));
  const cells = await store.cellsOf(members.map((r) => r.id));
  const units = members.map((r) => ({ id: r.id, unit: r.unit, unitId: r.unitId, values: cells.get(r.id) ?? new Map() }));
  const prevSummary = summarise(t, [], units.map((u, i) => unitFromKept(u, members[i].summary) ?? unitResult(t, u)));
  const { collection, template, summary } = now;
  return { ok: true, c: compareCollections({ year: prev.year, template: t, id: prev.id, units, summary: prevSummary }, { year: collection.year, template, id: collection.id, units: summary.units, summary }) };
}
