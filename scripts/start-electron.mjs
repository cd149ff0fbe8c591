// `npm start`: launches the desktop app, or explains plainly why it cannot.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

const require = createRequire(import.meta.url);
let electronPath = process.env.ELECTRON_PATH;
if (!electronPath) {
  try {
    electronPath = require('electron'); // the package exports the binary's path, and throws if it was never downloaded
  } catch {
    electronPath = undefined;
  }
}
if (!electronPath || !existsSync(electronPath)) {
  process.stderr.write(
    [
      'Specwright: the Electron binary is not installed, so the desktop app cannot start.',
      '  - With internet access: run `npm install` again without ELECTRON_SKIP_BINARY_DOWNLOAD (or `node node_modules/electron/install.js`).',
      '  - Or set ELECTRON_PATH to an existing Electron executable.',
      '  - Or use the same workbench in a browser: `npm run serve -- <folder>` and open the printed URL.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}
const child = spawn(electronPath, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
