// One unit's file for a 汇总, read and mapped (in the batch worker): which form it is, the unit and
// year it names, its figures. Pure apart from the parsers; the worker only wraps it.
import { findForm } from './find-table';
import { FormStandings } from './form-standings';
import { readSource, type ReadSource } from './read-source';
import { ReadError } from './read';
import { builtinForms } from '$lib/templates';
import type { CellEntry, CellKey, Template } from '$lib/domain/model';
import { summarise } from '$lib/report-status';
import type { ReportRecord } from '$lib/storage/db';
import { TEXT_MAX } from '$lib/storage/limits';
import { packFigures } from './packed-figures';

export interface BatchFile {
  name: string;
  data: ArrayBuffer;
  /** The 汇总's form: a file of another form is refused. */
  templateId: string;
  /** Own forms (the worker has only the built-ins): the 汇总's own form, when it is one. */
  forms?: Template[];
  /** Read already (a PDF, read by pdf.js in its own worker): only mapped and checked here. */
  source?: ReadSource;
}

export type BatchRead =
  | {
      ok: true;
      name: string;
      unit: string;
      unitFrom: 'file' | 'name';
      year?: number;
      /** How many figures it has. */
      count: number;
      /** Its figures, packed (packed-figures.ts): unpacked when its report is written. */
      figures: string;
      summary: ReportRecord['summary'];
      prose?: string;
    }
  | { ok: false; name: string; reason: string };

/** The file name without extension and the usual report words: "XX局2023年政府信息公开年度报告.xlsx" → "XX局". */
export function unitFromFileName(name: string): string {
  const base = name.replace(/\.[A-Za-z0-9]{2,5}$/, '').replace(/[_\-\s]+/g, '');
  const cut = base.replace(/(20\d\d)年度?.*$/, '').replace(/政府信息公开.*$/, '').replace(/统计表.*$/, '').replace(/^\d+[.、]?/, '');
  return (cut || base).slice(0, 40);
}

/** The forms' standings on the layouts this worker has read (form-standings.ts). */
const seen = new FormStandings();

export async function readBatchFile(file: BatchFile, standings = seen): Promise<BatchRead> {
  try {
    const source = file.source ?? (await readSource(file.data, file.name));
    const { fits, closest } = findForm([...builtinForms, ...(file.forms ?? [])], source, undefined, file.templateId, standings);
    if (!fits) return { ok: false, name: file.name, reason: `没有认出统计表（最接近的是${closest.template.name}，但对上的行太少）` };
    if (fits.template.id !== file.templateId) return { ok: false, name: file.name, reason: `是“${fits.template.name}”，不是本汇总的表式` };
    const entries = fits.report.entries.filter((e) => e.entry.raw !== '').map((e) => [e.key, e.entry] as [CellKey, CellEntry]);
    if (!entries.length) return { ok: false, name: file.name, reason: '表中没有数字' };
    const unit = fits.meta.unit?.trim();
    // Checked here, off the main thread: the report keeps its check, the 汇总 reads it.
    const values = new Map(entries);
    // A published report's prose (a PDF, a Word report, a web page) is kept and checked with it,
    // so the 汇总 counts its 正文不一致; a text past what a report keeps is left out, not cut.
    const prose = source.prose && source.prose.length <= TEXT_MAX ? source.prose : undefined;
    const summary = summarise(fits.template, values, { text: prose });
    return { ok: true, name: file.name, unit: unit || unitFromFileName(file.name), unitFrom: unit ? 'file' : 'name', year: fits.meta.year, count: entries.length, figures: packFigures(entries), summary, ...(prose ? { prose } : {}) };
  } catch (e) {
    return { ok: false, name: file.name, reason: e instanceof ReadError ? e.message : `无法读取：${e instanceof Error ? e.message : String(e)}` };
  }
}
