import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WebSocket } from 'ws';
import { test as base, expect } from '@playwright/test';
import { isRunning } from '../../main/test-support/process';
import { decodeMessage } from '../../shared/ipc/frames';
import { serveFixture } from '../support/serve';
import { test } from './fixtures';

function connect(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function request(ws: WebSocket, msg: object): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString()) as Record<string, unknown>));
    ws.send(JSON.stringify(msg));
  });
}

test('a raw WebSocket message asking for ../../etc/passwd gets an error', async ({ served }) => {
  const ws = await connect(`ws://127.0.0.1:${served.port}/ws?token=${served.token}`);
  const reply = await request(ws, { t: 'req', id: 1, ch: 'files.read', input: { path: '../../etc/passwd' } });
  expect(reply).toMatchObject({ t: 'res', id: 1, ok: false, error: { code: 'OUTSIDE_WORKSPACE' } });
  const abs = await request(ws, { t: 'req', id: 2, ch: 'files.read', input: { path: '/etc/passwd' } });
  expect(abs).toMatchObject({ ok: false, error: { code: 'OUTSIDE_WORKSPACE' } });
  const unknown = await request(ws, { t: 'req', id: 3, ch: 'shell.exec', input: { cmd: 'id' } });
  expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  ws.close();
});

test('a large file comes back as a binary frame holding its exact text; a malformed binary frame is dropped and the socket goes on', async ({ served }) => {
  const text = 'línea con acento 😀\r\n\t"quoted" \\ back\\slash\r\n'.repeat(4000);
  writeFileSync(path.join(served.root, 'big.txt'), text);
  const ws = await connect(`ws://127.0.0.1:${served.port}/ws?token=${served.token}`);
  const frame = await new Promise<{ data: Buffer; isBinary: boolean }>((resolve) => {
    ws.once('message', (data, isBinary) => resolve({ data: data as Buffer, isBinary }));
    ws.send(JSON.stringify({ t: 'req', id: 1, ch: 'files.read', input: { path: 'big.txt' } }));
  });
  expect(frame.isBinary).toBe(true);
  expect(decodeMessage(frame.data)).toMatchObject({ t: 'res', id: 1, ok: true, output: { kind: 'text', content: text, eol: '\r\n' } });
  // a hostile header (a path into the prototype) and plain garbage: no reply, no crash
  const header = Buffer.from(JSON.stringify({ t: 'req', id: 2, ch: 'files.read', input: { path: 'big.txt' }, bin: ['input', '__proto__', 'x'] }));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(header.length);
  ws.send(Buffer.concat([len, header, Buffer.from('x')]));
  ws.send(Buffer.from([1, 2, 3]));
  const next = await request(ws, { t: 'req', id: 3, ch: 'workspace.current', input: {} });
  expect(next).toMatchObject({ t: 'res', id: 3, ok: true });
  ws.close();
});

test('a wrong token or a foreign Origin is refused', async ({ served }) => {
  await expect(connect(`ws://127.0.0.1:${served.port}/ws?token=wrong`)).rejects.toThrow('HTTP 403');
  await expect(connect(`ws://127.0.0.1:${served.port}/ws`)).rejects.toThrow('HTTP 403');
  await expect(
    connect(`ws://127.0.0.1:${served.port}/ws?token=${served.token}`, { Origin: 'http://evil.example' }),
  ).rejects.toThrow('HTTP 403');
  const ok = await connect(`ws://127.0.0.1:${served.port}/ws?token=${served.token}`, { Origin: `http://127.0.0.1:${served.port}` });
  ok.close();
});

base('with no folder, Open Folder shows a server-side picker; a slow first listing does not undo a typed path', async ({ page }) => {
  const served = await serveFixture('workspace', { open: false });
  try {
    // the picker's first listing (the home folder) answers late, after the person has typed a path
    let firstListing: number | null = null;
    await page.routeWebSocket(/\/ws\?token=/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((m) => {
        if (typeof m === 'string' && firstListing === null && m.includes('"host.listDirs"')) firstListing = (JSON.parse(m) as { id: number }).id;
        server.send(m);
      });
      server.onMessage((m) => {
        if (typeof m === 'string' && firstListing !== null && m.startsWith(`{"t":"res","id":${firstListing},`)) setTimeout(() => ws.send(m), 1500);
        else ws.send(m);
      });
    });
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Open Folder…' }).click();
    const picker = page.getByRole('dialog', { name: 'Open Folder' });
    await expect(picker).toBeVisible();
    await picker.getByRole('textbox', { name: 'Folder path' }).fill(served.root);
    await page.waitForTimeout(2000); // the late first listing arrives here
    await expect(picker.getByRole('textbox', { name: 'Folder path' })).toHaveValue(served.root);
    await picker.getByRole('button', { name: 'Go' }).click();
    await expect(picker.getByRole('button', { name: 'src' })).toBeVisible();
    await picker.getByRole('button', { name: `Open ${served.root}` }).click();
    await expect(page.locator('.tree-row[data-path="README.md"]')).toBeVisible();
    // the folder is remembered as recent
    await page.reload();
    await expect(page.locator('.tree-row[data-path="README.md"]')).toBeVisible();
  } finally {
    await served.stop();
  }
});

test('the theme follows the toggle and is remembered', async ({ workbench: page }) => {
  const before = await page.evaluate(() => document.documentElement.dataset.theme);
  await page.getByRole('button', { name: '◐' }).click();
  const after = before === 'dark' ? 'light' : 'dark';
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(after);
  await page.reload();
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(after);
});

base('a settings.json that is not valid JSON is named in a notice at start, and a change from the workbench does not write over it', async ({ page }) => {
  const typo = '{\n  "terminal.gpuAcceleration": "off",\n  "editor.fontSize": 18,\n}\n';
  const served = await serveFixture('workspace', { settingsText: typo });
  try {
    await page.goto(served.url);
    await expect(page.getByRole('alert').filter({ hasText: 'settings.json is not valid JSON' })).toContainText('using the defaults until it is fixed');
    await page.getByRole('button', { name: '◐' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'will not write over it' })).toBeVisible();
    expect(readFileSync(path.join(served.configDir, 'settings.json'), 'utf8')).toBe(typo);
  } finally {
    await served.stop();
  }
});

base('settings.json edited by hand applies at once; a half-typed edit keeps the settings in use and says why', async ({ page }) => {
  const served = await serveFixture('workspace', { settings: { 'workbench.colorTheme': 'dark' } });
  const file = path.join(served.configDir, 'settings.json');
  try {
    await page.goto(served.url);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.getByRole('tree').waitFor();
    await page.keyboard.press('Control+`');
    const rows = page.locator('[data-testid=terminal] .xterm-rows');
    await expect(rows).toHaveCSS('font-size', '13px');
    writeFileSync(file, JSON.stringify({ 'terminal.gpuAcceleration': 'off', 'workbench.colorTheme': 'light', 'terminal.fontSize': 20 }, null, 2));
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(rows).toHaveCSS('font-size', '20px');
    writeFileSync(file, '{\n  "terminal.gpuAcceleration": "off",\n  "workbench.colorTheme": "dark",\n');
    await expect(page.getByRole('alert').filter({ hasText: 'settings.json is not valid JSON' })).toContainText('keeping the settings in use until it is fixed');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    writeFileSync(file, '{\n  "terminal.gpuAcceleration": "off",\n  "workbench.colorTheme": "dark"\n}\n');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  } finally {
    await served.stop();
  }
});

base('Ctrl+C stops serve and its terminals; a second Ctrl+C does not wait for a shell that ignores hangups', async () => {
  const served = await serveFixture('workspace');
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => served.child.once('exit', (code) => resolve({ code, at: Date.now() })));
  try {
    const ws = await connect(`ws://127.0.0.1:${served.port}/ws?token=${served.token}`);
    const spawned = (await request(ws, { t: 'req', id: 1, ch: 'pty.spawn', input: { cols: 80, rows: 24 } })) as { output: { id: number; pid: number } };
    const { id, pid } = spawned.output;
    // a program that ignores SIGHUP and never reads its terminal (so a closed pty does not end
    // it either) holds up the first shutdown, which waits up to 2 s for shells
    await request(ws, { t: 'req', id: 2, ch: 'pty.write', input: { id, data: "trap '' HUP; exec sleep 60\r" } });
    await new Promise((r) => setTimeout(r, 1000));
    const t0 = Date.now();
    served.child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 300));
    expect(served.child.exitCode).toBeNull(); // still waiting for that shell
    served.child.kill('SIGINT');
    const { code, at } = await exited;
    expect(at - t0).toBeLessThan(1500);
    expect(code).toBe(1);
    expect(served.output()).toContain('stopping now');
    // the shell that ignored the hangup did not outlive serve
    await expect.poll(() => isRunning(pid)).toBe(false);
  } finally {
    await served.stop();
  }
});

base('Ctrl+C once stops serve cleanly, terminals included', async () => {
  const served = await serveFixture('workspace');
  const exited = new Promise<number | null>((resolve) => served.child.once('exit', (code) => resolve(code)));
  try {
    const ws = await connect(`ws://127.0.0.1:${served.port}/ws?token=${served.token}`);
    const spawned = (await request(ws, { t: 'req', id: 1, ch: 'pty.spawn', input: { cols: 80, rows: 24 } })) as { output: { pid: number } };
    await new Promise((r) => setTimeout(r, 500));
    served.child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(isRunning(spawned.output.pid)).toBe(false);
  } finally {
    await served.stop();
  }
});
