// Links inside the app. Hash-only hrefs resolve against the current document, so they work
// from a sub-path and from file:// (where "./#/…" would lose index.html and open a folder listing).
export const homeHref = '#/';
export const reportHref = (id: string) => `#/report/${encodeURIComponent(id)}`;
export const collectionHref = (id: string) => `#/collection/${encodeURIComponent(id)}`;
