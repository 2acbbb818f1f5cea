// The report session for Svelte: the few things the page shows, as runes, kept current from the
// session's events. All logic stays in report-session.ts.
import type { CheckResult } from '$lib/domain/checks';
import type { Marks } from '$lib/domain/marks';
import type { ReportRecord } from '$lib/storage/db';
import type { ReportSession, SaveStatus } from './report-session';

export class SessionView {
  result: CheckResult = $state.raw()!;
  marks: Marks = $state.raw()!;
  summary: ReportRecord['summary'] = $state.raw()!;
  saveStatus: SaveStatus = $state.raw()!;
  canUndo = $state(false);
  canRedo = $state(false);
  private readonly stop: (() => void)[];

  constructor(readonly session: ReportSession) {
    this.refresh();
    this.saveStatus = session.saveStatus;
    this.stop = [session.subscribe(() => this.refresh()), session.watchStatus((s) => (this.saveStatus = s))];
  }

  private refresh() {
    this.result = this.session.result;
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
