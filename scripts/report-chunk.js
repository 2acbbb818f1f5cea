// One chunk for what a cold-opened report needs before its first cell is clickable.
//
// Left to itself the bundler splits the shared code by which routes use it: 23 small chunks, many
// under 1 KB, that a report page fetched before its first frame (27 JS files with the entries).
// A browser fetches 6 at a time from one HTTP/1.1 server, so they came in waves, and fetching was
// most of a cold load (issue 26). This plugin works out the report route's static import graph —
// the modules the page runs before anything is imported on demand — and puts every one of them
// that is not an entry's own module into one chunk. Handsontable, SheetJS, pdf.js, docx and the
// workers stay where they are: the page imports them on demand, so they are not in that graph.
//
// The other routes that share some of these modules now load this chunk whole; they are not cold
// opened by a clerk's link the way a report is, and the home page reaches a report without a fetch.

const ROUTE = /[\\/]src[\\/]routes[\\/]report[\\/]\[id\][\\/]\+page\.svelte$/;
const LAYOUT = /[\\/]src[\\/]routes[\\/]\+layout\.svelte$/;
// Kit's client entries: its start module and the generated app (router, root, matchers).
const KIT_ENTRIES = [/[\\/]@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]client[\\/]entry\.js$/, /[\\/]generated[\\/]client-optimized[\\/]app\.js$/];

/** @returns {import('vite').Plugin} */
export function reportChunk() {
  /** @type {Set<string>} */
  const graph = new Set();
  let server = false;
  return {
    name: 'report-chunk',
    apply: 'build',
    config() {
      return {
        build: {
          rolldownOptions: {
            output: {
              codeSplitting: { groups: [{ name: 'report', test: (/** @type {string} */ id) => graph.has(id) }] }
            }
          }
        }
      };
    },
    // SvelteKit makes a build a server build in its own config hook, so it is known only once the
    // config is resolved. The server build groups nothing: it would run the report's whole graph in
    // Node at build time, where page components are otherwise loaded lazily.
    configResolved(config) {
      server = Boolean(config.build.ssr);
    },
    buildEnd() {
      graph.clear();
      if (server) return;
      const ids = [...this.getModuleIds()];
      const roots = ids.filter((id) => ROUTE.test(id) || LAYOUT.test(id) || KIT_ENTRIES.some((re) => re.test(id)));
      // Workers are built without this plugin, so a client build without the route means it moved.
      if (!roots.some((id) => ROUTE.test(id))) throw new Error(`report-chunk: no module matches ${ROUTE}: has the report route moved?`);
      const stack = [...roots];
      while (stack.length > 0) {
        const id = /** @type {string} */ (stack.pop());
        if (graph.has(id)) continue;
        const info = this.getModuleInfo(id);
        if (!info) continue;
        graph.add(id);
        stack.push(...info.importedIds);
      }
      // An entry's own module stays in its entry chunk, which would otherwise be a mere facade.
      for (const id of [...graph]) if (this.getModuleInfo(id)?.isEntry) graph.delete(id);
    }
  };
}
