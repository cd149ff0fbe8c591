import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { serveFixture } from '../support/serve';

base('a file over the large-file threshold opens read-optimised, as plain text without a minimap', async ({ page }) => {
  const served = await serveFixture('workspace', { settings: { 'files.largeFileThreshold': 1024 * 1024 } });
  try {
    const lines = Array.from({ length: 60_000 }, (_, i) => `const line${i} = ${i}; // padding padding`).join('\n');
    await fsp.writeFile(path.join(served.root, 'big.ts'), lines);
    await page.goto(served.url);
    await page.locator('.tree-row[data-path="big.ts"]').click();
    await expect(page.locator('.info-bar', { hasText: 'opened in large-file mode' })).toBeVisible();
    await expect(page.getByTestId('status-language')).toHaveText('Plain Text (large file)');
    await expect(page.locator('.monaco-editor .minimap')).toBeHidden();
    // an ordinary file still gets its language and minimap
    await page.locator('.tree-row[data-path="package.json"]').click();
    await expect(page.getByTestId('status-language')).toHaveText('JSON');
    await expect(page.locator('.monaco-editor .minimap')).toBeVisible();
  } finally {
    await served.stop();
  }
});

base('a large file streams in: the first screen shows at once, and once all of it has arrived it edits and saves byte for byte', async ({ page }) => {
  const served = await serveFixture('workspace');
  try {
    // ~6 MB with CRLF line endings: several pieces, each cut next to a \r\n
    const lines = Array.from({ length: 120_000 }, (_, i) => `row ${String(i).padStart(6, '0')}: ünïcödé text to pad the line out a little`);
    const original = lines.join('\r\n') + '\r\n';
    const file = path.join(served.root, 'stream.txt');
    await fsp.writeFile(file, original);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(served.url);
    // a double-click (a preview, then kept) gives one tab
    await page.locator('.tree-row[data-path="stream.txt"]').dblclick();
    const view = page.locator('[data-testid=editor] .view-lines');
    await expect(view).toContainText('row 000000:');
    await expect(page.locator('.tab', { hasText: 'stream.txt' })).toHaveCount(1);
    // read-only until the rest has arrived, then editable
    await expect(page.getByTestId('loading-bar')).toHaveCount(0, { timeout: 30_000 });
    await view.click();
    await page.keyboard.press('Control+End');
    await expect(view).toContainText('row 119999:');
    await page.keyboard.type('the end');
    await expect(page.locator('.tab.active')).toHaveClass(/dirty/);
    await page.keyboard.press('Control+s');
    await expect(page.locator('.tab.active')).not.toHaveClass(/dirty/);
    expect(await fsp.readFile(file, 'utf8')).toBe(original + 'the end');
    expect(errors).toEqual([]);
  } finally {
    await served.stop();
  }
});

base('saving while a large file is still loading is refused, and the file on disk is left whole', async ({ page }) => {
  const served = await serveFixture('workspace');
  try {
    // ~40 MB: at least 40 pieces at one per frame, so the load lasts well over half a second
    const line = 'a line of text that is long enough to make a large file quickly enough\n';
    const original = line.repeat(Math.ceil((40 * 1024 * 1024) / line.length));
    const file = path.join(served.root, 'huge.txt');
    await fsp.writeFile(file, original);
    await page.goto(served.url);
    await page.locator('.tree-row[data-path="huge.txt"]').click();
    await expect(page.getByTestId('loading-bar')).toBeVisible();
    await page.locator('[data-testid=editor] .view-lines').click();
    await page.keyboard.press('Control+s');
    await expect(page.getByText('huge.txt is still loading; nothing was saved.')).toBeVisible();
    await expect(page.getByTestId('loading-bar')).toHaveCount(0, { timeout: 60_000 });
    expect((await fsp.stat(file)).size).toBe(Buffer.byteLength(original));
  } finally {
    await served.stop();
  }
});

base('a large file changed on disk streams in again, and a clean tab follows it', async ({ page }) => {
  const served = await serveFixture('workspace');
  try {
    const lines = Array.from({ length: 100_000 }, (_, i) => `entry ${String(i).padStart(6, '0')} of a log that keeps growing`);
    const file = path.join(served.root, 'app.log');
    await fsp.writeFile(file, lines.join('\n') + '\n');
    // the largest message the page receives: a file read in one message would be the whole file
    await page.addInitScript(() => {
      const w = window as unknown as { __largest: number; WebSocket: typeof WebSocket };
      w.__largest = 0;
      const Base = w.WebSocket;
      w.WebSocket = class extends Base {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols);
          const size = (d: unknown) => (typeof d === 'string' ? d.length : d instanceof ArrayBuffer ? d.byteLength : d instanceof Blob ? d.size : 0);
          this.addEventListener('message', (e) => (w.__largest = Math.max(w.__largest, size(e.data))));
        }
      };
    });
    await page.goto(served.url);
    await page.locator('.tree-row[data-path="app.log"]').click();
    const view = page.locator('[data-testid=editor] .view-lines');
    await expect(view).toContainText('entry 000000');
    await expect(page.getByTestId('loading-bar')).toHaveCount(0, { timeout: 30_000 });
    await fsp.appendFile(file, 'a new last line\n');
    // the tab reloads (in pieces again) and stays clean
    await expect(async () => {
      await view.click();
      await page.keyboard.press('Control+End');
      await expect(view).toContainText('a new last line', { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await expect(page.getByTestId('loading-bar')).toHaveCount(0);
    await expect(page.locator('.tab.active')).not.toHaveClass(/dirty/);
    // both the open and the reload came in pieces of about 1 MB, never the whole ~5 MB at once
    expect(await page.evaluate(() => (window as unknown as { __largest: number }).__largest)).toBeLessThan(1.5 * 1024 * 1024);
  } finally {
    await served.stop();
  }
});
