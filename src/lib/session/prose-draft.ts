// The report text typed or pasted into 正文与表格 and not yet checked (核对正文 keeps it in
// IndexedDB with the report): kept in localStorage as it is typed, so a reload, a closed tab or a
// page left never loses it. Synchronous, as the journal is; one entry per report.
const keyOf = (reportId: string) => `nianbao-prose-draft:${reportId}`;

export function readDraft(reportId: string): string {
  try {
    return localStorage.getItem(keyOf(reportId)) ?? '';
  } catch {
    return '';
  }
}

/** Keeps the draft ('' forgets it). False when the browser refused to keep it (storage full). */
export function keepDraft(reportId: string, text: string): boolean {
  try {
    if (text.trim()) localStorage.setItem(keyOf(reportId), text);
    else localStorage.removeItem(keyOf(reportId));
    return true;
  } catch {
    return false;
  }
}
