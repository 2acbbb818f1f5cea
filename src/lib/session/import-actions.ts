// Turning a found table into a report: a new one in the store, one that replaces a report of the
// same unit, form and year, or cells written into the open one.
import { summarise } from '$lib/report-status';
import { cellKey, inputColumns, type CellEntry, type CellKey, type Template } from '$lib/domain/model';
import { acceptedOddChanges } from '$lib/domain/paste-report';
import type { FoundTable } from '$lib/sheets/import';
import type { ReportRecord, ReportStore } from '$lib/storage/reports';
import { localJournal } from './journal';
import { announceCells } from './tab-sync';

/** A report of the same unit, form and year already in the store (an import would duplicate it). */
export async function sameReport(store: ReportStore, template: Template, unit: string, year: number): Promise<ReportRecord | undefined> {
  return (await store.list()).find((r) => r.unit === unit.trim() && r.year === year && r.templateId === template.id);
}

/**
 * A new report from the file, or (replace) the given report's cells replaced by the file's; with
 * the odd columns (by index) the person took as the form's column they resemble.
 */
export async function createFromImport(store: ReportStore, found: FoundTable, unit: string, year: number, replace?: ReportRecord, acceptedOdd: number[] = []) {
  const { template } = found;
  const cells = [...found.report.entries.filter((e) => e.entry.raw !== ''), ...acceptedOddChanges(template, found.report.odd, acceptedOdd)];
  const values = new Map(cells.map((c) => [c.key, c.entry]));
  const summary = summarise(template, values, { text: found.prose });
  if (replace) {
    const written = await store.replaceCells(replace.id, cells, summary);
    if (found.prose) await store.setText(replace.id, found.prose, found.file || found.sheet || '导入的文件', summary);
    // A tab with the report open shows the file's figures at once.
    announceCells(replace.id, written);
    // Unsaved edits of the replaced report must not come back over the import.
    localJournal().clear(replace.id);
    return replace;
  }
  const record = await store.create({ unit, year, templateId: template.id, templateVersion: template.version }, cells);
  await store.update(record.id, { summary });
  // A published report's text comes with it: its prose is checked against these tables.
  if (found.prose) await store.setText(record.id, found.prose, found.file || found.sheet || '导入的文件', summary);
  return record;
}

/** Filled cells of the open report that the import would change or clear. */
export function countOverwrites(values: ReadonlyMap<CellKey, CellEntry>, found: FoundTable) {
  return found.report.entries.filter((e) => {
    const old = values.get(e.key);
    return old && old.raw.trim() !== '' && old.raw !== e.entry.raw;
  }).length;
}

/** 新建下一年度: year N+1, same unit and form; 上年结转 carried from 结转下年度, the rest empty. */
export async function createNextYear(store: ReportStore, template: Template, meta: ReportRecord, values: ReadonlyMap<CellKey, CellEntry>) {
  const cells: { key: CellKey; entry: CellEntry }[] = [];
  for (const table of template.tables)
    for (const rel of table.yearly ?? []) {
      if (rel.kind !== 'carry') continue;
      for (const col of inputColumns(table.columns)) {
        const from = values.get(cellKey({ table: table.id, row: rel.from, col: col.id }));
        if (from && from.value !== null) cells.push({ key: cellKey({ table: table.id, row: rel.row, col: col.id }), entry: { raw: from.raw, value: from.value } });
      }
    }
  const record = await store.create({ unit: meta.unit, year: meta.year + 1, templateId: meta.templateId, templateVersion: meta.templateVersion }, cells, 'carry');
  const carried = new Map(cells.map((c) => [c.key, c.entry]));
  await store.update(record.id, { summary: summarise(template, carried, { previous: values }) });
  return record;
}
