// The 汇总 workbook as people take it away: the sheets of buildSummaryModel() (the tested model,
// with its live 3D sums) dressed as the single report's xlsx is — the summary sheet and every
// unit sheet in the official look with fills from their 校验 formulas and A4 print setup, the
// status and findings lists with a header row. ExcelJS, loaded only for a download.
import ExcelJS from 'exceljs';
import type { Summary } from '$lib/domain/summary';
import { copySheet, dress, dressFindings } from './styled-workbook';
import { buildSummaryModel, SHEET_ALL_FINDINGS, SHEET_STATUS, type KeptByReport } from './summary-workbook';
import { TOOL } from './workbook';

export async function writeStyledSummary(meta: { name: string; year: number }, summary: Summary, kept?: KeptByReport, now = new Date()): Promise<Uint8Array> {
  const { wb: model, tables } = buildSummaryModel(meta, summary, kept, now);
  const wb = new ExcelJS.Workbook();
  wb.creator = TOOL.name;
  wb.title = model.Props?.Title ?? '';
  wb.created = now;
  for (const name of model.SheetNames) {
    const ws = wb.addWorksheet(name);
    copySheet(model.Sheets[name], ws);
    const table = tables.get(name);
    if (table) dress(ws, table.shape, table.data);
    else if (name === SHEET_STATUS || name === SHEET_ALL_FINDINGS) dressFindings(ws, { left: `${meta.name}（汇总） ${name}`, right: `${meta.year}年度` });
  }
  // Excel, WPS and LibreOffice recalculate every formula (the 3D sums too) on opening.
  wb.calcProperties = { fullCalcOnLoad: true };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
