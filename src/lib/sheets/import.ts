// Import a spreadsheet file: parse it in a worker (with a size and a time limit), find the
// statistics table in any sheet by its labels, and plan the cells as a paste would.
import { planPaste, type PastePlan } from '$lib/domain/mapping';
import { pasteReport, type PasteReport } from '$lib/domain/paste-report';
import { labelKey } from '$lib/domain/labels';
import type { ColumnDef, Template } from '$lib/domain/model';
import { MAX_BYTES, readMeta, type SheetRows } from './read';
// Inlined (a blob URL), so the one-file build can start it from file:// too.
import ImportWorker from './import.worker?worker&inline';

export const ACCEPT = '.xlsx,.xls,.csv,.ods,.html,.htm';
/** A report's file parses in well under a second; past this the worker is stopped. */
export const TIME_LIMIT_MS = 4_500;

export async function readFileInWorker(file: File, timeLimit = TIME_LIMIT_MS): Promise<SheetRows[]> {
  if (file.size > MAX_BYTES) throw new Error(`文件过大（${(file.size / 1048576).toFixed(1)} MB），上限 ${MAX_BYTES / 1048576} MB`);
  const data = await file.arrayBuffer();
  const worker = new ImportWorker();
  try {
    return await new Promise<SheetRows[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`文件处理超过 ${timeLimit / 1000} 秒，已停止：文件可能过大或已损坏`)), timeLimit);
      worker.onmessage = (e: MessageEvent<{ ok: boolean; sheets?: SheetRows[]; error?: string }>) => {
        clearTimeout(timer);
        if (e.data.ok) resolve(e.data.sheets!);
        else reject(new Error(e.data.error));
      };
      worker.onerror = (e) => {
        clearTimeout(timer);
        reject(new Error(`无法读取这个文件：${e.message || '解析出错'}`));
      };
      worker.postMessage({ name: file.name, data }, [data]);
    });
  } finally {
    worker.terminate();
  }
}

export interface FoundTable {
  sheet: string;
  plans: { table: string; plan: PastePlan }[];
  report: PasteReport;
  meta: { unit?: string; year?: number };
}

/**
 * For each table of the form, the sheet whose rows match the most of its labels (one sheet may
 * hold every table, as our download does, or each table its own). Null when nothing matches.
 */
export function findTable(template: Template, sheets: SheetRows[]): FoundTable | null {
  const plans: FoundTable['plans'] = [];
  const sheetsUsed: string[] = [];
  for (const table of template.tables) {
    let best: { plan: PastePlan; sheet: string } | null = null;
    for (const sheet of sheets) {
      const plan = planPaste(template, table, sheet.rows);
      if (plan.mode === 'labels' && plan.matchedRows > (best?.plan.matchedRows ?? 0)) best = { plan, sheet: sheet.name };
    }
    if (best) {
      plans.push({ table: table.id, plan: best.plan });
      if (!sheetsUsed.includes(best.sheet)) sheetsUsed.push(best.sheet);
    }
  }
  if (!plans.length) return null;
  // Rows of the other tables on a shared sheet, and their headers, are not "unmatched".
  const columnLabels = (cols: ColumnDef[]): string[] => cols.flatMap((c) => [c.label, ...columnLabels(c.children ?? [])]);
  const elsewhere = template.tables.flatMap((t) => [t.title, t.caption ?? '', t.labelHeader, ...t.rows.map((r) => r.label), ...columnLabels(t.columns)]);
  const keys = new Set(elsewhere.map(labelKey).filter(Boolean));
  const belongs = (t: string) => t.trim() === '' || keys.has(labelKey(t)) || /^(单位名称|年度|\d{4}年度)|^校验$/.test(t.trim());
  // A row labelled like a row of another table belongs to that table's plan; an unlabelled row
  // of header words is another table's header.
  for (const p of plans) p.plan.unmatched = p.plan.unmatched.filter((u) => !(belongs(u.text) && (u.text.trim() !== '' || u.values.every(belongs))));
  const reports = plans.map((p) => pasteReport(template, p.plan));
  const report = reports.reduce((a, b) => ({
    ...a, filled: a.filled + b.filled, blank: a.blank + b.blank, adjusted: [...a.adjusted, ...b.adjusted], refused: [...a.refused, ...b.refused],
    unmatched: [...a.unmatched, ...b.unmatched], missing: [...a.missing, ...b.missing], dropped: [...a.dropped, ...b.dropped], entries: [...a.entries, ...b.entries]
  }));
  const first = sheets.find((s) => s.name === sheetsUsed[0])!;
  return { sheet: sheetsUsed.join('、'), plans, report, meta: readMeta(first.rows) };
}
