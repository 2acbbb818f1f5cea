// 表三 and 表四 of the national format (国办公开办函〔2019〕60号, revised by〔2021〕30号), shared by
// the 2019 trial and the 2021 templates. Rows, columns and identities: docs/domain.md §2.
import type { ColumnDef, Measure, RowDef, TableDef } from '$lib/domain/model';

const v = (id: string, level: number, label: string): RowDef => ({ id, level, label, kind: 'value' });
const group = (id: string, label: string): RowDef => ({ id, level: 1, label, kind: 'group' });
const numbered = (prefix: string, labels: string[]) => labels.map((l, i) => v(`${prefix}.${i + 1}`, 2, `${i + 1}.${l}`));

const APPLICANTS = ['natural', 'biz', 'sci', 'pub', 'law', 'other'];

/** 表三: rows 一…四; （三）–（六） are groups without a cell of their own (2019: （六） is one row). */
export function table3(variant: '2019' | '2021'): TableDef {
  const other: RowDef[] =
    variant === '2021'
      ? [
          group('3.6', '（六）其他处理'),
          ...numbered('3.6', ['申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '其他'])
        ]
      : [v('3.6', 1, '（六）其他处理')];
  const rows: RowDef[] = [
    v('1', 0, '一、本年新收政府信息公开申请数量'),
    v('2', 0, '二、上年结转政府信息公开申请数量'),
    { id: '3', level: 0, label: '三、本年度办理结果', kind: 'section' },
    v('3.1', 1, '（一）予以公开'),
    v('3.2', 1, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'),
    group('3.3', '（三）不予公开'),
    ...numbered('3.3', ['属于国家秘密', '其他法律行政法规禁止公开', '危及“三安全一稳定”', '保护第三方合法权益', '属于三类内部事务信息', '属于四类过程性信息', '属于行政执法案卷', '属于行政查询事项']),
    group('3.4', '（四）无法提供'),
    ...numbered('3.4', ['本机关不掌握相关政府信息', '没有现成信息需要另行制作', '补正后申请内容仍不明确']),
    group('3.5', '（五）不予处理'),
    ...numbered('3.5', ['信访举报投诉类申请', '重复申请', '要求提供公开出版物', '无正当理由大量反复申请', '要求行政机关确认或重新出具已获取信息']),
    ...other,
    { ...v('3.7', 1, '（七）总计'), aliases: ['（七）合计'] },
    v('4', 0, '四、结转下年度继续办理')
  ];
  const details = rows.filter((r) => r.kind === 'value' && r.id.startsWith('3.') && r.id !== '3.7').map((r) => r.id);
  const columns: ColumnDef[] = [
    {
      id: 'applicants', label: '申请人情况',
      children: [
        { id: 'natural', label: '自然人' },
        {
          id: 'legal', label: '法人或其他组织',
          children: [
            { id: 'biz', label: '商业企业' },
            { id: 'sci', label: '科研机构' },
            { id: 'pub', label: '社会公益组织' },
            { id: 'law', label: '法律服务机构' },
            { id: 'other', label: '其他' },
            { id: 'legal-sum', label: '小计（自动）', derived: ['biz', 'sci', 'pub', 'law', 'other'] }
          ]
        },
        { id: 'total', label: '总计', aliases: ['合计'] }
      ]
    }
  ];
  return {
    id: 't3',
    title: '表三',
    caption: '三、收到和处理政府信息公开申请情况',
    countUnit: '件',
    labelHeader: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    rows,
    columns,
    relations: [
      // I1, printed in the corner cell: 一 + 二 = 三（七） + 四, written as 四 = 一 + 二 − 三（七）.
      { kind: 'sum', id: 'I1', total: '4', parts: ['1', '2'], minus: ['3.7'], what: '一+二−三（七）' },
      // I3: （七）总计 = （一）+（二）+ every leaf of （三）–（六）.
      { kind: 'sum', id: 'I3', total: '3.7', parts: details, what: '明细合计' },
      // I2: 总计 = 自然人 + the five 法人或其他组织 columns, in every row.
      { kind: 'colsum', id: 'I2', total: 'total', parts: APPLICANTS, what: '各类申请人合计' }
    ],
    yearly: [{ kind: 'carry', id: 'I5-carry', row: '2', from: '4', what: '去年“结转下年度继续办理”' }]
  };
}

const RESULTS = [
  ['keep', '结果维持'],
  ['fix', '结果纠正'],
  ['other', '其他结果'],
  ['pending', '尚未审结'],
  ['total', '总计']
];
const block = (prefix: string, label: string): ColumnDef => ({
  id: prefix, label, children: RESULTS.map(([id, l]) => ({ id: `${prefix}.${id}`, label: l, ...(id === 'total' ? { aliases: ['合计'] } : {}) }))
});

/** 表四: one row of 15 cells; I4 in each block: 总计 = 维持 + 纠正 + 其他 + 尚未审结. */
export function table4(): TableDef {
  return {
    id: 't4',
    title: '表四',
    caption: '四、政府信息公开行政复议、行政诉讼情况',
    countUnit: '件',
    labelHeader: '项目',
    rows: [v('n', 0, '件数')],
    columns: [block('r', '行政复议'), { id: 'lit', label: '行政诉讼', children: [block('d', '未经复议直接起诉'), block('a', '复议后起诉')] }],
    relations: ['r', 'd', 'a'].map((b) => ({
      kind: 'colsum' as const, id: `I4-${b}`, total: `${b}.total`, parts: ['keep', 'fix', 'other', 'pending'].map((c) => `${b}.${c}`), what: '四项合计'
    }))
  };
}

/**
 * The main figures of the national forms for 历年对比: 表三's new applications and 予以公开 (总计
 * column), 表四's review and litigation totals, and 表二's 行政规范性文件 row.
 */
export function nationalMeasures(norms: { issued: string; valid: string; note?: string }): Measure[] {
  return [
    { id: 'received', cells: ['t3/1/total'] },
    { id: 'disclosed', cells: ['t3/3.1/total'] },
    { id: 'review', cells: ['t4/n/r.total'] },
    { id: 'litigation', cells: ['t4/n/d.total', 't4/n/a.total'] },
    { id: 'normsIssued', cells: [`t2a/norms/${norms.issued}`], ...(norms.note ? { note: norms.note } : {}) },
    { id: 'normsValid', cells: [`t2a/norms/${norms.valid}`], ...(norms.note ? { note: norms.note } : {}) }
  ];
}
