// Cold load of a report or a 汇总 without a waterfall. With the hash router, index.html serves every
// page and SvelteKit preloads only its entry chunks: a route's chunks (the report's grid among them)
// were requested only after the start, app and layout chunks had run. This adds an inline script
// that, when the address is a report (#/report/…) or a 汇总 (#/collection/…), preloads that route's
// whole static import graph at once, in parallel with the entry; the home page loads nothing more.
// Its hash goes into the page's Content-Security-Policy like Kit's own inline script.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'build';
/** Address prefix (#/<prefix>/…) → the route whose chunks it preloads. */
const ROUTES = { report: 'src/routes/report/[id]/+page.svelte', collection: 'src/routes/collection/[id]/+page.svelte' };
const manifest = JSON.parse(readFileSync('.svelte-kit/output/client/.vite/manifest.json', 'utf8'));
/** The files of a route's static import graph, its node first. */
function routeFiles(route) {
  const node = Object.keys(manifest).find((k) => /client-optimized\/nodes\/\d+\.js$/.test(k) && readFileSync(join('.svelte-kit', k.slice('.svelte-kit/'.length)), 'utf8').includes(route));
  if (!node) throw new Error(`no client node imports ${route}: has SvelteKit changed how it writes nodes?`);
  const files = new Set();
  const walk = (key) => {
    const entry = manifest[key];
    if (!entry || files.has(entry.file)) return;
    files.add(entry.file);
    for (const i of entry.imports ?? []) walk(i);
  };
  walk(node);
  return [...files];
}
const preload = Object.fromEntries(Object.entries(ROUTES).map(([prefix, route]) => [prefix, routeFiles(route)]));

// And it opens the app's database while the chunks download: a page's first open of it took
// ~50 ms between the report's code running and its first read.
// A database that does not exist yet is not created here (the upgrade is aborted); the connection
// closes as soon as it opens, before the app's own open (which may upgrade) could wait for it.
const DB_NAME = /export const DB_NAME = '([^']+)'/.exec(readFileSync('src/lib/storage/db.ts', 'utf8'))?.[1];
if (!DB_NAME) throw new Error('src/lib/storage/db.ts: no DB_NAME');
const warm = `try{const q=indexedDB.open(${JSON.stringify(DB_NAME)});q.onupgradeneeded=()=>q.transaction.abort();q.onsuccess=()=>q.result.close();q.onerror=(e)=>e.preventDefault()}catch{}`;

const file = join(dir, 'index.html');
const html = readFileSync(file, 'utf8');
// A 汇总 sorts its units by name: the page's first Chinese collator loads ICU's collation data
// (10–16 ms in a fresh page here), made here while the chunks download instead of in its first render.
const collate = `if(k==='collection')try{new Intl.Collator('zh-CN').compare('','')}catch{}`;

const script = `{const k=/^#\\/(${Object.keys(ROUTES).join('|')})\\//.exec(location.hash)?.[1];if(k){for(const f of ${JSON.stringify(preload)}[k])document.head.appendChild(Object.assign(document.createElement('link'),{rel:'modulepreload',href:'./'+f}));${warm}${collate}}}`;
const sha = `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
if (!/script-src 'self'/.test(html)) throw new Error(`${file}: no script-src in the Content-Security-Policy`);
if (!html.includes('<script>')) throw new Error(`${file}: no inline <script> to put the preload before`);
const out = html.replace(/script-src 'self'/, `script-src 'self' ${sha}`).replace(/<script>/, `<script>${script}</script>\n\t\t<script>`);
if (!out.includes(script) || !out.includes(sha)) throw new Error(`${file}: the preload script or its hash is missing`);
writeFileSync(file, out);
console.log(`${file}: preloads ${Object.entries(preload).map(([k, f]) => `${f.length} chunks for #/${k}/`).join(', ')}`);
