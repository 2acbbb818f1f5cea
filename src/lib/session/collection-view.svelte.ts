// The 汇总 session for Svelte: what the page shows, as runes, kept current from the session's
// events. All logic stays in collection-session.ts.
import type { Contribution, Summary } from '$lib/domain/summary';
import type { Template } from '$lib/domain/model';
import type { CollectionRecord, ReportRecord } from '$lib/storage/reports';
import { CollectionSession } from './collection-session';

export class CollectionView {
  collection: CollectionRecord | null = $state.raw(null);
  template: Template | null = $state.raw(null);
  reports: ReportRecord[] = $state.raw([]);
  summary: Summary | null = $state.raw(null);
  /** Each summary finding's units and their parts, by findingKey (empty until worked out). */
  shares: ReadonlyMap<string, Contribution[]> = $state.raw(new Map());
  problem = $state('');
  /** Units in the 汇总 by every name they are known by. */
  existing: ReadonlyMap<string, ReportRecord> = $state.raw(new Map());
  /** Expected units not reported. */
  missing: string[] = $state.raw([]);
  private readonly stop: () => void;

  constructor(readonly session: CollectionSession) {
    this.refresh();
    this.stop = session.subscribe(() => this.refresh());
  }

  private refresh() {
    const s = this.session;
    this.collection = s.collection;
    this.template = s.template;
    this.reports = s.reports;
    this.summary = s.summary;
    this.shares = s.shares;
    this.problem = s.problem;
    this.existing = s.existing;
    this.missing = s.missing;
  }

  close() {
    this.stop();
    this.session.close();
  }
}

/** The 汇总 `id` opened (read in the background: the view fills as the session loads). */
export function openCollection(id: string): CollectionView {
  const view = new CollectionView(new CollectionSession(id));
  void view.session.load();
  return view;
}
