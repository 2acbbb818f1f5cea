// The national format in force: 国办公开办函〔2021〕30号 (revising the 2019 trial format).
// 表二 is four small captioned tables; 表三 and 表四 are shared with the 2019 template.
import type { RowDef, Template } from '$lib/domain/model';
import { nationalMeasures, table3, table4 } from './national-tables';

const row = (id: string, label: string): RowDef => ({ id, level: 0, label, kind: 'value' });

export const gov2021: Template = {
  id: 'gov-2021',
  version: 1,
  name: '政府信息公开工作年度报告统计表（2021年起，国办公开办函〔2021〕30号）',
  title: '{year}年度政府信息公开工作年度报告统计表',
  source: '国务院办公厅政府信息与政务公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知（国办公开办函〔2021〕30号）',
  tables: [
    {
      id: 't2a', title: '表二（第二十条第（一）项）', caption: '二、主动公开政府信息情况 · 第二十条第（一）项', labelHeader: '信息内容',
      columns: [{ id: 'issued', label: '本年制发件数', unit: '件' }, { id: 'repealed', label: '本年废止件数', unit: '件' }, { id: 'valid', label: '现行有效件数', unit: '件' }],
      // Many reports print the 2019 wording 规范性文件; the columns tell the forms apart.
      rows: [row('rules', '规章'), { ...row('norms', '行政规范性文件'), aliases: ['规范性文件'] }],
      relations: [],
      yearly: [{ kind: 'stock', id: 'I5-stock', col: 'valid', plus: 'issued', minus: 'repealed', what: '去年现行有效件数 + 本年制发 − 本年废止' }]
    },
    {
      id: 't2b', title: '表二（第二十条第（五）项）', caption: '第二十条第（五）项', labelHeader: '信息内容',
      columns: [{ id: 'decisions', label: '本年处理决定数量', unit: '件' }],
      rows: [row('permit', '行政许可')],
      relations: []
    },
    {
      id: 't2c', title: '表二（第二十条第（六）项）', caption: '第二十条第（六）项', labelHeader: '信息内容',
      columns: [{ id: 'decisions', label: '本年处理决定数量', unit: '件' }],
      rows: [row('penalty', '行政处罚'), row('coercion', '行政强制')],
      relations: []
    },
    {
      id: 't2d', title: '表二（第二十条第（八）项）', caption: '第二十条第（八）项', labelHeader: '信息内容',
      columns: [{ id: 'fees', label: '本年收费金额（单位：万元）', rule: 'money', unit: '万元' }],
      rows: [row('fees', '行政事业性收费')],
      relations: []
    },
    table3('2021'),
    table4()
  ],
  measures: nationalMeasures({ issued: 'issued', valid: 'valid' })
};
