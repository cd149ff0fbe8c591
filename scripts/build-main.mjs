// Bundles the Node side with esbuild: the CLI/serve entry (ESM), the Electron main process
// and the preload (CommonJS; a sandboxed preload must be one self-contained script).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

await Promise.all([
  build({ ...common, entryPoints: ['main/cli/index.ts'], outfile: 'out/main/cli.mjs', format: 'esm', packages: 'external' }),
  build({ ...common, entryPoints: ['main/electron/main.ts'], outfile: 'out/main/electron.cjs', format: 'cjs', packages: 'external' }),
  build({ ...common, entryPoints: ['preload/index.ts'], outfile: 'out/preload/index.cjs', format: 'cjs', external: ['electron'] }),
]);
