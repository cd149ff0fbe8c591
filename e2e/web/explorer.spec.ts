import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { expect, openFromTree, row, test } from './fixtures';

const exists = (p: string) =>
  fsp.access(p).then(
    () => true,
    () => false,
  );

test('the tree lists folders first and hides .git', async ({ workbench: page, served }) => {
  await fsp.mkdir(path.join(served.root, '.git'));
  await page.getByRole('button', { name: 'Refresh Explorer' }).click();
  // the refresh empties the tree and reads it again: wait for the listing, not a moment of it
  await expect(page.locator('.tree > div > .tree-row .label')).toHaveText(['docs', 'src', 'logo.png', 'package.json', 'README.md']);
});

test('create a file and a folder from the tree', async ({ workbench: page, served }) => {
  await page.getByRole('button', { name: 'New File' }).click();
  await page.getByRole('textbox', { name: 'File name' }).fill('notes.md');
  await page.keyboard.press('Enter');
  await expect(row(page, 'notes.md')).toBeVisible();
  await expect(page.locator('.tab.active[data-path="notes.md"]')).toBeVisible();
  expect(await exists(path.join(served.root, 'notes.md'))).toBe(true);

  await row(page, 'src').click(); // select a folder: the new folder goes inside it
  await page.getByRole('button', { name: 'New Folder' }).click();
  await page.getByRole('textbox', { name: 'File name' }).fill('utils');
  await page.keyboard.press('Enter');
  await expect(row(page, 'src/utils')).toBeVisible();
  expect((await fsp.stat(path.join(served.root, 'src/utils'))).isDirectory()).toBe(true);
});

test('a name that already exists is refused inline', async ({ workbench: page }) => {
  await page.getByRole('button', { name: 'New File' }).click();
  await page.getByRole('textbox', { name: 'File name' }).fill('README.md');
  await expect(page.locator('.input-error')).toContainText('already exists');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'File name' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('textbox', { name: 'File name' })).toHaveCount(0);
});

test('rename a file from the context menu, and its open tab follows', async ({ workbench: page, served }) => {
  await openFromTree(page, 'docs/notes.txt');
  await row(page, 'docs/notes.txt').click({ button: 'right' });
  await page.getByRole('menuitem', { name: /Rename/ }).click();
  const input = page.getByRole('textbox', { name: 'File name' });
  await input.fill('renamed.txt');
  await page.keyboard.press('Enter');
  await expect(row(page, 'docs/renamed.txt')).toBeVisible();
  await expect(page.locator('.tab[data-path="docs/renamed.txt"]')).toBeVisible();
  expect(await exists(path.join(served.root, 'docs/notes.txt'))).toBe(false);
  expect(await fsp.readFile(path.join(served.root, 'docs/renamed.txt'), 'utf8')).toBe('Notes for the docs folder.\n');
});

test('delete in serve mode asks harder: the name must be typed', async ({ workbench: page, served }) => {
  await row(page, 'docs').click({ button: 'right' });
  await page.getByRole('menuitem', { name: /Delete/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('deleted permanently');
  const confirm = dialog.getByRole('button', { name: 'Delete Permanently' });
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('textbox').fill('doc');
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('textbox').fill('docs');
  await confirm.click();
  await expect(row(page, 'docs')).toHaveCount(0);
  expect(await exists(path.join(served.root, 'docs'))).toBe(false);
});

test('cancelling a delete keeps the file', async ({ workbench: page, served }) => {
  await row(page, 'README.md').click();
  await page.keyboard.press('Delete');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(row(page, 'README.md')).toBeVisible();
  expect(await exists(path.join(served.root, 'README.md'))).toBe(true);
});

test('files created and deleted outside the app appear in the tree', async ({ workbench: page, served }) => {
  // how fast is bench #9's business; here, that they come at all (CI saw 3 s missed once while
  // the other worker wrote 4,500 files)
  await fsp.writeFile(path.join(served.root, 'from-outside.txt'), 'hi');
  await expect(row(page, 'from-outside.txt')).toBeVisible({ timeout: 10_000 });
  await fsp.rm(path.join(served.root, 'package.json'));
  await expect(row(page, 'package.json')).toHaveCount(0, { timeout: 10_000 });
});

test('a folder of thousands of files draws 2,000 rows at a time, and Show more adds the rest', async ({ workbench: page, served }) => {
  const dir = path.join(served.root, 'many');
  await fsp.mkdir(dir);
  await Promise.all(Array.from({ length: 4500 }, (_, i) => fsp.writeFile(path.join(dir, `f${String(i).padStart(4, '0')}.txt`), `${i}\n`)));
  await expect(row(page, 'many')).toBeVisible({ timeout: 5000 });
  await row(page, 'many').click();
  const rows = page.locator('.tree-row[data-path^="many/"]');
  await expect(rows).toHaveCount(2000);
  await page.getByRole('button', { name: 'Show 2,000 more of 2,500…' }).click();
  await expect(rows).toHaveCount(4000);
  await page.getByRole('button', { name: 'Show 500 more of 500…' }).click();
  await expect(rows).toHaveCount(4500);
  await expect(page.getByRole('button', { name: /^Show .* more of/ })).toHaveCount(0);
  await row(page, 'many/f4499.txt').click();
  await expect(page.locator('.tab.active[data-path="many/f4499.txt"]')).toBeVisible();
});
