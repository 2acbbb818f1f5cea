// What was recognised of a block that fits no form, in words: kept apart from the mapper
// (form-map.ts) so the pages can say it while the mapper loads only when something is pasted.
import type { FormPlan } from './form-map';

/** What was recognised in a block that fits no form, in a few words for the message. */
export function recognised(plan: FormPlan): string {
  const parts: string[] = [];
  if (plan.matchedRows) parts.push(`${plan.matchedRows} 行栏目名称与「${plan.template.name}」相同`);
  if (plan.unmatched.length) parts.push(`${plan.unmatched.length} 行带数字的栏目不在此表式中（如「${plan.unmatched[0].text.slice(0, 20)}」）`);
  if (plan.droppedColumns.length) parts.push(`表头「${plan.droppedColumns.join('」「')}」不是此表式的栏目`);
  return parts.join('；') || '没有认出任何栏目名称或表头';
}
