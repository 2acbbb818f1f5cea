// A clause of the text that disagrees with the tables can be checked (已核实) like any finding:
// the person says why (the text was published so; the table is right), and it counts apart until
// a cell it is judged against changes, or the clause is no longer in the text.
import { reviewHolds, type Review } from '../report-check';
import type { CellKey, Values } from '../model';
import type { Statement } from './statements';

/** A clause's id: its measure and its words (not its place: text added before it must not lose its review). */
export const statementId = (s: Pick<Statement, 'measure' | 'quote'>) => `prose:${s.measure}:${s.quote}`;

export const isStatementId = (id: string) => id.startsWith('prose:');

/** What a review of the clause read: the cells it is judged against, as they stand. */
export function statementReads(s: Statement, values: Values): [CellKey, string][] {
  return s.cells.map((k) => [k, values.get(k)?.raw ?? '']);
}

/** The ids of the disagreeing clauses reviewed by reviews that still hold. */
export function reviewedStatements(statements: readonly Statement[], reviews: Iterable<Review>, values: Values): Set<string> {
  const byId = new Map<string, Review>();
  for (const r of reviews) if (isStatementId(r.id)) byId.set(r.id, r);
  const out = new Set<string>();
  if (!byId.size) return out;
  for (const s of statements) {
    const id = statementId(s);
    const r = byId.get(id);
    if (s.verdict === 'disagrees' && r && reviewHolds(r, values)) out.add(id);
  }
  return out;
}
