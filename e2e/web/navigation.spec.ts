import { execFileSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { slowAnswers } from '../support/slow-answers';
import { editorText, expect, openFromTree, test } from './fixtures';

test('Ctrl+P finds a file by a fuzzy query and opens it at :line', async ({ workbench: page }) => {
  await page.keyboard.press('Control+p');
  const box = page.getByRole('combobox', { name: 'Go to File' }).or(page.getByRole('textbox', { name: 'Go to File' }));
  await box.fill('grt:2');
  await expect(page.getByRole('option').first()).toContainText('greet.ts');
  await page.keyboard.press('Enter');
  await expect(page.locator('.tab.active[data-path="src/greet.ts"]')).toBeVisible();
  await expect(page.locator('.tab.active.preview')).toBeVisible();
  await expect(page.getByTestId('status-cursor')).toHaveText('Ln 2, Col 1');
  // the file is now offered first as recently opened
  await page.keyboard.press('Control+p');
  await expect(page.getByRole('option').first()).toContainText('greet.ts');
  await page.keyboard.press('Escape');
});

test('Ctrl+P while the file search is slow: Enter opens the match for what is typed, not a file from the list before', async ({ page, served }) => {
  await slowAnswers(page, 'search.files', 2000);
  await page.goto(served.url);
  await openFromTree(page, 'README.md'); // now the first recently opened file
  await page.keyboard.press('Control+p');
  const box = page.getByRole('textbox', { name: 'Go to File' });
  // Enter before the answer: the first match is opened when it comes
  await page.keyboard.type('grt');
  await page.keyboard.press('Enter');
  await expect(page.locator('.tab.active[data-path="src/greet.ts"]')).toBeVisible();
  // the answer for "r" is on screen; typing more narrows it at once, so Enter right away cannot open another file
  await page.keyboard.press('Control+p');
  await box.fill('r');
  await expect(page.getByRole('option', { name: /README\.md/ })).toBeVisible();
  await page.keyboard.type('c/in:3');
  await expect(page.getByRole('option', { name: /README\.md/ })).toBeHidden({ timeout: 1000 });
  await page.keyboard.press('Enter');
  await expect(page.locator('.tab.active[data-path="src/index.ts"]')).toBeVisible();
  await expect(page.getByTestId('status-cursor')).toHaveText('Ln 3, Col 1');
});

test('the command palette lists commands with keys and runs "Toggle Terminal"', async ({ workbench: page }) => {
  await page.keyboard.press('Control+Shift+p');
  await page.keyboard.type('togl term');
  const first = page.getByRole('option').first();
  await expect(first).toContainText('View: Toggle Terminal');
  await expect(first).toContainText('Ctrl+`');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('terminal')).toBeVisible();
  // it is remembered as recently used
  await page.keyboard.press('Control+Shift+p');
  await expect(page.getByRole('option').first()).toContainText('View: Toggle Terminal');
  await expect(page.getByRole('option').first()).toContainText('recently used');
});

test('search finds a string across files and opens the match', async ({ workbench: page }) => {
  await page.keyboard.press('Control+Shift+f');
  await page.getByRole('textbox', { name: 'Search text' }).fill('greet');
  await expect(page.getByRole('status').filter({ hasText: 'results in' })).toHaveText('4 results in 2 files');
  await page.getByRole('button', { name: 'Match Whole Word' }).click();
  await page.getByRole('textbox', { name: 'Files to include' }).fill('src/index.ts');
  await expect(page.getByRole('status').filter({ hasText: 'results in' })).toHaveText('3 results in 1 file'); // greet in the import, the path './greet' and the call
  await page.locator('.search-match', { hasText: 'console.log' }).click();
  await expect(page.locator('.tab.active[data-path="src/index.ts"]')).toBeVisible();
  await expect(page.getByTestId('status-cursor')).toHaveText('Ln 3, Col 13');
});

test('replace all shows a preview, asks, and rewrites the files', async ({ workbench: page, served }) => {
  await page.keyboard.press('Control+Shift+f');
  await page.getByRole('textbox', { name: 'Search text' }).fill('greet');
  await page.getByRole('button', { name: 'Match Whole Word' }).click();
  await page.getByRole('button', { name: 'Toggle Replace' }).click();
  await page.getByRole('textbox', { name: 'Replace text' }).fill('welcome');
  await expect(page.locator('.search-match ins').first()).toHaveText('welcome');
  await page.getByRole('button', { name: 'Replace All' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Replace' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'results in' })).toHaveText('0 results in 0 files');
  expect(await fsp.readFile(path.join(served.root, 'src/index.ts'), 'utf8')).toContain("import { welcome } from './welcome';");
});

test('source control: a modified file shows up, its diff opens, commit cleans the panel', async ({ served, page }) => {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: served.root, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'e2e@example.com');
  git('config', 'user.name', 'E2E');
  git('add', '.');
  git('commit', '-q', '-m', 'fixture');
  await page.goto(served.url);
  await expect(page.getByTestId('status-branch')).toHaveText('⎇ main');
  await fsp.appendFile(path.join(served.root, 'src/greet.ts'), '// more\n');
  await page.getByRole('button', { name: 'Source Control' }).click();
  const row = page.locator('.scm-row[data-path="src/greet.ts"]');
  await expect(row).toBeVisible({ timeout: 3000 });
  await row.click();
  await expect(page.getByTestId('git-diff')).toBeVisible();
  await expect(page.getByTestId('git-diff').locator('.line-insert').first()).toBeVisible();
  await row.hover();
  await page.getByRole('button', { name: 'Stage src/greet.ts' }).click();
  await expect(page.getByRole('group', { name: 'Staged Changes' })).toContainText('greet.ts');
  await page.getByRole('textbox', { name: 'Commit message' }).fill('Add a comment');
  await page.getByRole('button', { name: '✓ Commit' }).click();
  await expect(page.getByText('No changes.')).toBeVisible();
  expect(git('log', '-1', '--format=%s').trim()).toBe('Add a comment');
});

test('a folder that is not a repository offers git init', async ({ workbench: page, served }) => {
  await page.getByRole('button', { name: 'Source Control' }).click();
  await expect(page.getByText('This folder is not a git repository.')).toBeVisible();
  await page.getByRole('button', { name: 'Initialize Repository' }).click();
  await expect(page.getByRole('group', { name: 'Changes' })).toContainText('README.md');
  await expect(fsp.access(path.join(served.root, '.git'))).resolves.toBeUndefined();
});

test('problems from the TypeScript worker are listed, counted, and jump to the line', async ({ workbench: page, served }) => {
  await fsp.writeFile(path.join(served.root, 'src/broken.ts'), 'const ok = 1;\nconst n: number = "not a number";\n');
  await openFromTree(page, 'src/broken.ts');
  await expect(page.getByTestId('status-problems')).toContainText('⊗ 1', { timeout: 15_000 });
  await page.getByTestId('status-problems').click();
  const problem = page.locator('.problem.error').first();
  await expect(problem).toContainText("Type 'string' is not assignable to type 'number'");
  await openFromTree(page, 'README.md');
  await problem.click();
  await expect(page.locator('.tab.active[data-path="src/broken.ts"]')).toBeVisible();
  await expect(page.getByTestId('status-cursor')).toHaveText('Ln 2, Col 7');
  expect(await editorText(page)).toContain('not a number');
});

test('an import of a file that is not open is not reported as a problem', async ({ workbench: page, served }) => {
  // ./greet is not open; the real error on line 3 shows the worker has reported on this file
  await fsp.writeFile(path.join(served.root, 'src/uses.ts'), "import { greet } from './greet';\ngreet('x');\nconst n: number = 'not a number';\n");
  await openFromTree(page, 'src/uses.ts');
  await expect(page.getByTestId('status-problems')).toContainText('⊗ 1', { timeout: 15_000 });
  await page.getByTestId('status-problems').click();
  await expect(page.locator('.problem.error')).toHaveCount(1);
  await expect(page.locator('.problem.error')).toContainText("Type 'string' is not assignable to type 'number'");
});
