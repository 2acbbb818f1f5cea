// 新建表式: a form proposed from its blank (or filled) table as it arrives — pasted from Excel,
// WPS, Word or a web page, or read from a file — for the person to correct in the form editor.
// Per table: title rows, header rows (merged headers become a column tree), the label column,
// a unit column (by its header or its unit words), value columns, and each row's level from its
// printed numbering (outline.ts), 其中 rows as parts, headings without a unit as sections. What
// the outline cannot say is proposed from the headers: 本年度 ≤ 历年累计 in every row, and
// 历年累计 = 去年历年累计 + 本年度 across years. Figures found in a filled table are kept as
// sample figures for the editor's preview. Pure: no DOM.
import type { SourceBlock } from './form-map';
import { isFigureLike } from './labels';
import type { CellEntry, CellKey, ColumnDef, Relation, RowDef, TableDef, Template, YearlyRelation } from './model';
import { isPartLabel, leadingNumbering, type NumberStyle } from './outline';
import { makeEntry } from './entry';
import { parseCellKey } from './model';

export interface FormProposal {
  template: Template;
  /** Figures the pasted table carried (a filled table): the editor previews the checks on them. */
  samples: Map<CellKey, CellEntry>;
  /** What the builder could not decide, in plain words (shown above the editor). */
  notes: string[];
  /** Per proposed table, where its header ends in its source block: the editor lets a person move it. */
  layouts: TableLayout[];
}

export interface TableLayout {
  /** The table's id in the proposal, and the index of its source block. */
  table: string;
  block: number;
  /** The first non-empty rows of the block, their cells joined, for choosing the header's end. */
  preview: string[];
  /** How many of them are title rows, and at which the figures' rows begin. */
  titles: number;
  body: number;
}

export interface ProposeOptions {
  /** Per block index, at which non-empty row the figures' rows begin (a person's correction): the rows above are title and header rows. */
  body?: Record<number, number>;
}

const clean = (s: string | undefined) => (s ?? '').replace(/[\u00a0\u3000]/g, ' ').replace(/\s+/g, ' ').trim();
const UNIT_WORDS = /^(条|件|次|篇|个|人|人次|万元|元|项|家|份|期|场|天|小时|分钟|%|％|个次|批次|户|次数|人数|件次|万人次|千元|亿元)$/;
const UNIT_HEADER = /单位/;
const INDEX_HEADER = /^(序号|编号|行次|栏次|代码|行号)$/;
/** A 栏次 row under the headers (甲 乙 丙 1 2): column numbers, not header words. */
const isColumnNumbers = (cells: string[]) => cells.filter(Boolean).length >= 2 && cells.filter(Boolean).every((c) => /^([甲乙丙丁戊己庚辛]|\d{1,2})$/.test(c));
const LABEL_HEADER = /(指标|项目|名称|内容|类别|统计)/;

/** A cell's text, or the text of the merged cell covering it. */
const textAt = (b: SourceBlock, r: number, c: number) => clean(b.rows[r]?.[c]) || clean(b.spanned?.[r]?.[c]);

/** Text that is structure (a label, a header word), not a figure. */
const isWord = (s: string) => s !== '' && !isFigureLike(s);

export function proposeForm(blocks: SourceBlock[], name = '', options: ProposeOptions = {}): FormProposal {
  const notes: string[] = [];
  const raws = new Map<CellKey, string>();
  const tables: TableDef[] = [];
  const layouts: TableLayout[] = [];
  let title = '';
  blocks.forEach((block, b) => {
    const id = `t${tables.length + 1}`;
    const t = proposeTable(block, id, raws, notes, options.body?.[b]);
    if (!t) return;
    title ||= t.title;
    tables.push(t.table);
    layouts.push({ table: id, block: b, ...t.layout });
  });
  if (!tables.length) notes.push('没有认出表格：请粘贴或导入包含行标题的空白统计表。');
  const shown = name.trim() || title || '自定义统计表';
  const template: Template = {
    id: `own-${Math.random().toString(36).slice(2, 10)}`,
    version: 1,
    name: shown,
    // A year in the printed title becomes {year}: the form serves every year.
    title: (title || shown).replace(/(19|20)\d\d(?=年)/, '{year}'),
    source: '自定义表式（由空白表生成）',
    tables
  };
  const samples = new Map<CellKey, CellEntry>();
  for (const [key, raw] of raws) {
    const made = makeEntry(template, parseCellKey(key), raw);
    if (made) samples.set(key, made.entry);
  }
  return { template, samples, notes, layouts };
}

interface Proposed {
  table: TableDef;
  title: string;
  layout: Omit<TableLayout, 'table' | 'block'>;
}

const PREVIEW_ROWS = 8;

function proposeTable(block: SourceBlock, id: string, samples: Map<CellKey, string>, notes: string[], bodyAt?: number): Proposed | null {
  const rows = block.rows.map((r, i) => ({ i, cells: r.map(clean) })).filter((r) => r.cells.some((c) => c !== ''));
  if (rows.length < 2) return null;
  const width = Math.max(...block.rows.map((r) => r.length));
  const words = (r: (typeof rows)[number]) => Array.from({ length: width }, (_, c) => textAt(block, r.i, c)).filter(isWord);

  // Title rows: one piece of text, before anything else.
  let at = 0;
  const titles: string[] = [];
  while (at < rows.length && (bodyAt === undefined || at < bodyAt) && new Set(words(rows[at])).size === 1 && !leadingNumbering(words(rows[at])[0]) && rows.length - at > 2) titles.push(words(rows[at++])[0]);

  // Header rows: several words, no numbering in front, not a label followed by its unit.
  const headerRows: number[] = [];
  const titleCount = at;
  if (bodyAt !== undefined) {
    // A person said where the figures' rows begin: every row above is a header row (栏次 rows are no header words).
    for (const r of rows.slice(at, Math.max(at, bodyAt))) if (!isColumnNumbers(r.cells)) headerRows.push(r.i);
    at = Math.min(rows.length, Math.max(at, bodyAt));
  }
  while (bodyAt === undefined && at < rows.length) {
    if (isColumnNumbers(rows[at].cells)) {
      at++;
      continue;
    }
    const w = words(rows[at]);
    const first = w[0] ?? '';
    const labelAndUnit = w.length === 2 && UNIT_WORDS.test(w[1]);
    if (w.length < 2 || leadingNumbering(first) || isPartLabel(first) || labelAndUnit) break;
    headerRows.push(rows[at++].i);
  }
  const body = rows.slice(at);
  if (!body.length) return null;
  const head = (c: number) => headerRows.map((r) => textAt(block, r, c)).filter(Boolean);

  // The label column: the first column holding words in most body rows (a 序号 column is skipped).
  const wordCount = (c: number) => body.filter((r) => isWord(r.cells[c] ?? '')).length;
  let labelCol = 0;
  while (labelCol < width - 1 && (wordCount(labelCol) < body.length / 2 || INDEX_HEADER.test((head(labelCol).at(-1) ?? '').replace(/\s+/g, '')))) labelCol++;
  // A unit column: headed 单位, or holding unit words in most rows that have one.
  let unitCol = -1;
  for (let c = labelCol + 1; c < width && unitCol < 0; c++) {
    const units = body.filter((r) => UNIT_WORDS.test(r.cells[c] ?? '')).length;
    if (head(c).some((h) => UNIT_HEADER.test(h) && !/万元/.test(h)) || (units > 0 && units >= body.filter((r) => (r.cells[c] ?? '') !== '').length * 0.8)) unitCol = c;
  }
  // Value columns: every other column right of the labels that has a header or a figure.
  const valueCols: number[] = [];
  // A 代码 or 序号 column (01, 02 …) is no value column.
  const isIndex = (c: number) => INDEX_HEADER.test((head(c).at(-1) ?? '').replace(/\s+/g, ''));
  for (let c = labelCol + 1; c < width; c++) if (c !== unitCol && !isIndex(c) && (head(c).length || body.some((r) => isFigureLike(r.cells[c] ?? '') && r.cells[c] !== ''))) valueCols.push(c);
  if (!valueCols.length) {
    valueCols.push(width > labelCol + 1 ? width - 1 : labelCol + 1);
    notes.push(`${block.name}：没有找到数字列的表头，先按一列“数量”处理。`);
  }

  // A column headed by the year it was printed for (2014年度) is 本年度 in every year's form.
  const columns = columnTree(valueCols.map((c, i) => ({ id: `c${i + 1}`, path: head(c).map((h) => (/^(19|20)\d\d\s*年度?$/.test(h) ? '本年度' : h)) })), headerRows.length);
  const leafIds = new Map(valueCols.map((c, i) => [c, `c${i + 1}`]));

  // Rows: levels from the numbering (a style's depth is where it first appears under the one
  // above), 其中 rows one level under the row they belong to, unnumbered rows under the last
  // numbered one.
  const styles: NumberStyle[] = [];
  const defs: RowDef[] = [];
  const labelOf = (r: (typeof body)[number]) => r.cells[labelCol] || words(r)[0] || '';
  // Tables whose main rows carry no number (主动公开信息数, 申请总数 …): an unnumbered row is a
  // main row, numbered ones sit under it.
  const firstMain = body.map(labelOf).find((l) => l && !isFigureLike(l) && !isPartLabel(l));
  const unnumberedTop = firstMain !== undefined && !leadingNumbering(firstMain);
  const base = unnumberedTop ? 1 : 0;
  let listStyle: NumberStyle | undefined; // the numbering inside the current 其中 list (其中：1. …)
  for (const r of body) {
    const label = labelOf(r);
    if (!label || isFigureLike(label)) continue;
    const n = leadingNumbering(label);
    let level: number;
    let role: RowDef['role'] = 'child';
    const prev = defs.at(-1);
    if (isPartLabel(label)) {
      // A 其中 row belongs to the row just above it.
      level = (prev?.level ?? -1) + 1;
      role = 'part';
      listStyle = leadingNumbering(label.replace(/^[\s\u3000]*其中[:：]?/, ''))?.style;
    } else if (prev?.role === 'part' && (n ? n.style === listStyle : !unnumberedTop)) {
      // A 其中 list prints "其中：" on its first item only: the items after it (unnumbered, or
      // numbered as its first item is) continue it.
      level = prev.level;
      role = 'part';
    } else if (n) {
      const known = styles.indexOf(n.style);
      if (known >= 0) styles.length = known + 1;
      else styles.push(n.style);
      level = base + styles.length - 1;
    } else if (unnumberedTop) {
      level = 0;
      styles.length = 0;
    } else {
      level = styles.length;
    }
    // Without a unit column a label may carry its unit in brackets at the end: 专项经费（万元）.
    const unit = unitCol >= 0 ? r.cells[unitCol] || undefined : label.match(/[（(]\s*(条|件|个|次|人次|万元|元|人|篇|项|份|期|场)\s*[）)]$/)?.[1];
    const rowId = `r${defs.length + 1}`;
    defs.push({ id: rowId, label, level, kind: 'value', ...(role === 'part' ? { role } : {}), ...(unit ? { unit } : {}) });
    for (const [c, col] of leafIds) {
      const raw = r.cells[c] ?? '';
      if (raw !== '' && isFigureLike(raw)) samples.set(`${id}/${rowId}/${col}`, raw);
    }
  }
  if (!defs.length) return null;
  // A heading with no unit in a table that has units, and rows under it: a section (no cell).
  defs.forEach((d, i) => {
    const next = defs[i + 1];
    if (unitCol >= 0 && !d.unit && next && next.level > d.level) d.kind = d.level === 0 ? 'section' : 'header';
  });

  const relations: Relation[] = [];
  const yearly: YearlyRelation[] = [];
  const leaves = leafList(columns);
  const thisYear = leaves.find((c) => /本年|本期|当年|年度/.test(c.label) && !/累计/.test(c.label));
  const total = leaves.find((c) => /累计/.test(c.label));
  if (thisYear && total) {
    relations.push({ kind: 'collte', id: 'year-le-total', col: thisYear.id, max: total.id });
    // Only an accumulation over the years continues from last year's report (本年累计 starts afresh).
    if (/历年|累计至今|总累计/.test(total.label)) yearly.push({ kind: 'stock', id: 'total-carry', col: total.id, plus: thisYear.id, what: `去年“${total.label}” + 本年“${thisYear.label}”` });
  }
  const caption = titles.slice(1).join(' ') || undefined;
  const labelHeader = head(labelCol).at(-1) ?? '指标名称';
  const preview = rows.slice(0, Math.max(PREVIEW_ROWS, at + 2)).map((r) => r.cells.filter(Boolean).join(' │ '));
  return {
    layout: { preview, titles: titleCount, body: at },
    title: titles[0] ?? '',
    table: {
      id,
      title: titles[0] && titles.length === 1 ? titles[0] : block.name,
      ...(caption ? { caption } : {}),
      labelHeader,
      ...(unitCol >= 0 ? { unitHeader: head(unitCol).at(-1) ?? '计量单位' } : {}),
      rows: defs,
      columns,
      relations,
      ...(yearly.length ? { yearly } : {})
    }
  };
}

/** Leaf columns with their header paths (top row first) → a tree: a header spanning neighbours is their parent. */
function columnTree(leaves: { id: string; path: string[] }[], depth: number): ColumnDef[] {
  const build = (items: typeof leaves, level: number, prefix: string): ColumnDef[] => {
    const out: ColumnDef[] = [];
    let i = 0;
    while (i < items.length) {
      const top = items[i].path[level];
      let j = i + 1;
      // Neighbours under the same upper header (and not that header's last word) group together.
      while (top && j < items.length && items[j].path[level] === top && items[j].path.length > level + 1) j++;
      const group = items.slice(i, j);
      if (group.length > 1 && group.every((g) => g.path.length > level + 1) && level < depth - 1) {
        out.push({ id: `${prefix}g${out.length + 1}`, label: top, children: build(group, level + 1, `${prefix}g${out.length + 1}`) });
      } else {
        const leaf = items[i];
        const label = [...new Set(leaf.path.slice(level))].join(' ') || '数量';
        out.push({ id: leaf.id, label });
        j = i + 1;
      }
      i = j;
    }
    return out;
  };
  return build(leaves, 0, '');
}

function leafList(cols: ColumnDef[]): ColumnDef[] {
  return cols.flatMap((c) => (c.children?.length ? leafList(c.children) : [c]));
}
