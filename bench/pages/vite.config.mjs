// Builds the bare baseline pages (bench/pages/*.html) into out/bench-pages/ with the app's
// Vite and the same settings as renderer/vite.config.ts (ES workers, no source maps).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  logLevel: 'warn',
  build: {
    outDir: path.resolve(here, '../../out/bench-pages'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 12000,
    sourcemap: false,
    rolldownOptions: {
      input: {
        'bare-monaco': path.join(here, 'bare-monaco.html'),
        'bare-xterm': path.join(here, 'bare-xterm.html'),
      },
    },
  },
  worker: { format: 'es' },
});
