// Bundles the Node side with esbuild: the CLI/serve entry (ESM), the Electron main process
// and the preload (CommonJS; a sandboxed preload must be one self-contained script).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

/** `import text from './file.sh?raw'` → the file's text, as Vite and Vitest do it. */
const rawPlugin = {
  name: 'raw',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({ path: path.resolve(args.resolveDir, args.path.slice(0, -4)), namespace: 'raw' }));
    b.onLoad({ filter: /.*/, namespace: 'raw' }, async (args) => ({ contents: await readFile(args.path, 'utf8'), loader: 'text' }));
  },
};

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', plugins: [rawPlugin] };

await Promise.all([
  // split: what the CLI imports with import() (the MCP client, the agent's SDKs) loads on first use
  build({
    ...common,
    entryPoints: { cli: 'main/cli/index.ts' },
    outdir: 'out/main',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    format: 'esm',
    packages: 'external',
  }),
  // CommonJS: the packages loaded on first use with import() become require() calls, which
  // load from inside app.asar like the static ones
  build({ ...common, entryPoints: ['main/electron/main.ts'], outfile: 'out/main/electron.cjs', format: 'cjs', packages: 'external', supported: { 'dynamic-import': false } }),
  build({ ...common, entryPoints: ['preload/index.ts'], outfile: 'out/preload/index.cjs', format: 'cjs', external: ['electron'] }),
  // developer tool and bench fixture ("replay a session"); not packaged with the app
  build({ ...common, entryPoints: ['main/services/agent/test-support/scripted-bedrock.ts'], outfile: 'out/test-support/scripted-bedrock.mjs', format: 'esm', packages: 'external' }),
  // the checkpoint engine on its own, for bench #13
  build({ ...common, entryPoints: ['main/services/review/checkpoints.ts'], outfile: 'out/test-support/checkpoints.mjs', format: 'esm', packages: 'external' }),
]);
