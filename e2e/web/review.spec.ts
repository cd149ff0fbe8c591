import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { withAgent } from '../support/agent';
import { typeInEditor } from './fixtures';

const GREET = 'export function greet(name: string): string {\n  return `Hello, ${name}!`;\n}\n';
const GREET_AGENT = 'export function greet(name: string, excited = false): string {\n  return `Hello, ${name}!`;\n}\n\nexport const VERSION = 2;\n';
const NOTES = 'Notes for the docs folder.\n';

async function ask(page: Page, text: string) {
  // the previous request is over (its checkpoint recorded) when Send is back
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Message the agent' }).fill(text);
  await page.keyboard.press('Enter');
}

const pendingRow = (page: Page, p: string) => page.locator(`.review-row[data-path="${p}"]`);

base('Supervised: edits wait for review; one hunk rejected with a comment, the rest accepted; the model hears about the rejection', async ({ page }) => {
  const { served, stop, model } = await withAgent([
    {
      toolUses: [
        { name: 'edit_file', input: { path: 'src/greet.ts', old_text: GREET, new_text: GREET_AGENT } },
        { name: 'edit_file', input: { path: 'docs/notes.txt', old_text: 'Notes for the docs folder.', new_text: 'Notes for the documentation.' } },
      ],
    },
    { text: ['Both edits are ready for your review.'] },
    { text: ['Understood: no VERSION constant.'] },
  ]);
  try {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Chat' }).click();
    await expect(page.getByRole('radio', { name: 'Supervised' })).toHaveAttribute('aria-checked', 'true');
    await ask(page, 'Add an excited flag and a version');
    await expect(page.locator('.chat-assistant').last()).toContainText('Both edits are ready for your review.');
    // nothing on disk yet
    expect(await fsp.readFile(path.join(served.root, 'src/greet.ts'), 'utf8')).toBe(GREET);
    expect(await fsp.readFile(path.join(served.root, 'docs/notes.txt'), 'utf8')).toBe(NOTES);
    await expect(page.getByTestId('pending-link')).toHaveText('2 files waiting for review');

    await page.getByTestId('pending-link').click();
    await expect(pendingRow(page, 'src/greet.ts')).toContainText('+3 −1');
    await expect(pendingRow(page, 'docs/notes.txt')).toBeVisible();
    await pendingRow(page, 'src/greet.ts').click();
    const diff = page.getByTestId('review-diff');
    await expect(diff.getByTestId('hunk-bar')).toHaveCount(2);
    await expect(diff.getByTestId('hunk-bar').nth(1)).toContainText('Change 2 of 2');

    // reject the VERSION hunk with a comment
    // Monaco marks its view zones aria-hidden, so the bar's buttons are found by text
    await diff.getByTestId('hunk-bar').nth(1).locator('button', { hasText: 'Reject with Comment…' }).click();
    await page.getByRole('dialog').getByRole('textbox').fill('No version constant, please');
    await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
    await expect(diff.getByTestId('hunk-bar')).toHaveCount(1);
    // accept the remaining hunk: greet.ts leaves the pending list
    await diff.getByTestId('hunk-bar').first().locator('button', { hasText: 'Accept' }).click();
    await expect(pendingRow(page, 'src/greet.ts')).toHaveCount(0);
    // and the other file as a whole
    await pendingRow(page, 'docs/notes.txt').hover();
    await page.getByRole('button', { name: 'Accept docs/notes.txt' }).click();
    await expect(page.getByRole('list', { name: 'Pending changes' }).locator('.review-row')).toHaveCount(0);

    expect(await fsp.readFile(path.join(served.root, 'src/greet.ts'), 'utf8')).toBe('export function greet(name: string, excited = false): string {\n  return `Hello, ${name}!`;\n}\n');
    expect(await fsp.readFile(path.join(served.root, 'docs/notes.txt'), 'utf8')).toBe('Notes for the documentation.\n');

    // the next request starts with the rejected hunk and the comment
    await page.getByRole('button', { name: 'Chat' }).click();
    await ask(page, 'ok, carry on');
    await expect(page.locator('.chat-assistant').last()).toContainText('no VERSION constant');
    const sent = JSON.stringify(model.requests[2].body.messages?.at(-1));
    expect(sent).toContain('Review feedback');
    expect(sent).toContain('src/greet.ts');
    expect(sent).toContain('+export const VERSION = 2;');
    expect(sent).toContain('No version constant, please');
    expect(errors).toEqual([]);
  } finally {
    await stop();
  }
});

base('Autopilot: a scripted rm -rf still asks; rejecting leaves the files in place', async ({ page }) => {
  const { served, stop, model } = await withAgent([{ toolUses: [{ name: 'run_command', input: { command: 'rm -rf src docs' } }] }, { text: ['I left them alone.'] }]);
  try {
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Chat' }).click();
    await page.getByRole('radio', { name: 'Autopilot' }).click();
    await expect(page.getByRole('radio', { name: 'Autopilot' })).toHaveAttribute('aria-checked', 'true');
    await ask(page, 'clean everything');
    const card = page.getByTestId('approval-card');
    await expect(card).toContainText('Destructive');
    await card.getByRole('button', { name: 'Reject' }).click();
    await expect(page.locator('.chat-assistant').last()).toContainText('I left them alone.');
    await expect(fsp.access(path.join(served.root, 'src/greet.ts'))).resolves.toBeUndefined();
    await expect(fsp.access(path.join(served.root, 'docs/notes.txt'))).resolves.toBeUndefined();
    expect(JSON.stringify(model.requests[1].body.messages)).toContain('was not run');
  } finally {
    await stop();
  }
});

base('Autopilot checkpoint: a command deletes and creates files; restore shows the diff, brings them back, and can be undone', async ({ page }) => {
  const { served, stop } = await withAgent(
    [
      {
        toolUses: [
          { name: 'run_command', input: { command: 'rm docs/notes.txt && echo "made by a command" > generated.txt' } },
          { name: 'edit_file', input: { path: 'src/greet.ts', old_text: 'Hello', new_text: 'Howdy' } },
        ],
      },
      { text: ['Reorganised.'] },
    ],
    { 'agent.defaultMode': 'autopilot' },
  );
  try {
    await page.goto(served.url);
    await expect(page.getByRole('tree')).toBeVisible();
    await fsp.writeFile(path.join(served.root, 'mine.txt'), 'a file I made before');
    await page.getByRole('button', { name: 'Chat' }).click();
    await ask(page, 'reorganise');
    // no card: the command is neither destructive nor stopped by a rule in Autopilot
    await expect(page.locator('.chat-assistant').last()).toContainText('Reorganised.');
    const card = page.getByTestId('checkpoint-card');
    await expect(card).toContainText('3 files changed on disk');
    await expect(card).toContainText('docs/notes.txt deleted by command');
    await expect(card).toContainText('generated.txt created by command');
    await expect(card).toContainText('src/greet.ts modified by agent');
    // a file the person makes after the request is never deleted by a restore
    await fsp.writeFile(path.join(served.root, 'after.txt'), 'made after');

    await card.getByRole('button', { name: 'Restore to before this request…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore checkpoint' });
    const files = dialog.getByRole('list', { name: 'Files the restore changes' });
    await expect(files.locator('[data-path]')).toHaveCount(3);
    await expect(files.locator('[data-path="generated.txt"]')).toContainText('deleted (created by the agent since)');
    await expect(files.locator('[data-path="docs/notes.txt"]')).toContainText('brought back');
    await files.locator('[data-path="src/greet.ts"]').click();
    await expect(dialog.getByTestId('restore-diff')).toContainText('Howdy');
    await dialog.getByRole('button', { name: 'Restore 3 Files' }).click();
    await expect(dialog).toContainText('Restored 3 files');
    expect(await fsp.readFile(path.join(served.root, 'docs/notes.txt'), 'utf8')).toBe(NOTES);
    expect(await fsp.readFile(path.join(served.root, 'src/greet.ts'), 'utf8')).toBe(GREET);
    await expect(fsp.access(path.join(served.root, 'generated.txt'))).rejects.toThrow();
    expect(await fsp.readFile(path.join(served.root, 'after.txt'), 'utf8')).toBe('made after');
    expect(await fsp.readFile(path.join(served.root, 'mine.txt'), 'utf8')).toBe('a file I made before');

    await dialog.getByRole('button', { name: 'Undo Restore' }).click();
    await expect(dialog).toHaveCount(0);
    await expect.poll(() => fsp.readFile(path.join(served.root, 'src/greet.ts'), 'utf8')).toContain('Howdy');
    await expect(fsp.access(path.join(served.root, 'docs/notes.txt'))).rejects.toThrow();
    expect(await fsp.readFile(path.join(served.root, 'generated.txt'), 'utf8')).toBe('made by a command\n');
    expect(await fsp.readFile(path.join(served.root, 'after.txt'), 'utf8')).toBe('made after');
  } finally {
    await stop();
  }
});

base('"Run and always allow" adds a precise workspace rule: the same command then runs without asking, and the Permissions tab shows it', async ({ page }) => {
  const { served, stop, model } = await withAgent([
    { toolUses: [{ name: 'run_command', input: { command: 'node --version' } }] },
    { text: ['Node is installed.'] },
    { toolUses: [{ name: 'run_command', input: { command: 'node --version' } }] },
    { text: ['Still installed.'] },
  ]);
  try {
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Chat' }).click();
    await ask(page, 'which node?');
    const card = page.getByTestId('approval-card');
    await expect(card).toContainText('Run this command?');
    await expect(card).toContainText('Supervised mode asks');
    await card.getByRole('button', { name: 'Run and Always Allow' }).click();
    await expect(page.locator('.chat-assistant').last()).toContainText('Node is installed.');
    const policy = JSON.parse(await fsp.readFile(path.join(served.root, '.kiro/settings/permissions.json'), 'utf8')) as unknown;
    expect(policy).toEqual({ rules: [{ tool: 'shell', match: 'node --version', action: 'allow' }] });

    await ask(page, 'and again?');
    await expect(page.locator('.chat-assistant').last()).toContainText('Still installed.');
    await expect(page.getByTestId('approval-card')).toHaveCount(1);
    expect(JSON.stringify(model.requests[3].body.messages)).toContain('Exit code: 0');

    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Permissions' }).click();
    const view = page.getByTestId('permissions-view');
    const workspaceRules = view.getByRole('region', { name: 'Workspace rules' });
    await expect(workspaceRules.getByRole('textbox', { name: 'Match' })).toHaveValue('node --version');
    // add a deny rule from the form; it lands in the file
    await workspaceRules.getByRole('button', { name: 'Add Rule' }).click();
    await workspaceRules.getByRole('textbox', { name: 'Match' }).nth(1).fill('git push*');
    await workspaceRules.getByRole('combobox', { name: 'Action' }).nth(1).selectOption('deny');
    await workspaceRules.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(async () => JSON.parse(await fsp.readFile(path.join(served.root, '.kiro/settings/permissions.json'), 'utf8')) as unknown)
      .toEqual({
        rules: [
          { tool: 'shell', match: 'node --version', action: 'allow' },
          { tool: 'shell', match: 'git push*', action: 'deny' },
        ],
      });
  } finally {
    await stop();
  }
});

base('Autopilot never overwrites a file with unsaved edits: the agent\'s change waits for review, flagged', async ({ page }) => {
  const { served, stop, model } = await withAgent(
    [{ toolUses: [{ name: 'edit_file', input: { path: 'src/greet.ts', old_text: 'Hello', new_text: 'Hi' } }] }, { text: ['Edited.'] }],
    { 'agent.defaultMode': 'autopilot' },
  );
  try {
    await page.goto(served.url);
    await page.locator('.tree-row[data-path="src"]').click();
    await page.locator('.tree-row[data-path="src/greet.ts"]').click();
    await typeInEditor(page, ' // mine');
    await expect(page.locator('.tab.dirty[data-path="src/greet.ts"]')).toBeVisible();
    await page.getByRole('button', { name: 'Chat' }).click();
    await ask(page, 'say hi');
    await expect(page.locator('.chat-assistant').last()).toContainText('Edited.');
    expect(await fsp.readFile(path.join(served.root, 'src/greet.ts'), 'utf8')).toBe(GREET);
    expect(JSON.stringify(model.requests[1].body.messages)).toContain('unsaved edits in src/greet.ts');
    await page.getByTestId('pending-link').click();
    await expect(pendingRow(page, 'src/greet.ts')).toContainText('unsaved');
    await pendingRow(page, 'src/greet.ts').hover();
    await page.getByRole('button', { name: 'Accept src/greet.ts' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'You have unsaved edits in src/greet.ts' }).first()).toBeVisible();
    expect(await fsp.readFile(path.join(served.root, 'src/greet.ts'), 'utf8')).toBe(GREET);
  } finally {
    await stop();
  }
});
