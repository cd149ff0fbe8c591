import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HooksState } from '../../../shared/ipc/contract';
import type { ScriptedTurn } from '../agent/test-support/scripted-bedrock';
import { startScriptedApp, until, type ScriptedApp } from '../../test-support/scripted-app';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup(script: ScriptedTurn[], hooks: Record<string, unknown>, trusted = true): Promise<ScriptedApp> {
  const app = await startScriptedApp(script, {
    prepare: async (root) => {
      await fsp.mkdir(path.join(root, '.kiro/hooks'), { recursive: true });
      for (const [name, hook] of Object.entries(hooks)) await fsp.writeFile(path.join(root, '.kiro/hooks', name), typeof hook === 'string' ? hook : JSON.stringify(hook, null, 2));
    },
    state: trusted ? { 'hooks.trusted': true } : {},
  });
  cleanups.push(app.close);
  // the watcher is ready once a file event makes it through
  await new Promise((r) => setTimeout(r, 300));
  return app;
}

const runsOf = (app: ScriptedApp) => app.client.call('hooks.state', {}).then((s: HooksState) => s.runs);
const hook = (when: object, then: object, extra: object = {}) => ({ enabled: true, name: 'Test hook', version: '1', when, then, ...extra });

describe('file hooks', () => {
  it('a save matching the patterns runs the command with the event on stdin; a negated path does not', async () => {
    const app = await setup([], {
      'lint.kiro.hook': hook({ type: 'fileEdited', patterns: ['src/**/*.ts', '!**/*.test.ts'] }, { type: 'runCommand', command: 'cat; echo; echo linted', timeout: 10 }, { name: 'Lint' }),
    });
    await fsp.writeFile(path.join(app.root, 'src/count.test.ts'), 'test\n');
    await new Promise((r) => setTimeout(r, 800));
    expect(await runsOf(app)).toEqual([]);
    await fsp.writeFile(path.join(app.root, 'src/count.ts'), 'export let count = 1;\n');
    const [run] = await until(() => runsOf(app), (r) => r.length === 1 && r[0].state !== 'running');
    expect(run).toMatchObject({ name: 'Lint', state: 'ok', exitCode: 0, cause: 'src/count.ts edited', trigger: 'fileEdited' });
    const event = JSON.parse(run.output.split('\n')[0]);
    expect(event).toMatchObject({ hook_event_name: 'fileEdited', cwd: app.root, files: ['src/count.ts'] });
    expect(run.output).toContain('linted');
  });

  it('an atomic save (temp file renamed over the old one) counts as an edit, not a create', async () => {
    const app = await setup([], {
      'edit.kiro.hook': hook({ type: 'fileEdited', patterns: ['src/*.ts'] }, { type: 'runCommand', command: 'echo edited' }, { name: 'On edit' }),
      'create.kiro.hook': hook({ type: 'fileCreated', patterns: ['src/*.ts'] }, { type: 'runCommand', command: 'echo created' }, { name: 'On create' }),
    });
    await new Promise((r) => setTimeout(r, 500)); // the file index has read the folder
    await fsp.writeFile(path.join(app.root, 'src/.count.ts.tmp'), 'export let count = 2;\n');
    await fsp.rename(path.join(app.root, 'src/.count.ts.tmp'), path.join(app.root, 'src/count.ts'));
    const runs = await until(() => runsOf(app), (r) => r.length === 1 && r[0].state === 'ok');
    expect(runs[0].name).toBe('On edit');
    await fsp.writeFile(path.join(app.root, 'src/fresh.ts'), 'new\n');
    await until(() => runsOf(app), (r) => r.some((x) => x.name === 'On create' && x.state === 'ok'));
  });

  it('hooks a workspace brings do not run until it is trusted', async () => {
    const app = await setup([], { 'touch.kiro.hook': hook({ type: 'fileCreated', patterns: ['**/*.md'] }, { type: 'runCommand', command: 'echo ran > ran.txt' }) }, false);
    await fsp.writeFile(path.join(app.root, 'a.md'), '# a\n');
    const [skipped] = await until(() => runsOf(app), (r) => r.length === 1);
    expect(skipped).toMatchObject({ state: 'skipped', message: expect.stringContaining('not trusted') });
    await expect(fsp.access(path.join(app.root, 'ran.txt'))).rejects.toThrow();
    await app.client.call('hooks.trust', { trusted: true });
    await fsp.writeFile(path.join(app.root, 'b.md'), '# b\n');
    await until(() => runsOf(app), (r) => r.some((x) => x.state === 'ok'));
    expect(await fsp.readFile(path.join(app.root, 'ran.txt'), 'utf8')).toBe('ran\n');
  });

  it('a malformed hook file is reported with its position and the others keep working', async () => {
    const app = await setup([], {
      'bad.kiro.hook': '{ "name": "Bad", "when": { "type": "onSave" }, "then": { "type": "runCommand", "command": "true" } }',
      'broken.kiro.hook': '{ "name": "Broken", ',
      'good.kiro.hook': hook({ type: 'fileEdited', patterns: ['src/**'] }, { type: 'runCommand', command: 'echo good' }, { name: 'Good' }),
    });
    const state = await app.client.call('hooks.state', {});
    const bad = state.hooks.find((h) => h.file === '.kiro/hooks/bad.kiro.hook')!;
    expect(bad.problems[0].message).toContain('"when.type" must be one of fileEdited');
    expect(bad.problems[0].message).toContain('"onSave"');
    expect(bad.problems[0].line).toBe(1);
    expect(state.hooks.find((h) => h.file === '.kiro/hooks/broken.kiro.hook')!.problems[0].message).toMatch(/not valid JSON/);
    await fsp.writeFile(path.join(app.root, 'src/count.ts'), 'x\n');
    const runs = await until(() => runsOf(app), (r) => r.length === 1 && r[0].state === 'ok');
    expect(runs[0].name).toBe('Good');
  });

  it('a command that never exits is stopped at its timeout and says so', async () => {
    const app = await setup([], { 'slow.kiro.hook': hook({ type: 'userTriggered' }, { type: 'runCommand', command: 'sleep 30', timeout: 0.5 }) });
    await app.client.call('hooks.run', { file: '.kiro/hooks/slow.kiro.hook' });
    const [run] = await until(() => runsOf(app), (r) => r.length === 1 && r[0].state !== 'running');
    expect(run).toMatchObject({ state: 'failed', message: expect.stringContaining('Timed out after 0.5 s') });
    expect(run.durationMs).toBeLessThan(5000);
  });
});

describe('agent hooks', () => {
  it('an askAgent hook on agentStop starts one turn, and its own stop does not start another', async () => {
    const app = await setup([{ text: ['Hello.'] }, { text: ['Reviewed: all good.'] }, { text: ['never'] }], {
      'review.kiro.hook': hook({ type: 'agentStop' }, { type: 'askAgent', prompt: 'Review what you just did.' }, { name: 'Self review' }),
    });
    const { id } = await app.client.call('agent.create', {});
    await app.client.call('agent.send', { id, text: 'say hello' });
    const runs = await until(() => runsOf(app), (r) => r.some((x) => x.state === 'ok') && r.some((x) => x.state === 'skipped'), 15_000);
    expect(runs.find((r) => r.state === 'ok')).toMatchObject({ name: 'Self review', output: 'Reviewed: all good.' });
    expect(runs.find((r) => r.state === 'skipped')?.message).toMatch(/own|itself|started/i);
    await new Promise((r) => setTimeout(r, 500));
    expect(app.model.requests).toHaveLength(2);
    expect(JSON.stringify(app.model.requests[1].body.messages)).toContain('Review what you just did.');
  });

  it('a preToolUse command that fails blocks the tool; the agent is told why', async () => {
    const app = await setup(
      [{ toolUses: [{ name: 'create_file', input: { path: 'src/new.ts', content: 'x' } }] }, { text: ['ok'] }],
      { 'guard.kiro.hook': hook({ type: 'preToolUse', toolTypes: ['write'] }, { type: 'runCommand', command: 'echo "no writes on Fridays" >&2; exit 2' }, { name: 'No writes' }) },
    );
    const { id } = await app.client.call('agent.create', {});
    await app.client.call('agent.send', { id, text: 'make a file' });
    await until(() => Promise.resolve(app.model.requests.length), (n) => n === 2);
    const result = JSON.stringify(app.model.requests[1].body.messages?.at(-1));
    expect(result).toContain('Blocked by hook \\"No writes\\"');
    expect(result).toContain('no writes on Fridays');
    await expect(fsp.access(path.join(app.root, 'src/new.ts'))).rejects.toThrow();
    const runs = await runsOf(app);
    expect(runs[0]).toMatchObject({ state: 'blocked', exitCode: 2 });
  });

  it('a promptSubmit command gets $USER_PROMPT and its output reaches the model', async () => {
    const app = await setup([{ text: ['ok'] }], {
      'ctx.kiro.hook': hook({ type: 'promptSubmit' }, { type: 'runCommand', command: 'echo "branch is main; prompt was: $USER_PROMPT"' }),
    });
    const { id } = await app.client.call('agent.create', {});
    await app.client.call('agent.send', { id, text: 'what branch?' });
    await until(() => Promise.resolve(app.model.requests.length), (n) => n === 1);
    expect(JSON.stringify(app.model.requests[0].body.messages)).toContain('branch is main; prompt was: what branch?');
  });
});
