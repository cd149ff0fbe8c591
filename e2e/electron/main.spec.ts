import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, promises as fsp } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { copyFixture, repoRoot } from '../support/serve';

/** The Electron binary: $ELECTRON_PATH, else the one the electron package downloaded (absent on machines without internet). */
function electronBinary(): string | null {
  if (process.env.ELECTRON_PATH) return existsSync(process.env.ELECTRON_PATH) ? process.env.ELECTRON_PATH : null;
  try {
    const p = createRequire(import.meta.url)('electron') as unknown as string;
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

test('desktop app: open a folder, edit and save a file', async () => {
  test.skip(!binary, 'No Electron binary on this machine (it cannot be downloaded here); set ELECTRON_PATH to run the desktop journey.');
  const { base, root: fixture } = copyFixture();
  const app = await electron.launch({
    executablePath: binary ?? undefined,
    args: [repoRoot, fixture],
    env: { ...process.env, SPECWRIGHT_CONFIG_DIR: path.join(base, 'config') },
  });
  try {
    const page = await app.firstWindow();
    await page.locator('.tree-row[data-path="src"]').click();
    await page.locator('.tree-row[data-path="src/greet.ts"]').click();
    await page.locator('.monaco-editor [role="textbox"]').first().focus();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('// desktop\n');
    await page.keyboard.press('Control+s');
    await expect(page.locator('.tab.active.dirty')).toHaveCount(0);
    expect(await fsp.readFile(path.join(fixture, 'src/greet.ts'), 'utf8')).toMatch(/^\/\/ desktop\n/);
  } finally {
    await app.close();
    await fsp.rm(base, { recursive: true, force: true });
  }
});
