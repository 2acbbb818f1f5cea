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
import { parentIndex, parseCellKey } from './model';
import { columnTree, leafList } from './form-builder/columns';
import { PERIOD, period, statedSum, totalColumns, totalRows } from './form-builder/relations';
import { bare, blockWidth, clean, isColumnNumbers, isWord, squashCjk, textAt, TOTAL, UNIT_WORDS } from './form-builder/words';

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

/** A unit column's header (计量单位, 计算单位, 单位) — not 单位名称 or 填报单位. */
const UNIT_HEADER = /^(计量|计算)?单位$/;
const INDEX_HEADER = /^(序号|编号|行次|栏次|代码|行号)$/;
const LABEL_HEADER = /(指标|项目|名称|内容|类别|统计)/;

export function proposeForm(blocks: SourceBlock[], name = '', options: ProposeOptions = {}): FormProposal {
  const notes: string[] = [];
  const raws = new Map<CellKey, string>();
  const tables: TableDef[] = [];
  const layouts: TableLayout[] = [];
  let title = '';
  // A block that prints several tables one under another (表二: a caption and its own header row
  // before each) is one table each.
  if (blocks.some((b) => b.kind === 'text'))
    notes.push('从 PDF 复制的文字没有表格的格子，表头和列可能认错：最好从 Word、Excel、WPS 或网页复制，或打开文件；否则请在下面逐项核对。');
  blocks.flatMap(splitBlock).forEach((block, b) => {
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

/** A row that reads as column headers: several words, no figure, no numbering, no unit word. */
function headerWords(block: SourceBlock, r: number, width = blockWidth(block)): string[] | null {
  const cells = block.rows[r].map(clean);
  if (isColumnNumbers(cells) || cells.some((c) => c !== '' && isFigureLike(c))) return null;
  const w = [...new Set(Array.from({ length: width }, (_, c) => textAt(block, r, c)).filter(isWord))];
  return w.length >= 2 && !leadingNumbering(w[0]) && !isPartLabel(w[0]) && !w.some((x) => UNIT_WORDS.test(x)) ? w : null;
}
const isHeaderLike = (block: SourceBlock, r: number, width?: number) => headerWords(block, r, width) !== null;

/** A one-piece row before a table's header: its caption (merged across, or worded as one). */
function isCaption(block: SourceBlock, r: number): boolean {
  const own = block.rows[r].map(clean).filter(Boolean);
  if (own.length !== 1 || isFigureLike(own[0])) return false;
  const spans = (block.spanned?.[r] ?? []).filter((x) => clean(x) === own[0]).length;
  return spans > 0 || /^(第|表|[一二三四五六七八九十]+、)|(情况|项|表|[：:。])$|如下/.test(own[0]);
}

/** Splits a block where a header row follows body rows: each part is a table of its own. */
export function splitBlock(block: SourceBlock): SourceBlock[] {
  const width = blockWidth(block);
  const filled = block.rows.flatMap((r, i) => (r.some((c) => clean(c) !== '') ? [i] : []));
  const cuts: number[] = [];
  let first: string[] | null = null;
  let seenBody = false;
  filled.forEach((r, k) => {
    const words = headerWords(block, r, width);
    if (words) {
      // A new table's header repeats a word of the first one (信息内容 …) or follows a caption;
      // a category row of a blank table (主动公开 | 政府网站) does neither.
      const caption = filled[k - 1] !== undefined && isCaption(block, filled[k - 1]);
      if (seenBody && first && (caption || words.some((w) => first!.includes(w)))) {
        // The captions right above the header (up to three) go with it.
        let from = k;
        while (from > k - 3 && filled[from - 1] !== undefined && filled[from - 1] > (cuts.at(-1) ?? -1) && isCaption(block, filled[from - 1])) from--;
        cuts.push(filled[from]);
        seenBody = false;
      }
      if (!seenBody) first ??= words;
    } else if (first) seenBody = true;
  });
  if (!cuts.length) return [block];
  const bounds = [0, ...cuts, block.rows.length];
  return bounds.slice(0, -1).map((from, i) => ({
    ...block,
    name: `${block.name}（${i + 1}）`,
    rows: block.rows.slice(from, bounds[i + 1]),
    ...(block.spanned ? { spanned: block.spanned.slice(from, bounds[i + 1]) } : {})
  }));
}

interface Proposed {
  table: TableDef;
  title: string;
  layout: Omit<TableLayout, 'table' | 'block'>;
}

const PREVIEW_ROWS = 8;
/** The deepest outline level a form may have (form-validate). */
const MAX_LEVEL = 10;

function proposeTable(block: SourceBlock, id: string, samples: Map<CellKey, string>, notes: string[], bodyAt?: number): Proposed | null {
  const rows = block.rows.map((r, i) => ({ i, cells: r.map(clean) })).filter((r) => r.cells.some((c) => c !== ''));
  if (rows.length < 2) return null;
  const width = Math.max(...block.rows.map((r) => r.length));
  const words = (r: (typeof rows)[number]) => Array.from({ length: width }, (_, c) => textAt(block, r.i, c)).filter(isWord);

  // Title rows: one piece of text each, before anything else. Where such rows lead to a header
  // row within a few rows, every one of them is a title or caption (二、主动公开… / 该部分以表格形式
  // 报告。/ 第二十条第（一）项 over 信息内容 | 本年制发件数 …); else unnumbered ones only.
  let at = 0;
  const titles: string[] = [];
  const onePiece = (r: (typeof rows)[number]) => new Set(words(r)).size === 1;
  let lead = 0;
  while (lead < rows.length && lead < 5 && onePiece(rows[lead])) lead++;
  const toHeader = lead > 0 && lead < rows.length - 1 && (bodyAt === undefined || lead <= bodyAt) && isHeaderLike(block, rows[lead].i);
  if (toHeader) while (at < lead) titles.push(words(rows[at++])[0]);
  else while (at < rows.length && (bodyAt === undefined || at < bodyAt) && onePiece(rows[at]) && !leadingNumbering(words(rows[at])[0]) && rows.length - at > 2) titles.push(words(rows[at++])[0]);

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
  // Header rows and no body (a blank 表四: headers over one empty row) make a table of figures only.
  if (!body.length && !headerRows.length) return null;
  // Header words printed one character a line (自/然/人) arrive as 自 然 人: the spaces go.
  // (The label column's header keeps its spacing: 指 标 名 称 is how the form prints it.)
  // Copied as plain text, a header merged across columns arrives in its first column only: an
  // empty header cell right of a worded one, over a column that has a header word further down,
  // continues it (申请人情况 over 自然人 … 总计; 行政复议 over 结果维持 … 总计).
  const headerText = headerRows.map((r) => Array.from({ length: width }, (_, c) => textAt(block, r, c)));
  if (!block.spanned)
    headerText.forEach((cells, h) => {
      const deeper = (c: number) => headerText.slice(h + 1).some((row) => row[c] !== '');
      for (let c = 1; c < width; c++) if (cells[c] === '' && cells[c - 1] !== '' && deeper(c) && deeper(c - 1)) cells[c] = cells[c - 1];
    });
  const headRaw = (c: number) => headerText.map((cells) => cells[c]).filter(Boolean);
  const head = (c: number) => headRaw(c).map(squashCjk);

  // The label columns: from the first column holding words (its own, not a merged neighbour's) in
  // body rows, each next column that holds words more than figures — a label printed over several
  // columns (三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密) is one outline. A 序号 column
  // (figures, or headed 序号) is skipped; a unit column ends the labels.
  const wordCount = (c: number) => body.filter((r) => isWord(r.cells[c] ?? '')).length;
  const figureCount = (c: number) => body.filter((r) => (r.cells[c] ?? '') !== '' && isFigureLike(r.cells[c])).length;
  const isIndex = (c: number) => INDEX_HEADER.test((head(c).at(-1) ?? '').replace(/\s+/g, ''));
  const isUnitCol = (c: number) => {
    const units = body.filter((r) => UNIT_WORDS.test(r.cells[c] ?? '')).length;
    return head(c).some((h) => UNIT_HEADER.test(h.replace(/[\s\u3000]/g, ''))) || (units > 0 && units >= body.filter((r) => (r.cells[c] ?? '') !== '').length * 0.8);
  };
  const isLabelCol = (c: number) => !isIndex(c) && !isUnitCol(c) && wordCount(c) > 0 && wordCount(c) >= figureCount(c);
  // A table of figures only (表四: one row of 15 cells under three header rows) has none.
  let labelCol = 0;
  while (labelCol < width && !isLabelCol(labelCol)) labelCol++;
  if (labelCol === width) labelCol = -1;
  let lastLabelCol = labelCol;
  // A further label column: its header (if any) is the first label column's (one merged 项目).
  while (labelCol >= 0 && lastLabelCol + 1 < width && isLabelCol(lastLabelCol + 1) && !head(lastLabelCol + 1).some((h) => !head(labelCol).includes(h))) lastLabelCol++;
  // A unit column: headed 单位, or holding unit words in most rows that have one.
  let unitCol = -1;
  for (let c = lastLabelCol + 1; c < width && unitCol < 0; c++) if (isUnitCol(c)) unitCol = c;
  // Value columns: every other column right of the labels that has a header or a figure.
  const valueCols: number[] = [];
  // A 代码 or 序号 column (01, 02 …) is no value column.
  // A column whose every header word is merged in from the column to its left, with no figure
  // of its own, is that column's merged cell (本年处理决定数量 printed over three columns).
  const ownFigure = (c: number) => body.some((r) => isFigureLike(r.cells[c] ?? '') && r.cells[c] !== '');
  const merged = new Set<number>();
  const mergedInto = (c: number) =>
    (valueCols.at(-1) === c - 1 || merged.has(c - 1)) && headerRows.length > 0 && headerRows.every((r) => clean(block.rows[r]?.[c]) === '') && head(c).join('|') === head(valueCols.at(-1)!).join('|') && !ownFigure(c);
  for (let c = lastLabelCol + 1; c < width; c++) {
    if (c === unitCol || isIndex(c) || !(head(c).length || ownFigure(c))) continue;
    if (mergedInto(c)) merged.add(c);
    else valueCols.push(c);
  }
  if (!valueCols.length) {
    valueCols.push(width > lastLabelCol + 1 ? width - 1 : lastLabelCol + 1);
    notes.push(`${block.name}：没有找到数字列的表头，先按一列“数量”处理。`);
  }

  // A column headed by the year it was printed for (2014年度) is 本年度 in every year's form.
  const columns = columnTree(valueCols.map((c, i) => ({ id: `c${i + 1}`, path: head(c).map((h) => (/^(19|20)\d\d\s*年度?$/.test(h) ? '本年度' : h)) })), headerRows.length);
  const leafIds = new Map(valueCols.map((c, i) => [c, `c${i + 1}`]));
  // A header that names money (金额, 万元) or a change (增/减) sets the column's value rule.
  for (const leaf of leafList(columns)) {
    const path = head(valueCols[Number(leaf.id.slice(1)) - 1]).join(' ');
    const money = /金额|万元|（元）|\(元\)|经费|费用/.test(path);
    const signed = /增\s*\/\s*减|增减|增加\/减少|变化/.test(path);
    if (money || signed) leaf.rule = signed ? (money ? 'signed-money' : 'signed-count') : 'money';
  }

  // Rows: levels from the numbering (a style's depth is where it first appears under the one
  // above), 其中 rows one level under the row they belong to, unnumbered rows under the last
  // numbered one.
  const styles: NumberStyle[] = [];
  const defs: RowDef[] = [];
  /** Each proposed row's label column, for the depth of unnumbered labels printed further right. */
  const colOf: number[] = [];
  const BARE_PART = /^[\s\u3000]*其中[:：]?$/;
  // A row's labels: its own words in the label columns, left to right (a merged neighbour's
  // text is not its own). Without any, the row's first own word outside the unit column.
  const labelsOf = (r: (typeof body)[number]): { col: number; text: string }[] => {
    const own: { col: number; text: string }[] = [];
    for (let c = Math.max(0, labelCol); c <= lastLabelCol; c++) if (isWord(r.cells[c] ?? '')) own.push({ col: c, text: r.cells[c] });
    if (own.length) return own;
    const c = r.cells.findIndex((x, i) => i !== unitCol && !leafIds.has(i) && isWord(x));
    return c >= 0 ? [{ col: c, text: r.cells[c] }] : [];
  };
  // Tables whose main rows carry no number (主动公开信息数, 申请总数 …): an unnumbered row is a
  // main row, numbered ones sit under it.
  const firstMain = body.map((r) => labelsOf(r)[0]?.text).find((l) => l && !isFigureLike(l) && !isPartLabel(l));
  const unnumberedTop = firstMain !== undefined && !leadingNumbering(firstMain);
  const base = unnumberedTop ? 1 : 0;
  // The open 其中 list (its numbering, level and column), and a list numbered in a new style
  // nested under one of its items (8.不予公开答复总数 over （1）…（6）, 其中：主动公开收费总数 over 1.…5.).
  let list: { style?: NumberStyle; level: number; col: number } | null = null;
  let nested: { style: NumberStyle; level: number } | null = null;
  const levelOf = (label: string, col: number, forcePart: boolean): { level: number; role: RowDef['role'] } => {
    const n = leadingNumbering(label);
    const prev = defs.at(-1);
    if (isPartLabel(label) || forcePart) {
      // A 其中 row belongs to the row just above it; inside a list, a second 其中 after a nested
      // list is the list's next item (其中：依申请公开收费总数 after 5.主动公开复制费), and a bare
      // 其中 merged down over its rows continues its own list.
      // Rows each printed 其中：… one after another are one list, not a staircase.
      const sibling = list && !nested && prev?.role === 'part' && prev.level === list.level && isPartLabel(prev.label) && !forcePart;
      const level = (nested || sibling || (forcePart && list?.col === col)) && list ? list.level : Math.min(MAX_LEVEL, (prev?.level ?? -1) + 1);
      list = { style: forcePart ? list?.style : leadingNumbering(label.replace(/^[\s\u3000]*其中[:：]?/, ''))?.style, level, col };
      nested = null;
      return { level, role: 'part' };
    }
    if (nested && n?.style === nested.style) return { level: nested.level, role: 'child' };
    if (list && list.col === col && (n ? n.style === list.style : !unnumberedTop && !nested)) {
      // A 其中 list prints "其中：" on its first item only: the items after it (unnumbered, or
      // numbered as its first item is) continue it.
      nested = null;
      return { level: list.level, role: 'part' };
    }
    if (list && !nested && n && n.style !== list.style && !styles.includes(n.style) && prev) {
      // A numbering not seen yet, right under a list item: that item's own children.
      nested = { style: n.style, level: Math.min(MAX_LEVEL, prev.level + 1) };
      return { level: nested.level, role: 'child' };
    }
    list = null;
    nested = null;
    // An unnumbered 小计 / 合计 after numbered items closes them: their sibling (totalRows sums it).
    if (!n && prev && prev.role !== 'part' && TOTAL.test(label.replace(/[\s\u3000]/g, ''))) return { level: prev.level, role: 'child' };
    if (n) {
      const known = styles.indexOf(n.style);
      if (known >= 0) styles.length = known + 1;
      else styles.push(n.style);
      return { level: Math.min(MAX_LEVEL, base + styles.length - 1), role: 'child' };
    }
    if (col > labelCol) {
      // Unnumbered, printed right of a label column: under the last row printed further left.
      for (let i = defs.length - 1; i >= 0; i--) if (colOf[i] < col) return { level: Math.min(MAX_LEVEL, defs[i].level + 1), role: 'child' };
    }
    if (unnumberedTop) {
      styles.length = 0;
      return { level: 0, role: 'child' };
    }
    return { level: styles.length, role: 'child' };
  };
  for (const r of body) {
    const labels = labelsOf(r).filter((l) => !isFigureLike(l.text));
    if (!labels.length) continue;
    // Labels left of the row's own are headings over it (三、本年度办理结果 | （一）予以公开): rows
    // without cells of their own. A bare 其中 there (or merged down from above) makes the row a part.
    const own = labels.at(-1)!;
    let forcePart = false;
    for (let c = Math.max(0, labelCol); c < own.col; c++) if (BARE_PART.test(textAt(block, r.i, c))) forcePart = true;
    for (const h of labels.slice(0, -1)) {
      if (BARE_PART.test(h.text)) continue;
      const { level, role } = levelOf(h.text, h.col, false);
      defs.push({ id: `r${defs.length + 1}`, label: h.text, level, kind: 'section', ...(role === 'part' ? { role } : {}) });
      colOf.push(h.col);
    }
    const label = own.text;
    const { level, role } = levelOf(label, own.col, forcePart);
    // Without a unit column a label may carry its unit in brackets at the end: 专项经费（万元）.
    // A unit cell of dashes (----, —, /) says "not applicable": no unit.
    const unitText = unitCol >= 0 && !/^[-－—–/／\\\s]*$/.test(r.cells[unitCol] ?? '') ? r.cells[unitCol] : undefined;
    const unit = unitCol >= 0 ? unitText : label.match(/[（(]\s*(条|件|个|次|人次|万元|元|人|篇|项|份|期|场)\s*[）)]$/)?.[1];
    const rowId = `r${defs.length + 1}`;
    defs.push({ id: rowId, label, level, kind: 'value', ...(role === 'part' ? { role } : {}), ...(unit ? { unit } : {}) });
    colOf.push(own.col);
    for (const [c, col] of leafIds) {
      const raw = r.cells[c] ?? '';
      if (raw !== '' && isFigureLike(raw)) samples.set(`${id}/${rowId}/${col}`, raw);
    }
  }
  if (!defs.length && labelCol < 0) {
    // Figures under headers and no row label (表四): one row, its figures the samples.
    defs.push({ id: 'r1', label: '数量', level: 0, kind: 'value' });
    const filled = body.find((r) => [...leafIds.keys()].some((c) => (r.cells[c] ?? '') !== ''));
    if (filled) for (const [c, col] of leafIds) if ((filled.cells[c] ?? '') !== '' && isFigureLike(filled.cells[c])) samples.set(`${id}/r1/${col}`, filled.cells[c]);
  }
  if (!defs.length) return null;
  // A heading with no unit in a table that prints units, and rows under it: a section (no cell).
  // (A unit column left empty in every row says nothing: the headings keep their cells.)
  const unitsPrinted = unitCol >= 0 && defs.some((d) => d.unit);
  if (unitCol >= 0 && !unitsPrinted) notes.push(`${block.name}：计量单位一栏是空的：各行都当作有格子的行，请在下面核对各行的单位和类型。`);
  // A 其中 list whose last item is 其他… (其他形式, 其它原因, 其他情形) names every case: its
  // parent is their sum.
  const partsOf = new Map<number, RowDef[]>();
  parentIndex(defs).forEach((p, j) => {
    if (p !== null && defs[j].role === 'part') (partsOf.get(p) ?? partsOf.set(p, []).get(p)!).push(defs[j]);
  });
  defs.forEach((d, i) => {
    const parts = partsOf.get(i) ?? [];
    // Not channels of publishing (政府网站 / 政务微博 / 其他方式): one item goes out by several.
    const channels = /网站|微博|微信|公报|新闻|媒体|客户端|公开栏|电子屏|报刊|广播|电视|渠道|途径/.test(parts.map((p) => p.label).join(' ')) || /主动公开|发布|渠道|途径/.test(d.label);
    if (!channels && parts.length >= 2 && /^(其他|其它)/.test(bare(parts.at(-1)!.label.replace(/^[\s\u3000]*其中[:：]?/, '')))) d.exhaustive = true;
  });
  // A heading printed left of its rows' labels has no cell at all: a section at the top, else a
  // group (the grid shows its children's subtotal).
  defs.forEach((d, i) => {
    const next = defs[i + 1];
    if (d.kind === 'section') {
      if (d.level > 0 && next && next.level > d.level) d.kind = 'group';
    } else if (unitsPrinted && !d.unit && next && next.level > d.level) d.kind = d.level === 0 ? 'section' : 'header';
  });

  const relations: Relation[] = [...totalRows(defs), ...totalColumns(columns)];
  // A relation the form prints in words (表三's corner: 第一项加第二项之和，等于第三项加第四项之和).
  const printed = [...titles, ...headerRows.flatMap((r) => Array.from({ length: width }, (_, c) => textAt(block, r, c)))].join(' ');
  const stated = statedSum(printed, defs);
  if (stated) relations.push(stated);
  const yearly: YearlyRelation[] = [];
  const leaves = leafList(columns);
  // Columns of nested periods (本月 ⊂ 本年 ⊂ 历年) counting the same thing (本年件数 with 历年累计
  // 件数, not 本年收费金额 with it): each ≤ the next longer, in every row; and an accumulation over
  // the years continues from last year's report (本年累计 starts afresh).
  const measure = (label: string) => label.replace(/[\s\u3000]/g, '').replace(/本月|当月|本季度?|当季|本期|本年度?|当年|年度|历年|累计至今|总累计|累计|实际|开展以来|合计/g, '');
  const groups = new Map<string, Map<number, ColumnDef>>();
  for (const c of leaves) {
    const p = period(c.label);
    if (p === null || c.rule?.startsWith('signed')) continue;
    const g = groups.get(measure(c.label)) ?? groups.set(measure(c.label), new Map()).get(measure(c.label))!;
    if (!g.has(p)) g.set(p, c);
  }
  let pairs = 0;
  for (const byPeriod of groups.values()) {
    const periods = [...byPeriod.keys()].sort((a, b) => a - b);
    periods.slice(1).forEach((p, i) => {
      const [short, long] = [byPeriod.get(periods[i])!, byPeriod.get(p)!];
      relations.push({ kind: 'collte', id: pairs++ === 0 ? 'year-le-total' : `period-le-${pairs}`, col: short.id, max: long.id });
    });
    const allYears = byPeriod.get(PERIOD.years);
    const thisYear = byPeriod.get(PERIOD.year);
    if (allYears && thisYear) yearly.push({ kind: 'stock', id: yearly.length ? `total-carry-${yearly.length + 1}` : 'total-carry', col: allYears.id, plus: thisYear.id, what: `去年“${allYears.label}” + 本年“${thisYear.label}”` });
  }
  const caption = titles.slice(1).join(' ') || undefined;
  const labelHeader = (labelCol >= 0 ? headRaw(labelCol).at(-1) : undefined) ?? '指标名称';
  const preview = rows.slice(0, Math.max(PREVIEW_ROWS, at + 2)).map((r) => r.cells.filter(Boolean).join(' │ '));
  return {
    layout: { preview, titles: titleCount, body: at },
    title: titles[0] ?? '',
    table: {
      id,
      // The caption nearest the table names it (第二十条第（一）项 under 二、主动公开…).
      // (A pasted table without a caption is 表1, 表2 …; a sheet keeps its name.)
      title: titles.filter((t) => !/[：:。]$/.test(t)).at(-1) ?? titles.at(-1) ?? (/^粘贴的/.test(block.name) ? `表${id.slice(1)}` : block.name),
      ...(caption ? { caption } : {}),
      labelHeader,
      ...(unitCol >= 0 ? { unitHeader: headRaw(unitCol).at(-1) ?? '计量单位' } : {}),
      rows: defs,
      columns,
      relations,
      ...(yearly.length ? { yearly } : {})
    }
  };
}
