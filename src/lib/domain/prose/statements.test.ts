// Wordings the real reports taught (tests/fixtures/unseen): cases in 起, a figure before its words,
// no application said in words — and what each rule must leave alone.
import { describe, expect, it } from 'vitest';
import { proseStatements } from './statements';
import { readFileSync } from 'node:fs';
import { gov2017County } from '$lib/templates/gov-2017-county';
import { gov2021, seedValues, valuesOf } from '../../../../tests/fixtures/values';
import { SEED_FILE } from '../../../../tests/fixtures/seed-table.js';

const values = valuesOf(gov2021, { 't3/1/total': '21', 't3/3.7/total': '21', 't4/n/r.total': '0', 't4/n/d.total': '1', 't4/n/a.total': '0' });
const said = (text: string) => proseStatements(gov2021, values, text).map((s) => `${s.measure} ${s.raw} ${s.verdict}`);

describe('wordings of real reports', () => {
  it('cases of 行政复议 and 行政诉讼 counted in 起; nothing else is', () => {
    expect(said('因依申请公开引发行政复议1起，行政诉讼1起。')).toEqual(['review 1 disagrees', 'suit 1 agrees']);
    expect(said('自2024年1月1日起施行，受理申请1起。')).toEqual([]);
  });

  it('"21件公开申请均在法定时限内办理": all of them handled, the results\' total', () => {
    expect(said('21件公开申请均在法定时限内办理。')).toEqual(['done 21 agrees']);
    // Not all of them, or not handled: left alone.
    expect(said('其中21件公开申请通过网络提交。')).toEqual([]);
  });

  it('"共受理…26件，其中本年新收24件，上年结转2件": the total is judged against 新收 and 结转 together', () => {
    const v = valuesOf(gov2021, { 't3/1/total': '24', 't3/2/total': '2' });
    const got = (text: string) => proseStatements(gov2021, v, text).map((s) => `${s.measure} ${s.raw} ${s.verdict}`);
    expect(got('全年共受理政府信息公开申请26件，其中本年新收24件，上年结转2件。')).toEqual(['receive-with-carry-in 26 agrees', 'carry-in 2 agrees']);
    expect(got('全年共受理政府信息公开申请27件，其中本年新收24件，上年结转2件。')[0]).toBe('receive-with-carry-in 27 disagrees');
    // Without the breakdown, 受理 is 本年新收.
    expect(got('全年共受理政府信息公开申请26件。')).toEqual(['receive 26 disagrees']);
  });

  it('a channel list between 接收 and 申请', () => {
    expect(said('2023年接收通过邮寄、网络提交的各类政府信息公开申请21件。')).toEqual(['receive 21 agrees']);
  });

  it('no application received, said in words; not when the clause is about what came of applications', () => {
    expect(said('我局未收到过信息公开申请。')).toEqual(['none-receive 0 disagrees']);
    expect(said('本年度未收到政府信息公开申请引起的行政复议。')).toEqual(['none 0 agrees']); // of 行政复议, not of applications
    expect(said('未收到信息公开申请方面的投诉。')).toEqual([]);
  });

  it('none of 行政复议 and 行政诉讼 with 提起 between them', () => {
    expect(said('无因政府信息公开申请行政复议、提起行政诉讼的案件。')).toEqual(['none 0 disagrees']);
  });
});

describe('forms other than the national ones, through their measures for 历年对比', () => {
  // The seed report (2017 county form): its prose repeats 依申请 10 件, 行政复议 7 件, 行政诉讼 1 件,
  // all as its table holds them (domain.md); the text before its 附件 is the prose.
  const text = readFileSync(SEED_FILE, 'utf8');
  const prose = text.slice(0, text.indexOf('附件'));

  it('the seed report: its three figures linked and agreeing, nothing else read', () => {
    const judged = proseStatements(gov2017County, seedValues(), prose);
    expect(judged.map((s) => `${s.measure} ${s.raw} ${s.verdict}`)).toEqual(['receive 10 agrees', 'review 7 agrees', 'suit 1 agrees']);
    expect(judged.map((s) => s.cells)).toEqual([['t1/3.1/v'], ['t1/4/v'], ['t1/5/v']]);
    // Named as the 2017 table names its rows.
    expect(judged[0].name).toMatch(/收到申请数/);
  });

  it('a figure the 2017 table does not hold as stated is a disagreement', () => {
    const judged = proseStatements(gov2017County, seedValues({ '4': '6' }), prose);
    expect(judged.find((s) => s.measure === 'review')).toMatchObject({ figure: 7, table: 6, verdict: 'disagrees' });
  });

  it('a form without measures is not read (nothing said about it, rather than a false 一致)', () => {
    expect(proseStatements({ ...gov2017County, measures: undefined }, seedValues(), prose)).toEqual([]);
  });
});
