// A 汇总's files written as reports (checked in the batch worker already): new units added as
// members, a unit already there replaced or kept beside; each chunk joins the collection at once.
// A unit's report outside the 汇总 (same form and year) joins it, kept or replaced by the file.
import { announceCells } from './tab-sync';
import type { Template } from '$lib/domain/model';
import type { BatchRead } from '$lib/sheets/batch-read';
import { unpackFigures } from '$lib/sheets/packed-figures';
import type { CollectionRecord, ReportRecord, ReportStore } from '$lib/storage/reports';
import type { Journal } from './journal';

export interface Decision {
  read: Extract<BatchRead, { ok: true }>;
  unit: string;
  /**
   * For a unit already in the 汇总: keep the old report, replace its figures, or add this one too.
   * 'join': the unit's report outside the 汇总 joins it as it is (the file is not written).
   */
  choice: 'new' | 'keep' | 'replace' | 'both' | 'join';
  /** The unit's report the choice is about (replaced or joining); by default the 汇总's member of that name. */
  report?: string;
}

/** The decisions that write their file (not keep, not join), in the order their reports are written. */
const writtenFiles = (decisions: Decision[]) => decisions.filter((d) => d.choice !== 'keep' && d.choice !== 'join');

export async function writeDecisions(store: ReportStore, journal: Journal, collection: CollectionRecord, template: Template, existing: ReadonlyMap<string, ReportRecord>, decisions: Decision[]) {
  // Reports joining as they are: nothing to write, they become members first (a failure of the
  // writes below leaves them members, as the dialog then shows them: units already there).
  const joins = decisions.flatMap((d) => (d.choice === 'join' && d.report ? [d.report] : []));
  if (joins.length) await store.updateCollection(collection.id, (c) => ({ ...c, reportIds: [...new Set([...c.reportIds, ...joins])] }));
  const items = writtenFiles(decisions).map((d) => {
    const unit = d.choice === 'both' ? `${d.unit}（${d.read.name}）` : d.unit;
    return {
      meta: { unit, year: collection.year, templateId: template.id, templateVersion: template.version, summary: d.read.summary },
      cells: () => unpackFigures(d.read.figures),
      replace: d.choice === 'replace' ? (d.report ?? existing.get(d.unit)?.id) : undefined,
      ...(d.read.prose ? { text: { text: d.read.prose, source: d.read.name } } : {})
    };
  });
  const replaced = new Set(items.flatMap((i) => (i.replace ? [i.replace] : [])));
  // Each chunk joins the 汇总 in the transaction that writes it: a failure later leaves no written
  // report outside it. A replaced report's journal (unsaved edits of some tab) goes once its chunk
  // is committed, so those edits do not come back over the file's figures, and a chunk never
  // written keeps them.
  return store.createMany(
    items,
    (written, replacedCells) => {
      for (const r of written) if (replaced.has(r.id)) journal.clear(r.id);
      // A tab with a replaced report open shows the file's figures at once.
      for (const { reportId, cells } of replacedCells) announceCells(reportId, cells);
    },
    { collection: collection.id }
  );
}
