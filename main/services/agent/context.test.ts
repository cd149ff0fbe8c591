import { execFileSync } from 'node:child_process';
import { mkdtempSync, promises as fsp, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from '../workspace/workspace';
import { assembleSystem, parseSteering, readSteeringDir, STEERING_MAX_BYTES } from './context';

let root: string;
const home = process.env.HOME;
beforeEach(async () => {
  root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sw-ctx-')));
  process.env.HOME = path.join(root, 'home'); // no user-level steering from the machine
  await fsp.mkdir(path.join(root, 'ws/.kiro/steering'), { recursive: true });
  await fsp.writeFile(path.join(root, 'ws/AGENTS.md'), 'Use pnpm.');
  await fsp.writeFile(path.join(root, 'ws/.kiro/steering/tech.md'), '# Tech\nTypeScript strict.');
  await fsp.writeFile(path.join(root, 'ws/.kiro/steering/react.md'), '---\ninclusion: fileMatch\nfileMatchPattern: "components/**/*.tsx"\n---\nUse function components.');
  await fsp.writeFile(path.join(root, 'ws/.kiro/steering/release.md'), '---\ninclusion: manual\n---\nBump the version.');
});
afterEach(async () => {
  process.env.HOME = home;
  await fsp.rm(root, { recursive: true, force: true });
});

describe('context assembly', () => {
  it('parses front matter, defaulting to always', () => {
    expect(parseSteering('a', 'plain')).toMatchObject({ inclusion: 'always', body: 'plain' });
    expect(parseSteering('b', '---\ninclusion: fileMatch\nfileMatchPattern: "src/**/*.ts"\n---\nbody')).toMatchObject({ inclusion: 'fileMatch', pattern: 'src/**/*.ts', body: 'body' });
  });

  it('puts AGENTS.md and always-steering in the stable part; fileMatch and manual only when they apply', async () => {
    const ws = await Workspace.open(path.join(root, 'ws'));
    const plain = await assembleSystem(ws, 'hello');
    expect(plain.stable).toContain('Use pnpm.');
    expect(plain.stable).toContain('TypeScript strict.');
    expect(plain.dynamic).not.toContain('function components');
    expect(plain.dynamic).not.toContain('Bump the version');
    const matched = await assembleSystem(ws, 'ship it #release', ['components/ui/Button.tsx']);
    expect(matched.dynamic).toContain('Use function components.');
    expect(matched.dynamic).toContain('Bump the version.');
    expect(matched.included).toEqual(['AGENTS.md (always)', 'tech (always)', 'react (matched components/**/*.tsx by components/ui/Button.tsx)', 'release (mentioned)']);
    // the stable part does not change with the request, so it stays cacheable
    expect(matched.stable).toBe(plain.stable);
  });

  it('pulls in #[[file:…]] includes, confined to the workspace', async () => {
    await fsp.writeFile(path.join(root, 'ws/api.yaml'), 'openapi: 3.1.0');
    await fsp.writeFile(path.join(root, 'secret.txt'), 'nope');
    await fsp.writeFile(path.join(root, 'ws/.kiro/steering/api.md'), 'Follow #[[file:api.yaml]] and #[[file:../secret.txt]].');
    const ws = await Workspace.open(path.join(root, 'ws'));
    const r = await assembleSystem(ws, 'hi');
    expect(r.stable).toContain('<file path="api.yaml">\nopenapi: 3.1.0\n</file>');
    expect(r.stable).toMatch(/\.\.\/secret\.txt could not be included: .*outside the workspace/);
    expect(r.stable).not.toContain('nope');
  });

  it('keeps the other steering files when one cannot be used, and says why', async () => {
    const dir = path.join(root, 'ws/.kiro/steering');
    await fsp.mkdir(path.join(dir, 'folder.md'));
    await fsp.writeFile(path.join(dir, 'huge.md'), 'x'.repeat(STEERING_MAX_BYTES + 4096));
    if (process.platform !== 'win32') execFileSync('mkfifo', [path.join(dir, 'pipe.md')]);
    const started = Date.now();
    const docs = await readSteeringDir(dir);
    expect(Date.now() - started).toBeLessThan(2000); // the pipe was not waited on
    const byName = Object.fromEntries(docs.map((d) => [d.name, d]));
    expect(byName.tech).toMatchObject({ inclusion: 'always', body: '# Tech\nTypeScript strict.', problems: [] });
    expect(byName.folder).toMatchObject({ unreadable: true, problems: [expect.stringMatching(/^folder\.md is a folder; it is not given to the agent\.$/)] });
    expect(byName.huge).toMatchObject({ unreadable: true, problems: [expect.stringMatching(/huge\.md is 260 KB, over the 256 KB/)] });
    if (process.platform !== 'win32') expect(byName.pipe).toMatchObject({ unreadable: true, problems: [expect.stringMatching(/pipe\.md is not a regular file/)] });
    const ws = await Workspace.open(path.join(root, 'ws'));
    const r = await assembleSystem(ws, 'hi #huge #folder');
    expect(r.stable).toContain('TypeScript strict.');
    expect(r.included).toEqual(['AGENTS.md (always)', 'tech (always)']);
    expect(r.dynamic).not.toContain('xxxx');
  });
});
