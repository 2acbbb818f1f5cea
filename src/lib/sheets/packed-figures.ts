// A 汇总 file's figures as they cross from the batch worker to the page: one JSON string of
// [key, raw, value], the pack record's own cells. One string crosses instead of ~800 objects a
// file: the page holds the reads until they are written, and 1,000 files' objects made each
// young-heap scavenge copy them (40–60 ms of the main thread while the workers had both cores).
// No imports but types: the 汇总 page unpacks without loading the readers.
import type { CellEntry, CellKey } from '$lib/domain/model';
import type { PackRecord } from '$lib/storage/db';

export type PackedFigures = PackRecord['cells'];

export const packFigures = (entries: Iterable<readonly [CellKey, CellEntry]>): string => JSON.stringify(Array.from(entries, ([key, e]) => [key, e.raw, e.value]));
export const unpackFigures = (figures: string): PackedFigures => JSON.parse(figures);
