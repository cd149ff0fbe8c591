import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from '../workspace/workspace';
import { PendingChanges } from './pending';

let dir: string;
let ws: Workspace;
let pending: PendingChanges;
const disk = (p: string) => fsp.readFile(path.join(dir, 'ws', p), 'utf8');
const exists = (p: string) => fsp.access(path.join(dir, 'ws', p)).then(() => true, () => false);

const BASE = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', ''].join('\n');

beforeEach(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sw-pending-'));
  await fsp.mkdir(path.join(dir, 'ws', 'src'), { recursive: true });
  await fsp.writeFile(path.join(dir, 'ws', 'src', 'a.txt'), BASE);
  await fsp.writeFile(path.join(dir, 'ws', 'keep.txt'), 'keep\n');
  ws = await Workspace.open(path.join(dir, 'ws'), {});
  pending = new PendingChanges(ws, path.join(dir, 'config', 'pending.json'));
});

afterEach(async () => {
  await pending.flushed();
  pending.dispose();
  await fsp.rm(dir, { recursive: true, force: true });
});

describe('the overlay the agent sees', () => {
  it('reads its own pending edits while the disk is untouched', async () => {
    await pending.write('src/a.txt', BASE.replace('beta', 'BETA'), 's1');
    await pending.write('src/new.txt', 'fresh\n', 's1');
    await pending.write('keep.txt', null, 's1');
    expect((await pending.read('src/a.txt')).kind === 'text' && (await pending.read('src/a.txt'))).toMatchObject({ content: expect.stringContaining('BETA') });
    expect(await disk('src/a.txt')).toBe(BASE);
    expect(await exists('src/new.txt')).toBe(false);
    expect(await exists('keep.txt')).toBe(true);
    await expect(pending.read('keep.txt')).rejects.toThrow(/deleted/);
    expect(await pending.exists('src/new.txt')).toBe(true);
    expect(await pending.exists('keep.txt')).toBe(false);
    expect((await pending.list('')).map((e) => e.name)).toEqual(['src']);
    expect((await pending.list('src')).map((e) => e.name)).toEqual(['a.txt', 'new.txt']);
  });

  it('lists folders that exist only in pending creations', async () => {
    await pending.write('lib/deep/x.ts', 'x', 's1');
    expect((await pending.list('')).map((e) => `${e.name}:${e.kind}`)).toEqual(['keep.txt:file', 'lib:dir', 'src:dir']);
    expect((await pending.list('lib/deep')).map((e) => e.name)).toEqual(['x.ts']);
  });

  it('forgets a change the agent undoes itself', async () => {
    await pending.write('src/a.txt', 'other', 's1');
    await pending.write('src/a.txt', BASE, 's1');
    expect(pending.size).toBe(0);
  });

  it('refuses to hold binary files', async () => {
    await fsp.writeFile(path.join(dir, 'ws', 'img.bin'), Buffer.from([0, 1, 2, 0, 255]));
    await expect(pending.write('img.bin', 'text', 's1')).rejects.toThrow(/not a text file/);
  });
});

describe('accepting and rejecting', () => {
  const edited = ['alpha', 'BETA', 'gamma', 'delta', 'epsilon', 'ZETA', 'eta', ''].join('\n');

  it('accepting one hunk writes exactly that hunk; the rest stays pending', async () => {
    await pending.write('src/a.txt', edited, 's1');
    const { hunks } = pending.file('src/a.txt');
    expect(hunks).toHaveLength(2);
    await pending.accept('src/a.txt', hunks[0].id);
    expect(await disk('src/a.txt')).toBe(BASE.replace('beta', 'BETA'));
    const left = pending.file('src/a.txt');
    expect(left.hunks).toHaveLength(1);
    expect(left.modified).toBe(edited);
    await pending.accept('src/a.txt', left.hunks[0].id);
    expect(await disk('src/a.txt')).toBe(edited);
    expect(pending.size).toBe(0);
  });

  it('rejecting one hunk removes it from the pending version and tells the session', async () => {
    await pending.write('src/a.txt', edited, 's1');
    const { hunks } = pending.file('src/a.txt');
    pending.reject('src/a.txt', hunks[1].id, 'keep zeta lowercase');
    expect(pending.file('src/a.txt').modified).toBe(BASE.replace('beta', 'BETA'));
    await pending.accept('src/a.txt');
    expect(await disk('src/a.txt')).toBe(BASE.replace('beta', 'BETA'));
    const feedback = pending.takeFeedback('s1')!;
    expect(feedback).toContain('src/a.txt');
    expect(feedback).toContain('-zeta');
    expect(feedback).toContain('+ZETA');
    expect(feedback).toContain('keep zeta lowercase');
    expect(pending.takeFeedback('s1')).toBeNull();
    expect(pending.takeFeedback('other')).toBeNull();
  });

  it('accepting creations and deletions lands them; rejecting leaves the disk alone', async () => {
    await pending.write('src/new.txt', 'fresh\n', 's1');
    await pending.write('keep.txt', null, 's1');
    pending.reject('keep.txt');
    expect(await exists('keep.txt')).toBe(true);
    await pending.accept();
    expect(await disk('src/new.txt')).toBe('fresh\n');
    await pending.write('keep.txt', null, 's1');
    await pending.accept('keep.txt');
    expect(await exists('keep.txt')).toBe(false);
  });

  it('never overwrites a file with unsaved edits in the editor', async () => {
    await pending.write('src/a.txt', edited, 's1');
    pending.setDirty(['src/a.txt']);
    expect(pending.summary()[0].dirty).toBe(true);
    await expect(pending.accept('src/a.txt')).rejects.toThrow(/unsaved edits/);
    expect(await pending.accept()).toEqual({ accepted: 0 });
    expect(await disk('src/a.txt')).toBe(BASE);
    pending.setDirty([]);
    await pending.accept('src/a.txt');
    expect(await disk('src/a.txt')).toBe(edited);
  });

  it('re-applies the agent edits when the disk changes elsewhere, and flags a clash', async () => {
    await pending.write('src/a.txt', edited, 's1');
    await fsp.writeFile(path.join(dir, 'ws', 'src', 'a.txt'), BASE.replace('delta', 'DELTA'));
    await pending.refresh('src/a.txt');
    const f = pending.file('src/a.txt');
    expect(f.conflict).toBeUndefined();
    expect(f.modified).toBe(edited.replace('delta', 'DELTA'));
    await fsp.writeFile(path.join(dir, 'ws', 'src', 'a.txt'), 'completely\ndifferent\n');
    await pending.refresh('src/a.txt');
    expect(pending.file('src/a.txt').conflict).toMatch(/no longer apply/);
  });

  it('refuses a hunk the file no longer has', async () => {
    await pending.write('src/a.txt', edited, 's1');
    const { hunks } = pending.file('src/a.txt');
    await pending.write('src/a.txt', BASE.replace('alpha', 'ALPHA'), 's1');
    await expect(pending.accept('src/a.txt', hunks[0].id)).rejects.toThrow(/no longer there/);
  });

  it('survives a restart', async () => {
    await pending.write('src/a.txt', edited, 's1');
    pending.reject('src/a.txt', pending.file('src/a.txt').hunks[0].id);
    await pending.flushed();
    const again = new PendingChanges(ws, path.join(dir, 'config', 'pending.json'));
    await again.load();
    expect(again.summary().map((s) => s.path)).toEqual(['src/a.txt']);
    expect(again.takeFeedback('s1')).toContain('-beta');
    again.dispose();
  });
});
