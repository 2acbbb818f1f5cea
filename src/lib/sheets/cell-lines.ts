// A Word table saved or copied as plain text by some tools (the seed report's 附件1 is one): each
// cell on a line of its own led by a tab, a blank line after each row, and a cell's second line
// (a label Word wrapped) on a line without the tab:
//
//   \t（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）
//   　　　　（不同渠道和方式公开相同信息计1条）
//   \t条
//   \t12054
//
// Read as tab-separated text, every cell would be a row of its own and the wrapped line a label
// without figures; read here, each blank-line group is one row of its cells.

const LED = /^\t[^\t]*$/;

/** The rows of text in that shape, or null when the text is not in it (tab-separated rows, prose). */
export function tabLedRows(text: string): string[][] | null {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  // Any line with a tab past its start is a tab-separated row: not this shape.
  if (lines.some((l) => l.includes('\t') && !LED.test(l))) return null;
  const rows: string[][] = [];
  let row: string[] = [];
  const close = () => {
    if (row.length) rows.push(row);
    row = [];
  };
  for (const line of lines) {
    if (LED.test(line)) row.push(line.slice(1).replace(/\s+$/, ''));
    else if (line.trim() === '') close();
    else if (row.length) row[row.length - 1] += '\n' + line.replace(/\s+$/, '');
    else row.push(line.trim());
  }
  close();
  // The shape shows in rows of several tab-led cells; a text with a stray tab-led line is not it.
  if (rows.filter((r) => r.length >= 2).length < 6) return null;
  return joinSplitRows(rows);
}

/**
 * A row can be cut by a stray blank line (the seed's 七、: its label, two blank lines, then 条 and
 * 0). Most rows have the same number of cells; a short group followed by a group that makes it up
 * to that number exactly, and is not itself led by a label-like cell of a full row, is one row.
 */
function joinSplitRows(rows: string[][]): string[][] {
  const counts = new Map<number, number>();
  for (const r of rows) if (r.length >= 2) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  const width = [...counts].sort((a, b) => b[1] - a[1])[0][0];
  const out: string[][] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const next = rows[i + 1];
    if (r.length < width && next && next.length < width && r.length + next.length === width && r.length >= 1 && next.length >= 1) {
      out.push([...r, ...next]);
      i++;
    } else out.push(r);
  }
  return out;
}
