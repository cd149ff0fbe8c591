import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { withAgent } from '../support/agent';
import { repoRoot } from '../support/serve';
import { typeInEditor } from './fixtures';

async function showAutomations(page: Page, tab: 'Hooks' | 'Steering' | 'MCP') {
  const button = page.getByRole('button', { name: 'Automations', exact: true });
  if ((await button.getAttribute('class'))?.includes('active') !== true) await button.click();
  await page.getByRole('tablist', { name: 'Automations' }).getByRole('tab', { name: tab }).click();
}

async function ask(page: Page, text: string) {
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Message the agent' }).fill(text);
  await page.keyboard.press('Enter');
}

base('a fileEdited hook made in the form runs its command when a matching file is saved, and shows the output', async ({ page }) => {
  const { served, stop } = await withAgent([]);
  try {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(served.url);
    await showAutomations(page, 'Hooks');
    await page.getByRole('button', { name: 'New Hook' }).click();
    const form = page.getByRole('form', { name: 'Hook form' });
    await form.getByLabel('Name').fill('Check greet');
    await form.getByLabel('Trigger').selectOption('fileEdited');
    await form.getByLabel('Patterns').fill('src/**/*.ts\n!**/*.test.ts');
    await form.getByLabel('Action').selectOption('runCommand');
    await form.getByLabel('Command').fill('echo "checked $(grep -c mine src/greet.ts) edit"');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('[data-file=".kiro/hooks/check-greet.kiro.hook"]')).toBeVisible();
    const saved = JSON.parse(await fsp.readFile(path.join(served.root, '.kiro/hooks/check-greet.kiro.hook'), 'utf8'));
    expect(saved).toMatchObject({ enabled: true, name: 'Check greet', when: { type: 'fileEdited', patterns: ['src/**/*.ts', '!**/*.test.ts'] }, then: { type: 'runCommand' } });

    // save a matching file from the editor
    await page.getByRole('button', { name: 'Explorer' }).click();
    await page.locator('.tree-row[data-path="src"]').click();
    await page.locator('.tree-row[data-path="src/greet.ts"]').click();
    await typeInEditor(page, ' // mine');
    await page.keyboard.press('Control+s');
    await expect(page.locator('.tab.dirty[data-path="src/greet.ts"]')).toHaveCount(0);

    await showAutomations(page, 'Hooks');
    const runs = page.getByRole('region', { name: 'Runs' });
    await expect(runs).toContainText('Check greet', { timeout: 10_000 });
    await expect(runs).toContainText('src/greet.ts edited');
    await runs.getByRole('button').filter({ hasText: 'Check greet' }).first().click();
    await expect(page.getByLabel('Output of Check greet')).toContainText('checked 1 edit');
    expect(errors).toEqual([]);
  } finally {
    await stop();
  }
});

base('hooks a workspace brings wait for trust; an askAgent hook on agentStop then runs one turn, not an endless chain', async ({ page }) => {
  const { served, stop, model } = await withAgent([{ text: ['Hello there.'] }, { text: ['Reviewed: nothing to fix.'] }, { text: ['this turn must never be asked for'] }]);
  try {
    await fsp.mkdir(path.join(served.root, '.kiro/hooks'), { recursive: true });
    await fsp.writeFile(
      path.join(served.root, '.kiro/hooks/review.kiro.hook'),
      JSON.stringify({ enabled: true, name: 'Self review', version: '1', when: { type: 'agentStop' }, then: { type: 'askAgent', prompt: 'Review the changes you just made.' } }),
    );
    await fsp.writeFile(path.join(served.root, '.kiro/hooks/broken.kiro.hook'), '{ "name": "Broken", "when": { "type": "onSave" } }');
    await page.goto(served.url);
    await showAutomations(page, 'Hooks');
    await expect(page.locator('[data-file=".kiro/hooks/broken.kiro.hook"]').getByRole('note')).toContainText('"when.type" must be one of');
    await expect(page.getByRole('alert').filter({ hasText: 'do not run until you trust this folder' })).toBeVisible();
    await page.getByRole('button', { name: 'Trust and Enable Hooks' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'do not run until you trust this folder' })).toHaveCount(0);

    await page.getByRole('button', { name: 'Chat' }).click();
    await ask(page, 'say hello');
    await expect(page.locator('.chat-assistant').last()).toContainText('Hello there.');
    await showAutomations(page, 'Hooks');
    const runs = page.getByRole('region', { name: 'Runs' });
    await expect(runs).toContainText('ok', { timeout: 10_000 });
    await expect(runs).toContainText('skipped');
    await page.waitForTimeout(1000);
    expect(model.requests).toHaveLength(2);
    expect(JSON.stringify(model.requests[1].body.messages)).toContain('Review the changes you just made.');
  } finally {
    await stop();
  }
});

base('an MCP server from .kiro/settings/mcp.json connects, lists its tools, and the agent calls one', async ({ page }) => {
  const { served, stop, model } = await withAgent(
    [{ toolUses: [{ name: 'mcp__local__echo', input: { text: 'ping from the agent' } }] }, { text: ['The server answered.'] }],
    { 'agent.defaultMode': 'autopilot' },
  );
  try {
    await fsp.mkdir(path.join(served.root, '.kiro/settings'), { recursive: true });
    const fixture = path.join(repoRoot, 'main/services/mcp/test-support/echo-server.mjs');
    await fsp.writeFile(
      path.join(served.root, '.kiro/settings/mcp.json'),
      JSON.stringify({ mcpServers: { local: { command: process.execPath, args: [fixture], autoApprove: ['echo'], disabledTools: ['crash'] }, dead: { command: process.execPath, args: [fixture, '--fail-start'] } } }),
    );
    await page.goto(served.url);
    await showAutomations(page, 'MCP');
    await expect(page.locator('[data-server="local"]')).toContainText('connected · 4 tools', { timeout: 15_000 });
    await expect(page.locator('[data-server="dead"]')).toContainText('failed', { timeout: 15_000 });
    await expect(page.locator('[data-server="dead"]')).toContainText('cannot start: missing TOKEN');

    await page.getByRole('button', { name: 'Chat' }).click();
    await ask(page, 'ping the echo server');
    await expect(page.locator('.chat-assistant').last()).toContainText('The server answered.');
    const tools = JSON.stringify(model.requests[0].body.toolConfig);
    expect(tools).toContain('mcp__local__echo');
    expect(tools).not.toContain('mcp__local__crash');
    expect(JSON.stringify(model.requests[1].body.messages?.at(-1))).toContain('ping from the agent');
  } finally {
    await stop();
  }
});

base('Generate Steering Docs has the agent write product.md, tech.md and structure.md as pending changes', async ({ page }) => {
  const doc = (name: string) => `---\ninclusion: always\n---\n\n# ${name}\n`;
  const { served, stop } = await withAgent([
    {
      toolUses: ['product', 'tech', 'structure'].map((n) => ({ name: 'create_file', input: { path: `.kiro/steering/${n}.md`, content: doc(n) } })),
    },
    { text: ['Wrote the three steering documents.'] },
  ]);
  try {
    await page.goto(served.url);
    await showAutomations(page, 'Steering');
    await page.getByRole('button', { name: 'Generate Steering Docs' }).click();
    await page.getByRole('button', { name: 'Review' }).click();
    for (const n of ['product', 'tech', 'structure']) await expect(page.locator(`.review-row[data-path=".kiro/steering/${n}.md"]`)).toBeVisible({ timeout: 10_000 });
    // Supervised: nothing on disk until accepted
    await expect(fsp.access(path.join(served.root, '.kiro/steering/product.md'))).rejects.toThrow();
    await page.getByRole('button', { name: 'Accept All' }).click();
    await expect.poll(() => fsp.readFile(path.join(served.root, '.kiro/steering/tech.md'), 'utf8').catch(() => '')).toBe(doc('tech'));
    await showAutomations(page, 'Steering');
    await expect(page.getByRole('list', { name: 'Workspace steering files' })).toContainText('product');
  } finally {
    await stop();
  }
});

base('a steering file that cannot be read is listed as not used, with the reason, and the others still apply', async ({ page }) => {
  const { served, stop } = await withAgent([]);
  try {
    await fsp.mkdir(path.join(served.root, '.kiro/steering/notes.md'), { recursive: true });
    await fsp.writeFile(path.join(served.root, '.kiro/steering/style.md'), '---\ninclusion: always\n---\nTabs, not spaces.\n');
    await page.goto(served.url);
    await showAutomations(page, 'Steering');
    const list = page.getByRole('list', { name: 'Workspace steering files' });
    const notes = list.locator('.steering-row[data-path=".kiro/steering/notes.md"]');
    await expect(notes.locator('.steering-inclusion')).toHaveText('not used');
    await expect(notes.getByRole('note')).toHaveText('notes.md is a folder; it is not given to the agent.');
    await expect(notes.getByRole('button', { name: /Edit front matter/ })).toHaveCount(0);
    const style = list.locator('.steering-row[data-path=".kiro/steering/style.md"]');
    await expect(style.locator('.steering-inclusion')).toHaveText('always');
    await expect(style.getByRole('note')).toHaveCount(0);
  } finally {
    await stop();
  }
});
