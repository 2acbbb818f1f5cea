// Import a spreadsheet file: parse it in a worker (with a size and a time limit), find the
// statistics table in any sheet by its labels, and plan the cells as a paste would.
import { planPaste, type PastePlan } from '$lib/domain/mapping';
import { pasteReport, type PasteReport } from '$lib/domain/paste-report';
import type { Template } from '$lib/domain/model';
import { MAX_BYTES, readMeta, type SheetRows } from './read';
// Inlined (a blob URL), so the one-file build can start it from file:// too.
import ImportWorker from './import.worker?worker&inline';

export const ACCEPT = '.xlsx,.xls,.csv,.ods,.html,.htm';
export const TIME_LIMIT_MS = 10_000;

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

/** The sheet whose rows match the most labels of the template, or null when none does. */
export function findTable(template: Template, sheets: SheetRows[]): FoundTable | null {
  let best: FoundTable | null = null;
  let bestScore = 0;
  for (const sheet of sheets) {
    const plans = template.tables.map((t) => ({ table: t.id, plan: planPaste(template, t, sheet.rows) }));
    const labelled = plans.filter((p) => p.plan.mode === 'labels');
    const score = labelled.reduce((n, p) => n + p.plan.matchedRows, 0);
    if (score > bestScore) {
      const reports = labelled.map((p) => pasteReport(template, p.plan));
      const report = reports.reduce((a, b) => ({
        ...a, filled: a.filled + b.filled, blank: a.blank + b.blank, adjusted: [...a.adjusted, ...b.adjusted], refused: [...a.refused, ...b.refused],
        unmatched: [...a.unmatched, ...b.unmatched], missing: [...a.missing, ...b.missing], dropped: [...a.dropped, ...b.dropped], entries: [...a.entries, ...b.entries]
      }));
      best = { sheet: sheet.name, plans: labelled, report, meta: readMeta(sheet.rows) };
      bestScore = score;
    }
  }
  return best;
}
