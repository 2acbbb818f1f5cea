import { describe, expect, it } from 'vitest';
import { statusText } from './report-status';

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
