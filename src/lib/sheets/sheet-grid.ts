// The columns of sheet 统计表 when it holds several tables: each table laid out to fit itself. The
// table with the most columns (表四: fifteen figures) sets the sheet's columns, all its figure
// columns even; every other table spans them in whole numbers — each of its figure columns over
// the same number of sheet columns (表三's seven over two each), its unit column over one, its
// label over the rest on the left, its 校验 over the last — merged. No table inherits another's
// widths, no sheet column is empty, and every table is as wide as the sheet.
// Widths are in spreadsheet character units (the width of a digit in the default font).
import type { TableLayout } from '$lib/domain/layout';
import { hasCell, valueRule } from '$lib/domain/model';

/** Roughly how many character units a text takes at 10 pt: a CJK character about two digits. */
export function textUnits(text: string): number {
  let n = 0;
  for (const ch of text) n += ch.charCodeAt(0) > 0x2e80 ? 1.95 : 1.05;
  return n;
}

/** A table's column on the sheet: what it holds and the sheet columns it spans (merged when more than one). */
export interface SheetColumn {
  kind: 'label' | 'unit' | 'figure' | 'check';
  first: number;
  last: number;
}

const LABEL_MIN = 6;
const LABEL_MAX = 36;
const UNIT = 6;
// A figure never wraps (a spreadsheet shows ### instead): 9 digits, money to the 分 in 13.
const FIGURE_MIN = 10;
const MONEY = 13;
// 校验: one message on a line ("法人或其他组织 · 商业企业：≠ 明细合计 16（差 +2）"); longer ones wrap.
const CHECK = 36;
const CHECK_ONE = 28;
/** A portrait A4 page's printable width at 100%, in width units (5.25 pt each). */
const PAGE = 99;

/** What a table asks for: label, unit (0 when none), each figure column, 校验. */
function natural(p: TableLayout) {
  const valueRows = p.rows.filter((x) => hasCell(x.row));
  // A label may wrap once (a long one more: the row grows, the column stays readable); the label
  // header wraps over every header row and one more line.
  const texts = [...p.rows.map((x) => '\u3000'.repeat(x.indent) + x.label), p.labelHeader.slice(0, Math.ceil(p.labelHeader.length / Math.max(1, p.levels)))];
  return {
    label: Math.min(LABEL_MAX, Math.max(LABEL_MIN, ...texts.map((l) => Math.ceil(textUnits(l) / 2) + 2))),
    unit: p.hasUnit ? UNIT : 0,
    // Header words over at most two lines.
    figures: p.columns.map((col) => Math.max(FIGURE_MIN, Math.ceil(textUnits(col.label) / 2) + 2, valueRows.some((x) => valueRule(x.row, col).endsWith('money')) ? MONEY : 0)),
    check: p.columns.length > 1 ? CHECK : CHECK_ONE
  };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** The sheet's column widths for a form's tables as printed, and each table's columns on them. */
export function sheetColumns(printed: TableLayout[]): { widths: number[]; tables: SheetColumn[][] } {
  const needs = printed.map(natural);
  const slots = (t: number) => needs[t].figures.length + (needs[t].unit ? 1 : 0);
  // The finest table sets the sheet's columns: label, unit, even figures, 校验.
  const fine = needs.reduce((best, _, t) => (slots(t) > slots(best) ? t : best), 0);
  const f = Math.max(...needs[fine].figures);
  const middle = [...(needs[fine].unit ? [UNIT] : []), ...needs[fine].figures.map(() => f)];
  const check = Math.max(...needs.map((n) => n.check));
  let label = needs[fine].label;

  // How many sheet columns each figure of another table spans: its share of the width when the
  // table is stretched to the sheet's (label and figures in proportion), in whole columns.
  const spread = needs.map((n, t) => {
    if (t === fine) return 1;
    const room = label + sum(middle);
    const own = n.label + sum(n.figures);
    const most = Math.max(1, Math.floor((middle.length - (n.unit ? 1 : 0)) / n.figures.length));
    return Math.min(most, Math.max(1, Math.round(((Math.max(...n.figures) * room) / own) / f)));
  });
  // Each table's label over what its figures leave: the sheet's label column grows until every
  // table's label has the room it asks for.
  needs.forEach((n, t) => {
    const left = middle.length - (n.unit ? 1 : 0) - n.figures.length * spread[t];
    label = Math.max(label, n.label - sum(middle.slice(0, left)));
  });
  // A narrow form (one figure column) fills a portrait page's width at 100%: its labels wrap less.
  label += Math.max(0, PAGE - (label + sum(middle) + check));
  const widths = [label, ...middle, check];

  const tables = needs.map((n, t): SheetColumn[] => {
    const last = widths.length - 1;
    const out: SheetColumn[] = [{ kind: 'check', first: last, last }];
    let at = last - 1;
    for (let i = n.figures.length - 1; i >= 0; i--) {
      out.unshift({ kind: 'figure', first: at - spread[t] + 1, last: at });
      at -= spread[t];
    }
    if (n.unit) out.unshift({ kind: 'unit', first: at, last: at-- });
    out.unshift({ kind: 'label', first: 0, last: at });
    return out;
  });
  return { widths, tables };
}
