// The report session for Svelte: the few things the page shows, as runes, kept current from the
// session's events. All logic stays in report-session.ts.
import type { CheckResult } from '$lib/domain/checks';
import type { Cause } from '$lib/domain/locate/causes';
import type { Marks } from '$lib/domain/marks';
import type { Review } from '$lib/domain/report-check';
import type { ReportRecord } from '$lib/storage/db';
import type { ReportSession, SaveStatus } from './report-session';

export class SessionView {
  result: CheckResult = $state.raw()!;
  /** The findings by cause, the likely wrong figures first. */
  causes: readonly Cause[] = $state.raw([]);
  /** Causes reviewed (已核实), with their reviews. */
  reviewed: ReadonlyMap<string, Review> = $state.raw(new Map());
  marks: Marks = $state.raw()!;
  summary: ReportRecord['summary'] = $state.raw()!;
  saveStatus: SaveStatus = $state.raw()!;
  canUndo = $state(false);
  canRedo = $state(false);
  /** Each cell's note text (批注), replaced when a note changes. */
  notes: ReadonlyMap<string, string> = $state.raw(new Map());
  private readonly stop: (() => void)[];

  constructor(readonly session: ReportSession) {
    this.refresh();
    this.refreshNotes();
    this.saveStatus = session.saveStatus;
    this.stop = [
      session.subscribe((d) => (d.origin === 'note' ? this.refreshNotes() : this.refresh())),
      session.watchStatus((s) => (this.saveStatus = s))
    ];
  }

  private refreshNotes() {
    this.notes = new Map([...this.session.notes].map(([k, n]) => [k, n.text]));
  }

  private refresh() {
    this.result = this.session.result;
    this.causes = this.session.causes;
    const ids = this.session.reviewed;
    this.reviewed = new Map([...this.session.reviews].filter(([id]) => ids.has(id)));
    this.marks = this.session.marks;
    this.summary = this.session.summary;
    this.canUndo = this.session.canUndo;
    this.canRedo = this.session.canRedo;
  }

  close() {
    for (const s of this.stop) s();
    this.session.close();
  }
}
