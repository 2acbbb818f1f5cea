// Import a file: parse it in a worker (with a size and a time limit), then map it with the same
// whole-form mapper a paste uses: the form is chosen by the file's labels and headers.
import { chooseForm, mapToForm, type FormPlan } from '$lib/domain/form-map';
import { pasteReport, type PasteReport } from '$lib/domain/paste-report';
import type { Template, Values } from '$lib/domain/model';
import { readMeta } from './blocks';
import { MAX_BYTES } from './read';
import { isPdf } from './read-pdf';
import type { ReadSource } from './read-source';
import { readInWorker } from './worker-run';
// Inlined (a blob URL), so the one-file build can start it from file:// too.
import ImportWorker from './import.worker?worker&inline';

/** A report's file parses in well under a second; past this the worker is stopped. */
export const TIME_LIMIT_MS = 4_500;

export async function readFileInWorker(file: File, timeLimit = TIME_LIMIT_MS): Promise<ReadSource> {
  if (file.size > MAX_BYTES) throw new Error(`文件过大（${(file.size / 1048576).toFixed(1)} MB），上限 ${MAX_BYTES / 1048576} MB`);
  const data = await file.arrayBuffer();
  if (isPdf(new Uint8Array(data, 0, Math.min(5, data.byteLength)))) {
    const { readPdfInWorker } = await import('./pdf-import');
    return { ...(await readPdfInWorker(data, file.name)), file: file.name };
  }
  return { ...(await readInWorker<ReadSource>(new ImportWorker(), { name: file.name, data }, { timeLimit, what: '文件', acks: true })), file: file.name };
}

export interface FoundTable {
  template: Template;
  plan: FormPlan;
  report: PasteReport;
  /** The sheets or tables the figures came from. */
  sheet: string;
  meta: { unit?: string; year?: number };
  /** The report's text outside its tables, where the file is a published report (a PDF, a Word document, a web page). */
  prose?: string;
  /** The file's name, where it came from a file. */
  file?: string;
}

function found(plan: FormPlan, source: ReadSource, current?: Values): FoundTable {
  return { template: plan.template, plan, report: pasteReport(plan, current), sheet: plan.blocks.join('、'), meta: readMeta(source.texts), ...(source.prose ? { prose: source.prose } : {}), ...(source.file ? { file: source.file } : {}) };
}

/** The file's tables mapped into one given form (the open report's), whether or not it fits. */
export function findTable(template: Template, source: ReadSource, current?: Values): FoundTable | null {
  const plan = mapToForm(template, source.blocks);
  return plan.mode === 'labels' && plan.matchedRows ? found(plan, source, current) : null;
}

/**
 * The form the file is, with evidence: every form is scored on row labels and column headers.
 * `fits` null means no form fits; `closest` then says what was recognised.
 */
export function findForm(templates: Template[], source: ReadSource, current?: { template: Template; values: Values }, prefer = current?.template.id): { fits: FoundTable | null; closest: FormPlan } {
  const { best, closest } = chooseForm(templates, source.blocks, prefer);
  if (!best) return { fits: null, closest };
  return { fits: found(best, source, best.template === current?.template ? current.values : undefined), closest: best };
}
