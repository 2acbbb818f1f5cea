// 下载汇总 xlsx: the 汇总 workbook (SheetJS, loaded on demand) handed to the browser.
import type { Summary } from '$lib/domain/summary';
import type { CollectionRecord, ReportRecord } from '$lib/storage/reports';
import { saveFile } from './download';
import { writeSummaryWorkbook } from './summary-workbook';

export async function downloadSummaryWorkbook(collection: CollectionRecord, summary: Summary, reports: ReportRecord[]): Promise<string> {
  const bytes = writeSummaryWorkbook({ name: collection.name, year: collection.year }, summary, new Map(reports.map((r) => [r.id, r.updatedAt])));
  const name = `${collection.name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || '汇总'}_${collection.year}_汇总_已校验.xlsx`;
  saveFile(bytes, name, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return name;
}
