// The 汇总 workbook: sheet 汇总表 in the official layout whose figures are live formulas over the
// unit sheets (a 3D sum over the first to the last unit sheet, so a unit corrected in Excel/WPS
// changes the summary and its 校验), one sheet per unit with its own check formulas, 单位情况 (the
// status table at download time) and 校验结果 (every unit's findings and the summary's).
import * as XLSX from 'xlsx';
import type { Cause } from '$lib/domain/locate/causes';
import { probable } from '$lib/domain/locate/localise';
import { formatFigure } from '$lib/domain/figures';
import { compile } from '$lib/domain/relations';
import { causeCounts, reviewedIds } from '$lib/domain/report-check';
import { contributionsTo, contributionText, type Summary } from '$lib/domain/summary';
import { buildChecked, mergeNotes, SHEET_TABLE, TOOL, type ReportData, type SheetShape } from './workbook';

export const SHEET_SUMMARY = '汇总表';
export const SHEET_STATUS = '单位情况';
export const SHEET_ALL_FINDINGS = '校验结果';

/** A sheet name Excel accepts (≤ 31 characters, none of []:*?/\\), unique in the workbook. */
export function sheetName(unit: string, taken: Set<string>): string {
  const base = unit.replace(/[[\]:*?/\\']/g, '_').replace(/^\s+|\s+$/g, '').slice(0, 28) || '单位';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()) || [SHEET_SUMMARY, SHEET_STATUS, SHEET_ALL_FINDINGS, MARK_FIRST, MARK_LAST].includes(name) || name.toLowerCase() === 'history'; i++) name = `${base.slice(0, 26)}_${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/** The unit sheets sit between these two (empty) sheets; the summary sums everything between. */
export const MARK_FIRST = '单位表开始';
export const MARK_LAST = '单位表结束';

/** What the reports keep that the 单位情况 sheet shows: when each was last changed, and its prose's disagreements (正文不一致; none kept: no text). */
export type KeptByReport = Map<string, { updatedAt: number; prose?: number }>;

export function buildSummaryWorkbook(meta: { name: string; year: number }, summary: Summary, kept: KeptByReport = new Map(), now = new Date()): XLSX.WorkBook {
  return buildSummaryModel(meta, summary, kept, now).wb;
}

/** The workbook, and for each sheet in the official layout its shape and data (the styled writer dresses those). */
export function buildSummaryModel(meta: { name: string; year: number }, summary: Summary, kept: KeptByReport = new Map(), now = new Date()) {
  const { template } = summary;
  const wb = XLSX.utils.book_new();
  const tables = new Map<string, { shape: SheetShape; data: ReportData }>();
  const taken = new Set<string>();
  const unitSheets = summary.units.map((u) => {
    const data = { template, unit: u.unit, year: meta.year, values: u.values, reviews: u.reviews };
    const { wb: one, causes, shape } = buildChecked(data, now);
    const name = sheetName(u.unit, taken);
    tables.set(name, { shape, data });
    return { name, sheet: one.Sheets[SHEET_TABLE], unit: u.unit, causes, reviewed: reviewedIds(causes, u.reviews ?? [], u.values) };
  });

  // The summary: the app's sums with their check formulas, then every figure cell a 3D formula.
  const sumData = { template, unit: `${meta.name}（汇总）`, year: meta.year, values: summary.values };
  const { wb: sumWb, shape } = buildChecked({ ...sumData, unit: meta.name }, now);
  tables.set(SHEET_SUMMARY, { shape, data: sumData });
  const sheet = sumWb.Sheets[SHEET_TABLE];
  sheet.A1 = { t: 's', v: `${template.title.replace('{year}', String(meta.year))}（汇总）` };
  sheet.A2 = { t: 's', v: `汇总：${meta.name}（${summary.units.length} 个单位）` };
  if (unitSheets.length) {
    // Between two marker sheets with plain names: LibreOffice cannot read a quoted 3D range
    // ('A:B'!C5 gives #NAME?), and a unit's name may need quotes. A sheet moved between the
    // markers in Excel/WPS counts too.
    const range = `${MARK_FIRST}:${MARK_LAST}`;
    for (const [key, addr] of shape.cells) {
      const v = summary.values.get(key)?.value;
      const ref = `${range}!${addr}`;
      sheet[addr] = { t: v === undefined || v === null ? 's' : 'n', v: v ?? '', f: `IF(COUNT(${ref})=0,"",SUM(${ref}))` } as XLSX.CellObject;
    }
  }
  XLSX.utils.book_append_sheet(wb, sheet, SHEET_SUMMARY);

  const when = (t?: number) => (t ? new Date(t).toLocaleString('zh-CN', { hour12: false }) : '');
  // From the same check as the unit sheets and 校验结果 (not the counts the reports keep, which a
  // background pass may not have corrected yet): the three sheets agree. By cause, as the app counts.
  const blankTotals = (cs: Cause[], done: Set<string>) => cs.filter((c) => c.kind === 'blank' && !done.has(c.id)).reduce((n, c) => n + c.options[0].length, 0);
  const status: (string | number)[][] = [
    ['单位', '已填格数', '错误', '提示', '已核实', '正文不一致', '合计未填', '最后修改'],
    ...summary.units.map((u, i) => {
      const k = causeCounts(unitSheets[i].causes, unitSheets[i].reviewed);
      const prose = kept.get(u.id)?.prose;
      return [u.unit, u.filled, k.errors, k.warnings, k.reviewed, prose ?? '无正文', blankTotals(unitSheets[i].causes, unitSheets[i].reviewed), when(kept.get(u.id)?.updatedAt)];
    })
  ];
  status.push([], ['说明', `下载时（${now.toLocaleString('zh-CN', { hour12: false })}）的情况；各单位表中的“校验”列随数字变化。`]);
  const statusSheet = XLSX.utils.aoa_to_sheet(status);
  mergeNotes(statusSheet, status, status[0].length - 1);
  // One width per column, 最后修改 (2026/12/7 05:08) on one line: a unit a printed line, not two.
  statusSheet['!cols'] = [{ wch: 30 }, { wch: 10 }, { wch: 6 }, { wch: 6 }, { wch: 8 }, { wch: 12 }, { wch: 10 }, { wch: 18 }];
  XLSX.utils.book_append_sheet(wb, statusSheet, SHEET_STATUS);

  // The summary's findings, each with the units contributing to it (their shares, their own likely
  // wrong figures); then each unit's findings by cause, as its own report lists them.
  const names = compile(template).names;
  const sev = (s: string) => (s === 'error' ? '错误' : '提示');
  const findings: (string | number | null)[][] = [['单位', '格子', '严重程度', '疑似有误的数字', '可能应为', '应为', '实填', '差', '说明', '各单位所占']];
  for (const f of summary.result.findings) {
    const shares = contributionsTo(summary, f);
    findings.push(['汇总表', f.name, sev(f.severity), '', '', f.expected, f.actual, f.difference, f.short, shares ? contributionText(shares, names, 50) : (summary.causes.get(`${f.id}|${f.subjectKey}`) ?? []).join('、')]);
  }
  for (const u of unitSheets)
    for (const c of u.causes) {
      const one = c.options.length === 1 && c.options[0].length === 1 ? c.options[0][0] : null;
      const raw = one ? summary.units.find((x) => x.unit === u.unit)?.values.get(one.key)?.raw : undefined;
      findings.push([
        u.unit, c.kind === 'choice' ? `${c.options.length} 处之一` : c.name, u.reviewed.has(c.id) ? '已核实' : sev(c.severity),
        one ? (raw?.trim() ? `填了 ${raw}` : '未填') : '', one ? (one.value !== null ? `应为 ${formatFigure(one.value)}` : probable(one)) : '',
        c.kind === 'warning' ? c.findings[0].expected : null, c.kind === 'warning' ? c.findings[0].actual : null, c.kind === 'warning' ? c.findings[0].difference : null,
        c.kind === 'warning' ? c.short : c.message, ''
      ]);
    }
  findings.push([], ['说明', '下载时的校验结果：各单位先列疑似有误的数字（改动最少的数字就能让各项合计都对上）；汇总表的每项问题列出造成它的单位及所占份额。在 Excel 或 WPS 中改动数字后，以各表的“校验”列为准。'], ['工具版本', `${TOOL.name} ${TOOL.version}`]);
  const findingsSheet = XLSX.utils.aoa_to_sheet(findings.map((r) => r.map((v) => v ?? '')));
  mergeNotes(findingsSheet, findings, findings[0].length - 1);
  // Header words on one line in print (CJK is 2 wch a character).
  findingsSheet['!cols'] = [{ wch: 24 }, { wch: 44 }, { wch: 9 }, { wch: 15 }, { wch: 12 }, { wch: 8 }, { wch: 8 }, { wch: 7 }, { wch: 44 }, { wch: 50 }];
  XLSX.utils.book_append_sheet(wb, findingsSheet, SHEET_ALL_FINDINGS);

  // A marker says what it is in a note, not a cell: a sheet with no value prints no page (one page
  // each, with a sentence, when the whole workbook is printed).
  const marker = (text: string) => ({ A1: { t: 'z', c: [{ a: TOOL.name, t: text }] }, '!ref': 'A1', '!cols': [{ wch: 60 }] }) as XLSX.WorkSheet;
  XLSX.utils.book_append_sheet(wb, marker(`此表之后、“${MARK_LAST}”之前的各单位工作表计入汇总表。`), MARK_FIRST);
  for (const u of unitSheets) XLSX.utils.book_append_sheet(wb, u.sheet, u.name);
  XLSX.utils.book_append_sheet(wb, marker(`此表之前、“${MARK_FIRST}”之后的各单位工作表计入汇总表。`), MARK_LAST);
  wb.Props = { Title: `${meta.name} ${meta.year}年度汇总`, Author: TOOL.name };
  return { wb, tables };
}
