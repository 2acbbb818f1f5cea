// Turning a found table into a report: a new one in the store, or cells written into the open one.
import { check, summarize } from '$lib/domain/checks';
import type { CellEntry, CellKey, Template } from '$lib/domain/model';
import type { FoundTable } from '$lib/sheets/import';
import type { ReportStore } from '$lib/storage/reports';

export async function createFromImport(store: ReportStore, template: Template, found: FoundTable, unit: string, year: number) {
  const cells = found.report.entries.filter((e) => e.entry.raw !== '');
  const values = new Map(cells.map((c) => [c.key, c.entry]));
  const record = await store.create({ unit, year, templateId: template.id, templateVersion: template.version }, cells);
  await store.update(record.id, { summary: { ...summarize(check(template, values).findings), filled: cells.length } });
  return record;
}

/** Filled cells of the open report that the import would change or clear. */
export function countOverwrites(values: ReadonlyMap<CellKey, CellEntry>, found: FoundTable) {
  return found.report.entries.filter((e) => {
    const old = values.get(e.key);
    return old && old.raw.trim() !== '' && old.raw !== e.entry.raw;
  }).length;
}
