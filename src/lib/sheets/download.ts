// 下载 xlsx: writes the checked workbook (SheetJS loaded on demand) and hands it to the browser.
import type { ReportData } from './workbook';

export async function downloadWorkbook(data: ReportData): Promise<string> {
  const { writeWorkbook, fileName } = await import('./workbook');
  const bytes = writeWorkbook(data);
  const name = fileName(data.unit, data.year);
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
