import { mkdtempSync, promises as fsp, readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileChangeBatch } from '../../../shared/ipc/contract';
import { SettingsService } from '../settings/settings';
import { StateStore } from '../settings/state';
import { WorkspaceManager } from './manager';

/** The inotify watches this process holds (each test file runs in a process of its own). */
function inotifyWatches(): number {
  let n = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === 'anon_inode:inotify') n += (readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8').match(/^inotify wd:/gm) ?? []).length;
    } catch {
      // closed meanwhile
    }
  }
  return n;
}

async function until<T>(fn: () => T | Promise<T>, ok: (v: T) => boolean, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

let base: string;
let manager: WorkspaceManager;
let settings: SettingsService;
beforeEach(async () => {
  base = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sw-mgr-')));
  settings = new SettingsService(path.join(base, 'config', 'settings.json'));
  await settings.load();
  manager = new WorkspaceManager(settings, new StateStore(path.join(base, 'config')), { mode: 'serve' });
});
afterEach(async () => {
  manager.dispose();
  await fsp.rm(base, { recursive: true, force: true });
});

describe.skipIf(process.platform !== 'linux')('the folder watch', () => {
  it('does not descend into excluded folders, and follows files.exclude when it changes', async () => {
    const root = path.join(base, 'project');
    for (let i = 0; i < 300; i++) await fsp.mkdir(path.join(root, 'node_modules', `pkg${i}`, 'lib'), { recursive: true });
    await fsp.mkdir(path.join(root, 'src'), { recursive: true });
    const before = inotifyWatches();
    await manager.open(root);
    expect(manager.info).toEqual({ root, name: 'project' });
    // the root, src (and nothing of node_modules' 601 folders)
    expect(inotifyWatches() - before).toBeLessThan(50);

    const batches: FileChangeBatch[] = [];
    manager.onDidChangeFiles((b) => batches.push(b));
    await fsp.writeFile(path.join(root, 'src', 'a.ts'), 'x');
    await until(() => batches, (b) => b.some((x) => x.changes.some((c) => c.path === 'src/a.ts')));
    expect(batches.flatMap((b) => b.changes.map((c) => c.path))).toContain('src/a.ts');

    // node_modules let back in: watched, and its changes reported
    await settings.update({ 'files.exclude': [] });
    const watching = await until(() => inotifyWatches() - before, (n) => n > 600);
    expect(watching).toBeGreaterThan(600);
    expect(batches.some((b) => b.rescan)).toBe(true);
    await fsp.writeFile(path.join(root, 'node_modules', 'pkg7', 'lib', 'index.js'), 'y');
    await until(() => batches, (b) => b.some((x) => x.changes.some((c) => c.path === 'node_modules/pkg7/lib/index.js')));
    expect(batches.flatMap((b) => b.changes.map((c) => c.path))).toContain('node_modules/pkg7/lib/index.js');
  });
});
