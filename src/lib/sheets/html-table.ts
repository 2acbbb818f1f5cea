// Reads the <table> that Excel, WPS, Word and web pages put on the clipboard (text/html) into
// rows of cell texts, with rowspan/colspan laid out on the grid. A small tokenizer rather than
// DOMParser: it runs in Node tests and in the import worker, and it never builds live DOM from
// pasted markup, so nothing in it can load or run.

export interface Cell {
  text: string;
  /** False for the positions a rowspan/colspan cell covers beyond its own. */
  origin: boolean;
  /** For a covered position: the text of the merged cell that covers it. */
  spanned?: string;
}

const ENTITIES: Record<string, string> = {
  nbsp: '\u00a0', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009',
  mdash: '—', ndash: '–', hellip: '…', middot: '·', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', times: '×', yen: '¥'
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const attr = (tag: string, name: string) => {
  const m = tag.match(new RegExp(`\\b${name}\\s*=\\s*["']?(\\d+)`, 'i'));
  return m ? Math.max(1, Math.min(1000, parseInt(m[1], 10))) : 1;
};

interface RawTable {
  rows: { tag: string; text: string }[][];
  /** Where the table starts in the markup: tables are returned in document order. */
  at: number;
}

/** Every table in the markup in document order, each as rows of raw cells, and the text outside tables. */
function tokenize(html: string): { tables: RawTable[]; outside: string } {
  const src = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|head|title|xml|template)\b[\s\S]*?<\/\1\s*>/gi, '');
  const tables: RawTable[] = [];
  let outside = '';
  const stack: { table: RawTable; row: { tag: string; text: string }[] | null; cell: { tag: string; text: string } | null }[] = [];
  const re = /<\/?([a-z][\w:-]*)\b[^>]*>|([^<]+)/gi;
  for (let m: RegExpExecArray | null; (m = re.exec(src)); ) {
    const top = stack[stack.length - 1];
    if (m[2] !== undefined) {
      if (top?.cell) top.cell.text += m[2].replace(/[\r\n\t]+/g, ' ');
      else if (!top) outside += m[2].replace(/[\r\n\t]+/g, ' ');
      continue;
    }
    const tag = m[0];
    const name = m[1].toLowerCase();
    const closing = tag[1] === '/';
    if (!top && /^(p|div|br|h[1-6]|li|tr|title)$/.test(name)) outside += '\n';
    if (name === 'table') {
      if (!closing) stack.push({ table: { rows: [], at: m.index }, row: null, cell: null });
      else if (stack.length) tables.push(stack.pop()!.table);
    } else if (!top) continue;
    else if (name === 'tr') {
      if (!closing) top.table.rows.push((top.row = []));
      else top.row = null;
      top.cell = null;
    } else if (name === 'td' || name === 'th') {
      if (!closing) {
        if (!top.row) top.table.rows.push((top.row = []));
        top.row.push((top.cell = { tag, text: '' }));
      } else top.cell = null;
    } else if (top.cell && (name === 'br' || ((name === 'p' || name === 'div' || name === 'li') && closing))) {
      top.cell.text += '\n';
    }
  }
  while (stack.length) tables.push(stack.pop()!.table);
  return { tables: tables.sort((a, b) => a.at - b.at), outside: decodeEntities(outside) };
}

const cleanText = (s: string) =>
  decodeEntities(s)
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+$/g, '').replace(/^[ \t\u00a0]+/, ''))
    .filter((line, i, all) => line !== '' || (i > 0 && i < all.length - 1))
    .join('\n')
    .trim();

/** A table's rows laid out on the grid, rowspan/colspan expanded (covered positions know their cell's text). */
function layOut(table: RawTable): Cell[][] {
  const grid: Cell[][] = [];
  table.rows.forEach((row, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of row) {
      while (grid[r][c]) c++;
      const rs = attr(cell.tag, 'rowspan');
      const cs = attr(cell.tag, 'colspan');
      const text = cleanText(cell.text);
      for (let i = 0; i < rs; i++)
        for (let j = 0; j < cs; j++) {
          const origin = i === 0 && j === 0;
          (grid[r + i] ??= [])[c + j] = origin ? { text, origin } : { text: '', origin, spanned: text };
        }
      c += cs;
    }
  });
  const width = Math.max(0, ...grid.map((r) => r.length));
  return grid.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? { text: '', origin: true }));
}

/** Every table in the markup, in document order, and the text around them (titles, captions). */
export function parseHtmlTables(html: string): { tables: Cell[][][]; text: string } {
  const { tables, outside } = tokenize(html);
  return { tables: tables.filter((t) => t.rows.some((r) => r.length)).map(layOut), text: outside };
}

/** The largest table in the markup as a grid of cells, or null when there is none. */
export function parseHtmlTable(html: string): Cell[][] | null {
  const { tables } = parseHtmlTables(html);
  if (!tables.length) return null;
  const size = (t: Cell[][]) => t.reduce((n, r) => n + r.filter((c) => c.origin && c.text).length, 0);
  return tables.reduce((a, b) => (size(b) > size(a) ? b : a));
}

/** Tab-separated text as Excel and WPS write it: quoted cells may hold tabs, newlines and "". */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const s = text.replace(/\r\n?/g, '\n');
  while (i < s.length) {
    const ch = s[i];
    if (cell === '' && ch === '"') {
      const end = findQuoteEnd(s, i + 1);
      if (end >= 0 && (end + 1 === s.length || s[end + 1] === '\t' || s[end + 1] === '\n')) {
        cell = s.slice(i + 1, end).replace(/""/g, '"');
        i = end + 1;
        continue;
      }
    }
    if (ch === '\t') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
    i++;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function findQuoteEnd(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] !== '"') continue;
    if (s[i + 1] === '"') i++;
    else return i;
  }
  return -1;
}

/** What a paste carries: the table from text/html when there is one, else text/plain. */
export function clipboardBlock(html: string | undefined, text: string | undefined): string[][] {
  const table = html && /<t[dh]\b/i.test(html) ? parseHtmlTable(html) : null;
  if (table) return table.map((r) => r.map((c) => c.text));
  return parseTsv(text ?? '');
}
