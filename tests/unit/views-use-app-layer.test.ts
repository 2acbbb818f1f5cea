// Routes and components render and call the application layer (src/lib/session); they never
// import the store (src/lib/storage) at runtime. Type-only imports are allowed: they vanish from
// the build. Every mutation then goes through one path.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const STORAGE = join(ROOT, 'src/lib/storage');

/** Views still to move to the application layer: none. */
const NOT_YET = new Set<string>();

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return files(path);
    return /\.(svelte|ts|js)$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [path] : [];
  });
}

/**
 * The runtime imports of the store in a file's text: static imports and re-exports that are not
 * `import type` / `export type`, and dynamic import(). `import { type X }` counts as runtime: with
 * verbatimModuleSyntax it still loads the module.
 */
function storageImports(text: string, file: string): string[] {
  const found: string[] = [];
  const statements = /(?:^|[\n;])\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]|(?:^|[\n;])\s*import\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of text.matchAll(statements)) {
    const spec = m[4] ?? m[5] ?? m[6];
    if (m[2]) continue; // import type … / export type …
    if (isStorage(spec, file)) found.push(m[0].replace(/^[;\s]+/, ''));
  }
  return found;
}

function isStorage(spec: string, file: string): boolean {
  if (spec === '$lib/storage' || spec.startsWith('$lib/storage/')) return true;
  if (!spec.startsWith('.')) return false;
  const target = resolve(dirname(file), spec);
  return target === STORAGE || target.startsWith(STORAGE + '/');
}

describe('views use the application layer', () => {
  it.each([
    [`import { reportStore } from '$lib/storage/reports';`, 1],
    [`import type { ReportRecord } from '$lib/storage/reports';`, 0],
    [`import {\n  type ReportRecord\n} from '$lib/storage/db';`, 1],
    [`export { NOTE_MAX } from '$lib/storage/reports';`, 1],
    [`export type { ReportRecord } from '$lib/storage/reports';`, 0],
    [`const m = await import('$lib/storage/backup');`, 1],
    [`import '$lib/storage/tab-sync';`, 1],
    [`import { x } from '../storage/reports';`, 1],
    [`import { app } from '$lib/session/app-service';`, 0],
    [`import { storage } from '$lib/storageless';`, 0]
  ])('finds the runtime store imports in %j', (text, n) => {
    expect(storageImports(text, join(ROOT, 'src/lib/components/X.svelte'))).toHaveLength(n);
  });

  it('no route or component imports the store at runtime', () => {
    const views = [...files(join(ROOT, 'src/routes')), ...files(join(ROOT, 'src/lib/components'))];
    expect(views.length).toBeGreaterThan(10);
    const offending = views
      .map((f) => relative(ROOT, f))
      .filter((f) => !NOT_YET.has(f))
      .flatMap((f) => storageImports(readFileSync(join(ROOT, f), 'utf8'), join(ROOT, f)).map((s) => `${f}: ${s}`));
    expect(offending).toEqual([]);
  });

  it('the allow-list names files that still exist', () => {
    for (const f of NOT_YET) expect(() => readFileSync(join(ROOT, f))).not.toThrow();
  });
});
