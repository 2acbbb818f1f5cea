// SvelteKit writes the hash-router page like an SPA fallback, with absolute /_app/ URLs
// (kit/src/runtime/server/page/render.js: fallbacks never get relative paths). Our page is the
// only page and its base is already computed from location at run time, so making its asset
// URLs relative lets the build run from any sub-path of any static server. The inline
// bootstrap script changes with it, so its hash in the Content-Security-Policy is renewed.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const file = join(process.argv[2] ?? 'build', 'index.html');
const html = readFileSync(file, 'utf8');
const relative = (s) => s.replace(/(["'(])\/_app\//g, '$1./_app/');
const sha = (s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

let out = relative(html);
if (out === html) throw new Error(`${file}: no /_app/ URL found; has SvelteKit changed how it writes the page?`);
for (const [, body] of html.matchAll(/<script>([\s\S]*?)<\/script>/g)) {
  const renewed = relative(body);
  if (renewed !== body) out = out.replace(sha(body), sha(renewed));
}
if (/content-security-policy/.test(html) && !out.includes(sha(relative([...html.matchAll(/<script>([\s\S]*?)<\/script>/g)][0]?.[1] ?? ''))))
  throw new Error(`${file}: the inline script's CSP hash was not renewed`);
writeFileSync(file, out);
