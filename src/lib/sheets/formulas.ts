// Excel formulas for the 校验 column of the downloaded workbook: the same relations and the
// same words as the app (domain/checks.ts), so the file keeps checking itself in Excel or WPS.
// A mismatch between the two is caught by formulas.test.ts, which evaluates these formulas
// (HyperFormula) against the app on the same figures.
import { parseCellKey, type CellKey, type Template } from '$lib/domain/model';
import { compile, type CompiledCheck } from '$lib/domain/relations';
import { cellSpec } from '$lib/domain/entry';
import { rowKeyOf } from '$lib/domain/marks';
import type { Finding } from '$lib/domain/checks';

type Piece = { row: string; severity: 'error' | 'warning'; expr: string; cell?: CellKey; pre?: string };
type Part = { expr: string; pre: string };
type Pass = { row: string; expr: string };

const str = (s: string) => `"${s.replace(/"/g, '""')}"`;
/** Text from a form (a relation's wording, a row's name) inside a formula's string: quotes doubled. */
const lit = (s: string) => s.replace(/"/g, '""');
/** A figure as the app prints it: plain digits, at most 6 decimals. */
const num = (e: string) => `ROUND(${e},6)`;
const signed = (e: string) => `IF(ROUND(${e},6)>0,"+","")&ROUND(${e},6)`;
const filled = (a: string) => `ISNUMBER(${a})`;

/**
 * The formula pieces of one check. Blanks that only leave a sum unchecked are the app's one
 * warning per table (in the 校验结果 sheet), not a per-row formula. `wholeColumn` gives, for a
 * part of a column sum, the cells of its whole column: a column left wholly blank means none and
 * counts as present (checks.ts whollyBlankParts).
 */
function pieces(c: CompiledCheck, addr: (k: CellKey) => string, name: (k: CellKey) => string, columns: Map<CellKey, string>, wholeColumn: (k: CellKey) => CellKey[] | null): { msgs: Piece[]; passes: Pass[] } {
  const row = rowKeyOf(c.subject);
  const P = addr(c.subject);
  const list = c.others.map(addr).join(',');
  const n = c.others.length;
  const S = `SUM(${list})`;
  // Wholly blank: every cell empty or "" (a 汇总 sheet writes "" where no unit gave a figure).
  const none = c.others.map(wholeColumn).filter((col): col is CellKey[] => col !== null).map((col) => `(LEN(${col.map(addr).join("&")})=0)`);
  const K = none.length ? `(COUNT(${list})+${none.join('+')})` : `COUNT(${list})`;
  const msgs: Piece[] = [];
  const passes: Pass[] = [];
  switch (c.kind) {
    case 'sum':
    case 'header':
    case 'exhaustive': {
      const what = lit(c.what ?? (c.kind === 'exhaustive' ? '其中各项合计' : '子项合计'));
      if (c.minus?.length) {
        // 四 = 一 + 二 − 三（七）: judged only once every part is there (checks.ts judgeBalance).
        const all = [...c.others, ...c.minus].map(addr).join(',');
        const na = c.others.length + c.minus.length;
        const KA = `COUNT(${all})`;
        const E = `(SUM(${list})-SUM(${c.minus.map(addr).join(',')}))`;
        msgs.push({
          row, severity: 'error',
          expr: `IF(NOT(${filled(P)}),IF(${KA}<${na},"","未填（${what} "&${num(E)}&"）"),IF(${KA}<${na},"",IF(ROUND(${P}-${E},6)=0,"","≠ ${what} "&${num(E)}&"（差 "&${signed(`${P}-${E}`)}&"）")))`
        });
        // IF, not AND: AND evaluates every argument, and P - E fails on a "" (a 汇总 sheet's blank).
        passes.push({ row, expr: `IF(${filled(P)},AND(${KA}=${na},ROUND(${P}-${E},6)=0),FALSE())` });
        break;
      }
      const missing = c.kind === 'header' ? '""' : `IF(COUNT(${list})=0,"","未填（${what} "&${num(S)}&"）")`;
      msgs.push({
        row, severity: 'error',
        expr: `IF(NOT(${filled(P)}),${missing},IF(${K}<${n},IF(${S}>${P},"已填${what} "&${num(S)}&" > 本项 "&${num(P)},""),IF(ROUND(${P}-${S},6)=0,"","≠ ${what} "&${num(S)}&"（差 "&${signed(`${P}-${S}`)}&"）")))`
      });
      passes.push({ row, expr: `IF(${filled(P)},AND(${K}=${n},ROUND(${P}-${S},6)=0),FALSE())` });
      break;
    }
    case 'part': {
      const [parent] = c.others.map(addr);
      msgs.push({ row, severity: 'error', expr: `IF(AND(${filled(P)},${filled(parent)}),IF(${P}>${parent},"其中项 "&${num(P)}&" > 所属项 "&${num(parent)},""),"")` });
      if (c.reportMissing)
        msgs.push({ row: rowKeyOf(c.others[0]), cell: c.others[0], severity: 'error', expr: `IF(AND(${filled(P)},NOT(${filled(parent)})),"未填（其中项 "&${num(P)}&"）","")` });
      break;
    }
    case 'cover': {
      const chans = c.others.map(addr);
      const over = chans.map((ch) => `AND(${filled(ch)},${ch}>${P})`);
      msgs.push({
        row, severity: 'error',
        expr: `IF(NOT(${filled(P)}),IF(${K}=0,"","未填（渠道合计 "&${num(S)}&"）"),IF(AND(${S}<${P},${K}=${n}),"渠道合计 "&${num(S)}&" < 总数 "&${num(P)},""))`
      });
      chans.forEach((ch, i) =>
        msgs.push({ row: rowKeyOf(c.others[i]), cell: c.others[i], severity: 'error', expr: `IF(AND(${filled(P)},${over[i]}),"单一渠道 "&${num(ch)}&" > 总数 "&${num(P)},"")` })
      );
      passes.push({ row, expr: `AND(${filled(P)},${S}>=${P},NOT(OR(${over.join(',')})))` });
      break;
    }
    case 'same': {
      const B = addr(c.others[0]);
      const other = lit(name(c.others[0]));
      msgs.push({ row, severity: 'error', expr: `IF(AND(${filled(P)},${filled(B)},${P}<>${B}),"≠ ${other} "&${num(B)}&"（差 "&${signed(`${P}-${B}`)}&"）","")` });
      msgs.push({
        row, severity: 'warning',
        expr: `IF(AND(NOT(${filled(P)}),${filled(B)}),"未填（应与${other}相同："&${num(B)}&"）",IF(AND(${filled(P)},NOT(${filled(B)})),"${other}未填，无法核对",""))`
      });
      passes.push({ row, expr: `AND(${filled(P)},${filled(B)},${P}=${B})` });
      break;
    }
    case 'lte': {
      const B = addr(c.others[0]);
      const sev = c.severity;
      msgs.push({ row, severity: sev, expr: `IF(AND(${filled(P)},${filled(B)}),IF(${P}>${B},${num(P)}&" > ${lit(name(c.others[0]))} "&${num(B)},""),"")` });
      passes.push({ row, expr: `AND(${filled(P)},${filled(B)},${P}<=${B})` });
      break;
    }
  }
  // Declared severities (a warning-only ≤, say) apply to the check's error pieces.
  if (c.severity === 'warning') for (const m of msgs) m.severity = 'warning';
  // In a table with several figure columns the row's 校验 cell names the column (marks.ts rowText).
  for (const m of msgs) m.pre = columns.has(m.cell ?? c.subject) ? `${columns.get(m.cell ?? c.subject)}：` : '';
  return { msgs, passes };
}

/** A cell holding text where a figure belongs: the app's refusal, in the words it would use. */
function valuePiece(template: Template, key: CellKey, a: string, current?: { raw: string; reason: string }): string {
  const spec = cellSpec(template, { table: key.split('/')[0], row: key.split('/')[1], col: key.split('/')[2] })!;
  const text = current ? `IF(${a}=${str(current.raw)},${str(`无法识别：${current.reason}`)},"无法识别：「"&${a}&"」不是数字")` : `"无法识别：「"&${a}&"」不是数字"`;
  const signedRule = spec.rule.startsWith('signed');
  const integer = spec.rule.endsWith('count');
  let numeric = '""';
  if (integer) numeric = `IF(${a}<>INT(${a}),"无法识别：应为整数，不能有小数",${numeric})`;
  if (!signedRule) numeric = `IF(${a}<0,"无法识别：不能为负数，应为${integer ? '非负整数' : '非负数（最多 6 位小数）'}",${numeric})`;
  // "" is blank, as in the app (a 汇总 sheet writes "" where no unit gave a figure).
  return `IF(AND(ISTEXT(${a}),${a}<>""),${text},IF(ISNUMBER(${a}),${numeric},""))`;
}

export interface FormulaInput {
  template: Template;
  /** Cell address of a value cell in the sheet (C12). */
  addr: (key: CellKey) => string;
  /** Address of the i-th helper cell of a row (hidden columns beside 校验). */
  helper: (row: string, i: number) => string;
  /** The app's findings on the same figures: the helpers' cached values, so a viewer that does
   * not recalculate shows the same as one that does. */
  findings: Finding[];
  /** The refusals of the current figures, so the formula repeats the app's exact reason. */
  refusals?: Map<CellKey, { raw: string; reason: string }>;
}

export interface RowFormulas {
  /** The 校验 cell: joins its helpers' messages, errors before warnings, else ✓. */
  formula: string;
  /** One hidden cell per message the row can show: "" or "；column：message". */
  helpers: { formula: string; value: string; severity: 'error' | 'warning' }[];
}

/**
 * The 校验 formulas, by table/row. Each message a row can show lives in its own hidden helper
 * cell, so that no formula repeats another: a 表三 row joins two dozen checks, and inlining them
 * would pass Excel's limit of 8,192 characters per formula.
 */
export function checkFormulas({ template, addr, helper, findings, refusals }: FormulaInput): Map<string, RowFormulas> {
  const compiled = compile(template);
  type Msg = Part & { id: string; severity: 'error' | 'warning' };
  const byRow = new Map<string, { msgs: Msg[]; passes: string[] }>();
  const at = (row: string) => byRow.get(row) ?? byRow.set(row, { msgs: [], passes: [] }).get(row)!;
  const name = (k: CellKey) => compiled.names.get(k) ?? k;
  const found = new Map(findings.map((f) => [`${f.id}|${f.severity}`, f]));

  // Value pieces first, then the checks in the engine's order: the order the app joins them.
  for (const key of compiled.order.keys()) {
    const col = compiled.columns.get(key);
    at(rowKeyOf(key)).msgs.push({ id: `value:${key}`, severity: 'error', expr: valuePiece(template, key, addr(key), refusals?.get(key)), pre: col ? `${col}：` : '' });
  }
  // The whole column of each part of a column sum, in tables of several rows.
  const columnCells = new Map<string, CellKey[]>();
  for (const key of compiled.order.keys()) {
    const { table, col } = parseCellKey(key);
    const k = `${table}/${col}`;
    (columnCells.get(k) ?? columnCells.set(k, []).get(k)!).push(key);
  }
  for (const c of compiled.checks) {
    const wholeColumn = (k: CellKey) => {
      if (!c.ruleId.startsWith('colsum:')) return null;
      const { table, col } = parseCellKey(k);
      const cells = columnCells.get(`${table}/${col}`)!;
      return cells.length > 1 ? cells : null;
    };
    const { msgs, passes } = pieces(c, addr, name, compiled.columns, wholeColumn);
    for (const m of msgs) at(m.row).msgs.push({ id: m.cell && m.cell !== c.subject ? `${c.ruleId}@${m.cell}` : c.ruleId, severity: m.severity, expr: m.expr, pre: m.pre ?? '' });
    for (const p of passes) at(p.row).passes.push(p.expr);
  }

  const out = new Map<string, RowFormulas>();
  for (const [row, { msgs, passes }] of byRow) {
    const helpers = msgs.map((m) => {
      const f = found.get(`${m.id}|${m.severity}`);
      return { formula: `IF(${m.expr}="","",${str(`；${m.pre}`)}&${m.expr})`, value: f ? `；${m.pre}${f.short}` : '', severity: m.severity };
    });
    const refs = (sev: 'error' | 'warning') => helpers.map((h, i) => (h.severity === sev ? helper(row, i) : '')).filter(Boolean);
    const joined = (list: string[]) => (list.length ? list.join('&') : '""');
    const errs = joined(refs('error'));
    const warns = joined(refs('warning'));
    const ok = passes.length ? `IF(OR(${passes.join(',')}),"✓","")` : '""';
    out.set(row, {
      formula: `IF(${errs}<>"",MID(${errs},2,9999),IF(${warns}<>"",MID(${warns},2,9999),${ok}))`,
      helpers
    });
  }
  return out;
}
