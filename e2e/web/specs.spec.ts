import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { withAgent } from '../support/agent';

const REQUIREMENTS = `# Requirements Document

## Introduction

Greetings can be excited.

## Requirements

### Requirement 1

**User Story:** As a caller, I want an excited greeting, so that the greeting shows enthusiasm.

#### Acceptance Criteria

1. WHEN the caller passes excited, THE Greeter SHALL end the greeting with three exclamation marks.
2. THE Greeter SHALL keep the plain greeting unchanged.
`;
const DESIGN = `# Design Document

## Overview

An optional \`excited\` parameter on \`greet\`.

## Correctness Properties

### Property 1: Plain greeting unchanged
*For any* name, greet(name) is "Hello, name!".
**Validates: Requirements 1.2**
`;
const TASKS = `# Implementation Plan

- [ ] 1. Add the excited parameter to greet
  - _Requirements: 1.1_
- [ ] 2. Write tests for both greetings
  - _Requirements: 1.1, 1.2_
`;

const specsButton = (page: Page) => page.getByRole('button', { name: 'Specs', exact: true });
const doc = (page: Page, kind: string) => page.locator(`.spec-doc[data-doc="${kind}"]`);
const taskRow = (page: Page, id: string) => page.locator(`.spec-task[data-task="${id}"]`);
const read = (root: string, rel: string) => fsp.readFile(path.join(root, rel), 'utf8');

base('create a spec, approve three phases, then Start task: in progress, done, and the edit pending review', async ({ page }) => {
  const { served, stop, model } = await withAgent([
    { text: REQUIREMENTS.match(/[\s\S]{1,40}/g)!, delayMs: 15 },
    { text: [DESIGN] },
    { text: [TASKS] },
    // task 1: a slow edit (so "in progress" can be seen), then the report
    { toolUses: [{ name: 'edit_file', input: { path: 'src/greet.ts', old_text: 'Hello, ${name}!', new_text: 'Hello, ${name}!!!' } }], delayMs: 150 },
    { toolUses: [{ name: 'update_task_status', input: { task_id: '1', status: 'done', summary: 'greet takes excited' } }] },
    { text: ['Task 1 is done.'] },
  ]);
  try {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(served.url);
    await specsButton(page).click();
    await page.getByRole('button', { name: 'New Spec' }).first().click();
    await page.getByRole('textbox', { name: 'Spec idea' }).fill('Excited greetings');
    await page.getByRole('button', { name: 'Create Spec' }).click();

    // the document opens in a tab and fills as it streams; then it waits for approval
    await expect(page.locator('.tab.active[data-path=".kiro/specs/excited-greetings/requirements.md"]')).toBeVisible();
    await expect(doc(page, 'requirements')).toHaveAttribute('aria-label', 'Requirements: awaiting approval', { timeout: 15_000 });
    // the open tab followed the file as it was written
    await expect(page.locator('.monaco-editor').first()).toContainText('THE Greeter SHALL end the greeting');
    expect(await read(served.root, '.kiro/specs/excited-greetings/requirements.md')).toBe(REQUIREMENTS);
    const config = JSON.parse(await read(served.root, '.kiro/specs/excited-greetings/.config.kiro'));
    expect(config).toMatchObject({ workflowType: 'requirements-first', specType: 'feature' });
    expect(config.specId).toMatch(/^[0-9a-f-]{36}$/);
    // the document request offers read-only tools
    const tools = (model.requests[0].body.toolConfig?.tools ?? []).flatMap((t) => ((t as { toolSpec?: { name: string } }).toolSpec ? [(t as { toolSpec: { name: string } }).toolSpec.name] : []));
    expect(tools).toContain('read_file');
    expect(tools).not.toContain('edit_file');

    // the design is not written before requirements are approved
    await expect(doc(page, 'design')).toHaveAttribute('aria-label', 'Design: not written');
    await doc(page, 'requirements').getByRole('button', { name: 'Approve' }).click();
    await expect(doc(page, 'design')).toHaveAttribute('aria-label', 'Design: awaiting approval', { timeout: 15_000 });
    expect(JSON.stringify(model.requests[1].body.messages)).toContain('Greeter SHALL end the greeting');
    await doc(page, 'design').getByRole('button', { name: 'Approve' }).click();
    await expect(doc(page, 'tasks')).toHaveAttribute('aria-label', 'Tasks: awaiting approval', { timeout: 15_000 });
    await doc(page, 'tasks').getByRole('button', { name: 'Approve' }).click();
    await expect(doc(page, 'tasks')).toHaveAttribute('aria-label', 'Tasks: approved');
    expect(await read(served.root, '.kiro/specs/excited-greetings/design.md')).toBe(DESIGN);
    expect(await read(served.root, '.kiro/specs/excited-greetings/tasks.md')).toBe(TASKS);
    // tasks.md in the editor has "Start task" above each task
    await expect(page.locator('.tab.active[data-path=".kiro/specs/excited-greetings/tasks.md"]')).toBeVisible();
    await expect(page.locator('.monaco-editor .codelens-decoration').filter({ hasText: 'Start task' })).toHaveCount(2);

    // Start task 1: the app marks it in progress in tasks.md, then done when the agent reports it
    await taskRow(page, '1').getByRole('button', { name: 'Start task 1' }).click();
    await expect.poll(() => read(served.root, '.kiro/specs/excited-greetings/tasks.md')).toContain('- [-] 1. Add the excited parameter');
    await expect(taskRow(page, '1')).toHaveAttribute('aria-label', 'Task 1: done', { timeout: 15_000 });
    expect(await read(served.root, '.kiro/specs/excited-greetings/tasks.md')).toBe(TASKS.replace('- [ ] 1.', '- [x] 1.'));
    // the task got the spec's documents and its criterion; its edit waits for review (Supervised)
    const taskRequest = JSON.stringify(model.requests[3].body.messages);
    expect(taskRequest).toContain('Implement task 1');
    expect(taskRequest).toContain('1.1 WHEN the caller passes excited');
    expect(await read(served.root, 'src/greet.ts')).not.toContain('!!!');
    await page.getByRole('button', { name: 'Review' }).click();
    await expect(page.locator('.review-row[data-path="src/greet.ts"]')).toBeVisible();

    // traceability: 1.1 is covered by tasks 1 and 2, with the file task 1 changed
    await specsButton(page).click();
    await page.getByRole('tab', { name: /Traceability/ }).click();
    await expect(page.locator('.spec-trace-row[data-criterion="1.1"]')).toContainText('Tasks 1, 2');
    await expect(page.locator('.spec-trace-row[data-criterion="1.1"]')).toContainText('src/greet.ts');
    expect(errors).toEqual([]);
  } finally {
    await stop();
  }
});

base('Run all tasks stops at a failure: that task is not done, with the reason; later tasks are not run', async ({ page }) => {
  const { served, stop, model } = await withAgent([
    { toolUses: [{ name: 'update_task_status', input: { task_id: '1', status: 'done', summary: 'done' } }] },
    { text: ['Task 1 done.'] },
    { toolUses: [{ name: 'update_task_status', input: { task_id: '2', status: 'failed', summary: 'The test runner is not installed.' } }] },
    { text: ['I could not finish task 2.'] },
  ]);
  try {
    // a spec made with Kiro: no record of Specwright's, opened as it is
    const dir = path.join(served.root, '.kiro/specs/excited');
    await fsp.mkdir(dir, { recursive: true });
    await fsp.writeFile(path.join(dir, '.config.kiro'), JSON.stringify({ specId: '0b6c5a36-8a3e-4d0b-9a51-0d7c3f2b1e11', workflowType: 'requirements-first', specType: 'feature' }));
    await fsp.writeFile(path.join(dir, 'requirements.md'), REQUIREMENTS);
    await fsp.writeFile(path.join(dir, 'design.md'), DESIGN);
    await fsp.writeFile(path.join(dir, 'tasks.md'), TASKS + '- [ ] 3. Document the parameter\n');
    await page.goto(served.url);
    await specsButton(page).click();
    await page.locator('.spec-row[data-spec="excited"]').click();
    await expect(doc(page, 'tasks')).toHaveAttribute('aria-label', 'Tasks: approved');
    await page.getByRole('button', { name: 'Run all tasks' }).click();
    await expect(taskRow(page, '2').getByRole('note')).toContainText('The test runner is not installed.', { timeout: 15_000 });
    await expect(page.getByRole('button', { name: 'Run all tasks' })).toBeVisible();
    expect(await read(served.root, '.kiro/specs/excited/tasks.md')).toBe(TASKS.replace('- [ ] 1.', '- [x] 1.') + '- [ ] 3. Document the parameter\n');
    await expect(taskRow(page, '1')).toHaveAttribute('aria-label', 'Task 1: done');
    await expect(taskRow(page, '2')).toHaveAttribute('aria-label', 'Task 2: not started');
    await expect(taskRow(page, '3')).toHaveAttribute('aria-label', 'Task 3: not started');
    expect(model.requests).toHaveLength(4);
    // Kiro's .config.kiro is left as it was
    expect(JSON.parse(await read(served.root, '.kiro/specs/excited/.config.kiro'))).toEqual({ specId: '0b6c5a36-8a3e-4d0b-9a51-0d7c3f2b1e11', workflowType: 'requirements-first', specType: 'feature' });
  } finally {
    await stop();
  }
});

const BUGFIX = `# Bugfix Requirements Document

## Introduction

greet("") says "Hello, !".

## Current Behavior (Defect)

1.1 WHEN greet is called with an empty name THEN the greeting is "Hello, !"

## Expected Behavior (Correct)

2.1 WHEN greet is called with an empty name THEN the system SHALL greet "Hello, stranger!"

## Unchanged Behavior (Regression Prevention)

3.1 WHEN greet is called with a name THEN the system SHALL CONTINUE TO greet that name
`;

base('a bugfix spec writes bugfix.md with its three sections; a vague criterion shows as a problem in the editor', async ({ page }) => {
  const { served, stop } = await withAgent([{ text: ['```markdown\n', BUGFIX, '```\n'] }]);
  try {
    await page.goto(served.url);
    await specsButton(page).click();
    await page.getByRole('button', { name: 'New Spec' }).first().click();
    await page.getByRole('textbox', { name: 'Spec idea' }).fill('Empty name greets nobody');
    await page.getByRole('radio', { name: 'Bugfix' }).check();
    await page.getByRole('button', { name: 'Create Spec' }).click();
    await expect(doc(page, 'bugfix')).toHaveAttribute('aria-label', 'Bugfix: awaiting approval', { timeout: 15_000 });
    const text = await read(served.root, '.kiro/specs/empty-name-greets-nobody/bugfix.md');
    expect(text).toBe(BUGFIX);
    for (const h of ['## Current Behavior (Defect)', '## Expected Behavior (Correct)', '## Unchanged Behavior (Regression Prevention)']) expect(text).toContain(h);
    expect(JSON.parse(await read(served.root, '.kiro/specs/empty-name-greets-nobody/.config.kiro'))).toMatchObject({ specType: 'bugfix' });

    // EARS lint: a vague word in a requirements file is a problem with the line
    await fsp.mkdir(path.join(served.root, '.kiro/specs/lint'), { recursive: true });
    await fsp.writeFile(path.join(served.root, '.kiro/specs/lint/requirements.md'), REQUIREMENTS.replace('THE Greeter SHALL keep the plain greeting unchanged.', 'THE Greeter SHALL respond fast.'));
    await page.getByRole('button', { name: 'All specs' }).click();
    await page.locator('.spec-row[data-spec="lint"]').click();
    await doc(page, 'requirements').getByRole('button', { name: '1. Requirements' }).click();
    await expect(page.locator('.tab.active[data-path=".kiro/specs/lint/requirements.md"]')).toBeVisible();
    await page.getByTestId('status-problems').click();
    await expect(page.locator('.problems-list .tree-row.problem[data-path=".kiro/specs/lint/requirements.md"]').filter({ hasText: '"fast"' })).toBeVisible();
  } finally {
    await stop();
  }
});

base('a spec document that cannot be read is named in the panel and left as it is; the other documents still show', async ({ page }) => {
  const { served, stop } = await withAgent([]);
  try {
    const dir = path.join(served.root, '.kiro/specs/broken');
    await fsp.mkdir(dir, { recursive: true });
    // a NUL byte: the file is there, but it is not text (a bad merge, a wrong encoding)
    const damaged = Buffer.from(REQUIREMENTS.replace('Greetings can be excited.', 'Greetings can be\u0000 excited.'));
    await fsp.writeFile(path.join(dir, 'requirements.md'), damaged);
    await fsp.writeFile(path.join(dir, 'design.md'), DESIGN);
    await fsp.writeFile(path.join(dir, 'tasks.md'), TASKS);
    await page.goto(served.url);
    await specsButton(page).click();
    await page.locator('.spec-row[data-spec="broken"]').click();
    await expect(page.locator('.spec-warning')).toContainText('requirements.md looks binary (it has a NUL byte), so it cannot be used as a spec document');
    // not "not written": writing it would go over the person's file
    await expect(doc(page, 'requirements')).toHaveAttribute('aria-label', 'Requirements: cannot be read');
    await expect(doc(page, 'requirements').getByRole('button', { name: /Ask for changes|Update/ })).toHaveCount(0);
    await expect(doc(page, 'design')).toHaveAttribute('aria-label', 'Design: approved');
    await expect(taskRow(page, '1')).toBeVisible();
    expect(await fsp.readFile(path.join(dir, 'requirements.md'))).toEqual(damaged);
  } finally {
    await stop();
  }
});
