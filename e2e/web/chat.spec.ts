import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { startScriptedOpenAI } from '../../main/services/agent/test-support/scripted-openai';
import { withAgent } from '../support/agent';
import { serveFixture } from '../support/serve';
import { slowAnswers } from '../support/slow-answers';
import { editorText } from './fixtures';

base('ask in chat (Autopilot): the answer streams in, a tool card shows the edit, and the file changes in the editor', async ({ page }) => {
  const { served, stop, model } = await withAgent([
    {
      text: ['I will change ', 'the greeting.'],
      toolUses: [{ name: 'edit_file', input: { path: 'src/greet.ts', old_text: 'Hello', new_text: 'Bonjour' } }],
      delayMs: 30,
      usage: { inputTokens: 1200, outputTokens: 80 },
    },
    { text: ['Done: the greeting now says **Bonjour**.'], usage: { inputTokens: 1400, outputTokens: 20, cacheReadInputTokens: 1100 } },
  ], { 'agent.defaultMode': 'autopilot' });
  try {
    await page.goto(served.url);
    await page.locator('.tree-row[data-path="src"]').click();
    await page.locator('.tree-row[data-path="src/greet.ts"]').click();
    await page.getByRole('button', { name: 'Chat' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'not set up' })).toHaveCount(0);
    await page.getByRole('textbox', { name: 'Message the agent' }).fill('Say hello in French');
    await page.keyboard.press('Enter');
    await expect(page.locator('.chat-user')).toHaveText('Say hello in French');
    await expect(page.locator('.chat-assistant').first()).toContainText('I will change the greeting.');
    const card = page.getByTestId('tool-card').first();
    await expect(card).toContainText('edit_file');
    await expect(card).toContainText('src/greet.ts');
    await expect(card.locator('.tool-state.done')).toBeVisible();
    await expect(page.locator('.chat-assistant strong', { hasText: 'Bonjour' })).toBeVisible();
    await expect(page.getByTestId('chat-usage')).toContainText('Session: in 2.6k · out 100 · cached 1.1k · $');
    // the edit is on disk, and the open (clean) editor followed it
    expect(await fsp.readFile(path.join(served.root, 'src/greet.ts'), 'utf8')).toContain('Bonjour, ${name}!');
    await expect.poll(() => editorText(page)).toContain('Bonjour, ${name}!');
    expect(model.requests).toHaveLength(2);
    // the session is kept: it comes back after a reload
    await page.reload();
    await page.getByRole('button', { name: 'Chat' }).click();
    await expect(page.locator('.chat-user')).toHaveText('Say hello in French');
  } finally {
    await stop();
  }
});

base('Stop ends a running turn', async ({ page }) => {
  const { served, stop } = await withAgent([{ text: Array.from({ length: 200 }, (_, i) => `word${i} `), delayMs: 50 }]);
  try {
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Chat' }).click();
    await page.getByRole('textbox', { name: 'Message the agent' }).fill('write a long story');
    await page.keyboard.press('Enter');
    await expect(page.locator('.chat-assistant')).toContainText('word3');
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Stopped.' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
    expect(await page.locator('.chat-assistant').textContent()).not.toContain('word199');
  } finally {
    await stop();
  }
});

base('with no AWS credentials, the chat says what is missing and the rest keeps working', async ({ page }) => {
  const served = await serveFixture('workspace', { env: { AWS_REGION: 'us-east-1' } });
  try {
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Chat' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'not set up' })).toContainText('No AWS credentials were found');
    await page.getByRole('button', { name: 'Explorer' }).click();
    await page.locator('.tree-row[data-path="README.md"]').click();
    await expect(page.locator('.tab.active[data-path="README.md"]')).toBeVisible();
  } finally {
    await served.stop();
  }
});

base('# mentions: pick a file from the suggestions and its content reaches the model', async ({ page }) => {
  const { served, stop, model } = await withAgent([{ text: ['It greets by name.'] }]);
  try {
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Chat' }).click();
    const box = page.getByRole('textbox', { name: 'Message the agent' });
    await box.click();
    await page.keyboard.type('What does #Fi');
    await expect(page.getByRole('option', { name: '#File:' })).toBeVisible();
    await page.keyboard.press('Enter');
    await page.keyboard.type('gre');
    await expect(page.getByRole('option', { name: 'src/greet.ts' })).toBeVisible();
    await page.keyboard.press('Enter');
    await page.keyboard.type('do?');
    await expect(box).toHaveValue('What does #File:src/greet.ts do?');
    await page.keyboard.press('Enter');
    await expect(page.locator('.chat-assistant')).toContainText('It greets by name.');
    await expect(page.locator('.chat-notice', { hasText: 'Attached: #File src/greet.ts' })).toBeVisible();
    const sent = JSON.stringify(model.requests[0].body.messages);
    expect(sent).toContain('<file path=\\"src/greet.ts\\">');
    expect(sent).toContain('return `Hello, ${name}!`');
  } finally {
    await stop();
  }
});

base('# mentions while the file list is slow: Enter takes the match for what is typed, never a stale entry', async ({ page }) => {
  const { served, stop, model } = await withAgent([{ text: ['Both say hello.'] }]);
  try {
    await slowAnswers(page, 'search.files', 2000); // every file-list answer arrives late
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Chat' }).click();
    const box = page.getByRole('textbox', { name: 'Message the agent' });
    await box.click();
    // Enter before any list has arrived: the first match is taken when it comes, the message is not sent
    await page.keyboard.type('Compare #File:gre');
    await page.keyboard.press('Enter');
    await expect(box).toHaveValue('Compare #File:src/greet.ts ');
    // the full list is on screen; typing narrows it at once, so Enter right away cannot pick README.md
    await page.keyboard.type('with #File:');
    await expect(page.getByRole('option', { name: 'README.md' })).toBeVisible();
    await page.keyboard.type('ind');
    await expect(page.getByRole('option', { name: 'README.md' })).toBeHidden({ timeout: 1000 });
    await page.keyboard.press('Enter');
    await page.keyboard.type('please.');
    await expect(box).toHaveValue('Compare #File:src/greet.ts with #File:src/index.ts please.');
    await page.keyboard.press('Enter');
    await expect(page.locator('.chat-assistant')).toContainText('Both say hello.');
    const sent = JSON.stringify(model.requests[0].body.messages);
    expect(sent).toContain('<file path=\\"src/greet.ts\\">');
    expect(sent).toContain('<file path=\\"src/index.ts\\">');
  } finally {
    await stop();
  }
});

base('an OpenAI-compatible endpoint (as Ollama serves) drives the same chat, tools included', async ({ page }) => {
  const model = await startScriptedOpenAI([
    { toolCalls: [{ name: 'create_file', arguments: { path: 'notes/todo.md', content: '- write tests\n' } }] },
    { text: ['Created ', '`notes/todo.md`.'] },
  ]);
  const served = await serveFixture('workspace', {
    settings: { 'agent.provider': 'openai', 'agent.openaiBaseUrl': model.baseUrl, 'agent.openaiModel': 'qwen2.5-coder:7b', 'agent.defaultMode': 'autopilot' },
  });
  try {
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Chat' }).click();
    await expect(page.getByTestId('chat-usage')).toContainText('OpenAI-compatible');
    await page.getByRole('textbox', { name: 'Message the agent' }).fill('make a todo file');
    await page.keyboard.press('Enter');
    await expect(page.locator('.chat-assistant')).toContainText('Created notes/todo.md.');
    await expect(page.getByTestId('tool-card').first()).toContainText('create_file');
    expect(await fsp.readFile(path.join(served.root, 'notes/todo.md'), 'utf8')).toBe('- write tests\n');
    expect((model.requests[0].body as { model: string }).model).toBe('qwen2.5-coder:7b');
  } finally {
    await served.stop();
    await model.close();
  }
});

base('a pasted image is shown, can be removed, and is sent to the model with the message', async ({ page }) => {
  const { served, stop, model } = await withAgent([{ text: ['That is a tiny PNG.'] }]);
  // a valid 1×1 PNG
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
  try {
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Chat' }).click();
    const box = page.getByRole('textbox', { name: 'Message the agent' });
    const paste = () =>
      box.evaluate((el, data) => {
        const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], 'shot.png', { type: 'image/png' }));
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      }, png);
    await paste();
    await paste();
    await expect(page.getByRole('img', { name: /Pasted image/ })).toHaveCount(2);
    await page.getByRole('button', { name: 'Remove image 2' }).click();
    await expect(page.getByRole('img', { name: /Pasted image/ })).toHaveCount(1);
    await box.fill('what is this?');
    await page.keyboard.press('Enter');
    await expect(page.locator('.chat-assistant')).toContainText('That is a tiny PNG.');
    await expect(page.locator('.chat-user')).toContainText('+ 1 image');
    const content = model.requests[0].body.messages?.[0].content ?? [];
    expect(content[1]).toEqual({ image: { format: 'png', source: { bytes: png } } });
  } finally {
    await stop();
  }
});

base('budget caps are set from the command palette and saved to the settings file', async ({ page }) => {
  const served = await serveFixture();
  try {
    await page.goto(served.url);
    await expect(page.getByRole('tree')).toBeVisible();
    await page.keyboard.press('Control+Shift+p');
    await page.keyboard.type('set budget');
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: 'Dollars per turn' }).fill('0.5');
    await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
    await page.getByRole('textbox', { name: 'Dollars per session' }).fill('2');
    await page.keyboard.press('Enter');
    await expect(page.getByText('Caps set: $0.5 per turn, $2 per session')).toBeVisible();
    const saved = JSON.parse(await fsp.readFile(path.join(served.configDir, 'settings.json'), 'utf8'));
    expect(saved).toMatchObject({ 'agent.maxCostPerTurn': 0.5, 'agent.maxCostPerSession': 2 });
  } finally {
    await served.stop();
  }
});

base('a scripted rm -rf asks for approval, and rejecting it leaves the files in place', async ({ page }) => {
  const { served, stop, model } = await withAgent([{ toolUses: [{ name: 'run_command', input: { command: 'npm test; rm -rf src' } }] }, { text: ['Understood, I will not delete it.'] }]);
  try {
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Chat' }).click();
    await page.getByRole('textbox', { name: 'Message the agent' }).fill('clean the project');
    await page.keyboard.press('Enter');
    const card = page.getByTestId('approval-card');
    await expect(card).toContainText('Run this command?');
    await expect(card).toContainText('`rm -rf src` deletes recursively');
    // destructive: no "always allow" on offer
    await expect(card.getByRole('button', { name: /Always Allow/ })).toHaveCount(0);
    await expect(card).toContainText('npm test; rm -rf src');
    await card.getByRole('button', { name: 'Reject' }).click();
    await expect(card).toContainText('Not allowed');
    await expect(page.locator('.chat-assistant').last()).toContainText('Understood, I will not delete it.');
    await expect(fsp.access(path.join(served.root, 'src/greet.ts'))).resolves.toBeUndefined();
    expect(JSON.stringify(model.requests[1].body.messages)).toContain('was not run: The person did not allow it');
  } finally {
    await stop();
  }
});
