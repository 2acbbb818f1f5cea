// The printed layout of the national 表三 and 表四: one model for the grid's headers and the xlsx.
import { describe, expect, it } from 'vitest';
import { gov2021 } from '$lib/templates/gov-2021';
import { tableLayout } from './layout';

const t = (id: string) => gov2021.tables.find((x) => x.id === id)!;
const cells = (l: ReturnType<typeof tableLayout>) => l.headers.map((h) => [h.text, h.level, h.col, h.colspan, h.rowspan]);

describe('tableLayout', () => {
  it('表三 as printed: 申请人情况 over all, 法人或其他组织 over five, 自然人 and 总计 spanning down', () => {
    const l = tableLayout(t('t3'), { derived: false });
    expect(l.levels).toBe(3);
    expect(cells(l)).toEqual([
      ['申请人情况', 0, 0, 7, 1], ['自然人', 1, 0, 1, 2], ['法人或其他组织', 1, 1, 5, 1],
      ['商业企业', 2, 1, 1, 1], ['科研机构', 2, 2, 1, 1], ['社会公益组织', 2, 3, 1, 1], ['法律服务机构', 2, 4, 1, 1], ['其他', 2, 5, 1, 1],
      ['总计', 1, 6, 1, 2]
    ]);
    expect(l.columns.map((c) => c.id)).toEqual(['natural', 'biz', 'sci', 'pub', 'law', 'other', 'total']);
  });

  it('the grid shows the derived 小计 under 法人或其他组织; the official layout does not', () => {
    const l = tableLayout(t('t3'), { derived: true });
    expect(l.columns.map((c) => c.id)).toEqual(['natural', 'biz', 'sci', 'pub', 'law', 'other', 'legal-sum', 'total']);
    expect(cells(l).find((h) => h[0] === '法人或其他组织')).toEqual(['法人或其他组织', 1, 1, 6, 1]);
  });

  it('表四: 行政复议 five columns over its results spanning down two rows; 行政诉讼 two blocks of five', () => {
    const l = tableLayout(t('t4'), { derived: false });
    expect(cells(l).slice(0, 3)).toEqual([['行政复议', 0, 0, 5, 1], ['结果维持', 1, 0, 1, 2], ['结果纠正', 1, 1, 1, 2]]);
    expect(cells(l).find((h) => h[0] === '复议后起诉')).toEqual(['复议后起诉', 1, 10, 5, 1]);
    expect(l.columns).toHaveLength(15);
  });
});
