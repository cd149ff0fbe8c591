import { promises as fsp, mkdtempSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../shared/ipc/client';
import type { Contract } from '../shared/ipc/contract';
import { createMemoryPair } from '../shared/ipc/memory';
import { composeApp } from './compose';
import { isolateHome } from './test-support/home';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup() {
  const base = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sw-compose-')));
  const root = path.join(base, 'ws');
  await fsp.mkdir(root);
  await fsp.writeFile(path.join(root, 'a.txt'), 'alpha');
  const app = await composeApp({ host: { mode: 'serve' }, configDir: path.join(base, 'config'), version: '0.0.0-test' });
  const [server, clientSide] = createMemoryPair();
  app.router.attach(server);
  const client = createClient<Contract>(clientSide);
  cleanups.push(() => app.dispose(), isolateHome(base), () => fsp.rm(base, { recursive: true, force: true }));
  return { app, client, root };
}

describe('the composed app over the contract', () => {
  it('refuses file calls before a folder is open, with an actionable message', async () => {
    const { client } = await setup();
    await expect(client.call('files.list', { path: '' })).rejects.toMatchObject({ code: 'NO_WORKSPACE', message: expect.stringContaining('Open Folder') });
  });

  it('opens a folder, lists and reads it, and remembers it as recent', async () => {
    const { client, root } = await setup();
    const changes: (string | null)[] = [];
    client.subscribe('workspace.onDidChange', {}, (info) => changes.push(info.root));
    await new Promise((r) => setTimeout(r, 5));
    await expect(client.call('workspace.open', { path: root })).resolves.toMatchObject({ root, name: 'ws' });
    expect(changes).toEqual([root]);
    await expect(client.call('files.list', { path: '' })).resolves.toMatchObject({ entries: [{ name: 'a.txt', kind: 'file', size: 5 }] });
    await expect(client.call('files.read', { path: 'a.txt' })).resolves.toMatchObject({ kind: 'text', content: 'alpha' });
    await expect(client.call('workspace.recent', {})).resolves.toEqual({ folders: [root] });
  });

  it('streams watcher batches for outside edits to subscribers', async () => {
    const { client, root } = await setup();
    await client.call('workspace.open', { path: root });
    const got = new Promise((resolve) => client.subscribe('files.onDidChange', {}, (b) => b.changes.some((c) => c.path === 'b.txt') && resolve(b)));
    await new Promise((r) => setTimeout(r, 50));
    await fsp.writeFile(path.join(root, 'b.txt'), 'beta');
    await expect(got).resolves.toMatchObject({ rescan: false });
  });

  it('reports that serve mode has no trash and no native dialogs', async () => {
    const { client } = await setup();
    await expect(client.call('host.info', {})).resolves.toMatchObject({ mode: 'serve', canTrash: false, nativeDialogs: false });
    await expect(client.call('host.pickFolder', {})).resolves.toEqual({ path: null });
  });
});

describe('terminals over the contract', () => {
  it('spawns a shell in the workspace, streams its output and kills it', async () => {
    const { client, root } = await setup();
    await client.call('workspace.open', { path: root });
    const term = await client.call('pty.spawn', { cols: 80, rows: 24 });
    expect(term.cwd).toBe(root);
    let out = '';
    client.subscribe('pty.onData', { id: term.id }, ({ data }) => {
      out += data;
      void client.call('pty.ack', { id: term.id, chars: data.length });
    });
    await client.call('pty.write', { id: term.id, data: 'echo from-$((6*7))\r' });
    const end = Date.now() + 5000;
    while (!out.includes('from-42') && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(out).toContain('from-42');
    await client.call('pty.kill', { id: term.id });
    await expect(client.call('pty.write', { id: term.id, data: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a terminal cwd outside the workspace', async () => {
    const { client, root } = await setup();
    await client.call('workspace.open', { path: root });
    await expect(client.call('pty.spawn', { cols: 80, rows: 24, cwd: '../..' })).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
  });
});
