// Ctrl+C in the grid: the block put on the clipboard pastes back, by label and header, into the
// same cells of another report (whole tables, and a few columns of 表四, whose leaf headers repeat).
import { describe, expect, it } from 'vitest';
import { gov2021 } from '$lib/templates/gov-2021';
import { templates } from '$lib/templates';
import { clipboardBlocks } from '$lib/sheets/blocks';
import { decidePaste } from '$lib/domain/mapping';
import type { CellEntry } from '$lib/domain/model';
import { report2021 } from '../../../tests/fixtures/national-2021';
import { cellText } from './cell-text';
import { copyBlock } from './copy';
import { gridLayout } from './grid-layout';

const cells = report2021();
const entry = (k: string): CellEntry | undefined => (cells[k] !== undefined ? { raw: cells[k], value: Number(cells[k]) } : undefined);
const pasted = (tableId: string, cols?: [number, number]) => {
  const g = gridLayout(gov2021.tables.find((t) => t.id === tableId)!);
  const block = copyBlock(g, { rows: [0, g.rows.length - 1], cols: cols ?? [0, g.check] }, (r, c) => cellText(g, { entry }, r, g.colAt(c)!))!;
  const d = decidePaste(templates, gov2021, clipboardBlocks(block.html, block.text));
  if (d.kind !== 'fill') throw new Error(d.kind);
  return { g, writes: Object.fromEntries(d.plan.writes.map((w) => [w.key, w.raw])), plan: d.plan };
};

describe('copyBlock', () => {
  it.each(['t2a', 't2c', 't3', 't4'])('a whole table copied (小计 included) pastes back into every one of its cells: %s', (id) => {
    const { writes, plan } = pasted(id);
    expect(plan.dropped).toEqual([]);
    expect(writes).toEqual(Object.fromEntries(Object.entries(cells).filter(([k]) => k.startsWith(`${id}/`))));
  });

  it('a few of 表四\'s columns (结果维持 under three headings) land under their own headings', () => {
    const g = gridLayout(gov2021.tables.find((t) => t.id === 't4')!);
    const { writes } = pasted('t4', [g.first + 5, g.first + 7]);
    const keys = [5, 6, 7].map((i) => g.keyAt(0, g.first + i)!);
    expect(writes).toEqual(Object.fromEntries(keys.map((k) => [k, cells[k]])));
  });

  it('a selection of labels or 校验 alone is no block (Handsontable copies it as it is)', () => {
    const g = gridLayout(gov2021.tables.find((t) => t.id === 't3')!);
    expect(copyBlock(g, { rows: [0, 3], cols: [0, 0] }, () => '')).toBeNull();
    expect(copyBlock(g, { rows: [0, 3], cols: [g.check, g.check] }, () => '')).toBeNull();
  });
});
