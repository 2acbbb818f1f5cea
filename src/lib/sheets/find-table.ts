// A file's tables mapped to a form: the same whole-form mapper a paste uses, the form chosen by
// the file's labels and headers. Apart from import.ts, whose module inlines the import worker
// (~0.7 MB of code as a string): the batch worker maps files with this alone, and carried that
// string — a second worker it never starts — in its own code.
import { chooseForm, mapToForm, type FormPlan } from '$lib/domain/form-map';
import { pasteReport, type PasteReport } from '$lib/domain/paste-report';
import type { Template, Values } from '$lib/domain/model';
import { readMeta } from './blocks';
import type { ReadSource } from './read-source';
import type { FormStandings } from './form-standings';

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
 * `fits` null means no form fits; `closest` then says what was recognised. With `standings` (a
 * 汇总's files), the other forms' scores on a layout seen before are taken from there.
 */
export function findForm(templates: Template[], source: ReadSource, current?: { template: Template; values: Values }, prefer = current?.template.id, standings?: FormStandings): { fits: FoundTable | null; closest: FormPlan } {
  const { best, closest } = standings && prefer ? standings.choose(templates, source.blocks, prefer) : chooseForm(templates, source.blocks, prefer);
  if (!best) return { fits: null, closest };
  return { fits: found(best, source, best.template === current?.template ? current.values : undefined), closest: best };
}
