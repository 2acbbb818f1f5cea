// The stored records as views see them: routes and components take these names from the
// application layer, so none of them needs to import the store (src/lib/storage) itself.
export type { CollectionRecord, FormRecord, HistoryOrigin, HistoryRecord, NoteRecord, ReportRecord, ReviewRecord, UnitRecord } from '$lib/storage/reports';
export type { Backup, ConflictChoice, RestorePlan } from '$lib/storage/backup';
export { NOTE_MAX } from '$lib/storage/reports';
