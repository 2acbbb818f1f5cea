// 下载 xlsx: writes the checked, styled workbook (ExcelJS and SheetJS loaded on demand) and hands
// it to the browser.
import type { ReportData } from './workbook';

export async function downloadWorkbook(data: ReportData): Promise<string> {
  const [{ writeStyledWorkbook }, { fileName }] = await Promise.all([import('./styled-workbook'), import('./workbook')]);
  const bytes = await writeStyledWorkbook(data);
  const name = fileName(data.unit, data.year);
  saveFile(bytes, name, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return name;
}

/** Hands bytes to the browser as a download. */
export function saveFile(bytes: Uint8Array | string, name: string, type: string) {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
