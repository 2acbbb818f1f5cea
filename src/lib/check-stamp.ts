// The stamp a kept check carries: which checking code worked it out, on which form, over which
// figures. A 汇总 reopened later trusts a kept check whose stamp is what this build would write for
// the report's figures now, and checks again only the others (a report kept by an older version,
// one whose figures changed under its check, one reviewed since). Before stamps, every reopen
// checked every unit again in the background: ~1.2 s of the page's main thread for 1,000 units
// here (BENCHMARKS.md), four times that on a slow PC.
import type { CellEntry, CellKey, Template } from '$lib/domain/model';

// Set at build time (vite.config.ts, scripts/check-code.js): a hash of the checking code's sources.
declare const __CHECK_CODE__: string | undefined;

/** The checking code of this build; 'unbuilt' where the sources run as they are (unit tests, Node). */
export const CHECK_CODE: string = typeof __CHECK_CODE__ === 'string' ? __CHECK_CODE__ : 'unbuilt';

/** Two 32-bit hashes of a string (FNV-1a and a murmur-like mix), as one pair. */
export function hash2(s: string): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return [h1 >>> 0, h2 >>> 0];
}

/**
 * A report's figures as a short string that does not depend on their order: how many, and two
 * sums of a hash of each cell's key and text. Equal figures give equal prints; unequal ones a
 * different print but for a chance of about one in 2^64.
 */
export function figuresPrint(cells: Iterable<readonly [CellKey, CellEntry]>): string {
  let n = 0;
  let a = 0;
  let b = 0;
  for (const [key, e] of cells) {
    if (e.raw === '') continue;
    const [h1, h2] = hash2(`${key}\u0000${e.raw}`);
    a = (a + h1) % 0x100000000;
    b = (b + h2) % 0x100000000;
    n++;
  }
  return `${n}:${a}:${b}`;
}

// A form is its whole definition: a provincial form edited in place checks differently.
const formPrints = new WeakMap<Template, string>();
function formPrint(t: Template): string {
  let p = formPrints.get(t);
  if (p === undefined) formPrints.set(t, (p = `${t.id}@${t.version}:${hash2(JSON.stringify(t)).join(':')}`));
  return p;
}

/** The stamp of a check of these figures on this form by this build (summaryOf puts it in a kept check). */
export function checkStamp(t: Template, values: Iterable<readonly [CellKey, CellEntry]>): string {
  return `${CHECK_CODE}|${formPrint(t)}|${figuresPrint(values)}`;
}
