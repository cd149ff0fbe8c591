import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { editorText, expect, openFromTree, row, test, typeInEditor } from './fixtures';

test('open a file from the tree, type, save, and the file on disk changes', async ({ workbench: page, served }) => {
  await openFromTree(page, 'src/greet.ts');
  await expect(page.getByTestId('status-language')).toHaveText('TypeScript');
  await expect(page.getByTestId('status-encoding')).toHaveText('UTF-8');
  await expect(page.getByTestId('status-eol')).toHaveText('LF');
  await typeInEditor(page, ' // edited');
  await expect(page.locator('.tab.active.dirty')).toBeVisible();
  await expect(page.getByTestId('status-cursor')).toHaveText(/Ln 1, Col \d+/);
  await page.keyboard.press('Control+s');
  await expect(page.locator('.tab.active.dirty')).toHaveCount(0);
  const onDisk = await fsp.readFile(path.join(served.root, 'src/greet.ts'), 'utf8');
  expect(onDisk.split('\n')[0]).toBe('export function greet(name: string): string { // edited');
});

test('closing a dirty tab asks, and Cancel keeps the edits', async ({ workbench: page, served }) => {
  await openFromTree(page, 'README.md');
  await typeInEditor(page, ' draft');
  await page.getByRole('button', { name: 'Close README.md' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Do you want to save the changes');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('.tab[data-path="README.md"].dirty')).toBeVisible();
  await page.getByRole('button', { name: 'Close README.md' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('.tab[data-path="README.md"]')).toHaveCount(0);
  expect(await fsp.readFile(path.join(served.root, 'README.md'), 'utf8')).toContain('# Fixture workspace draft');
});

test('open tabs are restored after a reload, even one right after opening a file', async ({ workbench: page }) => {
  await openFromTree(page, 'src/index.ts');
  // reloaded as soon as the tab shows: the tab list's save, due 200 ms after a change, goes out as the page unloads
  await row(page, 'package.json').click();
  await expect(page.locator('.tab.active[data-path="package.json"]')).toBeVisible();
  await page.reload();
  await expect(page.locator('.tab[data-path="src/index.ts"]')).toBeVisible();
  await expect(page.locator('.tab.active[data-path="package.json"]')).toBeVisible();
  await expect.poll(() => editorText(page)).toContain('"name": "fixture"');
});

/** Reloads the page; the answer says whether `selector` matched at any moment of the load. */
async function reloadWatching(page: Page, selector: string): Promise<() => Promise<boolean>> {
  await page.addInitScript((sel) => {
    const w = window as unknown as { swSeen?: boolean };
    w.swSeen = false;
    new MutationObserver(() => {
      if (document.querySelector(sel)) w.swSeen = true;
    }).observe(document, { subtree: true, childList: true });
  }, selector);
  await page.reload();
  return () => page.evaluate(() => (window as unknown as { swSeen?: boolean }).swSeen === true);
}

test('reloading an open folder goes straight to the workbench: the welcome page never shows on the way', async ({ workbench: page }) => {
  const seen = await reloadWatching(page, '.welcome');
  await expect(page.getByRole('tree')).toBeVisible();
  expect(await seen()).toBe(false);
});

test('reloading with tabs open shows them without the "open a file" hint in between', async ({ workbench: page }) => {
  await openFromTree(page, 'src/index.ts');
  const seen = await reloadWatching(page, '.editor-body > .empty-editor');
  await expect(page.locator('.tab.active[data-path="src/index.ts"]')).toBeVisible();
  await expect.poll(() => editorText(page)).toContain("greet('world')");
  expect(await seen()).toBe(false);
});

test('a binary file shows a message instead of an editor', async ({ workbench: page }) => {
  await openFromTree(page, 'logo.png');
  await expect(page.getByTestId('binary-message')).toContainText('logo.png is binary (33 B), not opened.');
});

test('an outside edit updates a clean editor', async ({ workbench: page, served }) => {
  await openFromTree(page, 'src/index.ts');
  await fsp.writeFile(path.join(served.root, 'src/index.ts'), 'export const changedOutside = true;\n');
  await expect.poll(() => editorText(page), { timeout: 3000 }).toContain('export const changedOutside = true;');
  await expect(page.getByTestId('conflict-bar')).toHaveCount(0);
  await expect(page.locator('.tab.active.dirty')).toHaveCount(0);
});

test('an outside edit to a dirty editor raises the conflict bar and loses neither version', async ({ workbench: page, served }) => {
  const file = path.join(served.root, 'src/greet.ts');
  await openFromTree(page, 'src/greet.ts');
  await typeInEditor(page, ' // mine');
  await fsp.writeFile(file, 'export const theirs = 1;\n');
  const bar = page.getByTestId('conflict-bar');
  await expect(bar).toBeVisible({ timeout: 3000 });
  // nothing was lost: the buffer still has mine, the disk still has theirs
  expect(await editorText(page)).toContain('// mine');
  expect(await fsp.readFile(file, 'utf8')).toBe('export const theirs = 1;\n');

  await bar.getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByTestId('compare')).toBeVisible();
  await page.getByRole('button', { name: 'Close Compare' }).click();

  await bar.getByRole('button', { name: 'Take Theirs' }).click();
  await expect(bar).toHaveCount(0);
  await expect.poll(() => editorText(page)).toContain('export const theirs = 1;');
  await expect(page.locator('.tab.active.dirty')).toHaveCount(0);
  // mine is one undo away
  await page.locator('.monaco-editor [role="textbox"]').first().focus();
  await page.keyboard.press('Control+z');
  await expect.poll(() => editorText(page)).toContain('// mine');
});

test('keep mine, then save, writes the buffer over the outside change', async ({ workbench: page, served }) => {
  const file = path.join(served.root, 'README.md');
  await openFromTree(page, 'README.md');
  await typeInEditor(page, ' (mine)');
  await fsp.writeFile(file, 'theirs\n');
  await page.getByTestId('conflict-bar').getByRole('button', { name: 'Keep Mine' }).click();
  await expect(page.getByTestId('conflict-bar')).toHaveCount(0);
  await expect(page.locator('.tab.active.dirty')).toBeVisible();
  await page.keyboard.press('Control+s');
  await expect(page.locator('.tab.active.dirty')).toHaveCount(0);
  expect(await fsp.readFile(file, 'utf8')).toContain('# Fixture workspace (mine)');
});

test('leaving the page with unsaved edits asks first', async ({ workbench: page }) => {
  await openFromTree(page, 'README.md');
  await typeInEditor(page, ' unsaved');
  const asked = new Promise<string>((resolve) =>
    page.once('dialog', (d) => {
      resolve(d.type());
      void d.accept(); // leave anyway, so the page closes
    }),
  );
  const closed = new Promise((resolve) => page.once('close', resolve));
  await page.close({ runBeforeUnload: true }); // does not wait for the page to close
  expect(await asked).toBe('beforeunload');
  await closed;
});

test('saving text the file\'s encoding cannot hold asks to save it as UTF-8 instead of writing "?"', async ({ workbench: page, served }) => {
  const file = path.join(served.root, 'legacy.txt');
  const original = 'Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e, na\u00efve fa\u00e7ade, \u00e0 la carte\n';
  await fsp.writeFile(file, Buffer.from(original, 'latin1'));
  await openFromTree(page, 'legacy.txt');
  await expect(page.getByTestId('status-encoding')).toHaveText('Windows 1252');
  await typeInEditor(page, ' \u{1F600}');
  await page.keyboard.press('Control+s');
  const dialog = page.getByRole('dialog', { name: 'The encoding cannot hold this text' });
  await expect(dialog).toContainText('Windows 1252 cannot hold "\u{1F600}" (line 1');
  // Cancel: nothing written, the edit stays
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await fsp.readFile(file)).toEqual(Buffer.from(original, 'latin1'));
  await expect(page.locator('.tab.active.dirty')).toBeVisible();
  await page.keyboard.press('Control+s');
  await page.getByRole('dialog', { name: 'The encoding cannot hold this text' }).getByRole('button', { name: 'Save as UTF-8' }).click();
  await expect(page.locator('.tab.active.dirty')).toHaveCount(0);
  expect(await fsp.readFile(file, 'utf8')).toBe(original.replace('carte', 'carte \u{1F600}'));
  await expect(page.getByTestId('status-encoding')).toHaveText('UTF-8');
});
