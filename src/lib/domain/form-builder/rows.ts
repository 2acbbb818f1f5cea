// The rows of a proposed table: each row's labels, its level from its printed numbering (a
// style's depth is where it first appears under the one above), 其中 rows one level under the row
// they belong to, unnumbered rows under the last numbered one; then which rows are headings
// without cells of their own, and which 其中 lists name every case.
import type { SourceBlock } from '../form-map';
import { isFigureLike } from '../labels';
import { hasCell, parentIndex, type CellKey, type RowDef } from '../model';
import { isPartLabel, leadingNumbering, STYLE_ORDER, type NumberStyle } from '../outline';
import type { LabelColumns } from './columns';
import { bare, isWord, textAt, TOTAL, type SourceRow } from './words';

/** The deepest outline level a form may have (form-validate). */
const MAX_LEVEL = 10;
const BARE_PART = /^[\s\u3000]*其中[:：]?$/;

/** A row's label, and the block column it is printed in. */
export interface RowLabel {
  col: number;
  text: string;
}

/**
 * A row's labels: its own words in the label columns, left to right (a merged neighbour's text is
 * not its own). Without any, the row's first own word outside the unit column and the value
 * columns (`leafIds`).
 */
export function rowLabels(r: SourceRow, { labelCol, lastLabelCol, unitCol }: LabelColumns, leafIds: ReadonlyMap<number, string>): RowLabel[] {
  const own: RowLabel[] = [];
  for (let c = Math.max(0, labelCol); c <= lastLabelCol; c++) if (isWord(r.cells[c] ?? '')) own.push({ col: c, text: r.cells[c] });
  if (own.length) return own;
  const c = r.cells.findIndex((x, i) => i !== unitCol && !leafIds.has(i) && isWord(x));
  return c >= 0 ? [{ col: c, text: r.cells[c] }] : [];
}

/** The outline read so far, against which the next row's level is decided. */
export interface Outline {
  defs: RowDef[];
  /** Each proposed row's label column, for the depth of unnumbered labels printed further right. */
  colOf: number[];
  /** The numbering styles open, outermost first. */
  styles: NumberStyle[];
  /**
   * The open 其中 list (its numbering, level and column), and a list numbered in a new style nested
   * under one of its items (8.不予公开答复总数 over （1）…（6）, 其中：主动公开收费总数 over 1.…5.).
   */
  list: { style?: NumberStyle; level: number; col: number } | null;
  nested: { style: NumberStyle; level: number } | null;
  /** The first label column. */
  labelCol: number;
  /** The table's main rows carry no number (主动公开信息数, 申请总数 …): numbered ones sit under them. */
  unnumberedTop: boolean;
}

export const startOutline = (labelCol: number, unnumberedTop: boolean): Outline => ({ defs: [], colOf: [], styles: [], list: null, nested: null, labelCol, unnumberedTop });

/** The level and role of the next row, printed `label` in column `col`; updates the open lists and styles. */
export function levelOf(o: Outline, label: string, col: number, forcePart: boolean): { level: number; role: RowDef['role'] } {
  const { defs, colOf, styles, list, nested, unnumberedTop } = o;
  const base = unnumberedTop ? 1 : 0;
  const n = leadingNumbering(label);
  const prev = defs.at(-1);
  if (isPartLabel(label) || forcePart) {
    // A 其中 row belongs to the row just above it; inside a list, a second 其中 after a nested
    // list is the list's next item (其中：依申请公开收费总数 after 5.主动公开复制费), and a bare
    // 其中 merged down over its rows continues its own list.
    // Rows each printed 其中：… one after another are one list, not a staircase.
    const sibling = list && !nested && prev?.role === 'part' && prev.level === list.level && isPartLabel(prev.label) && !forcePart;
    const level = (nested || sibling || (forcePart && list?.col === col)) && list ? list.level : Math.min(MAX_LEVEL, (prev?.level ?? -1) + 1);
    o.list = { style: forcePart ? list?.style : leadingNumbering(label.replace(/^[\s\u3000]*其中[:：]?/, ''))?.style, level, col };
    o.nested = null;
    return { level, role: 'part' };
  }
  if (nested && n?.style === nested.style) return { level: nested.level, role: 'child' };
  if (list && list.col === col && (n ? n.style === list.style : !unnumberedTop && !nested)) {
    // A 其中 list prints "其中：" on its first item only: the items after it (unnumbered, or
    // numbered as its first item is) continue it.
    o.nested = null;
    return { level: list.level, role: 'part' };
  }
  // A numbering not seen yet, right under a list item: that item's own children — unless the item
  // is a lone unnumbered 其中 and the numbering is the usual next one under the row the 其中 belongs
  // to (一、… / 其中：规范性文件数 / （一）… : （一） is 一、's, beside the 其中, not under it).
  const belowOwner = list && !list.style && styles.length > 0 && STYLE_ORDER.indexOf(n?.style as NumberStyle) === STYLE_ORDER.indexOf(styles.at(-1)!) + 1;
  if (list && !nested && n && n.style !== list.style && !styles.includes(n.style) && prev && !belowOwner) {
    o.nested = { style: n.style, level: Math.min(MAX_LEVEL, prev.level + 1) };
    return { level: o.nested.level, role: 'child' };
  }
  o.list = null;
  o.nested = null;
  // An unnumbered 小计 / 合计 after numbered items closes them: their sibling (totalRows sums it).
  if (!n && prev && prev.role !== 'part' && TOTAL.test(label.replace(/[\s\u3000]/g, ''))) return { level: prev.level, role: 'child' };
  if (n) {
    const known = styles.indexOf(n.style);
    if (known >= 0) styles.length = known + 1;
    else styles.push(n.style);
    return { level: Math.min(MAX_LEVEL, base + styles.length - 1), role: 'child' };
  }
  if (col > o.labelCol) {
    // Unnumbered, printed right of a label column: under the last row printed further left.
    for (let i = defs.length - 1; i >= 0; i--) if (colOf[i] < col) return { level: Math.min(MAX_LEVEL, defs[i].level + 1), role: 'child' };
  }
  if (unnumberedTop) {
    styles.length = 0;
    return { level: 0, role: 'child' };
  }
  return { level: styles.length, role: 'child' };
}

/**
 * The rows of table `id` from its body rows, and the figures a filled table printed in them
 * (by cell, for the editor's preview).
 */
export function proposeRows(block: SourceBlock, body: SourceRow[], labels: LabelColumns, leafIds: ReadonlyMap<number, string>, id: string): { defs: RowDef[]; samples: Map<CellKey, string> } {
  const { labelCol, unitCol } = labels;
  const samples = new Map<CellKey, string>();
  const labelsOf = (r: SourceRow) => rowLabels(r, labels, leafIds);
  // Tables whose main rows carry no number (主动公开信息数, 申请总数 …): an unnumbered row is a
  // main row, numbered ones sit under it.
  const firstMain = body.map((r) => labelsOf(r)[0]?.text).find((l) => l && !isFigureLike(l) && !isPartLabel(l));
  const outline = startOutline(labelCol, firstMain !== undefined && !leadingNumbering(firstMain));
  const { defs, colOf } = outline;
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
      const { level, role } = levelOf(outline, h.text, h.col, false);
      defs.push({ id: `r${defs.length + 1}`, label: h.text, level, kind: 'section', ...(role === 'part' ? { role } : {}) });
      colOf.push(h.col);
    }
    const label = own.text;
    const { level, role } = levelOf(outline, label, own.col, forcePart);
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
  return { defs, samples };
}

/**
 * A 其中 list whose last item is 其他… (其他形式, 其它原因, 其他情形) names every case: its parent
 * is their sum.
 */
export function markExhaustive(defs: RowDef[]): void {
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
}

/** A row over children of different units, as markHeadings left it. */
export interface UnitSplit {
  row: RowDef;
  /** The units of the children that do not add up to it. */
  units: string[];
  /** It keeps its cell: it carries a unit of its own, or the source prints a figure in it. */
  kept: boolean;
}

/**
 * Rows over others that have no cell of their own. A heading printed left of its rows' labels: a
 * section at the top, else a group (the grid shows its children's subtotal). A heading with no unit
 * in a table that prints units (`unitsPrinted`), and rows under it: a section, or a header row
 * below the top. (A unit column left empty in every row says nothing: the headings keep their cells.)
 *
 * Only figures of one unit add up (条 and 次 do not): a row without a unit over children of
 * different units is a heading without a cell — unless the source prints a figure in it (`printed`:
 * ids of rows that carry one), which keeps its cell, its children then measures of their own
 * (单列, not added). A row with a unit adds only its children of that unit. Returns the rows
 * whose proposal this changed.
 */
export function markHeadings(defs: RowDef[], unitsPrinted: boolean, printed: ReadonlySet<string> = new Set()): UnitSplit[] {
  defs.forEach((d, i) => {
    const next = defs[i + 1];
    if (d.kind === 'section') {
      if (d.level > 0 && next && next.level > d.level) d.kind = 'group';
    } else if (unitsPrinted && !d.unit && next && next.level > d.level) d.kind = d.level === 0 ? 'section' : 'header';
  });
  const parents = parentIndex(defs);
  const addends = defs.map(() => [] as number[]);
  parents.forEach((p, j) => p !== null && (defs[j].role ?? 'child') === 'child' && addends[p].push(j));
  // Each row's unit for adding: its own; else the one its addends share (null: several; undefined: none).
  const units: (string | null | undefined)[] = defs.map((d) => d.unit);
  for (let i = defs.length - 1; i >= 0; i--) {
    if (defs[i].unit) continue;
    const found = new Set(addends[i].map((j) => units[j]).filter((u) => u !== undefined));
    units[i] = found.size === 0 ? undefined : found.size === 1 ? [...found][0] : null;
  }
  // The units a row adds from: its own, or its addends'.
  const unitsUnder = (j: number): string[] => (units[j] ? [units[j]!] : units[j] === null ? addends[j].flatMap(unitsUnder) : []);
  const apart = defs.map((d, i) => (d.unit ? addends[i].filter((j) => units[j] !== undefined && units[j] !== d.unit) : units[i] === null ? addends[i] : []));
  const splits: UnitSplit[] = [];
  defs.forEach((d, i) => {
    if (!apart[i].length) return;
    const kept = Boolean(d.unit) || printed.has(d.id);
    // (A section without a figure stays as it was: nothing to say.)
    if (!kept && d.kind === 'section') return;
    d.kind = kept ? 'value' : 'section';
    splits.push({ row: d, units: [...new Set(apart[i].flatMap(unitsUnder))], kept });
  });
  // A kept row's children of other units are measures of their own (those with a cell).
  defs.forEach((d, i) => {
    if (hasCell(d)) for (const j of apart[i]) if (hasCell(defs[j])) defs[j].role = 'measure';
  });
  return splits;
}
