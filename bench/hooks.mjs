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
