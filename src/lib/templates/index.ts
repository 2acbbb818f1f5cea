// The form registry: every form a report can be made with — the built-in national forms and the
// person's own forms (stored in IndexedDB, one record per version) — looked up the same way.
// A report stores form id and version, so a revised form is a new version and old reports keep
// theirs. Own forms are loaded once at start (the layout waits for them) and after each change.
import type { Template } from '$lib/domain/model';
import type { FormCheck } from '$lib/domain/form-validate';
import { gov2017County } from './gov-2017-county';
import { gov2019 } from './gov-2019';
import { gov2021 } from './gov-2021';

/** In the order 新建报表 offers them: the format in force first. */
export const builtinForms: Template[] = [gov2021, gov2019, gov2017County];

let own: Template[] = [];

/** Every form and version known here: built-ins, then own forms. */
export function allForms(): Template[] {
  return [...builtinForms, ...own];
}

/** The forms offered for a new report or 汇总: the built-ins and the newest version of each own form. */
export function offeredForms(): Template[] {
  const newest = new Map<string, Template>();
  for (const f of own) if ((newest.get(f.id)?.version ?? 0) < f.version) newest.set(f.id, f);
  return [...builtinForms, ...[...newest.values()].sort((a, b) => a.name.localeCompare(b.name))];
}

/** A form by id and version; without a version, its newest. */
export function findTemplate(id: string, version?: number): Template | undefined {
  const all = allForms().filter((t) => t.id === id);
  if (version !== undefined) return all.find((t) => t.version === version);
  return all.sort((a, b) => b.version - a.version)[0];
}

export const isBuiltin = (id: string) => builtinForms.some((t) => t.id === id);

/**
 * Takes the stored own forms. Each is validated again (a record written by an older version, or
 * edited by hand, must not break the app); one that fails, or that claims a built-in id, is left out.
 */
export function setOwnForms(forms: unknown[], validateForm: (v: unknown) => FormCheck): { skipped: number } {
  const ok: Template[] = [];
  for (const f of forms) {
    const checked = validateForm(f);
    if (checked.ok && !isBuiltin(checked.form.id)) ok.push(checked.form);
  }
  own = ok;
  return { skipped: forms.length - ok.length };
}

let loaded: Promise<void> | null = null;

/** Loads the own forms from the store (at start, and after a form is saved or imported). */
export function loadOwnForms(store: { forms(): Promise<{ form: Template }[]> }): Promise<void> {
  // The validator loads only when there are own forms (most pages of most people have none).
  const next = store.forms().then(async (records) => {
    if (!records.length && !own.length) return;
    const { validateForm } = await import('$lib/domain/form-validate');
    setOwnForms(records.map((r) => r.form), validateForm);
  });
  loaded = next.catch(() => {}); // a refusing store leaves the built-ins
  return next;
}

/**
 * Resolves once the own forms started at start-up are in. Pages await it beside their own reads
 * before they look up a report's form, so nothing waits for it that does not need it.
 */
export function formsLoaded(): Promise<void> {
  return loaded ?? Promise.resolve();
}

/** @deprecated the built-in forms only; use offeredForms() or allForms(). Kept for tests. */
export const templates = builtinForms;
