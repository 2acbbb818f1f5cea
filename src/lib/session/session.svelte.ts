// The report session for Svelte: the few things the page shows, as runes, kept current from the
// session's deltas — each delta touches only the runes whose inputs it changed. All logic stays in
// report-session.ts.
import type { CheckResult } from '$lib/domain/checks';
import type { Cause } from '$lib/domain/locate/causes';
import type { Marks } from '$lib/domain/marks';
import type { Review } from '$lib/domain/report-check';
import type { Statement } from '$lib/domain/prose/statements';
import type { PartNote } from '$lib/domain/prose/parts';
import type { ReportRecord } from '$lib/storage/db';
import { afterPaint, type ReportSession, type SaveStatus, type SessionDelta } from './report-session';

export class SessionView {
  /** The findings by cause, the likely wrong figures first. */
  causes: readonly Cause[] = $state.raw([]);
  /** Causes reviewed (已核实), with their reviews. */
  reviewed: ReadonlyMap<string, Review> = $state.raw(new Map());
  /**
   * The report's summary. Its counts by cause follow the localisation (which runs right after the
   * keystroke's frame); `filled` follows every edit.
   */
  summary: ReportRecord['summary'] = $state.raw()!;
  saveStatus: SaveStatus = $state.raw()!;
  canUndo = $state(false);
  canRedo = $state(false);
  /** Each cell's note text (批注), replaced when a note changes. */
  notes: ReadonlyMap<string, string> = $state.raw(new Map());
  /** The report's text (正文) and its clauses judged against the tables; taken after the localisation, not per keystroke. */
  text: { text: string; source: string } | null = $state.raw(null);
  statements: readonly Statement[] = $state.raw([]);
  /** The text's parts against the national template (提示). */
  parts: readonly PartNote[] = $state.raw([]);
  /** The disagreeing clauses reviewed (已核实), by statement id, with their reviews. */
  proseReviewed: ReadonlyMap<string, Review> = $state.raw(new Map());
  private readonly stop: (() => void)[];

  constructor(readonly session: ReportSession) {
    this.takeCauses();
    this.summary = session.summary;
    this.takeNotes();
    this.takeText();
    this.saveStatus = session.saveStatus;
    this.stop = [session.subscribe((d) => this.update(d)), session.watchStatus((s) => (this.saveStatus = s))];
    // Just opened: the causes are worked out right after the first frame (report-session.ts).
    if (!session.localised) this.queuePanel();
  }

  /** The check result and the marks, as the session holds them (the grid paints these; no rune needed). */
  get result(): CheckResult {
    return this.session.result;
  }
  get marks(): Marks {
    return this.session.marks;
  }

  private update(d: SessionDelta) {
    switch (d.origin) {
      case 'note':
        this.takeNotes();
        return;
      case 'localise': // the causes worked out after an edit, or a cause reviewed
        if (this.panelQueued) return; // the queued update below takes them
        this.takeCauses();
        this.summary = this.session.summary;
        if (this.text) this.takeStatements();
        return;
      case 'text':
        this.takeText();
        this.summary = this.session.summary;
        return;
      default:
        // Figures changed. The grid paints the failing relations in the keystroke's own frame;
        // the findings, the count filled and the text's clauses follow right after that frame,
        // with the localisation (scheduled before this, so it has run by then): rendering the
        // findings panel in the keystroke's frame cost ~8 ms of an Enter at CPU ×4, and it was
        // rendered again by the localisation a frame later anyway.
        this.canUndo = this.session.canUndo;
        this.canRedo = this.session.canRedo;
        this.queuePanel();
    }
  }

  private queuePanel() {
    if (this.panelQueued) return;
    this.panelQueued = true;
    afterPaint(() => {
      if (this.closed) return;
      this.session.localise(); // done already, unless a hidden tab's timers ran us first
      this.panelQueued = false;
      this.takeCauses();
      this.summary = this.session.summary;
      if (this.text) this.takeStatements();
    });
  }
  private panelQueued = false;
  private closed = false;

  private takeCauses() {
    this.causes = this.session.causes;
    this.reviewed = this.reviewedNow();
    this.canUndo = this.session.canUndo;
    this.canRedo = this.session.canRedo;
  }

  private reviewedNow(): ReadonlyMap<string, Review> {
    const ids = this.session.reviewed;
    return new Map([...this.session.reviews].filter(([id]) => ids.has(id)));
  }

  private takeText() {
    const t = this.session.text;
    this.text = t ? { text: t.text, source: t.source } : null;
    this.parts = this.session.parts;
    this.takeStatements();
  }

  private takeStatements() {
    this.statements = this.session.statements;
    const ids = this.session.reviewedStatements;
    this.proseReviewed = ids.size ? new Map([...this.session.reviews].filter(([id]) => ids.has(id))) : new Map();
  }

  private takeNotes() {
    this.notes = new Map([...this.session.notes].map(([k, n]) => [k, n.text]));
  }

  close() {
    this.closed = true;
    for (const s of this.stop) s();
    this.session.close();
  }
}
