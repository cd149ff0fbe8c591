// Integration tests: the real SDK client over stdio against test-support/echo-server.mjs.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRunning } from '../../test-support/process';
import { McpManager, type McpManagerOptions, type McpServerStatus } from './manager';
import { startHttpEcho } from './test-support/http-echo';

const FIXTURE = fileURLToPath(new URL('./test-support/echo-server.mjs', import.meta.url));

let dir: string;
let userFile: string;
let root: string;
const managers: McpManager[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-manager-'));
  userFile = join(dir, 'home', '.kiro', 'settings', 'mcp.json');
  root = join(dir, 'ws');
  await mkdir(join(dir, 'home', '.kiro', 'settings'), { recursive: true });
  await mkdir(join(root, '.kiro', 'settings'), { recursive: true });
});

afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
  await rm(dir, { recursive: true, force: true });
});

const fixture = (extra: Record<string, unknown> = {}, ...args: string[]) => ({ command: process.execPath, args: [FIXTURE, ...args], ...extra });
const writeConfig = (file: string, mcpServers: Record<string, unknown>) => writeFile(file, JSON.stringify({ mcpServers }, null, 2));
const workspaceFile = () => join(root, '.kiro', 'settings', 'mcp.json');

function manager(opts: Partial<McpManagerOptions> = {}): McpManager {
  const m = new McpManager({ userConfigPath: userFile, env: { PATH: process.env.PATH }, backoffMs: [50], connectTimeoutMs: 8000, ...opts });
  managers.push(m);
  return m;
}

const server = (m: McpManager, name: string): McpServerStatus => {
  const s = m.status().find((x) => x.name === name);
  if (!s) throw new Error(`no server "${name}" in ${JSON.stringify(m.status().map((x) => x.name))}`);
  return s;
};

async function waitFor(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** An address nothing listens on: a port that was just free. */
async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}/mcp`;
}

describe('McpManager', () => {
  it('merges the user and workspace files (workspace wins) and expands ${VAR} from the given env', async () => {
    await writeConfig(userFile, {
      shared: fixture({ env: { SOURCE: 'user' } }),
      mine: fixture({ env: { GREETING: '${GREETING}', TOKEN: '${NOT_SET}' } }),
    });
    await writeConfig(workspaceFile(), { shared: fixture({ env: { SOURCE: 'workspace' } }) });
    const m = manager({ env: { PATH: process.env.PATH, GREETING: 'hi there' } });
    await m.setWorkspace(root);

    expect(m.status().map((s) => [s.name, s.scope, s.kind, s.state])).toEqual([
      ['shared', 'workspace', 'stdio', 'connected'],
      ['mine', 'user', 'stdio', 'connected'],
    ]);
    expect(await m.callTool('mcp__shared__env', { name: 'SOURCE' })).toEqual({ content: 'workspace', isError: false });
    expect(await m.callTool('mcp__mine__env', { name: 'GREETING' })).toEqual({ content: 'hi there', isError: false });
    expect(m.problems()).toEqual([`${userFile}: server "mine" uses \${NOT_SET}, which is not set in the environment; it expands to an empty string`]);
  });

  it('lists tools, hides disabledTools from the agent and reports autoApprove', async () => {
    await writeConfig(workspaceFile(), { local: fixture({ disabledTools: ['crash'], autoApprove: ['echo'] }), all: fixture({ autoApprove: ['*'] }) });
    const m = manager();
    await m.setWorkspace(root);

    const local = server(m, 'local');
    expect(local.state).toBe('connected');
    expect(local.tools.map((t) => [t.name, t.disabled, t.autoApprove])).toEqual([
      ['echo', false, true],
      ['add', false, false],
      ['env', false, false],
      ['crash', true, false],
    ]);
    const tools = m.tools().filter((t) => t.server === 'local');
    expect(tools.map((t) => t.qualifiedName)).toEqual(['mcp__local__echo', 'mcp__local__add', 'mcp__local__env']);
    const echo = tools[0];
    expect(echo).toMatchObject({ name: 'echo', description: 'Returns the text it is given.', autoApprove: true });
    expect(echo.inputSchema).toMatchObject({ type: 'object', properties: { text: { type: 'string' } } });
    expect(m.tools().filter((t) => t.server === 'all').every((t) => t.autoApprove)).toBe(true);
    expect((await m.callTool('mcp__local__crash', {})).isError).toBe(true);
    expect(server(m, 'local').state).toBe('connected');
  });

  it('calls tools and turns the results into text', async () => {
    await writeConfig(userFile, { local: fixture() });
    const m = manager();
    await m.setWorkspace(null);

    expect(await m.callTool('mcp__local__echo', { text: 'hello' })).toEqual({ content: 'hello', isError: false });
    expect(await m.callTool('mcp__local__add', { a: 2, b: 3 })).toEqual({ content: '5', isError: false });
    const bad = await m.callTool('mcp__local__add', { a: 'two' });
    expect(bad.isError).toBe(true);
    expect(bad.content).toContain('Invalid arguments for tool add');
    expect(await m.callTool('mcp__nope__echo', {})).toMatchObject({ isError: true, content: expect.stringContaining('"mcp__nope__echo"') });
    const cancelled = await m.callTool('mcp__local__echo', { text: 'x' }, AbortSignal.abort());
    expect(cancelled).toMatchObject({ isError: true, content: expect.stringContaining('cancelled') });
  });

  it('reports a server that crashes with its stderr, then restarts it', async () => {
    await writeConfig(userFile, { local: fixture() });
    const m = manager({ backoffMs: [50] });
    const seen: McpServerStatus[] = [];
    m.onDidChange(() => seen.push(...m.status()));
    await m.setWorkspace(null);
    const firstPid = server(m, 'local').pid!;

    const result = await m.callTool('mcp__local__crash', {});
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(/^MCP server "local" stopped while running "crash": "local" exited with code 3: [\s\S]*boom$/);

    await waitFor('the restart', () => server(m, 'local').state === 'connected' && server(m, 'local').restarts === 1);
    const failed = seen.find((s) => s.state === 'failed');
    expect(failed?.error).toMatch(/^"local" exited with code 3: [\s\S]*boom$/);
    expect(failed?.stderr).toContain('boom');
    expect(server(m, 'local').pid).not.toBe(firstPid);
    expect(isRunning(firstPid)).toBe(false);
    expect(await m.callTool('mcp__local__echo', { text: 'back' })).toEqual({ content: 'back', isError: false });
  });

  it('reports a server that cannot start with its stderr, gives up after the backoff, and keeps the others working', async () => {
    await writeConfig(workspaceFile(), {
      bad: fixture({}, '--fail-start'),
      missing: { command: 'specwright-no-such-program' },
      good: fixture(),
    });
    const m = manager({ backoffMs: [50] });
    await m.setWorkspace(root);

    await waitFor('the retry', () => server(m, 'bad').restarts === 1 && server(m, 'bad').state === 'failed');
    await new Promise((r) => setTimeout(r, 200));
    const bad = server(m, 'bad');
    expect(bad).toMatchObject({ state: 'failed', restarts: 1, error: '"bad" exited with code 1 while starting: cannot start: missing TOKEN' });
    expect(bad.stderr).toContain('cannot start: missing TOKEN');
    expect(server(m, 'missing').error).toContain('"specwright-no-such-program" was not found');
    expect(server(m, 'good').state).toBe('connected');
    expect(await m.callTool('mcp__good__echo', { text: 'ok' })).toEqual({ content: 'ok', isError: false });

    await m.restart('bad');
    expect(server(m, 'bad')).toMatchObject({ state: 'failed', restarts: 0 });
  });

  it('gives up on a server that never answers the handshake, and stops its process', async () => {
    const silent = { command: process.execPath, args: ['-e', 'process.stderr.write("waiting for nothing\\n"); setInterval(() => {}, 1000)'] };
    await writeConfig(userFile, { silent });
    const m = manager({ connectTimeoutMs: 300, backoffMs: [] });
    const pids = new Set<number>();
    m.onDidChange(() => m.status().forEach((s) => s.pid && pids.add(s.pid)));
    await m.setWorkspace(null);

    expect(server(m, 'silent')).toMatchObject({ state: 'failed', error: '"silent" did not answer the MCP handshake within 300 ms: waiting for nothing' });
    expect(server(m, 'silent').pid).toBeUndefined();
    expect(pids.size).toBe(1);
    await waitFor('the silent process to be stopped', () => ![...pids].some(isRunning), 6000);
  });

  it('on reload reconnects only the server whose config changed', async () => {
    await writeConfig(workspaceFile(), { a: fixture(), b: fixture() });
    const m = manager();
    await m.setWorkspace(root);
    const [pidA, pidB] = [server(m, 'a').pid!, server(m, 'b').pid!];

    await writeConfig(workspaceFile(), { a: fixture({ autoApprove: ['echo'] }), b: fixture({}, '--label', 'v2') });
    await m.reload();

    expect(server(m, 'a')).toMatchObject({ state: 'connected', pid: pidA });
    expect(server(m, 'a').tools.find((t) => t.name === 'echo')?.autoApprove).toBe(true);
    expect(server(m, 'b').state).toBe('connected');
    expect(server(m, 'b').pid).not.toBe(pidB);
    await waitFor('the old "b" process to exit', () => !isRunning(pidB));
    expect(await m.callTool('mcp__b__echo', { text: 'new' })).toEqual({ content: 'new', isError: false });
  });

  it('connects to a Streamable HTTP server with the configured headers, and reports one that is not there', async () => {
    const http = await startHttpEcho();
    const closed = await closedPortUrl();
    try {
      await writeConfig(userFile, {
        remote: { url: http.url, headers: { Authorization: 'Bearer ${TOKEN}' } },
        gone: { url: closed },
      });
      // a long backoff: with the usual 50 ms, a busy machine saw "gone" already retrying ("starting")
      const m = manager({ env: { TOKEN: 's3cret' }, backoffMs: [60_000] });
      await m.setWorkspace(null);
      expect(server(m, 'remote')).toMatchObject({ kind: 'http', state: 'connected', stderr: '' });
      expect(await m.callTool('mcp__remote__echo', { text: 'hi' })).toEqual({ content: 'hi (auth: Bearer s3cret)', isError: false });
      expect(server(m, 'gone')).toMatchObject({ kind: 'http', state: 'failed' });
      expect(server(m, 'gone').error).toBe(`"gone" could not connect to ${closed}: fetch failed (connect ECONNREFUSED ${new URL(closed).host})`);
    } finally {
      await http.close();
    }
  });

  it('disables and re-enables a server in memory', async () => {
    await writeConfig(userFile, { local: fixture() });
    const m = manager();
    await m.setWorkspace(null);
    const pid = server(m, 'local').pid!;

    await m.setEnabled('local', false);
    expect(server(m, 'local')).toMatchObject({ state: 'disabled', tools: [] });
    expect(m.tools()).toEqual([]);
    expect(m.enabledOverrides()).toEqual({ local: false });
    await waitFor('the process to exit', () => !isRunning(pid));

    await m.setEnabled('local', true);
    expect(server(m, 'local').state).toBe('connected');
  });

  it('leaves no server process running after shutdown or dispose', async () => {
    await writeConfig(workspaceFile(), { a: fixture(), b: fixture() });
    const first = manager();
    await first.setWorkspace(root);
    const firstPids = first.status().map((s) => s.pid!);
    expect(firstPids.every(isRunning)).toBe(true);
    await first.shutdown();
    expect(firstPids.some(isRunning)).toBe(false);

    const second = manager();
    await second.setWorkspace(root);
    const secondPids = second.status().map((s) => s.pid!);
    second.dispose();
    await waitFor('every process to exit', () => !secondPids.some(isRunning), 3000);
  });
});
