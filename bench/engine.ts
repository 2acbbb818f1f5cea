// The check engine in Node, side by side with HyperFormula holding the same figures and the
// same relations as formulas; plus parseFigure throughput.
import { HyperFormula } from 'hyperformula';
import { check } from '$lib/domain/checks';
import { CheckState } from '$lib/domain/check-state';
import { makeEntry } from '$lib/domain/entry';
import { parseFigure } from '$lib/domain/figures';
import { memoryJournal } from '$lib/session/journal';
import { ReportSession } from '$lib/session/report-session';
import { cellKey, inputCells, leafColumns, parseCellKey, type CellKey, type Template } from '$lib/domain/model';
import { compile, type CompiledCheck } from '$lib/domain/relations';
import { gov2017County } from '$lib/templates/gov-2017-county';
import { templates } from '$lib/templates';
import { generateValues, seedValues, syntheticTemplate, type Values } from './data';
import type { Figure } from './figures';
import { timeOnce, timeSync } from './stats';
import { clipboardBlocks } from '$lib/sheets/blocks';
import { decidePaste } from '$lib/domain/mapping';
import { pasteReport } from '$lib/domain/paste-report';

interface Case {
  id: string;
  label: string;
  template: Template;
  values: Values;
  /** The one cell the edit benchmark changes, and the two texts it alternates between (chosen after
   * the first check, so that check is the one that compiles the template). */
  edit: () => Edit;
  runs: { full: number; edit: number };
}

interface Edit { key: CellKey; raws: [string, string] }

/** The first addend of the sum halfway down the compiled checks: its edit flips that sum between ✓ and ≠. */
function middleAddend(template: Template, values: Values): Edit {
  const sums = compile(template).checks.filter((c) => c.kind === 'sum');
  const key = sums[Math.floor(sums.length / 2)].others[0];
  const v = values.get(key)?.value ?? 0;
  return { key, raws: [String(v + 1), String(v)] };
}

function cases(quick: boolean): Case[] {
  const out: Case[] = templates.map((template) => {
    const isSeed = template === gov2017County;
    const values = isSeed ? seedValues(template) : generateValues(template);
    return {
      id: template.id, label: isSeed ? `${template.id} (seed figures)` : `${template.id} (generated figures)`, template, values,
      // The same edit as the browser benchmark: 八 alternates 61 (= 49 + 12, ✓) and 60 (≠).
      edit: () => (isSeed ? { key: 't1/8/v', raws: ['60', '61'] } : middleAddend(template, values)),
      runs: quick ? { full: 50, edit: 100 } : { full: 500, edit: 1000 }
    };
  });
  const rows = quick ? 1000 : 10_000;
  const synthetic = syntheticTemplate(rows, 10);
  const values = generateValues(synthetic);
  // A real report has mistakes: one figure in 500 is off by one, so findings are built and sorted too.
  [...values.keys()].forEach((k, i) => { if (i % 500 === 250) values.set(k, { raw: String(values.get(k)!.value! + 1), value: values.get(k)!.value! + 1 }); });
  out.push({
    id: `synthetic-${rows}x10`, label: `synthetic ${rows.toLocaleString('en')}×10`, template: synthetic, values,
    edit: () => middleAddend(synthetic, values),
    runs: quick ? { full: 5, edit: 10 } : { full: 30, edit: 50 }
  });
  return out;
}

// ---- HyperFormula model: one sheet, the figures in a block, one formula cell per compiled check.

const colName = (i: number): string => (i < 26 ? '' : colName(Math.floor(i / 26) - 1)) + String.fromCharCode(65 + (i % 26));

function formula(c: CompiledCheck, at: (k: CellKey) => string): string {
  const s = at(c.subject);
  const o = c.others.map(at).join(',');
  const verdict = (cond: string) => `=IF(${cond},"✓","≠")`;
  switch (c.kind) {
    case 'sum': case 'header': case 'exhaustive':
      return verdict(c.minus?.length ? `${s}=SUM(${o})-SUM(${c.minus.map(at).join(',')})` : `${s}=SUM(${o})`);
    case 'cover': return verdict(`AND(SUM(${o})>=${s},MAX(${o})<=${s})`);
    case 'same': return verdict(`${s}=${o}`);
    case 'part': case 'lte': return verdict(`${s}<=${o}`);
  }
}

function hyperFormulaModel(template: Template, values: Values) {
  const compiled = compile(template);
  // Each table's rows stacked down the sheet, its leaf columns across; formulas in the column after.
  const address = new Map<CellKey, { row: number; col: number }>();
  const offsets = new Map<string, { top: number; rows: Map<string, number>; cols: Map<string, number> }>();
  let top = 0;
  let width = 0;
  for (const t of template.tables) {
    const cols = leafColumns(t.columns);
    offsets.set(t.id, { top, rows: new Map(t.rows.map((r, i) => [r.id, i])), cols: new Map(cols.map((c, j) => [c.id, j])) });
    top += t.rows.length;
    width = Math.max(width, cols.length);
  }
  for (const ref of inputCells(template)) {
    const o = offsets.get(ref.table)!;
    address.set(cellKey(ref), { row: o.top + o.rows.get(ref.row)!, col: o.cols.get(ref.col)! });
  }
  const offset = top;
  const fcol = width + 1;
  const at = (k: CellKey) => { const a = address.get(k)!; return `${colName(a.col)}${a.row + 1}`; };
  const sheet: (number | string | null)[][] = Array.from({ length: Math.max(offset, compiled.checks.length) }, () => new Array(fcol + 1).fill(null));
  for (const [k, a] of address) sheet[a.row][a.col] = values.get(k)?.value ?? null;
  compiled.checks.forEach((c, i) => (sheet[i][fcol] = formula(c, at)));
  /** The formula cells that read a given figure: what a user waits for after editing it. */
  const dependents = (k: CellKey) => compiled.checks.flatMap((c, i) => (c.subject === k || c.others.includes(k) || c.minus?.includes(k) ? [{ sheet: 0, row: i, col: fcol }] : []));
  return { sheet, address, fcol, dependents, build: () => HyperFormula.buildFromArray(sheet, { licenseKey: 'gpl-v3' }) };
}

// ---- The benchmarks.

export function engineFigures(quick: boolean): Figure[] {
  const out: Figure[] = [];
  for (const c of cases(quick)) {
    const { template } = c;
    const group = `Check engine vs HyperFormula: ${c.label}`;
    // First check of a template compiles it (cached per template object): a one-off cost.
    const first = timeOnce(() => check(template, c.values));
    const full = timeSync(() => check(template, c.values), c.runs.full);
    out.push(
      { id: `engine.${c.id}.first`, group, name: 'ours: first check, incl. compiling the template', unit: 'ms', median: first, runs: 1 },
      { id: `engine.${c.id}.full`, group, name: 'ours: full check', unit: 'ms', ...full }
    );

    const edit = c.edit();
    const ref = parseCellKey(edit.key);
    // The engine's edit, as the target defines it: parse the typed text, re-judge the checks that
    // read the cell (CheckState), get the delta of rows whose verdicts changed.
    const figures = new Map(c.values);
    const state = new CheckState(template, figures);
    const ours = timeSync((i) => {
      figures.set(edit.key, makeEntry(template, ref, edit.raws[i % 2])!.entry);
      state.apply([edit.key]);
    }, c.runs.edit);
    // The same edit through the whole report session, as a keystroke runs it: also the synchronous
    // journal write (localStorage here a Map), the undo step and queueing the IndexedDB write.
    const session = new ReportSession(template, { id: 'bench', unit: '', year: 2024, templateId: template.id, templateVersion: 1, createdAt: 0, updatedAt: 0, summary: { errors: 0, warnings: 0, filled: 0 } },
      [...c.values].map(([key, e]) => ({ key, raw: e.raw, value: e.value, at: 0 })), { saveCells: async () => [], cellRecords: async () => [], history: async () => [], notes: async () => [], setNote: async () => null, setReview: async () => {}, setText: async () => null }, memoryJournal());
    const whole = timeSync((i) => {
      session.apply([{ key: edit.key, entry: makeEntry(template, ref, edit.raws[i % 2])!.entry }], 'typed');
    }, c.runs.edit);
    session.close();

    const model = hyperFormulaModel(template, c.values);
    let hf!: HyperFormula;
    const build = timeOnce(() => (hf = model.build()));
    if (c.id.startsWith('synthetic')) assertSameVerdicts(hf, model.fcol, template, c.values);
    const addr = { sheet: 0, ...model.address.get(edit.key)! };
    const deps = model.dependents(edit.key);
    const peer = timeSync((i) => {
      hf.setCellContents(addr, [[Number(edit.raws[i % 2])]]);
      for (const d of deps) hf.getCellValue(d);
    }, c.runs.edit);
    hf.destroy();

    const ratio = ours.median / peer.median;
    out.push(
      { id: `engine.${c.id}.edit`, group, name: `ours: one edit (${edit.key}) → parse + incremental check + delta (CheckState)`, unit: 'ms', ...ours },
      { id: `engine.${c.id}.session`, group, name: 'ours: the same edit through the whole report session (+ journal write, undo step, save queued)', unit: 'ms', ...whole },
      { id: `peer.${c.id}.build`, group, name: 'HyperFormula: build + first evaluation', unit: 'ms', median: build, runs: 1 },
      { id: `peer.${c.id}.edit`, group, name: 'HyperFormula: same edit → setCellContents + read dependent formulas', unit: 'ms', ...peer },
      {
        id: `peer.${c.id}.ratio`, group, name: 'ratio ours / HyperFormula on the same edit (p95 column: p95 / p95)', unit: '×',
        median: ratio, p95: ours.p95 / peer.p95, runs: c.runs.edit,
        target: { text: '≤ 0.1 (engine ≥ 10× faster)', met: ratio <= 0.1 }
      },
      {
        id: `peer.${c.id}.session-ratio`, group, name: 'ratio whole session path / HyperFormula (no target: HyperFormula journals nothing)', unit: '×',
        median: whole.median / peer.median, p95: whole.p95 / peer.p95, runs: c.runs.edit
      }
    );
  }
  out.push(figuresThroughput(quick), hugePaste(quick));
  return out;
}

// ---- A whole sheet pasted by mistake: 100,000 rows of bare figures (a clerk's Ctrl+A in Excel).

function hugePaste(quick: boolean): Figure {
  const rows = quick ? 20_000 : 100_000;
  const text = Array.from({ length: rows }, (_, r) => Array.from({ length: 5 }, (_, c) => String((r * 7 + c) % 1000)).join('\t')).join('\n');
  const gov2021 = templates.find((t) => t.id === 'gov-2021')!;
  let plan: ReturnType<typeof decidePaste> | null = null;
  const s = timeSync(() => {
    plan = decidePaste(templates, gov2021, clipboardBlocks('', text), { table: 't3', row: '1', col: 'natural' });
    pasteReport((plan as Extract<typeof plan, { kind: 'fill' }>).plan, new Map());
  }, quick ? 2 : 5, 1);
  if (!plan || (plan as { kind: string }).kind !== 'fill') throw new Error('the huge paste was not placed from the selected cell');
  return {
    id: 'paste.huge', group: 'Paste (Node)', name: `paste ${rows.toLocaleString('en')} rows × 5 bare figures into 表三: clipboard read, decision, paste report (the browser adds its paint)`,
    unit: 'ms', ...s, target: { text: '≤ 1 s (no freeze)', met: s.median <= 1000 }
  };
}

/** On fully filled figures both engines must fail exactly the same checks, or the comparison is void. */
function assertSameVerdicts(hf: HyperFormula, fcol: number, template: Template, values: Values) {
  const checks = compile(template).checks;
  const hfFailed = checks.filter((_, i) => hf.getCellValue({ sheet: 0, row: i, col: fcol }) !== '✓').length;
  const ours = check(template, values).findings.length;
  if (!ours || hfFailed !== ours) throw new Error(`HyperFormula fails ${hfFailed} checks, the engine reports ${ours} findings: the models differ`);
}

// ---- parseFigure on a realistic mix of what users type and paste.

const MIX: [raw: string, unit?: string][] = [
  ['12,054', '条'], ['１２', '件'], ['12条', '条'], ['', '件'], ['  ', '件'], ['0', '件'], ['61', '件'], ['11946', '条'],
  ['1500', '人次'], [' 76 ', '条'], ['１２，０５４', '条'], ['3', '篇'], ['10', '件'], ['abc', '件'], ['—', '件'],
  ['12件', '条'], ['-3', '件'], ['1e5', '件'], ['1,23', '件'], ['7.0', '件']
];

function figuresThroughput(quick: boolean): Figure {
  const batch = quick ? 20_000 : 200_000;
  const inputs = Array.from({ length: batch }, (_, i) => MIX[i % MIX.length]);
  let sink = 0;
  const s = timeSync(() => {
    for (const [raw, unit] of inputs) if (parseFigure(raw, 'count', unit).kind === 'number') sink++;
  }, quick ? 3 : 20, quick ? 1 : 3);
  if (!sink) throw new Error('parseFigure accepted nothing');
  // Throughput: the median batch, and the slow (p95) batch as the lower figure.
  return {
    id: 'figures.parse', group: 'Figures (Node)', name: `parseFigure throughput, ${MIX.length}-value mix (12,054 / １２ / 12条 / blanks / invalid); p95 = slow batch`,
    unit: 'values/s', median: batch / (s.median / 1000), p95: batch / (s.p95 / 1000), runs: s.runs
  };
}
