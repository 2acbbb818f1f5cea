import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  // PUBLIC_HANDSONTABLE_LICENSE_KEY lets a deployment set its own Handsontable key at build time.
  envPrefix: ['VITE_', 'PUBLIC_'],
  // A classic (iife) worker: a module worker from a blob: URL will not start in the one-file
  // build opened from file:// (opaque origin), a classic one does.
  worker: { format: 'iife' },
  // pdf.js's binary CMaps (Chinese fonts a PDF does not embed), inlined into the PDF worker.
  assetsInclude: ['**/*.bcmap'],
  server: { port: 5173 }
});
