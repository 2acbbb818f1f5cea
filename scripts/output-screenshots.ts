// Regenerates docs/outputs/*.png: the seed report's downloaded xlsx and Word file, and a real 2021
// table's Word file, opened and printed by LibreOffice headless (first page at 60 dpi). Needs
// LibreOffice and poppler-utils. Run: node --import tsx --import ./bench/loader.mjs scripts/output-screenshots.ts
import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeEntry } from '$lib/domain/entry';
import type { CellEntry } from '$lib/domain/model';
import { writeDocx } from '$lib/publish/docx';
import { writeStyledWorkbook } from '$lib/sheets/styled-workbook';
import { gov2017County } from '$lib/templates/gov-2017-county';
import { seed2017, SEED_UNIT, SEED_YEAR } from '../tests/fixtures/seed-2017.js';
import { convert, workDir, writeTemp } from '../tests/fixtures/office';

const values = new Map<string, CellEntry>();
for (const [row, raw] of seed2017) if (raw !== '') values.set(`t1/${row}/v`, makeEntry(gov2017County, { table: 't1', row, col: 'v' }, raw)!.entry);
const data = { template: gov2017County, unit: SEED_UNIT, year: SEED_YEAR, values };
const dir = workDir();

async function shot(name: string, bytes: Uint8Array) {
  const pdf = convert(writeTemp(dir, name, bytes), 'pdf', dir);
  const out = join(dir, name.replace(/\.\w+$/, ''));
  execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, out]);
  copyFileSync(`${out}.png`, join('docs/outputs', `${name.replace('.', '-')}.png`));
}

await shot('seed.xlsx', await writeStyledWorkbook(data));
await shot('seed.docx', await writeDocx(data));
console.log('docs/outputs/seed-xlsx.png, docs/outputs/seed-docx.png');
