import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckpointStore } from './checkpoints';

let dir: string;
let root: string;
let store: CheckpointStore;

const put = async (p: string, text: string) => {
  await fsp.mkdir(path.dirname(path.join(root, p)), { recursive: true });
  await fsp.writeFile(path.join(root, p), text);
};
const read = (p: string) => fsp.readFile(path.join(root, p), 'utf8');
const exists = (p: string) => fsp.access(path.join(root, p)).then(() => true, () => false);

async function walk(rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fsp.readdir(path.join(root, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.name === 'node_modules') continue;
    if (e.isDirectory()) out.push(...(await walk(child)));
    else out.push(child);
  }
  return out;
}

function makeStore(opts: { maxFileBytes?: number } = {}) {
  return new CheckpointStore({
    root,
    dir: path.join(dir, 'data'),
    listFiles: () => walk(),
    isIgnored: async (paths) => new Set(paths.filter((p) => p.startsWith('node_modules/'))),
    ...opts,
  });
}

/** What a watcher would report for these paths. */
const saw = (...paths: string[]) => store.noteChanges({ rescan: false, changes: paths.map((p) => ({ type: 'update' as const, path: p })) });

beforeEach(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sw-cp-'));
  root = path.join(dir, 'ws');
  await put('src/a.ts', 'export const a = 1;\n');
  await put('src/b.ts', 'export const b = 2;\n');
  await put('README.md', '# hello\n');
  await put('node_modules/dep/index.js', 'ignored');
  store = makeStore();
});

afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

describe('checkpoints', () => {
  it('are stored outside the workspace, ignore node_modules, and share identical contents', async () => {
    await put('src/copy.ts', 'export const a = 1;\n');
    const cp = await store.create('first');
    expect(cp.files).toBe(4);
    const objects = await fsp.readdir(path.join(dir, 'data', 'objects'), { recursive: true });
    expect(objects.filter((o) => o.length > 2)).toHaveLength(3); // a.ts and copy.ts share one object
    expect(await walk()).not.toContain(expect.stringContaining('checkpoints'));
  });

  it('restoring after a command deleted and changed files brings them back, as the checkpoint had them', async () => {
    const cp = await store.create('before the turn');
    await fsp.rm(path.join(root, 'src'), { recursive: true });
    await put('README.md', '# changed by a command\n');
    saw('src', 'README.md');
    expect((await store.preview(cp.id)).map((i) => `${i.action} ${i.path}`)).toEqual(['restore README.md', 'recreate src/a.ts', 'recreate src/b.ts']);
    await store.restore(cp.id, 'before the turn');
    expect(await read('src/a.ts')).toBe('export const a = 1;\n');
    expect(await read('README.md')).toBe('# hello\n');
  });

  it('never deletes files the checkpoint did not create; deletes those the turn created', async () => {
    const cp = await store.create('turn 1');
    const recording = store.record();
    await put('made-by-agent.ts', 'x');
    await put('src/a.ts', 'changed');
    saw('made-by-agent.ts', 'src/a.ts');
    recording.stop();
    const changed = await store.finishTurn(cp.id, new Map([...recording.paths].map((p) => [p, 'command' as const])));
    expect(changed).toEqual([
      { path: 'made-by-agent.ts', kind: 'create', by: 'command' },
      { path: 'src/a.ts', kind: 'modify', by: 'command' },
    ]);
    // the person makes a file afterwards, outside any turn
    await put('notes-by-person.md', 'mine');
    saw('notes-by-person.md');
    const plan = await store.preview(cp.id);
    expect(plan.map((i) => `${i.action} ${i.path}`)).toEqual(['delete made-by-agent.ts', 'restore src/a.ts']);
    await store.restore(cp.id, 'turn 1');
    expect(await exists('made-by-agent.ts')).toBe(false);
    expect(await read('notes-by-person.md')).toBe('mine');
    expect(await read('src/a.ts')).toBe('export const a = 1;\n');
  });

  it('a restore can be undone by restoring the checkpoint it took first', async () => {
    const cp = await store.create('turn 1');
    const rec = store.record();
    await put('src/a.ts', 'v2');
    await put('src/new.ts', 'new');
    saw('src/a.ts', 'src/new.ts');
    rec.stop();
    await store.finishTurn(cp.id, new Map([...rec.paths].map((p) => [p, 'agent' as const])));
    const { undo } = await store.restore(cp.id, 'turn 1');
    expect(await exists('src/new.ts')).toBe(false);
    expect((await store.list())[0].id).toBe(undo.id);
    await store.restore(undo.id, undo.label);
    expect(await read('src/a.ts')).toBe('v2');
    expect(await read('src/new.ts')).toBe('new');
  });

  it('later checkpoints pick up watched changes, and a restarted store finds earlier ones', async () => {
    const first = await store.create('one');
    await put('src/b.ts', 'export const b = 3;\n');
    saw('src/b.ts');
    const second = await store.create('two');
    expect((await store.contentOf(second.id, 'src/b.ts'))?.toString()).toBe('export const b = 3;\n');
    expect((await store.contentOf(first.id, 'src/b.ts'))?.toString()).toBe('export const b = 2;\n');
    const again = makeStore();
    expect((await again.list()).map((m) => m.label)).toEqual(['two', 'one']);
    await put('src/b.ts', 'export const b = 4;\n');
    // no watcher events after a restart: size and mtime tell what to re-read
    const third = await again.create('three');
    expect((await again.contentOf(third.id, 'src/b.ts'))?.toString()).toBe('export const b = 4;\n');
    expect((await again.contentOf(first.id, 'src/a.ts'))?.toString()).toBe('export const a = 1;\n');
  });

  it('files over the size cap are listed but reported as not restorable', async () => {
    store = makeStore({ maxFileBytes: 10 });
    await put('big.log', 'x'.repeat(100));
    const cp = await store.create('cap');
    await put('big.log', 'y'.repeat(100));
    saw('big.log');
    expect(await store.preview(cp.id)).toContainEqual({ path: 'big.log', action: 'unrestorable' });
  });

  it('a new folder reported as one path is captured with its files; ignored paths stay out', async () => {
    await store.create('one');
    await put('lib/x/y.ts', 'y');
    await put('node_modules/dep/new.js', 'n');
    saw('lib', 'node_modules/dep/new.js');
    const cp = await store.create('two');
    expect((await store.contentOf(cp.id, 'lib/x/y.ts'))?.toString()).toBe('y');
    expect(await store.contentOf(cp.id, 'node_modules/dep/new.js')).toBeNull();
  });
});
