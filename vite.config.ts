import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { reportChunk } from './scripts/report-chunk.js';
import { checkCode } from './scripts/check-code.js';

export default defineConfig({
  // The one-file build inlines every chunk, so grouping them is for the split site only.
  plugins: [sveltekit(), ...(process.env.SINGLE_FILE === '1' ? [] : [reportChunk()])],
  // PUBLIC_HANDSONTABLE_LICENSE_KEY lets a deployment set its own Handsontable key at build time.
  envPrefix: ['VITE_', 'PUBLIC_'],
  // Which checking code this build carries: kept checks are stamped with it (src/lib/check-stamp.ts).
  define: { __CHECK_CODE__: JSON.stringify(checkCode()) },
  // A classic (iife) worker: a module worker from a blob: URL will not start in the one-file
  // build opened from file:// (opaque origin), a classic one does.
  worker: { format: 'iife' },
  // pdf.js's binary CMaps (Chinese fonts a PDF does not embed), inlined into the PDF worker.
  assetsInclude: ['**/*.bcmap'],
  server: { port: 5173 }
});
