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
    await expect(page.locator('.info-bar')).toContainText('opened in large-file mode');
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
