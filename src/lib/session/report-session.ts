// The report session: the app holds the pen. Every change to a report's cells — typed, pasted,
// imported, undone, from another tab — is a batch applied here: journaled synchronously, checked
// once (incrementally), written to IndexedDB in one transaction and announced to other tabs once.
// The grid only sends input and paints what the session says changed. Plain TypeScript: the
// Svelte page wraps it in runes (session.svelte.ts) and the unit tests drive it directly.
import { CheckState } from '$lib/domain/check-state';
import type { CheckResult } from '$lib/domain/checks';
import { makeEntry } from '$lib/domain/entry';
import type { Cause } from '$lib/domain/locate/causes';
import { blendCauses, causeMarks, rowKeyOf, type Marks } from '$lib/domain/marks';
import { causesFor, readsOf, reviewedIds, reviewHolds, type Review } from '$lib/domain/report-check';
import { parseCellKey, type CellChange, type CellEntry, type CellKey, type Template, type WrittenCell } from '$lib/domain/model';
import { compile } from '$lib/domain/relations';
import { proseStatements, type Statement } from '$lib/domain/prose/statements';
import { isStatementId, reviewedStatements, statementId, statementReads } from '$lib/domain/prose/reviews';
import { reportParts, type PartNote } from '$lib/domain/prose/parts';
import { summaryOf } from '$lib/report-status';
import type { CellRecord, HistoryOrigin, HistoryRecord, NoteRecord, ReportRecord, TextRecord } from '$lib/storage/db';
import type { CellsChanged, NoteWritten, TabChannel, TextWritten } from './tab-sync';
import type { OddColumnReport, PasteReport } from '$lib/domain/paste-report';
import type { FoundTable } from '$lib/sheets/import';
import { allForms } from '$lib/templates';
import type { Journal } from './journal';
import { fillFrom, pasteInto, takeOddColumn, type Anchor, type Clip, type PasteOutcome } from './report-paste';

/** Where a batch came from: only the user's own edits (typed, paste, import, fill) can be undone. */
export type Origin = 'typed' | 'paste' | 'import' | 'fill' | 'undo' | 'redo' | 'remote' | 'replay';

export type { CellChange } from '$lib/domain/model';

export interface SessionDelta {
  /**
   * 'note': a cell's note was set or deleted (no figure changed); 'localise': the localisation
   * (which figures are wrong) ran after an edit, or a cause was reviewed.
   */
  origin: Origin | 'note' | 'localise' | 'text';
  /** Cells whose content changed. */
  keys: CellKey[];
  /** Rows (table/row) to repaint: changed cells' rows and every row whose marks or 校验 text changed. */
  rows: Set<string>;
}

export type SaveStatus =
  | { state: 'saved' }
  | { state: 'saving'; unsaved: CellKey[] }
  | { state: 'error'; unsaved: CellKey[]; message: string };

/** The slice of the report store a session writes through. */
export interface SessionStore {
  /** Writes the cells, each with its own time; a cell stored with a newer time is left alone. */
  saveCells(reportId: string, changes: (CellChange & { at: number; origin: HistoryOrigin })[], summary: ReportRecord['summary'], at: number, dropReviews?: string[]): Promise<WrittenCell[]>;
  /** `withCleared`: with the tombstones (raw '') of cleared cells. */
  cellRecords(reportId: string, withCleared?: boolean): Promise<CellRecord[]>;
  history(reportId: string, key: CellKey): Promise<HistoryRecord[]>;
  notes(reportId: string): Promise<NoteRecord[]>;
  setNote(reportId: string, key: CellKey, text: string): Promise<NoteRecord | null>;
  /** Keeps a review (已核实) of a cause, or deletes it (null), with the report's summary as it now stands. */
  setReview(reportId: string, id: string, review: Review | null, summary: ReportRecord['summary']): Promise<void>;
  /** Keeps the report's whole text ('' forgets it), with the summary as it then stands. */
  setText(reportId: string, text: string, source: string, summary: ReportRecord['summary']): Promise<TextRecord | null>;
  /** The report's kept text (optional: a store without texts has none). */
  text?(reportId: string): Promise<TextRecord | undefined>;
}

export interface SessionOptions {
  /**
   * Runs the localisation after an edit has painted: in the browser, in the task after the next
   * frame (the keystroke's own paint comes first); a macrotask elsewhere. Tests pass their own.
   */
  schedule?: (run: () => void) => void;
  /** The report's reviews (已核实), as stored. */
  reviews?: Review[];
  /**
   * The other tabs of this app: the session tells them what it wrote, takes what they wrote, and
   * catches up from storage when its tab is shown again. None: a session alone (tests, replays).
   */
  tabs?: TabChannel;
  /** Milliseconds since the epoch (Date.now); tests pass a clock they move. */
  now?: () => number;
  /** The report's whole text as published, as stored. */
  text?: Pick<TextRecord, 'text' | 'source' | 'at'>;
}

/**
 * Right after the current frame has painted: a task queued from the next animation frame runs
 * once that frame is on screen. (An idle callback waited for the grid's own idle work: ~50 ms
 * later here, and more on a slow PC.) A hidden tab gets no frames: then a plain task.
 */
export function afterPaint(run: () => void) {
  if (typeof requestAnimationFrame !== 'function' || typeof document === 'undefined' || document.visibilityState !== 'visible') return void setTimeout(run, 0);
  // A tab hidden meanwhile gets no frame: then the timer runs it (the write waits for it).
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    run();
  };
  const timer = setTimeout(once, 200);
  requestAnimationFrame(() => {
    clearTimeout(timer);
    setTimeout(once, 0);
  });
}

/** One write of a cell as the history dialog lists it; `saved` false: applied here, not yet in IndexedDB. */
export interface HistoryEntry {
  raw: string;
  value: number | null;
  at: number;
  origin: HistoryOrigin;
  saved: boolean;
}

interface Step {
  origin: Origin;
  /** Each cell as it was before the step and after it (raw text exactly). */
  cells: { key: CellKey; before: CellEntry; after: CellEntry }[];
}

const EMPTY: CellEntry = { raw: '', value: null };

/** The rows a cause marks: its figures' and every cell of the relations it breaks. */
function causeRows(c: Cause, rows: Set<string>) {
  for (const k of c.cells) rows.add(rowKeyOf(k));
  for (const f of c.findings) {
    rows.add(rowKeyOf(f.subjectKey));
    for (const k of f.others) rows.add(rowKeyOf(k));
  }
}

/**
 * Rows whose marks or 校验 text differ between two mark sets (their maps hold only marked cells
 * and judged rows): what the localisation and a review repaint — they run apart from the keystroke.
 */
export function changedRows(a: Marks, b: Marks): Set<string> {
  const rows = new Set<string>();
  const rowOf = (k: CellKey) => k.split('/').slice(0, 2).join('/');
  for (const [k, m] of a.cells) if (b.cells.get(k) !== m) rows.add(rowOf(k));
  for (const [k, m] of b.cells) if (a.cells.get(k) !== m) rows.add(rowOf(k));
  for (const [rk, st] of a.rows) {
    const o = b.rows.get(rk);
    if (o?.severity !== st.severity || o.text !== st.text) rows.add(rk);
  }
  for (const rk of b.rows.keys()) if (!a.rows.has(rk)) rows.add(rk);
  return rows;
}
const same = (a: CellEntry, b: CellEntry) => a.raw === b.raw && a.value === b.value;
/** Retries of a failed write: soon, then less often. */
const RETRY_MS = [1000, 3000, 10000, 30000];

export class ReportSession {
  readonly values = new Map<CellKey, CellEntry>();
  /** When each cell was last written (ours or another tab's), to take only newer remote writes. */
  private readonly stamps = new Map<CellKey, number>();
  private readonly checks: CheckState;
  private undoStack: Step[] = [];
  private redoStack: Step[] = [];
  /** Cells applied here and not yet committed to IndexedDB. */
  private readonly pending = new Map<CellKey, WrittenCell & { origin: HistoryOrigin }>();
  /** Each cell's note (批注): text and when it was set. */
  readonly notes = new Map<CellKey, { text: string; at: number }>();
  private queue: Promise<void> = Promise.resolve();
  /** A write is queued and has not started: later batches ride along with it. */
  private writeQueued = false;
  private lastError = '';
  private retries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private lastAt = 0;
  private marksCache: Marks | null = null;
  /** The causes as last worked out (which figures are wrong); `stale` holds the cells changed since. */
  private located: Cause[] = [];
  private readonly stale = new Set<CellKey>();
  private localiseQueued = false;
  /** Writes waiting for the localisation of what they save (the summary counts by cause). */
  private waiting: (() => void)[] = [];
  private readonly schedule: (run: () => void) => void;
  /** Reviews (已核实) by cause id. */
  readonly reviews = new Map<string, Review>();
  /** Reviews whose cells have changed since: deleted with the next write. */
  private lapsed = new Set<string>();
  private readonly listeners = new Set<(d: SessionDelta) => void>();
  private readonly statusListeners = new Set<(s: SaveStatus) => void>();
  saveStatus: SaveStatus = { state: 'saved' };
  private readonly tabs: TabChannel | undefined;
  private readonly now: () => number;
  private readonly unlink: (() => void)[] = [];
  /** The report's whole text (its prose is checked against the tables), or null. */
  text: Pick<TextRecord, 'text' | 'source' | 'at'> | null;
  private statementsCache: Statement[] | null = null;

  constructor(
    readonly template: Template,
    readonly meta: ReportRecord,
    records: WrittenCell[],
    private readonly store: SessionStore,
    private readonly journal: Journal,
    /** Last year's report of the same unit and form, for the cross-year checks. */
    readonly previous?: { meta: ReportRecord; values: ReadonlyMap<CellKey, CellEntry> },
    notes: Pick<NoteRecord, 'key' | 'text' | 'at'>[] = [],
    options: SessionOptions = {}
  ) {
    const known = compile(template).refs;
    for (const r of records) {
      if (!known.has(r.key)) continue;
      // A cleared cell's tombstone (raw '') gives its time only: older writes must not bring it back.
      if (r.raw !== '') this.values.set(r.key, { raw: r.raw, value: r.value });
      this.stamps.set(r.key, r.at);
    }
    for (const n of notes) if (known.has(n.key)) this.notes.set(n.key, { text: n.text, at: n.at });
    this.checks = new CheckState(template, this.values, previous?.values);
    this.schedule = options.schedule ?? afterPaint;
    for (const r of options.reviews ?? []) this.reviews.set(r.id, r);
    // The report is shown before its causes are worked out (~20 ms of a cold open here, four
    // times that on a slow PC): its first frame shows the failing relations as such, and the
    // localisation names the figures right after that frame, as after an edit. A report with no
    // figure has nothing to localise and no frame to wait for.
    if (this.values.size) for (const k of this.values.keys()) this.stale.add(k);
    else this.located = causesFor(template, this.values, this.checks.result, previous?.values);
    for (const r of this.reviews.values()) if (!reviewHolds(r, this.values)) this.lapsed.add(r.id);
    this.tabs = options.tabs;
    this.now = options.now ?? Date.now;
    this.text = options.text ?? null;
    if (this.stale.size) this.scheduleLocalise();
  }

  /** The text's clauses that state a figure of the tables, each judged against them (正文与表格). */
  get statements(): readonly Statement[] {
    return (this.statementsCache ??= this.text ? proseStatements(this.template, this.values, this.text.text, this.previous?.values) : []);
  }

  /** The text's parts against the national template (2021 on): 提示 only, never errors. */
  get parts(): readonly PartNote[] {
    if (!this.text) return [];
    if (this.partsOf?.text !== this.text.text) this.partsOf = { text: this.text.text, notes: reportParts(this.text.text, this.meta.year) };
    return this.partsOf.notes;
  }
  private partsOf: { text: string; notes: PartNote[] } | null = null;

  /**
   * Keeps the report's whole text ('' forgets it): stored with the summary it makes, then shown.
   * A failed write throws and changes nothing here.
   */
  async setText(text: string, source: string): Promise<void> {
    const at = this.now();
    const next = text.trim() ? { text, source, at } : null;
    const before = { text: this.text, cache: this.statementsCache, at: this.textAt };
    this.text = next;
    this.textAt = at;
    this.statementsCache = null;
    try {
      await this.store.setText(this.meta.id, next?.text ?? '', source, this.summary);
    } catch (e) {
      this.text = before.text;
      this.textAt = before.at;
      this.statementsCache = before.cache;
      throw e;
    }
    this.tabs?.announce({ reportId: this.meta.id, entries: [], text: { text: next?.text ?? '', source, at } });
    this.showText();
  }

  /** When the text shown was kept or forgotten (a forgotten text has no record to carry its time). */
  private textAt = 0;

  /** The text another tab kept or forgot, or storage holds: the newer wins. */
  receiveText(written: TextWritten) {
    if (written.at <= Math.max(this.textAt, this.text?.at ?? 0)) return;
    this.text = written.text.trim() ? { text: written.text, source: written.source, at: written.at } : null;
    this.textAt = written.at;
    this.statementsCache = null;
    this.showText();
  }

  private showText() {
    const delta: SessionDelta = { origin: 'text', keys: [], rows: new Set() };
    for (const l of this.listeners) l(delta);
  }

  /**
   * Starts taking what other tabs write to this report (call once the page shows it): their
   * cells, notes and reviews at once; what a hidden tab missed, from storage when it is shown.
   */
  linkTabs() {
    const tabs = this.tabs;
    if (!tabs || this.unlink.length) return;
    this.unlink.push(
      tabs.listen((msg) => this.take(msg)),
      // Best effort: what another tab wrote while this one was hidden. A read that fails (storage
      // closing with the page) leaves what is shown; the next showing tries again.
      tabs.onShown(() => void this.refreshFromStore().catch(() => {}))
    );
  }

  /** What another tab wrote to some report: ours taken, others' ignored. */
  take(msg: CellsChanged) {
    if (msg.reportId !== this.meta.id) return;
    if (msg.entries.length) this.receive(msg.entries);
    if (msg.notes?.length) this.receiveNotes(msg.notes);
    if (msg.reviews?.length) this.receiveReviews(msg.reviews);
    if (msg.text) this.receiveText(msg.text);
  }

  get result(): CheckResult {
    return this.checks.result;
  }

  /**
   * What the grid paints: the causes where they still stand (none of their cells changed since
   * they were worked out), the failing relations as such elsewhere — until the localisation,
   * which runs right after the edit has painted, names the figures.
   */
  get marks(): Marks {
    return (this.marksCache ??= causeMarks(this.checks.result, this.causes, this.reviewed));
  }

  /**
   * The findings by cause, the likely wrong figures first: as last worked out, and for what an
   * edit has changed since (see `localised`), the failing relations as they stand.
   */
  get causes(): readonly Cause[] {
    return blendCauses(this.checks.result, this.located, this.stale);
  }

  /** The ids of the causes reviewed (已核实) by a review that still holds. */
  get reviewed(): Set<string> {
    return reviewedIds(this.located, [...this.reviews.values()].filter((r) => !this.lapsed.has(r.id)), this.values);
  }

  /** Whether the causes are worked out for the figures as they stand. */
  get localised(): boolean {
    return this.stale.size === 0;
  }

  /** Derived, never trusted from storage: counts from this check of these cells, by cause. */
  get summary(): ReportRecord['summary'] {
    const summary = summaryOf(this.template, this.values, { result: this.result, causes: this.located }, this.reviewed);
    if (!this.text) return summary;
    const reviewed = this.reviewedStatements;
    return { ...summary, prose: this.statements.filter((s) => s.verdict === 'disagrees' && !reviewed.has(statementId(s))).length };
  }

  /** The ids of the text's disagreeing clauses reviewed (已核实) by a review that still holds. */
  get reviewedStatements(): Set<string> {
    return reviewedStatements(this.statements, [...this.reviews.values()].filter((r) => !this.lapsed.has(r.id)), this.values);
  }

  get canUndo() {
    return this.undoStack.length > 0;
  }

  get canRedo() {
    return this.redoStack.length > 0;
  }

  entry(key: CellKey): CellEntry | undefined {
    return this.values.get(key);
  }

  /** Calls back after every applied batch; returns the unsubscribe function. */
  subscribe(listener: (d: SessionDelta) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls back when the save status changes; returns the unsubscribe function. */
  watchStatus(listener: (s: SaveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Parses raw text for cells (typed or pasted text), then applies it as one batch. */
  applyRaw(cells: { key: CellKey; raw: string }[], origin: Origin): SessionDelta | null {
    const changes: CellChange[] = [];
    for (const { key, raw } of cells) {
      const made = makeEntry(this.template, parseCellKey(key), raw);
      if (made) changes.push({ key, entry: made.entry });
    }
    return this.apply(changes, origin);
  }

  /**
   * Applies a batch: one undo step (for the user's own edits), one journal write, one check, one
   * transaction, one message to other tabs. Cells that do not change are left out; a batch that
   * changes nothing does nothing.
   */
  apply(changes: CellChange[], origin: Origin): SessionDelta | null {
    const known = compile(this.template).refs;
    const step: Step = { origin, cells: [] };
    const seen = new Set<CellKey>();
    for (const { key, entry } of changes) {
      if (!known.has(key) || seen.has(key)) continue;
      seen.add(key);
      const before = this.values.get(key) ?? EMPTY;
      const after = entry.raw === '' ? EMPTY : entry;
      if (!same(before, after)) step.cells.push({ key, before, after });
    }
    const own = origin === 'typed' || origin === 'paste' || origin === 'import' || origin === 'fill';
    // The person's edit that changed nothing (30 typed over 30, the same paste again) is still a
    // step, as in Excel: the Ctrl+Z that follows takes it back (nothing), not the edit before it —
    // a whole paste, gone from under them.
    if (own && changes.length) {
      this.undoStack.push(step);
      this.redoStack = [];
    }
    if (!step.cells.length) return null;
    return this.commit(step.cells.map((c) => ({ key: c.key, entry: c.after })), origin);
  }

  /** Undoes the last step of the user's own edits, restoring every cell's raw text exactly. */
  undo(): SessionDelta | null {
    const step = this.undoStack.pop();
    if (!step) return null;
    this.redoStack.push(step);
    if (!step.cells.length) return { origin: 'undo', keys: [], rows: new Set() };
    return this.commit(step.cells.map((c) => ({ key: c.key, entry: c.before })), 'undo');
  }

  redo(): SessionDelta | null {
    const step = this.redoStack.pop();
    if (!step) return null;
    this.undoStack.push(step);
    if (!step.cells.length) return { origin: 'redo', keys: [], rows: new Set() };
    return this.commit(step.cells.map((c) => ({ key: c.key, entry: c.after })), 'redo');
  }

  /** Cells another tab wrote (its message): taken where newer (see `merge`). */
  receive(written: WrittenCell[]): SessionDelta | null {
    return this.merge(written, 'remote');
  }

  /**
   * Catches up with storage (the tab was hidden and may have missed messages): every stored cell,
   * tombstones of cleared ones included, merged like another tab's message; notes likewise.
   */
  async refreshFromStore(): Promise<SessionDelta | null> {
    const delta = this.merge(await this.store.cellRecords(this.meta.id, true), 'remote');
    // Notes set or deleted elsewhere meanwhile.
    const notes = new Map((await this.store.notes(this.meta.id)).map((n) => [n.key, n]));
    const changedNotes: NoteWritten[] = [];
    for (const [key, n] of notes) if (n.at > (this.notes.get(key)?.at ?? 0) && n.text !== this.notes.get(key)?.text) changedNotes.push(n);
    for (const key of this.notes.keys()) if (!notes.has(key)) changedNotes.push({ key, text: '', at: this.now() });
    this.takeNotes(changedNotes);
    // The text kept elsewhere meanwhile (a text forgotten elsewhere shows once this page reopens).
    const text = await this.store.text?.(this.meta.id);
    if (text) this.receiveText(text);
    return delta;
  }

  /**
   * The journal's cells newer than storage (the page went away before IndexedDB committed):
   * merged and written now, not as an undo step.
   */
  replayJournal(): SessionDelta | null {
    const journaled = this.journal.read(this.meta.id);
    const delta = this.merge([...journaled.values()], 'replay');
    // What the journal holds that storage already has is done with; what it held newer is now
    // pending here and journaled under this tab, so other tabs' (and earlier pages') entries go.
    this.journal.committed(this.meta.id, [...journaled.values()].filter((j) => !this.pending.has(j.key)));
    this.journal.adopt(this.meta.id);
    return delta;
  }

  /**
   * The one merge of cells written elsewhere (another tab's message, storage, the journal): per
   * cell, the later write wins (last writer wins, by each write's own time). A newer write from
   * another tab replaces our pending edit of the cell (storage keeps the newer one too) and leaves
   * our undo steps; a journaled one is ours again: pending, journaled under this tab, written —
   * even when this page already shows the same figure (its tab may still be open).
   */
  private merge(written: WrittenCell[], origin: 'remote' | 'replay'): SessionDelta | null {
    const known = compile(this.template).refs;
    const changes: CellChange[] = [];
    const taken: WrittenCell[] = [];
    for (const w of written) {
      if (!known.has(w.key) || w.at <= (this.stamps.get(w.key) ?? 0)) continue;
      this.stamps.set(w.key, w.at);
      const entry: CellEntry = w.raw === '' ? EMPTY : { raw: w.raw, value: w.value };
      if (origin === 'replay') {
        this.pending.set(w.key, { ...w, origin: 'replay' });
        taken.push(w);
      } else this.pending.delete(w.key);
      if (!same(this.values.get(w.key) ?? EMPTY, entry)) changes.push({ key: w.key, entry });
    }
    if (taken.length) this.journal.write(this.meta.id, taken);
    const delta = changes.length ? this.show(changes, origin) : null;
    if (origin === 'remote' && delta) this.forget(delta.keys);
    if (taken.length) this.write();
    return delta;
  }

  /**
   * Another tab's write is not ours to undo: the cells it changed leave our undo and redo steps,
   * so Ctrl+Z never puts back an older figure over it.
   */
  private forget(keys: CellKey[]) {
    const gone = new Set(keys);
    const trim = (steps: Step[]) => steps.map((s) => ({ ...s, cells: s.cells.filter((c) => !gone.has(c.key)) })).filter((s) => s.cells.length);
    this.undoStack = trim(this.undoStack);
    this.redoStack = trim(this.redoStack);
  }

  /**
   * Sets a cell's note ('' deletes it). Resolves once stored; a failed write throws and changes
   * nothing here, so the dialog keeps the person's text and says why.
   */
  async setNote(key: CellKey, text: string): Promise<void> {
    const note = await this.store.setNote(this.meta.id, key, text);
    const written = { key, text: note?.text ?? '', at: note?.at ?? this.now() };
    this.tabs?.announce({ reportId: this.meta.id, entries: [], notes: [written] });
    this.takeNotes([written]);
  }

  /** Reviews another tab kept or took back. */
  receiveReviews(reviews: { id: string; review: Review | null }[]) {
    const before = this.marks;
    for (const r of reviews) {
      if (r.review) this.reviews.set(r.id, r.review);
      else this.reviews.delete(r.id);
    }
    this.marksCache = null;
    this.announce(changedRows(before, this.marks));
    if (reviews.some((r) => isStatementId(r.id))) this.showText();
  }

  /** Notes another tab set: the newer wins. */
  receiveNotes(notes: NoteWritten[]) {
    this.takeNotes(notes.filter((n) => n.at >= (this.notes.get(n.key)?.at ?? 0)));
  }

  private takeNotes(notes: NoteWritten[]) {
    const known = compile(this.template).refs;
    const rows = new Set<string>();
    for (const n of notes) {
      if (!known.has(n.key)) continue;
      if (n.text) this.notes.set(n.key, { text: n.text, at: n.at });
      else this.notes.delete(n.key);
      const { table, row } = parseCellKey(n.key);
      rows.add(`${table}/${row}`);
    }
    if (!rows.size) return;
    const delta: SessionDelta = { origin: 'note', keys: [], rows };
    for (const l of this.listeners) l(delta);
  }

  /**
   * A cell's history, oldest first: every stored write with its time and origin, then the one
   * applied here and not yet saved (if any).
   */
  async history(key: CellKey): Promise<HistoryEntry[]> {
    const stored: HistoryEntry[] = (await this.store.history(this.meta.id, key)).map((h) => ({ raw: h.raw, value: h.value, at: h.at, origin: h.origin, saved: true }));
    const p = this.pending.get(key);
    if (p && !stored.some((h) => h.at === p.at)) stored.push({ raw: p.raw, value: p.value, at: p.at, origin: p.origin, saved: false });
    return stored;
  }

  /**
   * Works out which figures are wrong for the figures as they stand (if not done yet) and tells
   * the listeners which rows' marks changed. Runs by itself after each edit; a download or a
   * dialog that needs the causes now calls it directly.
   */
  localise(): SessionDelta | null {
    if (!this.stale.size) return null;
    const before = this.marks;
    this.located = causesFor(this.template, this.values, this.checks.result, this.previous?.values);
    this.stale.clear();
    this.marksCache = null;
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) w();
    const rows = changedRows(before, this.marks);
    if (!rows.size) return null;
    const delta: SessionDelta = { origin: 'localise', keys: [], rows };
    for (const l of this.listeners) l(delta);
    return delta;
  }

  /** Resolves once the causes are worked out for the figures as they stand. */
  whenLocalised(): Promise<void> {
    if (!this.stale.size) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private scheduleLocalise() {
    if (this.localiseQueued) return;
    this.localiseQueued = true;
    this.schedule(() => {
      this.localiseQueued = false;
      this.localise();
    });
  }

  /**
   * Marks a cause as checked (已核实) with the person's reason: it counts apart and stays so
   * until a cell it reads changes. Resolves once stored; a failed write throws and changes nothing.
   */
  async review(causeId: string, reason: string): Promise<void> {
    let reads: [CellKey, string][];
    if (isStatementId(causeId)) {
      // A clause of the text that disagrees with the tables (正文与表格).
      const statement = this.statements.find((s) => s.verdict === 'disagrees' && statementId(s) === causeId);
      if (!statement) throw new Error('正文中的这一处已与表格一致，或已不在正文中');
      reads = statementReads(statement, this.values);
    } else {
      this.localise();
      const cause = this.located.find((c) => c.id === causeId);
      if (!cause) throw new Error('这条校验结果已不存在（数字已改动）');
      reads = readsOf(cause, this.values);
    }
    const text = reason.trim();
    if (!text) throw new Error('请写明核实的理由');
    const review: Review = { id: causeId, reason: text.slice(0, 500), at: this.now(), reads };
    const before = this.marks;
    this.reviews.set(causeId, review);
    this.lapsed.delete(causeId);
    this.marksCache = null;
    try {
      await this.store.setReview(this.meta.id, causeId, review, this.summary);
    } catch (e) {
      this.reviews.delete(causeId);
      this.marksCache = null;
      throw e;
    }
    this.tabs?.announce({ reportId: this.meta.id, entries: [], reviews: [{ id: causeId, review }] });
    this.announce(changedRows(before, this.marks));
    if (isStatementId(causeId)) this.showText();
  }

  /** Takes a review back: the cause counts as an error (or warning) again. */
  async unreview(causeId: string): Promise<void> {
    const old = this.reviews.get(causeId);
    if (!old) return;
    const before = this.marks;
    this.reviews.delete(causeId);
    this.marksCache = null;
    try {
      await this.store.setReview(this.meta.id, causeId, null, this.summary);
    } catch (e) {
      this.reviews.set(causeId, old);
      this.marksCache = null;
      throw e;
    }
    this.tabs?.announce({ reportId: this.meta.id, entries: [], reviews: [{ id: causeId, review: null }] });
    this.announce(changedRows(before, this.marks));
    if (isStatementId(causeId)) this.showText();
  }

  private announce(rows: Set<string>) {
    if (!rows.size) return;
    const delta: SessionDelta = { origin: 'localise', keys: [], rows };
    for (const l of this.listeners) l(delta);
  }

  /**
   * A paste anywhere in the report (what the clipboard held, and the selected cell): written as
   * one undoable batch where the block fits this form; otherwise nothing is written and the
   * outcome says why, or offers the form the block belongs to.
   */
  paste(clip: Clip, anchor?: Anchor): Promise<PasteOutcome> {
    return pasteInto(this, allForms(), clip, anchor);
  }

  /** A file of this report's form written into it, with the odd columns (by index) the person took. */
  fillImport(found: FoundTable, acceptedOdd: number[] = []): PasteReport {
    return fillFrom(this, found, acceptedOdd);
  }

  /** An odd column of the last paste taken as the form's column it resembles: one more step. */
  takeOdd(report: PasteReport, odd: OddColumnReport): PasteReport {
    return takeOddColumn(this, report, odd);
  }

  /** Resolves when every write issued so far has been tried. */
  flushed(): Promise<void> {
    return this.queue;
  }

  /** A write of a cache (the report's stored summary) in this session's write order; its failure costs nothing but the cache. */
  afterWrites(write: () => Promise<void>) {
    this.queue = this.queue.then(write).catch(() => {});
  }

  /** Stops retrying (the page is closing); whatever is unsaved stays in the journal. */
  close() {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const u of this.unlink.splice(0)) u();
    this.listeners.clear();
    this.statusListeners.clear();
  }

  /** The user's own batch (or its undo/redo): journaled first, then shown, then written. */
  private commit(cells: CellChange[], origin: Origin): SessionDelta {
    // A strictly increasing time: two batches in one millisecond must stay in order.
    const at = (this.lastAt = Math.max(this.now(), this.lastAt + 1));
    const written = cells.map(({ key, entry }) => ({ key, raw: entry.raw, value: entry.value, at }));
    // First the journal (synchronous): from here on a reload cannot lose the batch.
    this.journal.write(this.meta.id, written);
    for (const w of written) {
      this.pending.set(w.key, { ...w, origin: origin as HistoryOrigin });
      this.stamps.set(w.key, at);
    }
    const delta = this.show(cells, origin);
    this.write();
    return delta;
  }

  /**
   * Takes cells into the figures shown, checks what they change (incrementally) and tells the
   * listeners which rows to repaint: every batch, ours or merged, passes here once.
   */
  private show(cells: CellChange[], origin: Origin): SessionDelta {
    for (const { key, entry } of cells) {
      if (entry.raw === '') this.values.delete(key);
      else this.values.set(key, entry);
    }
    this.statementsCache = null;
    const keys = cells.map((c) => c.key);
    // The rows whose findings changed (the changed cells' rows included)…
    const { rows } = this.checks.apply(keys);
    // …and the rows of every cause that stood until now and reads a changed cell (its marks go:
    // the failing relations show as such until the localisation runs again), or whose review
    // (已核实) lapses. The delta names them all, so a grid paints exactly what it says.
    const changed = new Set(keys);
    const lapsed = this.lapseReviews(keys);
    for (const c of this.located)
      if (lapsed.has(c.id) || (c.cells.some((k) => changed.has(k)) && !c.cells.some((k) => this.stale.has(k)))) causeRows(c, rows);
    for (const k of keys) this.stale.add(k);
    this.marksCache = null;
    this.scheduleLocalise();
    const delta: SessionDelta = { origin, keys, rows };
    for (const l of this.listeners) l(delta);
    return delta;
  }

  /** A review is cleared when a cell it read changes (its figures are no longer what was checked); returns those newly lapsed. */
  private lapseReviews(keys: CellKey[]): Set<string> {
    const now = new Set<string>();
    if (!this.reviews.size) return now;
    const changed = new Set(keys);
    for (const r of this.reviews.values())
      if (!this.lapsed.has(r.id) && r.reads.some(([k]) => changed.has(k)) && !reviewHolds(r, this.values)) {
        this.lapsed.add(r.id);
        now.add(r.id);
      }
    return now;
  }

  /**
   * Writes every pending cell in one transaction, after the writes already queued, with the
   * summary of the figures written: it waits for their localisation (it runs right after the
   * edit has painted; the journal holds the figures meanwhile).
   */
  private write() {
    this.status();
    if (this.writeQueued) return;
    this.writeQueued = true;
    this.queue = this.queue.then(async () => {
      await this.whenLocalised();
      this.writeQueued = false;
      if (!this.pending.size) return;
      const batch = [...this.pending.values()];
      const at = Math.max(...batch.map((b) => b.at));
      try {
        const lapsed = [...this.lapsed];
        const written = await this.store.saveCells(this.meta.id, batch.map((b) => ({ key: b.key, entry: { raw: b.raw, value: b.value }, at: b.at, origin: b.origin })), this.summary, at, lapsed);
        // Once committed, so another tab that reads storage on the message finds them there.
        this.tabs?.announce({ reportId: this.meta.id, entries: written });
        for (const id of lapsed) {
          this.lapsed.delete(id);
          this.reviews.delete(id);
        }
        for (const b of batch) if (this.pending.get(b.key)?.at === b.at) this.pending.delete(b.key);
        this.journal.committed(this.meta.id, batch.map((b) => ({ key: b.key, at: b.at })));
        this.lastError = '';
        this.retries = 0;
      } catch (e) {
        // Kept pending (and in the journal): retried, then written with the next edit.
        this.lastError = e instanceof Error ? e.message : String(e);
        this.scheduleRetry();
      }
      this.status();
    });
  }

  private scheduleRetry() {
    if (this.retryTimer) return;
    const wait = RETRY_MS[Math.min(this.retries++, RETRY_MS.length - 1)];
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.pending.size) this.write();
    }, wait);
  }

  /** 已保存 only when nothing is pending; otherwise which cells are not yet saved, and why. */
  private status() {
    const state = !this.pending.size ? 'saved' : this.lastError ? 'error' : 'saving';
    const s = this.saveStatus;
    // Unchanged (saving more cells while saving): nothing to tell, nothing to build per keystroke.
    if (s.state === state && state !== 'error') return;
    const unsaved = [...this.pending.keys()];
    const next: SaveStatus = state === 'saved' ? { state } : state === 'error' ? { state, unsaved, message: this.lastError } : { state, unsaved };
    this.saveStatus = next;
    for (const l of this.statusListeners) l(next);
  }
}
