#!/usr/bin/env node
// The `specwright` command: runs the built CLI (npm run build creates out/main/cli.mjs).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'cli.mjs');
if (!existsSync(cli)) {
  process.stderr.write('specwright: not built yet. Run `npm run build` in the Specwright folder first.\n');
  process.exit(2);
}
await import(pathToFileURL(cli).href);
