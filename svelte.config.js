// Client-only SvelteKit with the hash router, so one build serves from any sub-path of any
// static server; SINGLE_FILE=1 inlines everything into one index.html that opens from file://.
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

const single = process.env.SINGLE_FILE === '1';

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: single ? 'build-single' : 'build', assets: single ? 'build-single' : 'build', strict: true }),
    router: { type: 'hash' },
    output: { bundleStrategy: single ? 'inline' : 'split' },
    outDir: single ? '.svelte-kit-single' : '.svelte-kit',
    // A strict Content-Security-Policy in a <meta> tag (works from file:// too): nothing from
    // other origins; scripts only our own (Kit hashes its inline ones). Styles allow inline
    // because Handsontable injects its theme at run time; the import worker is a blob: URL.
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self', 'data:'],
        'worker-src': ['self', 'blob:'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['none']
      }
    }
  }
};
