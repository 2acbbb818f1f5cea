import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  // PUBLIC_HANDSONTABLE_LICENSE_KEY lets a deployment set its own Handsontable key at build time.
  envPrefix: ['VITE_', 'PUBLIC_'],
  server: { port: 5173 }
});
