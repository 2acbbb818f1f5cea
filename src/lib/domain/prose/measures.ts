// What a report's prose states that its tables also hold: each measure, the words that name it
// right before (or, for a few, right after) a figure, and the cells it is. The national forms
// (2021 and the 2019–2020 trial) share their 表三 and 表四 keys; 表二 differs by column.
import type { CellKey, MeasureId } from '../model';

export interface Measure {
  id: string;
  /** What a finding calls it. */
  name: string;
  /** Words right before the figure (the window since the clause's last figure ends with them). */
  before?: RegExp;
  /** Words right after the figure's unit (另有 72 件申请…顺延到下年度答复). */
  after?: RegExp;
  /** The cells, by form: their sum is the table's figure. */
  cells: (form: Form) => CellKey[];
  /** Counted in 件 (applications, decisions, cases, documents): a figure in 条 is information items. */
  units: RegExp;
  /** Only within a sentence about this topic (自然人 after 受理…申请; 维持 after 行政复议). */
  topic?: 'receive' | 'review' | 'suit';
}

export type Form = '2021' | '2019';

/**
 * Another form (the 2017 county table, an own form): the figures it shares with the national ones
 * through its measures for 历年对比 (`Template.measures`, ids common to every form). Only the
 * prose measures that mean exactly one of those are linked; the rest are not read.
 */
export interface OtherForm {
  own: ReadonlyMap<MeasureId, CellKey[]>;
}

/** The prose measures that are exactly a cross-year measure of every form. */
const COMMON: Partial<Record<string, MeasureId>> = { receive: 'received', review: 'review', suit: 'litigation', 'norms-issued': 'normsIssued', 'norms-valid': 'normsValid' };

/** A measure's cells in a form. */
export function cellsFor(m: Measure, form: Form | OtherForm): CellKey[] {
  if (typeof form === 'string') return m.cells(form);
  const id = COMMON[m.id];
  return id ? (form.own.get(id) ?? []) : [];
}

const APPLICANTS = ['natural', 'biz', 'sci', 'pub', 'law', 'other'] as const;
const rows = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `t3/${prefix}.${i + 1}/total`);
const COUNT = /^[件个]$/;
/** Cases of 行政复议 and 行政诉讼 are also counted in 起 (行政复议1起). */
const CASES = /^[件个起]$/;
/** Applications are sometimes counted in 条 (受理…申请4条): only where the words say 申请. */
const APPLICATIONS = /^[件个条]$/;
/** Words between a measure and its figure that make it something else (信息 items, a comparison, a rate). */
export const NOT_THE_COUNT = /类信息|信息[数量]|条目|同比|比上年|较上年|增长|下降|增加|减少|率$|余$|近$|超过$|以上$|多$/;

const results = (id: string, name: string, words: RegExp, cells: (form: Form) => CellKey[]): Measure => ({ id, name, before: words, cells, units: COUNT });

export const MEASURES: Measure[] = [
  // Order matters only for equal matches: the match nearest the figure wins.
  { id: 'carry-out', name: '结转下年度继续办理', before: /(结转|转入|顺延)(到|至)?下一?年度?(继续)?(办理|答复)?[^，。；\d]{0,4}$/, after: /^[^，。；\d]{0,16}(结转|转入|顺延)(到|至)?下一?年度?/, cells: () => ['t3/4/total'], units: APPLICATIONS },
  { id: 'carry-in', name: '上年结转政府信息公开申请数量', before: /上一?年度?(结转|遗留|转来)[^，。；\d]{0,8}$/, cells: () => ['t3/2/total'], units: APPLICATIONS },
  // A channel's list between the verb and 申请 (接收通过邮寄、网络提交的各类政府信息公开申请) runs to ~20 characters.
  { id: 'receive', name: '本年新收政府信息公开申请数量', before: /(受理|收到|新收|接收|接到)[^，。；\d]{0,22}申请[^，。；\d]{0,3}$|办理依申请公开$/, cells: () => ['t3/1/total'], units: APPLICATIONS },
  // "21件公开申请均在法定时限内办理": all of them handled, so the figure is the results' total.
  { id: 'done', name: '办理结果总计', before: /(办结|答复|办理完毕)[^，。；\d]{0,12}(申请)?[^，。；\d]{0,3}$/, after: /^[^，。；\d]{0,10}申请[^，。；\d]{0,2}(均|全部|都|皆)(已|按时|依法|在)?[^，。；\d]{0,8}(办结|答复|办理|处理)/, cells: () => ['t3/3.7/total'], units: APPLICATIONS },
  ...APPLICANTS.map((col, i): Measure => ({
    id: `receive-${col}`,
    name: `本年新收申请（${['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'][i]}）`,
    before: [/自然人[^，。；\d]{0,4}$/, /商业企业[^，。；\d]{0,4}$/, /科研机构[^，。；\d]{0,4}$/, /社会公益组织[^，。；\d]{0,4}$/, /法律服务机构[^，。；\d]{0,4}$/, /其他(申请人)?[^，。；\d]{0,2}$/][i],
    cells: () => [`t3/1/${col}`],
    units: APPLICATIONS,
    topic: 'receive'
  })),
  results('open-and-part', '予以公开及部分公开', /(予以公开|全部公开)[及和与、](予以)?部分公开[^，。；\d]{0,4}$/, () => ['t3/3.1/total', 't3/3.2/total']),
  results('open', '予以公开', /(?<![不及和与、])(予以公开|全部公开)[^，。；\d]{0,4}$/, () => ['t3/3.1/total']),
  results('part', '部分公开', /(?<![及和与、])部分公开[^，。；\d]{0,4}$/, () => ['t3/3.2/total']),
  results('refuse', '不予公开', /不予公开[^，。；\d]{0,4}$/, () => rows('3.3', 8)),
  results('unable', '无法提供', /无法提供[^，。；\d]{0,4}$/, () => rows('3.4', 3)),
  results('not-handled', '不予处理', /不予处理[^，。；\d]{0,4}$/, () => rows('3.5', 5)),
  results('other-handling', '其他处理', /其他处理[^，。；\d]{0,4}$/, (f) => (f === '2019' ? ['t3/3.6/total'] : rows('3.6', 3))),
  { id: 'review', name: '行政复议', before: /行政复议(案件|申请)?[^，。；\d]{0,3}$/, cells: () => ['t4/n/r.total'], units: CASES },
  { id: 'suit', name: '行政诉讼', before: /(行政)?诉讼(案件)?[^，。；\d]{0,3}$/, cells: () => ['t4/n/d.total', 't4/n/a.total'], units: CASES },
  ...(['keep', 'fix', 'other', 'pending'] as const).flatMap((col, i): Measure[] => {
    const words = [/(结果)?维持[^，。；\d]{0,3}$/, /(结果)?纠正[^，。；\d]{0,3}$/, /其他结果[^，。；\d]{0,3}$/, /尚未审结[^，。；\d]{0,3}$/][i];
    const said = ['结果维持', '结果纠正', '其他结果', '尚未审结'][i];
    return [
      { id: `review-${col}`, name: `行政复议${said}`, before: words, cells: () => [`t4/n/r.${col}`], units: CASES, topic: 'review' },
      { id: `suit-${col}`, name: `行政诉讼${said}`, before: words, cells: () => [`t4/n/d.${col}`, `t4/n/a.${col}`], units: CASES, topic: 'suit' }
    ];
  }),
  // 表二: documents in 件 (a count in 条 is of information items on a website).
  { id: 'rules-valid', name: '规章 现行有效件数', before: /现行有效的?[^，。；\d]{0,8}规章[^，。；\d]{0,3}$/, cells: (f) => [f === '2019' ? 't2a/rules/total' : 't2a/rules/valid'], units: COUNT },
  { id: 'norms-valid', name: '行政规范性文件 现行有效件数', before: /现行有效的?[^，。；\d]{0,8}规范性文件[^，。；\d]{0,3}$/, cells: (f) => [f === '2019' ? 't2a/norms/total' : 't2a/norms/valid'], units: COUNT },
  { id: 'rules-repealed', name: '规章 本年废止件数', before: /废止[^，。；\d]{0,8}规章[^，。；\d]{0,3}$/, cells: (f) => (f === '2019' ? [] : ['t2a/rules/repealed']), units: COUNT },
  { id: 'norms-repealed', name: '行政规范性文件 本年废止件数', before: /废止[^，。；\d]{0,8}规范性文件[^，。；\d]{0,3}$/, cells: (f) => (f === '2019' ? [] : ['t2a/norms/repealed']), units: COUNT },
  { id: 'rules-issued', name: '规章 本年制发件数', before: /(?<!现行有效的?[^，。；\d]{0,8})(?<!废止[^，。；\d]{0,8})(制发|制定|新增|出台|印发|发布|公开)[^，。；\d]{0,8}规章[^，。；\d]{0,3}$/, cells: (f) => [f === '2019' ? 't2a/rules/published' : 't2a/rules/issued'], units: COUNT },
  { id: 'norms-issued', name: '行政规范性文件 本年制发件数', before: /(?<!现行有效的?[^，。；\d]{0,8})(?<!废止[^，。；\d]{0,8})(制发|制定|新增|出台|印发|发布|公开)[^，。；\d]{0,10}(?<!政策性)(?<!政策)规范性文件[^，。；\d]{0,3}$|^(行政)?规范性文件[^，。；\d]{0,3}$/, cells: (f) => [f === '2019' ? 't2a/norms/published' : 't2a/norms/issued'], units: COUNT },
  { id: 'permit', name: '行政许可 处理决定数量', before: /行政许可(决定)?[^，。；\d类]{0,3}$/, cells: () => ['t2b/permit/decisions'], units: COUNT },
  { id: 'penalty', name: '行政处罚 处理决定数量', before: /行政处罚(决定)?[^，。；\d类]{0,3}$/, cells: () => ['t2c/penalty/decisions'], units: COUNT },
  { id: 'coercion', name: '行政强制 处理决定数量', before: /行政强制(决定)?[^，。；\d类]{0,3}$/, cells: () => ['t2c/coercion/decisions'], units: COUNT }
];

/** Words that set a sentence's topic for the measures that need one. */
export const TOPICS: [NonNullable<Measure['topic']>, RegExp][] = [
  ['receive', /(受理|收到|新收|接收|接到)[^，。；\d]{0,16}申请/g],
  ['review', /行政复议|复议/g],
  ['suit', /行政诉讼|诉讼/g]
];
