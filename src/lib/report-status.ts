// The one wording of a report's check state, for the list and the report page.
export function statusText(s: { errors: number; warnings: number; filled: number }) {
  if (s.filled === 0) return { text: '未填写', className: '' };
  if (s.errors) return { text: `${s.errors} 个错误${s.warnings ? `，${s.warnings} 个提示` : ''}`, className: 'status-error' };
  if (s.warnings) return { text: `${s.warnings} 个提示`, className: 'status-warning' };
  return { text: '全部通过', className: 'status-ok' };
}
