// 下载汇总 xlsx: the styled 汇总 workbook (SheetJS model dressed by ExcelJS, both loaded on demand) handed to the browser.
import type { Summary } from '$lib/domain/summary';
import type { CollectionRecord, ReportRecord } from '$lib/storage/reports';
import { saveFile } from './download';
import { writeStyledSummary } from './styled-summary';

export async function downloadSummaryWorkbook(collection: CollectionRecord, summary: Summary, reports: ReportRecord[]): Promise<string> {
  const bytes = await writeStyledSummary({ name: collection.name, year: collection.year }, summary, new Map(reports.map((r) => [r.id, { updatedAt: r.updatedAt, prose: r.summary.prose }])));
  const name = `${collection.name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || '汇总'}_${collection.year}_汇总_已校验.xlsx`;
  saveFile(bytes, name, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return name;
}
