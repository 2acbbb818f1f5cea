import { describe, expect, it } from 'vitest';
import { statusText, summarise } from './report-status';
import { realTables } from '../../tests/fixtures/real/load';
import { valuesOf, gov2021 } from '../../tests/fixtures/values';

describe('the report list\'s one wording of a report\'s state', () => {
  it('全部通过 only for a complete table with nothing open, its text included', () => {
    expect(statusText({ errors: 0, warnings: 0, filled: 200, cells: 200 })).toEqual({ text: '全部通过', className: 'status-ok' });
    expect(statusText({ errors: 0, warnings: 0, filled: 23, cells: 200 }).text).toBe('未发现问题（已填 23/200 格）');
    // The tables add up but the report's text states another figure: not passed.
    expect(statusText({ errors: 0, warnings: 0, filled: 200, cells: 200, prose: 1 })).toEqual({ text: '正文 1 处与表格不一致', className: 'status-error' });
    expect(statusText({ errors: 2, warnings: 1, filled: 200, cells: 200, prose: 1 }).text).toBe('2 个错误，1 个提示，正文 1 处与表格不一致');
    expect(statusText({ errors: 0, warnings: 1, reviewed: 1, filled: 200, cells: 200, prose: 2 }).text).toBe('正文 2 处与表格不一致，1 个提示，1 个已核实');
  });
});

describe('the cells a report owes (已填 n/m)', () => {
  it('a real complete 2021 table with its 法人 columns printed blank is filled, not 未填完', () => {
    const fx = realTables.find((t) => t.form === 'gov-2021' && t.source.unit === '平潭综合实验区财政金融局')!;
    const full = valuesOf(gov2021, fx.cells as Record<string, string>);
    expect(summarise(gov2021, full)).toMatchObject({ filled: 200, cells: 200, errors: 0 });
    // The same table as many units publish it: no 科研机构, 社会公益组织, 法律服务机构 or 其他
    // applications at all, so those columns are left blank (only where the figures were 0).
    const parts = ['sci', 'pub', 'law', 'other'].filter((c) => [...full].every(([k, e]) => !k.startsWith('t3/') || !k.endsWith(`/${c}`) || e.raw.trim() === '0'));
    expect(parts.length).toBeGreaterThan(0);
    const blanked = new Map([...full].filter(([k]) => !(k.startsWith('t3/') && parts.some((c) => k.endsWith(`/${c}`)))));
    const s = summarise(gov2021, blanked);
    expect(s.filled).toBeLessThan(200);
    expect(s).toMatchObject({ filled: s.cells, errors: 0, warnings: 0 });
    expect(statusText(s).text).toBe('全部通过');
    // One of those columns with a single figure in it is a column in use: its blanks are owed.
    const one = new Map(blanked);
    one.set(`t3/1/${parts[0]}`, full.get(`t3/1/${parts[0]}`)!);
    expect(summarise(gov2021, one).cells).toBeGreaterThan(s.cells);
    // A report just begun (表二 typed, 表三 not yet): 表三's blank columns are owed, all 200 cells are.
    const begun = new Map([...full].filter(([k]) => k.startsWith('t2a/')));
    expect(summarise(gov2021, begun)).toMatchObject({ filled: 6, cells: 200 });
  });
});
