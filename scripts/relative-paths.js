// SvelteKit writes the hash-router page like an SPA fallback, with absolute /_app/ URLs
// (kit/src/runtime/server/page/render.js: fallbacks never get relative paths). Our page is the
// only page and its base is already computed from location at run time, so making its asset
// URLs relative lets the build run from any sub-path of any static server.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const file = join(process.argv[2] ?? 'build', 'index.html');
const html = readFileSync(file, 'utf8');
const out = html.replace(/(["'(])\/_app\//g, '$1./_app/');
if (out === html) throw new Error(`${file}: no /_app/ URL found; has SvelteKit changed how it writes the page?`);
writeFileSync(file, out);
