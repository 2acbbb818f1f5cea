// What a row's 校验 cell says of the causes (marks.ts): short enough to read in the grid.
import { describe, expect, it } from 'vitest';
import { check } from './checks';
import { causeMarks } from './marks';
import { causesFor } from './report-check';
import { gov2021, valuesOf } from '../../../tests/fixtures/values';

describe('a row\'s 校验 text', () => {
  it('one text for a row holding several figures of one choice, not one per figure', () => {
    // 表三 一 typed alone, 自然人 71 typed as 17: 总计 disagrees with its parts, and each of the
    // row's figures could be the wrong one (the later rows, which would tell, are still blank).
    const values = valuesOf(gov2021, { 't3/1/natural': '17', 't3/1/biz': '3', 't3/1/sci': '0', 't3/1/pub': '0', 't3/1/law': '1', 't3/1/other': '0', 't3/1/total': '75' });
    const result = check(gov2021, values);
    const causes = causesFor(gov2021, values, result);
    const choice = causes.find((c) => c.kind === 'choice');
    expect(choice).toBeDefined();
    const inRow = new Set(choice!.options.flat().filter((d) => d.key.startsWith('t3/1/')).map((d) => d.key));
    expect(inRow.size).toBeGreaterThan(2);
    const text = causeMarks(result, causes).rows.get('t3/1')!.text;
    expect(text.match(/种改法/g)).toHaveLength(1);
    expect(text).toContain(`等 ${inRow.size} 个数字之一`);
    // The first option's figure is named with its value.
    expect(text).toMatch(/可能有误：/);
  });
});
