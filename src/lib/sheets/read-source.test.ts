import { describe, expect, it } from 'vitest';
import { readSource } from './read-source';
import { realTables } from '../../../tests/fixtures/real/load';
import { docx, xlsx } from '../../../tests/fixtures/render';

describe('readSource', () => {
  const fx = realTables.find((t) => t.form === 'gov-2021' && !t.audit.length)!;

  it('tells a Word document from a workbook by what the zip holds, whatever the file is called', async () => {
    const word = await readSource(await docx(fx, '本年度共受理政府信息公开申请 5 件，均已按时答复。'), '报表.xlsx');
    // Read as Word: its prose is kept, its tables come through the HTML reader.
    expect(word.prose).toContain('共受理政府信息公开申请 5 件');
    expect(word.blocks.length).toBeGreaterThan(0);
    const book = await readSource(xlsx(fx, 'one-sheet'), '报告.docx');
    // Read as a workbook: one block per sheet, no prose.
    expect(book.prose).toBeUndefined();
    expect(book.blocks.map((b) => b.rows.length).reduce((a, b) => a + b, 0)).toBeGreaterThan(20);
  });
});
