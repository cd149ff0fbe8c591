import { promises as fsp, mkdtempSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileChangeBatch } from '../../../shared/ipc/contract';
import { FolderWatcher, type WatcherOptions } from './watcher';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup(options?: WatcherOptions) {
  const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sw-watch-')));
  const w = await FolderWatcher.start(root, options);
  const batches: FileChangeBatch[] = [];
  w.onDidChange((b) => batches.push(b));
  cleanups.push(() => w.dispose(), () => fsp.rm(root, { recursive: true, force: true }));
  return { root, batches };
}

async function until<T>(fn: () => T | undefined, ms = 3000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('FolderWatcher (real @parcel/watcher on a temp folder)', () => {
  it('reports created, changed and deleted files with relative paths', async () => {
    const { root, batches } = await setup();
    await fsp.mkdir(path.join(root, 'src'));
    await fsp.writeFile(path.join(root, 'src', 'a.ts'), 'one');
    await until(() => batches.flatMap((b) => b.changes).find((c) => c.path === 'src/a.ts'));
    batches.length = 0;
    await fsp.writeFile(path.join(root, 'src', 'a.ts'), 'two');
    await until(() => batches.flatMap((b) => b.changes).find((c) => c.path === 'src/a.ts' && c.type === 'update'));
    batches.length = 0;
    await fsp.rm(path.join(root, 'src', 'a.ts'));
    await until(() => batches.flatMap((b) => b.changes).find((c) => c.path === 'src/a.ts' && c.type === 'delete'));
  });

  it('sees files in folders made with mkdir -p, at once and later (parcel-bundler/watcher#97)', async () => {
    const { root, batches } = await setup();
    const paths = () => batches.flatMap((b) => b.changes.map((c) => `${c.type} ${c.path}`));
    await fsp.mkdir(path.join(root, '.kiro/specs/a'), { recursive: true });
    await fsp.writeFile(path.join(root, '.kiro/specs/a/now.md'), '1');
    await until(() => paths().includes('create .kiro/specs/a/now.md'));
    // once the watcher has caught up, later writes deep inside are reported too
    await new Promise((r) => setTimeout(r, 800));
    await fsp.writeFile(path.join(root, '.kiro/specs/a/now.md'), '2');
    await fsp.writeFile(path.join(root, '.kiro/specs/a/later.md'), '1');
    await until(() => paths().includes('update .kiro/specs/a/now.md') && paths().includes('create .kiro/specs/a/later.md'));
  });

  it('skips .git and excluded paths', async () => {
    const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sw-watch-')));
    const w = await FolderWatcher.start(root, { isExcluded: (rel) => rel.startsWith('build/') });
    const batches: FileChangeBatch[] = [];
    w.onDidChange((b) => batches.push(b));
    cleanups.push(() => w.dispose(), () => fsp.rm(root, { recursive: true, force: true }));
    await fsp.mkdir(path.join(root, '.git'));
    await fsp.mkdir(path.join(root, 'build'));
    await fsp.writeFile(path.join(root, '.git', 'HEAD'), 'ref');
    await fsp.writeFile(path.join(root, 'build', 'out.js'), 'x');
    await fsp.writeFile(path.join(root, 'kept.txt'), 'x');
    await until(() => batches.flatMap((b) => b.changes).find((c) => c.path === 'kept.txt'));
    const paths = batches.flatMap((b) => b.changes).map((c) => c.path);
    expect(paths.some((p) => p.startsWith('.git'))).toBe(false);
    expect(paths).not.toContain('build/out.js');
  });

  it('coalesces a burst into few batches', async () => {
    const { root, batches } = await setup();
    await Promise.all(Array.from({ length: 200 }, (_, i) => fsp.writeFile(path.join(root, `f${i}.txt`), 'x')));
    await until(() => (batches.flatMap((b) => b.changes).length >= 200 ? true : undefined));
    expect(batches.length).toBeLessThan(20);
  });
});
