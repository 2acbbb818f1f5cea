// What the grid paints, derived from a check result (and, once the localisation has run, from
// the causes): the state of each cell and the text of each row's 校验 cell. The darkest mark and
// the row's text say the same as the findings list — the likely wrong figure is the one marked,
// never a total the localisation clears. Pure, so the grid adapter stays a thin renderer.
import type { CheckResult, Finding } from './checks';
import { correctionText, type Cause } from './locate/causes';
import { parseCellKey, type CellKey } from './model';

/**
 * culprit: the likely wrong figure (or a blank that must hold one, or text that is not a figure);
 * suspect: one of several figures of which one is wrong; error: the subject of a failing relation
 * before the localisation has spoken; warning: a warning's cell; related: a cell of a failing
 * relation; reviewed: a cause a person has checked (已核实).
 */
export type CellMark = 'culprit' | 'suspect' | 'error' | 'warning' | 'related' | 'reviewed';

export interface RowStatus {
  severity: 'error' | 'warning' | 'ok';
  text: string;
}

export interface Marks {
  cells: Map<CellKey, CellMark>;
  /** By `table/row`. */
  rows: Map<string, RowStatus>;
}

const RANK: Record<CellMark, number> = { reviewed: 0, related: 1, warning: 2, suspect: 3, error: 4, culprit: 5 };

export const rowKeyOf = (key: CellKey) => {
  const { table, row } = parseCellKey(key);
  return `${table}/${row}`;
};

/** What a row's 校验 cell says of a finding: its column first where the table has several. */
export const rowText = (f: Finding) => (f.column ? `${f.column}：${f.short}` : f.short);

/** A column's name before a text, where the table has several figure columns. */
const inColumn = (name: string, text: string) => {
  const m = name.match(/ × (.+)$/);
  return m ? `${m[1]}：${text}` : text;
};

function marker() {
  const cells = new Map<CellKey, CellMark>();
  const mark = (k: CellKey, m: CellMark) => {
    const old = cells.get(k);
    if (!old || RANK[m] > RANK[old]) cells.set(k, m);
  };
  return { cells, mark };
}

/**
 * The marks of the relations alone (each failing relation's subject marked, its cells related):
 * what a row's 校验 formula in the downloaded workbook states, and what the grid shows in the
 * instant before the localisation has run.
 */
export function computeMarks(result: CheckResult): Marks {
  const { cells, mark } = marker();
  const rowFindings = new Map<string, Finding[]>();
  for (const f of result.findings) {
    mark(f.subjectKey, f.severity);
    for (const k of f.others) mark(k, 'related');
    const rk = rowKeyOf(f.subjectKey);
    (rowFindings.get(rk) ?? rowFindings.set(rk, []).get(rk)!).push(f);
  }
  const rows = new Map<string, RowStatus>();
  for (const k of result.passed) rows.set(rowKeyOf(k), { severity: 'ok', text: '✓' });
  for (const [rk, fs] of rowFindings) {
    const errors = fs.filter((f) => f.severity === 'error');
    const shown = errors.length ? errors : fs;
    rows.set(rk, { severity: errors.length ? 'error' : 'warning', text: shown.map(rowText).join('；') });
  }
  return { cells, rows };
}

/**
 * The marks of the causes: each likely wrong figure darkest, the alternatives of a choice marked
 * as suspects, the cells of the relations they break as related. A row whose relation fails
 * because of a figure elsewhere says so and names that figure. Reviewed causes (已核实) are
 * marked as such and leave the row's colour.
 */
export function causeMarks(result: CheckResult, causes: readonly Cause[], reviewed: ReadonlySet<string> = new Set()): Marks {
  const { cells, mark } = marker();
  const texts = new Map<string, { severity: 'error' | 'warning' | 'ok'; parts: string[] }>();
  const say = (rk: string, severity: 'error' | 'warning' | 'ok', text: string) => {
    const t = texts.get(rk) ?? texts.set(rk, { severity, parts: [] }).get(rk)!;
    const rank = { ok: 0, warning: 1, error: 2 };
    if (rank[severity] > rank[t.severity]) t.severity = severity;
    if (!t.parts.includes(text)) t.parts.push(text);
  };
  for (const c of causes) {
    const done = reviewed.has(c.id);
    const sev = done ? 'ok' : c.severity;
    for (const x of c.findings) for (const k of [x.subjectKey, ...x.others]) mark(k, done ? 'reviewed' : 'related');
    const own = new Set<string>();
    switch (c.kind) {
      case 'figure':
      case 'blank':
      case 'value':
        mark(c.key, done ? 'reviewed' : 'culprit');
        say(rowKeyOf(c.key), sev, done ? inColumn(c.name, `已核实：${c.short}`) : inColumn(c.name, c.short));
        own.add(rowKeyOf(c.key));
        break;
      case 'choice': {
        // One text a row: a row holding several of the figures (seven columns of one 表三 row)
        // names the first and counts the rest, instead of seven texts making the row tall.
        const byRow = new Map<string, typeof c.options[number]>();
        for (const o of c.options)
          for (const d of o) {
            mark(d.key, done ? 'reviewed' : 'suspect');
            const rk = rowKeyOf(d.key);
            const list = byRow.get(rk) ?? byRow.set(rk, []).get(rk)!;
            if (!list.some((x) => x.key === d.key)) list.push(d);
          }
        for (const [rk, ds] of byRow) {
          const more = ds.length > 1 ? `等 ${ds.length} 个数字之一，` : '';
          say(rk, sev, inColumn(ds[0].name, `可能有误：${correctionText(ds[0])}（${more}共 ${c.options.length} 种改法，见校验结果）`));
          own.add(rk);
        }
        break;
      }
      case 'shift':
        for (const m of c.shift?.moves ?? []) {
          mark(m.from, done ? 'reviewed' : 'suspect');
          if (!own.has(rowKeyOf(m.from))) say(rowKeyOf(m.from), sev, c.short);
          own.add(rowKeyOf(m.from));
        }
        break;
      case 'unlocated':
      case 'warning':
        for (const x of c.findings) {
          mark(x.subjectKey, done ? 'reviewed' : x.severity);
          say(rowKeyOf(x.subjectKey), sev, rowText(x));
          own.add(rowKeyOf(x.subjectKey));
        }
        break;
    }
    // A relation that fails because of a figure elsewhere: said on its row, pointing at that figure.
    if (c.kind === 'figure' || c.kind === 'blank' || c.kind === 'choice')
      for (const x of c.findings) {
        const rk = rowKeyOf(x.subjectKey);
        if (own.has(rk)) continue;
        say(rk, sev, `${rowText(x)}（${done ? '已核实' : `疑 ${shortName(c)} 有误`}）`);
      }
  }
  const rows = new Map<string, RowStatus>();
  for (const k of result.passed) rows.set(rowKeyOf(k), { severity: 'ok', text: '✓' });
  for (const [rk, t] of texts) rows.set(rk, { severity: t.severity, text: t.parts.join('；') });
  return { cells, rows };
}

/** A cause's figure named briefly in another row's text: 三（一）予以公开 × 科研机构 (its table's name dropped). */
function shortName(c: Cause): string {
  return c.kind === 'choice' ? `${c.options.length} 处之一` : c.name.replace(/^[^·]*· /, '');
}

/** A failing relation no cause stands for yet: marked as the relation itself says. */
function plain(f: Finding): Cause {
  return { id: `plain:${f.id}|${f.subjectKey}`, kind: f.severity === 'error' ? 'unlocated' : 'warning', severity: f.severity, key: f.subjectKey, name: f.name, options: [], findings: [f], cells: [f.subjectKey, ...f.others], short: f.short, message: f.message };
}

/**
 * The causes between an edit and its localisation: those none of whose cells has changed since
 * they were worked out stand; every other finding is listed as it stands. With nothing changed,
 * the causes alone.
 */
export function blendCauses(result: CheckResult, causes: readonly Cause[], stale: ReadonlySet<CellKey>): readonly Cause[] {
  if (!stale.size) return causes;
  const standing = causes.filter((c) => !c.cells.some((k) => stale.has(k)));
  const covered = new Set(standing.flatMap((c) => c.findings.map((f) => `${f.id}|${f.subjectKey}`)));
  const rest = result.findings.filter((f) => !covered.has(`${f.id}|${f.subjectKey}`)).map(plain);
  return [...standing, ...rest];
}

/**
 * The marks of the identity verdicts alone, without the one-per-table warning about blank cells:
 * what a row's 校验 formula in the downloaded workbook states (the blanks warning is listed in
 * its 校验结果 sheet).
 */
export function verdictMarks(result: CheckResult): Marks {
  return computeMarks({ ...result, findings: result.findings.filter((f) => f.kind !== 'incomplete') });
}
