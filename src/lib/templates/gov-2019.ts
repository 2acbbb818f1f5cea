// The trial national format: 国办公开办函〔2019〕60号. Its 表二 counts items from the previous
// year with a signed change (本年增/减, "减用负值表示"), adds （九）政府集中采购; its 表三 has a
// single （六）其他处理 row.
import type { RowDef, Template } from '$lib/domain/model';
import { nationalMeasures, table3, table4 } from './national-tables';

const row = (id: string, label: string): RowDef => ({ id, level: 0, label, kind: 'value' });
// 项目数量 counts items (项), decisions and documents are counted in 件, as reports write them.
const prevDelta = [{ id: 'prev', label: '上一年项目数量', unit: '项' }, { id: 'delta', label: '本年增/减', rule: 'signed-count' as const, unit: '项' }];

export const gov2019: Template = {
  id: 'gov-2019',
  version: 1,
  name: '政府信息公开工作年度报告统计表（2019—2020年，国办公开办函〔2019〕60号）',
  title: '{year}年度政府信息公开工作年度报告统计表',
  source: '国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知（国办公开办函〔2019〕60号）',
  tables: [
    {
      id: 't2a', title: '表二（第二十条第（一）项）', caption: '二、主动公开政府信息情况 · 第二十条第（一）项', labelHeader: '信息内容',
      columns: [{ id: 'made', label: '本年新制作数量', unit: '件' }, { id: 'published', label: '本年新公开数量', unit: '件' }, { id: 'total', label: '对外公开总数量', unit: '件' }],
      rows: [row('rules', '规章'), { ...row('norms', '规范性文件'), aliases: ['行政规范性文件'] }],
      relations: []
    },
    {
      id: 't2b', title: '表二（第二十条第（五）项）', caption: '第二十条第（五）项', labelHeader: '信息内容',
      columns: [...prevDelta, { id: 'decisions', label: '处理决定数量', unit: '件' }],
      rows: [row('permit', '行政许可'), row('services', '其他对外管理服务事项')],
      relations: []
    },
    {
      id: 't2c', title: '表二（第二十条第（六）项）', caption: '第二十条第（六）项', labelHeader: '信息内容',
      columns: [...prevDelta, { id: 'decisions', label: '处理决定数量', unit: '件' }],
      rows: [row('penalty', '行政处罚'), row('coercion', '行政强制')],
      relations: []
    },
    {
      id: 't2d', title: '表二（第二十条第（八）项）', caption: '第二十条第（八）项', labelHeader: '信息内容',
      columns: prevDelta,
      rows: [row('fees', '行政事业性收费')],
      relations: []
    },
    {
      id: 't2e', title: '表二（第二十条第（九）项）', caption: '第二十条第（九）项', labelHeader: '信息内容',
      columns: [{ id: 'count', label: '采购项目数量', unit: '项' }, { id: 'amount', label: '采购总金额', rule: 'money' }],
      rows: [row('procurement', '政府集中采购')],
      relations: []
    },
    table3('2019'),
    table4()
  ],
  measures: nationalMeasures({ issued: 'made', valid: 'total', note: '2019—2020 表式：本年新制作数量 / 对外公开总数量' })
};
