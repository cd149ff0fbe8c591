import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startScriptedApp, until, type ScriptedApp } from '../../test-support/scripted-app';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'test-support', 'echo-server.mjs');
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup(config: object): Promise<ScriptedApp> {
  const app = await startScriptedApp([], {
    prepare: async (root) => {
      await fsp.mkdir(path.join(root, '.kiro/settings'), { recursive: true });
      await fsp.writeFile(path.join(root, '.kiro/settings/mcp.json'), JSON.stringify(config, null, 2));
    },
  });
  cleanups.push(app.close);
  return app;
}

const state = (app: ScriptedApp) => app.client.call('mcp.state', {});

describe('MCP over the contract', () => {
  it('per-tool and per-server switches are written to the file the server came from, keeping the rest', async () => {
    const app = await setup({ mcpServers: { local: { command: process.execPath, args: [FIXTURE], note: 'kept' } }, other: 1 });
    await until(() => state(app), (s) => s.servers[0]?.state === 'connected');
    await app.client.call('mcp.setTool', { server: 'local', tool: 'crash', disabled: true });
    await app.client.call('mcp.setTool', { server: 'local', tool: 'echo', autoApprove: true });
    const file = JSON.parse(await fsp.readFile(path.join(app.root, '.kiro/settings/mcp.json'), 'utf8'));
    expect(file).toEqual({ mcpServers: { local: { command: process.execPath, args: [FIXTURE], note: 'kept', disabledTools: ['crash'], autoApprove: ['echo'] } }, other: 1 });
    const s = await until(() => state(app), (x) => x.servers[0]?.tools.some((t) => t.name === 'crash' && t.disabled) ?? false);
    expect(s.servers[0].tools.find((t) => t.name === 'echo')?.autoApprove).toBe(true);

    await app.client.call('mcp.setEnabled', { name: 'local', enabled: false });
    await until(() => state(app), (x) => x.servers[0]?.state === 'disabled');
    expect(JSON.parse(await fsp.readFile(path.join(app.root, '.kiro/settings/mcp.json'), 'utf8')).mcpServers.local.disabled).toBe(true);
    await app.client.call('mcp.setEnabled', { name: 'local', enabled: true });
    await until(() => state(app), (x) => x.servers[0]?.state === 'connected');
  });

  it('a broken mcp.json is reported, and fixing the file connects without a restart of the app', async () => {
    const app = await setup({});
    await fsp.writeFile(path.join(app.root, '.kiro/settings/mcp.json'), '{ "mcpServers": { "local": ');
    await until(() => state(app), (s) => s.problems.some((p) => p.includes('not valid JSON')));
    await fsp.writeFile(path.join(app.root, '.kiro/settings/mcp.json'), JSON.stringify({ mcpServers: { local: { command: process.execPath, args: [FIXTURE] } } }));
    const s = await until(() => state(app), (x) => x.servers[0]?.state === 'connected' && x.problems.length === 0);
    expect(s.servers[0].tools.map((t) => t.name).sort()).toEqual(['add', 'crash', 'echo', 'env']);
  });
});
