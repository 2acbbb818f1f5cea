import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
  // Property tests take 2–3 s alone and twice that on a 2-core machine busy with other work (CI
  // installs, a build): 20 s keeps a slow machine from failing what a fast one passes.
  test: { include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 20_000 }
});
