// Findings by cause: a clerk acts on the first item, so the list leads with the likely wrong
// figures (from the localisation), each saying what it probably should be and which relations it
// breaks; the failing relations are listed under their cause, never as a demand to change a
// figure the localisation clears. A blank total is one item, however many sums it leaves open.
// Warnings follow, one item each. Pure: the findings panel, the grid's marks, the workbook, the
// publish dialog and the 汇总 all read these.
import type { CheckResult, Finding } from '../checks';
import { formatFigure } from '../figures';
import type { CellKey, Severity, Template, Values } from '../model';
import { compile } from '../relations';
import { MAX_CHANGES, probable, type Correction, type Localisation } from './localise';
import type { Shift } from './shift';
import { TYPO_TEXT } from './typos';

export type CauseKind =
  /** One figure the relations say is wrong (the same in every smallest explanation). */
  | 'figure'
  /** One of several figures (or sets of figures) is wrong, and the relations cannot tell which. */
  | 'choice'
  /** A blank cell that must hold a figure (a total left empty beside its parts). */
  | 'blank'
  /** A cell whose text is not a figure. */
  | 'value'
  /** A block typed one row or column off. */
  | 'shift'
  /** More figures would have to change than the localisation will guess at. */
  | 'unlocated'
  /** A warning (提示): one finding, as it is. */
  | 'warning';

/** A correction with the display name of its cell. */
export type Option = Correction & { name: string };

export interface Cause {
  /** A fingerprint: the same cause on the same cells has the same id across re-checks (reviews are kept by it). */
  id: string;
  kind: CauseKind;
  severity: Severity;
  /** The cell a click selects: the likely wrong figure, the first option, the finding's cell. */
  key: CellKey;
  /** Display name of `key`. */
  name: string;
  /** What to change: one option (figure, blank, value, shift), several (choice), none (unlocated, warning). */
  options: Option[][];
  /** The failing relations it explains; for a value or warning, the finding itself. */
  findings: Finding[];
  /** Every cell it reads: a review of it is cleared when one of them changes. */
  cells: CellKey[];
  /** What the 校验 cell of `key`'s row says. */
  short: string;
  /** The whole sentence, for the findings list and the workbook. */
  message: string;
  shift?: Shift;
  /** The localisation group it comes from: causes of one group explain the same failing relations together. */
  group?: number;
}

const f = formatFigure;

/** "疑为 0（填了 12）", with the kind of slip where one is recognised. */
export function correctionText(c: Correction): string {
  const was = c.actual === null ? '未填' : `填了 ${f(c.actual)}`;
  const slip = c.typo ? `，${TYPO_TEXT[c.typo]}` : '';
  if (c.value !== null) return c.actual === null ? `未填，应为 ${f(c.value)}` : `疑为 ${f(c.value)}（${was}${slip}）`;
  const range = probable(c);
  return range ? `${range}（${was}）` : `疑有误（${was}）`;
}

/** Every cell a finding reads. */
const cellsOf = (x: Finding) => [x.subjectKey, ...x.others];

/** A finding named under its cause: what it states, never what to change. */
export function relationText(x: Finding): string {
  return `${x.name}：${x.short}`;
}

export function causesOf(template: Template, values: Values, result: CheckResult, loc: Localisation): Cause[] {
  /** Text that is not a figure: its relations' 未填 go under its own cause. */
  const refused = (k: CellKey) => (values.get(k)?.raw.trim() ?? '') !== '';
  const compiled = compile(template);
  const names = compiled.names;
  const name = (k: CellKey) => names.get(k) ?? k;
  /** How many cells a row holds (a row left blank across is said so). */
  const rowCells = (k: CellKey) => {
    const rk = k.split('/').slice(0, 2).join('/') + '/';
    let n = 0;
    for (const key of compiled.order.keys()) if (key.startsWith(rk)) n++;
    return n;
  };
  const named = (c: Correction): Option => ({ ...c, name: name(c.key) });
  const order = (k: CellKey) => compiled.order.get(k) ?? Infinity;
  const errors = result.findings.filter((x) => x.severity === 'error');
  const causes: Cause[] = [];
  const taken = new Set<Finding>();

  // A blank a failing relation needs (未填…): one cause for the cell, whatever sums it leaves open,
  // and one for a row left blank across (（七）总计 not filled in). Blanks a shifted block left
  // behind belong to the shift.
  const shifted = new Set(loc.groups.flatMap((g) => (g.shift ? [...g.shift.edge, ...g.shift.moves.flatMap((m) => [m.from, m.to])] : [])));
  const blankOn = new Map<CellKey, Finding[]>();
  for (const x of errors)
    if (x.kind !== 'value' && x.actual === null && (x.expected !== null || x.id.includes('@')) && !shifted.has(x.subjectKey) && !refused(x.subjectKey))
      (blankOn.get(x.subjectKey) ?? blankOn.set(x.subjectKey, []).get(x.subjectKey)!).push(x);
  const byRow = new Map<string, CellKey[]>();
  for (const key of blankOn.keys()) {
    const rk = key.split('/').slice(0, 2).join('/');
    (byRow.get(rk) ?? byRow.set(rk, []).get(rk)!).push(key);
  }
  for (const keys of byRow.values()) {
    keys.sort((a, b) => order(a) - order(b));
    const list = keys.flatMap((k) => blankOn.get(k)!);
    list.forEach((x) => taken.add(x));
    const opts = keys.map((key) => named(loc.blanks.get(key) ?? { key, actual: null, min: -Infinity, max: Infinity, value: blankOn.get(key)![0].expected, typo: null }));
    const key = keys[0];
    const one = (c: Option) => (c.value !== null ? `应为 ${f(c.value)}` : probable(c));
    const text =
      opts.length === 1
        ? [opts[0].value !== null || probable(opts[0]) ? `未填，${one(opts[0])}` : '未填'][0]
        : `${opts.length === rowCells(key) ? '整行未填' : '未填'}：${opts.map((c) => `${c.name.match(/ × ([^×]*)$/)?.[1] ?? c.name}${one(c) ? ` ${one(c)}` : ''}`).join('，')}`;
    causes.push({
      id: `blank:${keys.join('+')}`, kind: 'blank', severity: 'error', key, name: opts.length === 1 ? name(key) : name(key).replace(/ × [^×]*$/, ''), options: [opts], findings: list,
      cells: unique([...keys, ...list.flatMap(cellsOf)]), short: text,
      message: `${opts.length === 1 ? name(key) : name(key).replace(/ × [^×]*$/, '')}：${text}${list.length > 1 ? `（${list.length} 项合计都要用到${opts.length === 1 ? '它' : '这些数字'}）` : ''}`
    });
  }

  // A figure that is not a figure.
  for (const x of errors.filter((e) => e.kind === 'value')) {
    taken.add(x);
    const c = loc.blanks.get(x.subjectKey);
    const hint = c && (c.value !== null || probable(c)) ? `；按其他数字${c.value !== null ? `应为 ${f(c.value)}` : probable(c)}` : '';
    const unread = errors.filter((e) => e.kind !== 'value' && e.actual === null && e.subjectKey === x.subjectKey);
    unread.forEach((e) => taken.add(e));
    causes.push({
      id: `value:${x.subjectKey}`, kind: 'value', severity: 'error', key: x.subjectKey, name: x.name,
      options: [[named(c ?? { key: x.subjectKey, actual: null, min: -Infinity, max: Infinity, value: null, typo: null })]], findings: [x, ...unread],
      cells: unique([x.subjectKey, ...unread.flatMap(cellsOf)]), short: `${x.short}${hint}`, message: `${x.message}${hint}`
    });
  }

  // The localisation's groups: the likely wrong figures, or the alternatives, with the relations they break.
  loc.groups.forEach((g, gi) => {
    const inGroup = errors.filter((x) => !taken.has(x) && cellsOf(x).some((k) => g.cells.has(k)));
    if (!inGroup.length) return;
    inGroup.forEach((x) => taken.add(x));
    const own: Cause[] = [];
    if (g.status === 'shift') own.push(shiftCause(g.shift!, inGroup, name, named));
    else if (g.status !== 'located') {
      const first = inGroup.slice().sort((a, b) => order(a.subjectKey) - order(b.subjectKey))[0];
      const table = template.tables.find((t) => t.id === first.subject.table)!;
      const text = g.status === 'too-many' ? `对不上的关系太多：至少要改动 ${MAX_CHANGES + 1} 个数字才能都对上，无法判断是哪些数字有误` : '对不上的关系太复杂，无法判断是哪些数字有误';
      own.push({
        id: `unlocated:${[...new Set(inGroup.map((x) => x.subject.table))].sort().join('+')}`, kind: 'unlocated', severity: 'error', key: first.subjectKey, name: table.title,
        options: [], findings: inGroup, cells: unique(inGroup.flatMap(cellsOf)), short: text, message: `${table.title}：${text}；请逐项核对下列关系`
      });
    } else {
      const [best, ...rest] = g.sets;
      const definite = best.filter((c) => rest.every((s) => s.some((d) => d.key === c.key)));
      for (const c of definite.sort((a, b) => order(a.key) - order(b.key)))
        own.push({ id: `figure:${c.key}`, kind: 'figure', severity: 'error', key: c.key, name: name(c.key), options: [[named(c)]], findings: [], cells: [], short: correctionText(c), message: '' });
      const options = dedupe(g.sets.map((s) => s.filter((c) => !definite.some((d) => d.key === c.key)).map(named)).filter((s) => s.length));
      if (options.length) {
        const key = options[0][0].key;
        const text = options.map((o, i) => `${'①②③④⑤⑥⑦⑧⑨⑩'[i] ?? `(${i + 1})`}${o.map((c) => `${name(c.key)} ${correctionText(c)}`).join('，且 ')}`).join('；');
        own.push({
          id: `choice:${options.map((o) => o.map((c) => c.key).sort().join('+')).sort().join('|')}`, kind: 'choice', severity: 'error', key, name: name(key), options, findings: [], cells: [],
          short: `可能有误：${options.length} 种改法之一（见校验结果）`, message: `以下 ${options.length} 种改法都能让各项合计对上，无法确定是哪一种：${text}`
        });
      }
      // Each failing relation goes under the first cause whose figures it reads.
      for (const x of inGroup) {
        const reads = new Set(cellsOf(x));
        const home = own.find((c) => c.options.some((o) => o.some((d) => reads.has(d.key)))) ?? own[0];
        home.findings.push(x);
      }
      for (const c of own) {
        c.cells = unique([...c.options.flat().map((d) => d.key), ...c.findings.flatMap(cellsOf)]);
        if (c.kind === 'figure') {
          // Its own relation (a total that is the wrong figure) needs no naming: the short says it.
          const broken = c.findings.filter((x) => x.subjectKey !== c.key).map((x) => relativeName(x, c.key, name, (id) => template.tables.find((tb) => tb.id === id)?.title ?? ''));
          const list = broken.length > 1 ? `${broken.slice(0, -1).join('、')}和${broken.at(-1)}因此都对不上` : broken.length ? `${broken[0]}因此对不上` : '';
          c.message = `${c.name}：${c.short}${list ? `——${list}` : ''}`;
        }
      }
    }
    for (const c of own) c.group = gi;
    causes.push(...own);
  });

  // Anything else that fails (never expected: every failing relation lies in some group).
  for (const x of errors)
    if (!taken.has(x))
      causes.push({ id: `relation:${x.id}|${x.subjectKey}`, kind: 'unlocated', severity: 'error', key: x.subjectKey, name: x.name, options: [], findings: [x], cells: cellsOf(x), short: x.short, message: x.message });

  causes.sort((a, b) => order(a.key) - order(b.key));
  for (const x of result.findings)
    if (x.severity === 'warning')
      causes.push({ id: `warning:${x.id}|${x.subjectKey}`, kind: 'warning', severity: 'warning', key: x.subjectKey, name: x.name, options: [], findings: [x], cells: cellsOf(x), short: x.short, message: x.message });
  return causes;
}

function shiftCause(s: Shift, findings: Finding[], name: (k: CellKey) => string, named: (c: Correction) => Option): Cause {
  const first = s.moves[0]?.to ?? findings[0].subjectKey;
  const last = s.moves[s.moves.length - 1]?.to ?? first;
  const rowName = (k: CellKey) => name(k).replace(/ × [^×]*$/, '');
  const colName = (k: CellKey) => name(k).match(/ × ([^×]*)$/)?.[1] ?? k.split('/')[2];
  const where = s.axis === 'row' ? `从「${rowName(first)}」到「${rowName(last)}」的各行` : `「${rowName(first)}」从「${colName(first)}」到「${colName(last)}」的各栏`;
  const dir = s.axis === 'row' ? (s.by === 1 ? '下一行' : '上一行') : s.by === 1 ? '右边一栏' : '左边一栏';
  const text = `${where}疑似整体错位：每个数字都填到了${dir}`;
  const key = s.moves[0]?.from ?? findings[0].subjectKey;
  return {
    id: `shift:${s.table}:${s.axis}:${s.by}:${s.rows[0]}:${s.lines[0]}-${s.lines[s.lines.length - 1]}`, kind: 'shift', severity: 'error', key, name: name(key),
    options: [s.moves.map((m) => named({ key: m.from, actual: null, min: -Infinity, max: Infinity, value: null, typo: null }))], findings,
    cells: unique([...s.moves.flatMap((m) => [m.from, m.to]), ...findings.flatMap(cellsOf)]), short: text, message: `${text}（一处抄错，${findings.length} 项合计因此对不上）`, shift: s
  };
}

/**
 * A failing relation named from where the wrong figure sits: 本行总计 (its row's total), 本列（七）总计
 * (its column's total), or the cell's own name elsewhere.
 */
function relativeName(x: Finding, from: CellKey, name: (k: CellKey) => string, tableTitle: (id: string) => string): string {
  const [t, r, c] = from.split('/');
  const [xt, xr, xc] = x.subjectKey.split('/');
  const full = name(x.subjectKey);
  const prefix = `${tableTitle(xt)} · `;
  const bare = full.startsWith(prefix) ? full.slice(prefix.length) : full;
  if (xt !== t) return full;
  const row = bare.replace(/ × [^×]*$/, '');
  const col = bare.match(/ × ([^×]*)$/)?.[1];
  if (xr === r && col) return `本行${col}`;
  if (xc === c && col) return `本列${row.replace(/^[^（]*(?=（)/, '')}`;
  return bare;
}

const unique = <T>(xs: T[]) => [...new Set(xs)];

function dedupe(sets: Option[][]): Option[][] {
  const seen = new Set<string>();
  return sets.filter((s) => {
    const k = s.map((c) => c.key).sort().join('+');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

