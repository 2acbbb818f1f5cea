// What a page downloads: its JS and CSS, raw and gzip, counted from the responses Playwright sees.
import type { Page } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import type { Figure } from './figures';

const group = 'Browser (headless Chromium, built app)';

/** JS and CSS bytes a page requested, raw and gzip (zlib default level), in KB of 1,000 bytes. */
export function recordTransfer(page: Page) {
  const files: Promise<{ url: string; kind: 'js' | 'css'; raw: number; gzip: number } | null>[] = [];
  page.on('response', (res) => {
    const type = res.headers()['content-type'] ?? '';
    const kind = type.includes('javascript') ? 'js' : type.includes('css') ? 'css' : null;
    if (kind) files.push(res.body().then((body) => ({ url: res.url(), kind, raw: body.length, gzip: gzipSync(body).length }), () => null));
  });
  /** `only`: count these URLs alone (the files fetched before a mark). */
  return async (kind: 'js' | 'css', only?: Set<string>) => {
    const of = (await Promise.all(files)).filter((f) => f !== null && f.kind === kind && (!only || only.has(f.url))) as NonNullable<Awaited<(typeof files)[number]>>[];
    return { raw: of.reduce((a, f) => a + f.raw, 0) / 1000, gzip: of.reduce((a, f) => a + f.gzip, 0) / 1000, files: of.length, urls: of.map((f) => f.url) };
  };
}

/**
 * The page's JavaScript and CSS. `before`: the files the page had received by a mark (ms from
 * navigation start, from the page's resource timing): the target counts those; the whole first
 * load (lazy files fetched at once included) is given beside it.
 */
export async function transferFigures(name: string, id: string, measure: ReturnType<typeof recordTransfer>, before?: { page: Page; mark: number; what: string }): Promise<Figure[]> {
  const all = await measure('js');
  const early = before ? new Set(await before.page.evaluate((mark) => performance.getEntriesByType('resource').filter((e) => (e as PerformanceResourceTiming).responseEnd <= mark).map((e) => e.name), before.mark)) : undefined;
  const js = early ? await measure('js', early) : all;
  const css = await measure('css');
  if (js.urls.some((u) => /xlsx/i.test(u))) console.warn(`note: ${name} loaded a SheetJS chunk on first load`);
  return [
    { id: `transfer.${id}.js.gzip`, group, name: `${name}: JavaScript gzip${before ? ` fetched ${before.what}` : ''} (${js.files} files; raw ${js.raw.toFixed(1)} KB)`, unit: 'KB', median: js.gzip, runs: 1, target: { text: '≤ 250 KB gzip', met: js.gzip <= 250 } },
    ...(before ? [{ id: `transfer.${id}.js.all.gzip`, group, name: `${name}: all JavaScript of the first load, gzip (${all.files} files, the grid included)`, unit: 'KB' as const, median: all.gzip, runs: 1 }] : []),
    { id: `transfer.${id}.js.raw`, group, name: `${name}: JavaScript raw`, unit: 'KB', median: js.raw, runs: 1 },
    { id: `transfer.${id}.css.gzip`, group, name: `${name}: CSS gzip (${css.files} files; raw ${css.raw.toFixed(1)} KB)`, unit: 'KB', median: css.gzip, runs: 1 },
    { id: `transfer.${id}.css.raw`, group, name: `${name}: CSS raw`, unit: 'KB', median: css.raw, runs: 1 }
  ];
}
