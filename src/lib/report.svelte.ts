// The open report: its cells, its live check result and its save state. Edits are applied
// and checked synchronously (the grid paints the result in the same frame), then written to
// IndexedDB in order, one transaction per edit batch.
import { check, type CheckResult } from '$lib/domain/checks';
import { computeMarks, type Marks } from '$lib/domain/marks';
import type { CellEntry, CellKey, Template } from '$lib/domain/model';
import { summaryOf } from '$lib/report-status';
import type { ReportRecord, ReportStore } from '$lib/storage/reports';

export type SaveState = 'saved' | 'saving' | 'error';

export class OpenReport {
  meta: ReportRecord = $state()!;
  result: CheckResult = $state.raw()!;
  marks: Marks = $state.raw()!;
  saveState: SaveState = $state('saved');
  saveError = $state('');
  readonly values: Map<CellKey, CellEntry>;
  private queue: Promise<void> = Promise.resolve();
  private inflight = 0;

  constructor(
    readonly template: Template,
    meta: ReportRecord,
    values: Map<CellKey, CellEntry>,
    private store: ReportStore,
    /** Last year's report of the same unit and form, for the cross-year checks. */
    readonly previous?: { meta: ReportRecord; values: ReadonlyMap<CellKey, CellEntry> }
  ) {
    this.meta = meta;
    this.values = values;
    this.recheck();
  }

  get summary() {
    return summaryOf(this.template, this.values, this.result.findings);
  }

  recheck() {
    this.result = check(this.template, this.values, this.previous?.values);
    this.marks = computeMarks(this.result);
  }

  apply(edits: { key: CellKey; entry: CellEntry }[]) {
    for (const { key, entry } of edits) {
      if (entry.raw === '') this.values.delete(key);
      else this.values.set(key, entry);
    }
    this.recheck();
    this.persist(edits);
  }

  /**
   * Cells another tab wrote: take them as stored (no write back), re-check. Returns the keys
   * that changed here, for the grid to repaint.
   */
  async mergeFromStore(keys: string[]): Promise<string[]> {
    const stored = await this.store.someCells(this.meta.id, keys);
    const changed: string[] = [];
    for (const [key, entry] of stored) {
      const mine = this.values.get(key);
      if ((mine?.raw ?? '') === (entry?.raw ?? '')) continue;
      if (entry) this.values.set(key, entry);
      else this.values.delete(key);
      changed.push(key);
    }
    if (changed.length) this.recheck();
    return changed;
  }

  /** Resolves when every write issued so far has committed. */
  flushed(): Promise<void> {
    return this.queue;
  }

  private persist(edits: { key: CellKey; entry: CellEntry }[]) {
    const summary = this.summary;
    this.inflight++;
    this.saveState = 'saving';
    this.queue = this.queue
      .then(() => this.store.saveCells(this.meta.id, edits, summary))
      .then(
        () => {
          if (--this.inflight === 0 && this.saveState !== 'error') this.saveState = 'saved';
        },
        (err: unknown) => {
          this.inflight--;
          this.saveState = 'error';
          this.saveError = err instanceof Error ? err.message : String(err);
        }
      );
  }
}
