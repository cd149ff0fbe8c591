import { execFileSync } from 'node:child_process';
import { mkdtempSync, promises as fsp, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PtyService } from '../pty/service';
import { SearchService } from '../search/service';
import { SettingsService } from '../settings/settings';
import { StateStore } from '../settings/state';
import { WorkspaceManager } from '../workspace/manager';
import { BedrockProvider } from './bedrock';
import { AgentSession, type AgentEvent, type Limits, type RunOptions } from './loop';
import { startScriptedBedrock, type ScriptedTurn } from './test-support/scripted-bedrock';
import { decide, type AgentMode, type PermissionRequest } from '../../../shared/model/permissions/rules';
import { ReviewService } from '../review/service';

interface Asked extends PermissionRequest {
  reason: string;
}
type Answer = { approved: boolean; command?: string };

process.env.AWS_ACCESS_KEY_ID = 'AKIDTESTFIXTURE';
process.env.AWS_SECRET_ACCESS_KEY = 'fixture-secret';

const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'; // $3 in / $15 out per million
let base: string;
let root: string;
const cleanups: (() => unknown)[] = [];

beforeEach(async () => {
  base = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sw-agent-')));
  root = path.join(base, 'ws');
  await fsp.mkdir(path.join(root, 'src'), { recursive: true });
  await fsp.writeFile(path.join(root, 'src/greet.ts'), 'export const greeting = "hello";\nexport const other = "hello";\n');
  await fsp.writeFile(path.join(base, 'secret.txt'), 'secret');
});
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  await fsp.rm(base, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

const limits = (over: Partial<Limits> = {}): Limits => ({ maxTurns: 10, maxCostPerTurn: 0, maxCostPerSession: 0, maxTokensPerTurn: 0, maxTokensPerSession: 0, ...over });

async function setup(script: ScriptedTurn[], lim: Partial<Limits> = {}, mode: AgentMode = 'autopilot') {
  const server = await startScriptedBedrock(script);
  const settings = new SettingsService(path.join(base, 'config', 'settings.json'));
  await settings.load();
  const state = new StateStore(path.join(base, 'config'));
  const workspaces = new WorkspaceManager(settings, state, { mode: 'serve' });
  const search = new SearchService(workspaces, () => null, () => []);
  const review = new ReviewService({ workspaces, settings, state, search, configDir: path.join(base, 'config') });
  await workspaces.open(root);
  await review.setMode(mode);
  const pty = new PtyService({ scriptDir: path.join(base, 'config', 'si') });
  cleanups.push(() => server.close(), () => pty.shutdown(), () => review.dispose(), () => workspaces.dispose());
  const session = new AgentSession('s1', 'New session');
  const approvals: Asked[] = [];
  let answer: (r: PermissionRequest) => Answer = () => ({ approved: false });
  const events: AgentEvent[] = [];
  session.onEvent((e) => events.push(e));
  let terminal: Awaited<ReturnType<PtyService['spawn']>> | undefined;
  const opts: RunOptions = {
    provider: new BedrockProvider({ region: 'us-east-1', endpoint: server.endpoint, backoffMs: 5 }),
    modelId: MODEL,
    system: { stable: 'You are a coding agent.', dynamic: '' },
    limits: limits(lim),
    tools: {
      // the policy with no rules; what asks goes to `answer`
      permit: async (request) => {
        const d = decide([], request, { mode });
        if (d.action !== 'ask') return { allowed: d.action === 'allow', reason: d.reason };
        approvals.push({ ...request, reason: d.reason });
        const a = answer(request);
        return a.approved ? { allowed: true, subject: a.command ?? request.subject, reason: 'allowed' } : { allowed: false, reason: `The person did not allow it (${d.reason})` };
      },
      files: await review.filesFor('s1', () => undefined),
      search,
      terminal: async () => {
        terminal ??= await pty.spawn({ cols: 80, rows: 24, cwd: root, shell: '/bin/bash', env: { HOME: base } });
        await terminal.ready();
        return terminal;
      },
      diagnostics: () => [],
    },
  };
  return { server, session, events, opts, approvals, review, answerWith: (fn: typeof answer) => (answer = fn) };
}

const done = (events: AgentEvent[]) => events.find((e) => e.type === 'done') as Extract<AgentEvent, { type: 'done' }>;
const lastToolResult = (body: { messages?: { content: Record<string, unknown>[] }[] }) =>
  body.messages?.at(-1)?.content.find((c) => 'toolResult' in c)?.toolResult as { status: string; content: { text: string }[] };

describe('the agent loop (real SDK client, scripted Bedrock server, real files)', () => {
  it('streams an answer and finishes', async () => {
    const { session, events, opts } = await setup([{ text: ['Hello ', 'there'] }]);
    await session.run('hi', opts);
    expect(events.filter((e) => e.type === 'text').map((e) => (e as { text: string }).text).join('')).toBe('Hello there');
    expect(done(events)).toMatchObject({ reason: 'end_turn' });
    expect(session.title).toBe('hi');
  });

  it('edits a file through a tool call, and the file changes', async () => {
    const { session, events, opts, server } = await setup([
      { toolUses: [{ name: 'edit_file', input: { path: 'src/greet.ts', old_text: 'greeting = "hello"', new_text: 'greeting = "bonjour"' } }] },
      { text: ['Done.'] },
    ]);
    await session.run('translate the greeting', opts);
    expect(await fsp.readFile(path.join(root, 'src/greet.ts'), 'utf8')).toContain('greeting = "bonjour"');
    expect(events.find((e) => e.type === 'toolResult')).toMatchObject({ isError: false, changed: ['src/greet.ts'] });
    expect(lastToolResult(server.requests[1].body).status).toBe('success');
  });

  it('creates a file in a folder that does not exist yet', async () => {
    const { session, opts } = await setup([{ toolUses: [{ name: 'create_file', input: { path: 'docs/new/notes.md', content: '# Notes\n' } }] }, { text: ['ok'] }]);
    await session.run('write notes', opts);
    expect(await fsp.readFile(path.join(root, 'docs/new/notes.md'), 'utf8')).toBe('# Notes\n');
  });

  it.skipIf(process.platform === 'win32')('will not create a file where a folder or a pipe already is, and says so', async () => {
    await fsp.mkdir(path.join(root, 'docs'));
    execFileSync('mkfifo', [path.join(root, 'events.pipe')]);
    const { session, opts, events } = await setup([
      { toolUses: [{ name: 'create_file', input: { path: 'docs', content: 'x' } }, { name: 'create_file', input: { path: 'events.pipe', content: 'x' } }] },
      { text: ['ok'] },
    ]);
    await session.run('write them', opts);
    const results = events.filter((e) => e.type === 'toolResult');
    expect(results.map((r) => (r as { content: string }).content)).toEqual(['docs already exists. Use edit_file to change it.', 'events.pipe already exists. Use edit_file to change it.']);
    expect((await fsp.stat(path.join(root, 'docs'))).isDirectory()).toBe(true);
  });

  it('sends a pasted image to the model as an image block', async () => {
    const { session, opts, server, events } = await setup([{ text: ['A red square.'] }]);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
    await session.run('what is this?', { ...opts, images: [{ mediaType: 'image/png', data: png }] });
    const content = server.requests[0].body.messages?.[0].content ?? [];
    expect(content[1]).toEqual({ image: { format: 'png', source: { bytes: png } } });
    expect(events[0]).toEqual({ type: 'user', text: 'what is this?', images: 1 });
  });

  it('asks before a destructive command; a no leaves the files and tells the model', async () => {
    const { session, opts, server, approvals } = await setup([{ toolUses: [{ name: 'run_command', input: { command: 'npm test && rm -rf src' } }] }, { text: ['Understood.'] }]);
    await session.run('clean up', opts);
    expect(approvals).toEqual([{ tool: 'shell', subject: 'npm test && rm -rf src', reason: 'Destructive: `rm -rf src` deletes recursively.' }]);
    await expect(fsp.access(path.join(root, 'src/greet.ts'))).resolves.toBeUndefined();
    expect(lastToolResult(server.requests[1].body).content[0].text).toMatch(/was not run: The person did not allow it/);
  });

  it('runs the edited command when the person edits, then approves', async () => {
    const { session, opts, server, answerWith } = await setup([{ toolUses: [{ name: 'run_command', input: { command: 'rm -rf src' } }] }, { text: ['ok'] }]);
    answerWith(() => ({ approved: true, command: 'echo kept-$((2+3))' }));
    await session.run('clean', opts);
    expect(lastToolResult(server.requests[1].body).content[0].text).toContain('kept-5');
    await expect(fsp.access(path.join(root, 'src/greet.ts'))).resolves.toBeUndefined();
  });

  it('in Supervised mode holds edits for review: the disk is untouched, and the agent reads its own version', async () => {
    const { session, opts, server, review } = await setup(
      [
        { toolUses: [{ name: 'edit_file', input: { path: 'src/greet.ts', old_text: 'greeting = "hello"', new_text: 'greeting = "bonjour"' } }] },
        { toolUses: [{ name: 'create_file', input: { path: 'src/new.ts', content: 'export {};\n' } }, { name: 'read_file', input: { path: 'src/greet.ts' } }] },
        { toolUses: [{ name: 'rename_file', input: { from: 'src/new.ts', to: 'src/moved.ts' } }] },
        { text: ['Done.'] },
      ],
      {},
      'supervised',
    );
    await session.run('translate', opts);
    expect(await fsp.readFile(path.join(root, 'src/greet.ts'), 'utf8')).toContain('"hello"');
    await expect(fsp.access(path.join(root, 'src/new.ts'))).rejects.toThrow();
    expect(lastToolResult(server.requests[1].body).content[0].text).toMatch(/pending the person's review/);
    const read = server.requests[2].body.messages?.at(-1)?.content.map((c) => (c.toolResult as { content: { text: string }[] } | undefined)?.content[0].text).join('\n');
    expect(read).toContain('bonjour');
    expect((await review.state()).pending.map((p) => `${p.kind} ${p.path}`)).toEqual(['modify src/greet.ts', 'create src/moved.ts']);
  });

  it('puts review feedback before the request text', async () => {
    const { session, opts, server } = await setup([{ text: ['ok'] }]);
    await session.run('continue', { ...opts, preamble: 'Review feedback: the person rejected …' });
    const content = server.requests[0].body.messages?.[0].content as { text?: string }[];
    expect(content.map((c) => c.text)).toEqual(['Review feedback: the person rejected …', 'continue']);
  });

  it('refuses a path outside the workspace and tells the model', async () => {
    const { session, opts, server } = await setup([{ toolUses: [{ name: 'read_file', input: { path: '../secret.txt' } }] }, { text: ['ok'] }]);
    await session.run('read the secret', opts);
    const result = lastToolResult(server.requests[1].body);
    expect(result.status).toBe('error');
    expect(result.content[0].text).toMatch(/outside the workspace/);
  });

  it('reports a failed exact-match edit back to the model, saying why, and changes nothing', async () => {
    const { session, opts, server } = await setup([
      { toolUses: [{ name: 'edit_file', input: { path: 'src/greet.ts', old_text: '"hello"', new_text: '"hi"' } }] },
      { toolUses: [{ name: 'edit_file', input: { path: 'src/greet.ts', old_text: 'not in the file', new_text: 'x' } }] },
      { text: ['I will read the file first.'] },
    ]);
    const before = await fsp.readFile(path.join(root, 'src/greet.ts'), 'utf8');
    await session.run('change hello', opts);
    expect(lastToolResult(server.requests[1].body).content[0].text).toMatch(/more than once.*lines 1 and 2/);
    expect(lastToolResult(server.requests[2].body).content[0].text).toMatch(/was not found/);
    expect(await fsp.readFile(path.join(root, 'src/greet.ts'), 'utf8')).toBe(before);
  });

  it('runs a command in a real terminal and returns its exit code and output', async () => {
    const { session, opts, server } = await setup([{ toolUses: [{ name: 'run_command', input: { command: 'echo built-$((1+1)); exit_code() { return 3; }; exit_code' } }] }, { text: ['ok'] }]);
    await session.run('build', opts);
    const result = lastToolResult(server.requests[1].body);
    expect(result.content[0].text).toContain('Exit code: 3');
    expect(result.content[0].text).toContain('built-2');
  });

  it('adds up usage and cost, and puts cache points on later turns', async () => {
    const { session, events, opts, server } = await setup([
      { toolUses: [{ name: 'list_directory', input: { path: '' } }], usage: { inputTokens: 1000, outputTokens: 100 } },
      { text: ['src/ has greet.ts'], usage: { inputTokens: 1200, outputTokens: 50, cacheReadInputTokens: 900 } },
    ]);
    await session.run('what is here?', opts);
    const usages = events.filter((e): e is Extract<AgentEvent, { type: 'usage' }> => e.type === 'usage');
    expect(usages).toHaveLength(2);
    expect(usages[1].session).toMatchObject({ inputTokens: 2200, outputTokens: 150, cacheReadTokens: 900 });
    // $3/M in, $15/M out, $0.30/M cache read
    expect(usages[1].session.cost).toBeCloseTo((2200 * 3 + 150 * 15 + 900 * 0.3) / 1e6, 10);
    const second = server.requests[1].body;
    expect(second.system).toContainEqual({ cachePoint: { type: 'default' } });
    expect(second.messages?.at(-1)?.content).toContainEqual({ cachePoint: { type: 'default' } });
  });

  it('stops at the session cost cap and says so', async () => {
    const { session, events, opts, server } = await setup(
      [
        { toolUses: [{ name: 'list_directory', input: { path: '' } }], usage: { inputTokens: 100_000, outputTokens: 10_000 } },
        { text: ['never reached'] },
      ],
      { maxCostPerSession: 0.3 },
    );
    await session.run('go', opts);
    expect(done(events)).toMatchObject({ reason: 'budget', message: expect.stringContaining('cost cap') });
    expect(server.requests).toHaveLength(1);
  });

  it('stops an agent that repeats the same call', async () => {
    const call = { toolUses: [{ name: 'list_directory', input: { path: 'src' } }] };
    const { session, events, opts } = await setup([call, call, call, call]);
    await session.run('loop', opts);
    expect(done(events)).toMatchObject({ reason: 'loop' });
  });

  it('ends cleanly when the stream is cut mid-answer, and the session can go on', async () => {
    const { session, events, opts } = await setup([
      { text: ['Let me edit'], toolUses: [{ name: 'delete_file', input: { path: 'src/greet.ts' } }], cutAfterFrames: 4 },
      { text: ['Recovered.'] },
    ]);
    await session.run('delete it', opts);
    expect(done(events)).toMatchObject({ reason: 'error', message: expect.stringContaining('cut off') });
    await expect(fsp.access(path.join(root, 'src/greet.ts'))).resolves.toBeUndefined();
    events.length = 0;
    await session.run('try again', opts);
    expect(done(events)).toMatchObject({ reason: 'end_turn' });
  });

  it('Stop cancels a running command and the stream', async () => {
    const { session, events, opts } = await setup([{ toolUses: [{ name: 'run_command', input: { command: 'sleep 30' } }] }, { text: ['after'] }]);
    const running = session.run('wait', opts);
    await new Promise((r) => setTimeout(r, 700));
    const t0 = Date.now();
    session.cancel();
    await running;
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(done(events)).toMatchObject({ reason: 'cancelled' });
  });
});
