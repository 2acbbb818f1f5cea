// Which checking code a build carries: a hash of the sources a report's check depends on (the
// domain and the forms, and the summary kept with a report). A kept check stamped with it was
// worked out by exactly these rules, so a 汇总 reopened by the same build can trust it instead of
// checking every unit again (src/lib/check-stamp.ts). Any change to those files changes it, and
// the next reopen checks every unit once more, as it did before there were stamps. (`npm run dev`
// works it out when the server starts: restart it after changing the checks, or a browser's kept
// checks from before the change are trusted.)
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// With the code that puts a kept check together: the report page's (its prose count), the 汇总's
// (its corrections, its verify) and the batch worker's.
const SOURCES = [
  'src/lib/domain', 'src/lib/templates', 'src/lib/report-status.ts', 'src/lib/check-stamp.ts',
  'src/lib/session/report-session.ts', 'src/lib/session/collection-session.ts', 'src/lib/session/open-report.ts', 'src/lib/sheets/batch-read.ts'
];

/** @param {string} root the project's directory */
export function checkCode(root = process.cwd()) {
  const files = SOURCES.flatMap((s) => {
    const at = join(root, s);
    return statSync(at).isDirectory() ? readdirSync(at, { recursive: true, encoding: 'utf8' }).map((f) => join(at, f)) : [at];
  })
    .filter((f) => /\.(ts|js|json)$/.test(f) && !/\.test\.ts$/.test(f) && statSync(f).isFile())
    .sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(relative(root, f).replaceAll('\\', '/')).update('\0').update(readFileSync(f)).update('\0');
  return hash.digest('hex').slice(0, 16);
}
