// A small static server for the built app (npm start, Playwright). No dependencies: it only
// serves files under one folder, on localhost, with the right content types.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'build');
const port = Number(process.argv[3] ?? process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';
// BASE_PATH=/some/dir/ serves the app below that path, as an intranet server might.
const base = (process.env.BASE_PATH ?? '/').replace(/\/?$/, '/');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8'
};

createServer(async (req, res) => {
  try {
    const url = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!`${url}/`.startsWith(base)) return void res.writeHead(404).end('404');
    const path = url.slice(base.length - 1) || '/';
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file).catch(() => null);
    if (!body) return void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('404');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' }).end(body);
  } catch {
    res.writeHead(500).end();
  }
}).listen(port, host, () => console.log(`年报统计表校验: http://${host}:${port}${base}  (serving ${root}; Ctrl+C to stop)`));
