// What a report keeps at most: plain constants, importable from workers without the storage code.

/** The longest report text kept (a report runs to ~20,000 characters; a whole book is not one). */
export const TEXT_MAX = 300_000;

/** The longest note kept (a few sentences explaining a figure, not a document). */
export const NOTE_MAX = 1000;
