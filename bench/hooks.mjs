// Module resolve hooks (run in Node's loader thread), registered after tsx so they see
// specifiers first:
// - `$lib/…` is src/lib (the alias vitest.config.ts sets), even before `svelte-kit sync`
//   has written the tsconfig paths that tsx would otherwise read;
// - a Vite `?worker&inline` import (sheets/import.ts starts its parser in a worker) becomes an
//   inert class: the bench calls readSheets in-process, it never starts that worker.
const LIB = new URL('../src/lib/', import.meta.url);
const WORKER_STUB = 'data:text/javascript,export default class InlineWorkerStub {}';

export async function resolve(specifier, context, nextResolve) {
  if (/\?worker&inline$/.test(specifier)) return { url: WORKER_STUB, shortCircuit: true };
  if (specifier === '$lib' || specifier.startsWith('$lib/')) return nextResolve(new URL(specifier.slice(5), LIB).href, context);
  return nextResolve(specifier, context);
}

// The app's own TypeScript (src/lib) is compiled here as the production build compiles it. tsx
// compiles with esbuild's keepNames, which wraps every function created at run time in a
// `__name()` call: on a per-keystroke path of closures that alone was ~10 % of the profile, a
// cost the shipped app (Vite, no keepNames) never pays.
const SRC = new URL('../src/', import.meta.url).href;
let esbuild;
export async function load(url, context, nextLoad) {
  if (!url.startsWith(SRC) || !/\.ts$/.test(url) || /\.svelte\.ts$/.test(url)) return nextLoad(url, context);
  esbuild ??= await import('esbuild');
  const { readFile } = await import('node:fs/promises');
  const source = await readFile(new URL(url), 'utf8');
  const out = await esbuild.transform(source, { loader: 'ts', format: 'esm', target: 'es2022', keepNames: false, sourcefile: url });
  return { format: 'module', source: out.code, shortCircuit: true };
}
