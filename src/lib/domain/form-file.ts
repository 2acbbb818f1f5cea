// 导出表式 / 导入表式: a form as a file a county office sends to all its units. The file is
// untrusted input, read like a backup: size, format and version first, then the form field by
// field (form-validate.ts); a broken or hostile file is refused with its reason.
import type { Template } from './model';
import { validateForm } from './form-validate';

export const FORM_FILE_FORMAT = 'nianbao-jiaoyan-form';
/**
 * The newest file version this tool reads. A form with links between tables is written as 2, so
 * a tool from before links refuses it ("请先升级") instead of dropping them; others stay 1.
 */
export const FORM_FILE_VERSION = 2;
export const formFileVersion = (form: Template) => (form.links?.length ? 2 : 1);
/** A form of 2,000 rows is ~0.5 MB of JSON; anything far larger is not a form. */
export const FORM_FILE_MAX = 4 * 1024 * 1024;

export interface FormFile {
  format: typeof FORM_FILE_FORMAT;
  version: number;
  exportedAt: string;
  form: Template;
}

export function makeFormFile(form: Template, now = new Date()): string {
  const file: FormFile = { format: FORM_FILE_FORMAT, version: formFileVersion(form), exportedAt: now.toISOString(), form };
  return JSON.stringify(file, null, 1);
}

export function parseFormFile(text: string): { ok: true; form: Template } | { ok: false; reason: string } {
  if (text.length > FORM_FILE_MAX) return { ok: false, reason: `文件太大（${(text.length / 1048576).toFixed(1)} MB），不是本工具的表式文件` };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: '不是本工具的表式文件（无法读取）' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || (data as Record<string, unknown>).format !== FORM_FILE_FORMAT) return { ok: false, reason: '不是本工具的表式文件' };
  const d = data as Record<string, unknown>;
  if (typeof d.version !== 'number' || !Number.isSafeInteger(d.version) || d.version < 1) return { ok: false, reason: '表式文件已损坏（没有版本号）' };
  if (d.version > FORM_FILE_VERSION) return { ok: false, reason: '表式文件来自更新版本的工具，请先升级' };
  const checked = validateForm(d.form);
  return checked.ok ? { ok: true, form: checked.form } : { ok: false, reason: `表式文件有误：${checked.reason}` };
}
