import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Client } from '../../../shared/ipc/client';
import type { Contract } from '../../../shared/ipc/contract';
import type { ScriptedTurn } from '../agent/test-support/scripted-bedrock';
import { startScriptedApp, until } from '../../test-support/scripted-app';
import { planAll, planOne } from './runner';
import { parseTasks } from '../../../shared/model/specs';

const REQS = `# Requirements Document

## Introduction

Counting.

## Requirements

### Requirement 1

**User Story:** As a user, I want a counter, so that I can count.

#### Acceptance Criteria

1. WHEN the user clicks, THE Counter SHALL add one.
`;
const TASKS = `# Implementation Plan

- [ ] 1. Counter model
  - _Requirements: 1.1_
- [ ] 2. Counter view
- [ ] 2.1 Render the count
- [ ]* 2.2 Snapshot test
- [ ] 3. Wire the click
  - _Requirements: 1.1, 9.9_
`;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup(script: ScriptedTurn[], settings: Record<string, unknown> = {}) {
  const app = await startScriptedApp(script, { settings });
  cleanups.push(app.close);
  return app;
}

const idle = (client: Client<Contract>, name: string) => until(() => client.call('specs.get', { name }), (d) => d.activity === null);

async function writeSpec(root: string, name: string, tasks = TASKS) {
  const dir = path.join(root, '.kiro/specs', name);
  await fsp.mkdir(dir, { recursive: true });
  await fsp.writeFile(path.join(dir, '.config.kiro'), JSON.stringify({ specId: 'x', workflowType: 'requirements-first', specType: 'feature' }));
  await fsp.writeFile(path.join(dir, 'requirements.md'), REQS);
  await fsp.writeFile(path.join(dir, 'tasks.md'), tasks);
}

describe('task plans', () => {
  const tasks = parseTasks(TASKS).tasks;
  it('run all takes sub-tasks instead of their parent and skips optional and done tasks', () => {
    expect(planAll(tasks)).toEqual(['1', '2.1', '3']);
    expect(planAll(parseTasks(TASKS.replace('- [ ] 1.', '- [x] 1.')).tasks)).toEqual(['2.1', '3']);
  });
  it('start task on a parent runs its open required sub-tasks', () => {
    expect(planOne(tasks, '2')).toEqual(['2.1']);
    expect(planOne(tasks, '3')).toEqual(['3']);
    expect(() => planOne(tasks, '7')).toThrow(/no task 7/);
  });
});

describe('spec documents', () => {
  it('writes requirements, waits for approval, then writes the design; a failed revision puts the document back', async () => {
    const { client, root, model } = await setup([
      { text: [REQS] },
      { text: ['# Design Document\n\n## Overview\n\nA number.\n'] },
      { text: ['# Requirements Doc'], cutAfterFrames: 3 },
    ]);
    const { name, path: rel } = await client.call('specs.create', { idea: 'A click counter', workflow: 'requirements-first' });
    expect(name).toBe('a-click-counter');
    expect(rel).toBe('.kiro/specs/a-click-counter/requirements.md');
    let d = await idle(client, name);
    expect(d.docs.map((x) => [x.kind, x.state])).toEqual([
      ['requirements', 'draft'],
      ['design', 'missing'],
      ['tasks', 'missing'],
    ]);
    expect(await fsp.readFile(path.join(root, rel), 'utf8')).toBe(REQS);
    await expect(client.call('specs.approve', { name, doc: 'design' })).rejects.toThrow(/not been written|Approve requirements.md first/);

    await client.call('specs.approve', { name, doc: 'requirements' });
    d = await idle(client, name);
    expect(d.docs.map((x) => x.state)).toEqual(['approved', 'draft', 'missing']);
    expect(model.requests).toHaveLength(2);

    // the stream is cut: requirements.md keeps its approved text and the reason is shown
    await client.call('specs.revise', { name, doc: 'requirements', feedback: 'add a reset' });
    d = await idle(client, name);
    expect(await fsp.readFile(path.join(root, rel), 'utf8')).toBe(REQS);
    expect(d.error).toMatch(/requirements.md was not written/);
    expect(JSON.stringify(model.requests[2].body.messages)).toContain('add a reset');
  });
});

describe('a document that cannot be read', () => {
  it('is shown as a problem and never written over: revising or approving it is refused with the reason', async () => {
    const { client, root, model } = await setup([{ text: [REQS] }]);
    await writeSpec(root, 'counter');
    const file = path.join(root, '.kiro/specs/counter/requirements.md');
    const damaged = Buffer.concat([Buffer.from(REQS), Buffer.from([0, 0, 7])]);
    await fsp.writeFile(file, damaged);
    const d = await client.call('specs.get', { name: 'counter' });
    expect(d.problem).toMatch(/requirements\.md looks binary .*cannot be used as a spec document.*fix or remove it/);
    await client.call('specs.revise', { name: 'counter', doc: 'requirements', feedback: 'add a reset' });
    const after = await idle(client, 'counter');
    expect(after.error).toMatch(/requirements\.md looks binary/);
    await expect(client.call('specs.approve', { name: 'counter', doc: 'requirements' })).rejects.toThrow(/requirements\.md looks binary/);
    expect(model.requests).toHaveLength(0);
    expect(await fsp.readFile(file)).toEqual(damaged);
  });
});

describe('a damaged .config.kiro', () => {
  it('is shown as a problem and kept: approving or revising is refused until it is fixed, then works', async () => {
    const { client, root, model } = await setup([{ text: ['# Design Document\n\n## Overview\n\nA number.\n'] }]);
    await writeSpec(root, 'counter');
    const file = path.join(root, '.kiro/specs/counter/.config.kiro');
    const conflicted = '<<<<<<< HEAD\n{"specId": "mine", "workflowType": "requirements-first"}\n=======\n{"specId": "theirs"}\n>>>>>>> other\n';
    await fsp.writeFile(file, conflicted);
    expect((await client.call('specs.get', { name: 'counter' })).problem).toMatch(/\.config\.kiro is not valid JSON/);
    await expect(client.call('specs.approve', { name: 'counter', doc: 'requirements' })).rejects.toThrow(/not valid JSON.*Fix it first/);
    await client.call('specs.revise', { name: 'counter', doc: 'requirements', feedback: 'more' });
    expect((await idle(client, 'counter')).error).toMatch(/Fix it first/);
    expect(await fsp.readFile(file, 'utf8')).toBe(conflicted);
    expect(model.requests).toHaveLength(0);
    await fsp.writeFile(file, JSON.stringify({ specId: 'mine', workflowType: 'requirements-first', specType: 'feature' }));
    await client.call('specs.approve', { name: 'counter', doc: 'requirements' });
    await idle(client, 'counter'); // the design is written next
    expect(JSON.parse(await fsp.readFile(file, 'utf8'))).toMatchObject({ specId: 'mine', specwright: { docs: { requirements: { approved: true } } } });
  });
});

describe('drift', () => {
  it('an approval records the commit; later commits make the panel say the code moved on', async () => {
    const { execFileSync } = await import('node:child_process');
    const { client, root } = await setup([{ text: [REQS] }, { text: ['# Design Document\n'] }]);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'one');
    const { name } = await client.call('specs.create', { idea: 'counter', workflow: 'requirements-first' });
    await idle(client, name);
    await client.call('specs.approve', { name, doc: 'requirements' });
    await idle(client, name);
    const config = JSON.parse(await fsp.readFile(path.join(root, '.kiro/specs/counter/.config.kiro'), 'utf8'));
    expect(config.specwright.docs.requirements).toMatchObject({ approved: true, commit: git('rev-parse', 'HEAD').toString().trim() });
    expect((await client.call('specs.get', { name })).drift).toBeNull();
    await fsp.writeFile(path.join(root, 'src/count.ts'), 'export let count = 5;\n');
    git('commit', '-qam', 'two');
    const d = await client.call('specs.get', { name });
    expect(d.drift).toMatchObject({ commits: 1, files: 1 });
    expect(d.drift?.message).toContain('moved on since requirements.md was approved');
  });
});

describe('the task runner', () => {
  it('runs all in order, respects a box ticked by hand, and marks the parent done after its sub-tasks', async () => {
    const report = (id: string): ScriptedTurn[] => [{ toolUses: [{ name: 'update_task_status', input: { task_id: id, status: 'done' } }] }, { text: [`${id} done`] }];
    const { client, root, model } = await setup([...report('1'), ...report('3')]);
    // 2.1 was done by hand
    await writeSpec(root, 'counter', TASKS.replace('- [ ] 2.1', '- [x] 2.1'));
    await client.call('specs.runAll', { name: 'counter' });
    const d = await idle(client, 'counter');
    const text = await fsp.readFile(path.join(root, '.kiro/specs/counter/tasks.md'), 'utf8');
    expect(text).toBe(TASKS.replace('- [ ] 1.', '- [x] 1.').replace('- [ ] 2.1', '- [x] 2.1').replace('- [ ] 3.', '- [x] 3.'));
    expect(model.requests).toHaveLength(4);
    expect(d.taskList.find((t) => t.id === '2.2')?.status).toBe('todo');
    // traceability: 1.1 covered; 9.9 does not exist
    expect(d.trace.criteria[0]).toMatchObject({ id: '1.1', tasks: ['1', '3'] });
    expect(d.trace.unknownRefs).toEqual([{ task: '3', ref: '9.9' }]);
  });

  it('a task whose agent stops without reporting is not done, and says why', async () => {
    const { client, root } = await setup([{ text: ['I think it is fine.'] }]);
    await writeSpec(root, 'counter');
    await client.call('specs.startTask', { name: 'counter', taskId: '1' });
    const d = await idle(client, 'counter');
    expect(d.taskList[0]).toMatchObject({ status: 'todo', error: expect.stringContaining('update_task_status was not called') });
  });

  it('stops when the spec budget is used up', async () => {
    // 1M input tokens at $3 per million: one turn costs $3, over a $1 budget
    const { client, root, model } = await setup([
      { toolUses: [{ name: 'read_file', input: { path: 'src/count.ts' } }], usage: { inputTokens: 1_000_000, outputTokens: 10 } },
      { text: ['never reached'] },
    ]);
    await writeSpec(root, 'counter');
    await client.call('specs.setBudget', { name: 'counter', budget: 1 });
    await client.call('specs.runAll', { name: 'counter' });
    const d = await idle(client, 'counter');
    expect(d.taskList[0]).toMatchObject({ status: 'todo', error: expect.stringContaining('budget of $1.00 is used up') });
    expect(d.taskList.map((t) => t.status)).toEqual(['todo', 'todo', 'todo', 'todo', 'todo']);
    expect(d.budget.spent).toBeGreaterThanOrEqual(3);
    expect(model.requests.length).toBeLessThanOrEqual(2);
    await expect(client.call('specs.runAll', { name: 'counter' })).resolves.toEqual({ ok: true });
    const again = await idle(client, 'counter');
    expect(again.taskList[0].error).toContain('budget');
  });
});
