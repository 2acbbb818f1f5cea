// The six parts of the 14 real report texts (tests/fixtures/prose), audited by hand: every text
// prints all six headings in order, except 平潭 财政金融局 2021, which ends after 五 (the text closes
// with the bureau's name and date); 平潭 自然资源 2021's 六 says only "无" (no 信息处理费 stated).
// The reports of 2019 and 2020 get no notes (the template is the 2021 one); read as if of 2021,
// their six headings are all found, and only 六's silence on the fee (a 2021 rule) is told.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportParts } from '../../src/lib/domain/prose/parts';

const dir = new URL('../fixtures/prose/', import.meta.url);
const texts = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => ({ id: f.slice(0, -4), year: Number(f.slice(0, 4)), text: readFileSync(new URL(f, dir), 'utf8') }));

/** The notes each report should get: [kind, part, the heading's words the note points at ('' = the end)]. */
const expected: Record<string, [string, number, string][]> = {
  '2021-fujian-pingtan-finance-bureau': [['missing', 6, '']],
  '2021-fujian-pingtan-natural-resources-bureau': [['fee', 6, '六、其他需要报告的事项无 平潭']]
};

describe('the six parts of real reports', () => {
  it('holds 14 texts', () => expect(texts).toHaveLength(14));
  for (const t of texts)
    it(`${t.id}: ${expected[t.id]?.map((e) => `${e[0]} ${e[1]}`).join(', ') || 'no note'}`, () => {
      const notes = reportParts(t.text, t.year);
      expect(notes.map((n) => [n.kind, n.part, n.at === t.text.length ? '' : t.text.slice(n.at, n.at + 15)])).toEqual(t.year < 2021 ? [] : expected[t.id] ?? []);
      for (const n of notes) expect(n.message).toMatch(/^(缺少「|「)/);
    });

  it('the reports of 2019 and 2020, read as of 2021: all six headings found, in order', () => {
    for (const t of texts.filter((x) => x.year < 2021)) expect(reportParts(t.text, 2021).map((n) => n.kind), t.id).toEqual(['fee']);
  });
});
