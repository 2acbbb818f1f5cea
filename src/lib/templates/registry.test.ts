// The registry: built-in and own forms looked up alike; the newest version offered; a broken
// stored form or one claiming a built-in id is left out.
import { afterEach, describe, expect, it } from 'vitest';
import { validateForm } from '$lib/domain/form-validate';
import { allForms, builtinForms, findTemplate, offeredForms, setOwnForms as set } from '.';

const setOwnForms = (forms: unknown[]) => set(forms, validateForm);

const own = (version: number, name = '某省表') => ({ id: 'own-a', version, name, title: name, source: 's', tables: [{ id: 't1', title: 't', labelHeader: 'h', rows: [{ id: 'r1', label: 'x', level: 0, kind: 'value' }], columns: [{ id: 'c1', label: '本年度' }], relations: [] }] });

afterEach(() => setOwnForms([]));

describe('form registry', () => {
  it('finds built-in and own forms the same way; offers the newest version of each own form', () => {
    expect(setOwnForms([own(1), own(2, '某省表（二）')])).toEqual({ skipped: 0 });
    expect(allForms()).toHaveLength(builtinForms.length + 2);
    expect(findTemplate('own-a', 1)?.name).toBe('某省表');
    expect(findTemplate('own-a')?.version).toBe(2);
    expect(findTemplate('gov-2021', 1)).toBe(builtinForms[0]);
    expect(offeredForms().map((f) => f.id)).toEqual([...builtinForms.map((f) => f.id), 'own-a']);
    expect(offeredForms().at(-1)?.version).toBe(2);
  });

  it('leaves out a broken stored form and one that claims a built-in id', () => {
    expect(setOwnForms([own(1), { ...own(1), id: 'gov-2021' }, { id: 'own-b' }, null])).toEqual({ skipped: 3 });
    expect(allForms().filter((f) => !builtinForms.includes(f)).map((f) => f.id)).toEqual(['own-a']);
  });
});
