import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { decodeText, readSheets } from './read';
import { readMeta } from './blocks';

const gbk = (s: string) => {
  // Node's TextEncoder only writes UTF-8: build GBK bytes for a few known characters.
  const table: Record<string, number[]> = { '四': [0xcb, 0xc4], '、': [0xa1, 0xa2], 行: [0xd0, 0xd0], 政: [0xd5, 0xfe], 复: [0xb8, 0xb4], 议: [0xd2, 0xe9], 数: [0xca, 0xfd], 量: [0xc1, 0xbf], 件: [0xbc, 0xfe] };
  return new Uint8Array([...s].flatMap((ch) => table[ch] ?? [ch.charCodeAt(0)]));
};

describe('readSheets', () => {
  it('reads an xlsx with figures as plain text', () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['四、行政复议数量', '件', 7], ['（四）专项经费', '万元', 0.1 + 0.2]]), 'S');
    const [sheet] = readSheets(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }));
    // A computed 0.1 + 0.2 is read as the 0.3 Excel shows, not 0.30000000000000004.
    expect(sheet.rows).toEqual([['四、行政复议数量', '件', '7'], ['（四）专项经费', '万元', '0.3']]);
  });

  it.each([
    ['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('四、行政复议数量,件,7\n')])],
    ['UTF-8 without BOM', new TextEncoder().encode('四、行政复议数量,件,7\n')],
    ['GBK (Chinese Excel)', gbk('四、行政复议数量,件,7\n')]
  ])('reads a CSV in %s', (_, bytes) => {
    expect(readSheets(bytes, 'x.csv')[0].rows[0]).toEqual(['四、行政复议数量', '件', '7']);
  });

  it('refuses empty, broken and oversized files with a clear message', () => {
    expect(() => readSheets(new Uint8Array(0))).toThrow('文件是空的');
    expect(() => readSheets(new Uint8Array([0x50, 0x4b, 3, 4, ...new Array(500).fill(7)]), 'b.xlsx')).toThrow(/无法读取这个文件（b\.xlsx）/);
    expect(() => readSheets(new Uint8Array(21 * 1024 * 1024))).toThrow('文件过大');
  });

  it('says so for an encrypted workbook and for a truncated one', () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0]));
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', new Uint8Array(600).fill(1));
    expect(() => readSheets(XLSX.CFB.write(cfb, { type: 'array' }) as Uint8Array, 'secret.xlsx')).toThrow('密码保护');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['四、行政复议数量', '件', 7]]), 'S');
    const full = XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer;
    expect(() => readSheets(new Uint8Array(full).subarray(0, full.byteLength / 2), 'cut.xlsx')).toThrow('无法读取这个文件（cut.xlsx）');
  });

  it('reads the value of a formula cell, never the formula', () => {
    const ws = XLSX.utils.aoa_to_sheet([['四、行政复议数量', '件', 0]]);
    ws.C1 = { t: 'n', v: 7, f: 'SUM(1,6)' };
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    expect(readSheets(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }))[0].rows[0]).toEqual(['四、行政复议数量', '件', '7']);
  });

  it('bounds a sheet of a million rows to the first rows and stays fast', () => {
    const csv = new TextEncoder().encode('四、行政复议数量,件,7\n' + '1,2,3\n'.repeat(1_000_000));
    const t0 = performance.now();
    const [sheet] = readSheets(csv, 'huge.csv');
    expect(sheet.rows.length).toBeLessThanOrEqual(2000);
    expect(sheet.rows[0]).toEqual(['四、行政复议数量', '件', '7']);
    expect(performance.now() - t0).toBeLessThan(20_000); // generous: a correctness bound, not a benchmark
  });

  it('keeps sheet names and labels like __proto__ as plain data', () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['__proto__', 'constructor', 'prototype']]), '__proto__');
    const sheets = readSheets(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }));
    expect(sheets[0]).toMatchObject({ name: '__proto__', rows: [['__proto__', 'constructor', 'prototype']] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('decodes text the way the file was saved', () => {
    expect(decodeText(gbk('行政'))).toBe('行政');
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x4c, 0x88]))).toBe('行');
  });

  it('reads 单位名称 and 年度 above the table', () => {
    expect(readMeta(['2017年度…统计表', '单位名称：商河县', '', '年度：2017'])).toEqual({ unit: '商河县', year: 2017 });
    expect(readMeta(['', '某某县人民政府2023年政府信息公开工作年度报告'])).toEqual({ unit: '某某县人民政府', year: 2023 });
    // 报告 without 年度 (平潭's pages title it so).
    expect(readMeta(['平潭综合实验区自然资源与生态环境局2021年度政府信息公开工作报告'])).toEqual({ unit: '平潭综合实验区自然资源与生态环境局', year: 2021 });
    expect(readMeta(['表二', 'XX市自然资源局2022年度政府信息公开工作年度报告.xlsx'])).toEqual({ unit: 'XX市自然资源局', year: 2022 });
    expect(readMeta(['统计表', 'Sheet1', 'data.xlsx'])).toEqual({});
  });
});

describe('a file that is no spreadsheet', () => {
  it('a picture renamed .xlsx is said to be a picture, a binary .xlsx not a spreadsheet', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect(() => readSheets(png, '统计表.xlsx')).toThrow('「统计表.xlsx」是图片（PNG），不是表格文件');
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
    expect(() => readSheets(jpeg, 'a.xlsx')).toThrow('是图片（JPEG）');
    const binary = new Uint8Array([1, 2, 3, 0, 0, 9, 8, 7]);
    expect(() => readSheets(binary, 'b.xlsx')).toThrow('不是表格文件（文件名是表格，内容不是）');
  });
});
