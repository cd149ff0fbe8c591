import { execFileSync } from 'node:child_process';
import { mkdtempSync, promises as fsp, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitService } from './git';
import { parsePorcelainV2 } from './porcelain';

describe('parsePorcelainV2', () => {
  it('reads branch, ahead/behind, renames, conflicts and untracked files', () => {
    const out = [
      '# branch.oid 1234567890abcdef',
      '# branch.head main',
      '# branch.upstream origin/main',
      '# branch.ab +2 -1',
      '1 .M N... 100644 100644 100644 aaa bbb src/changed file.ts',
      '2 R. N... 100644 100644 100644 aaa bbb R100 src/new-name.ts',
      'src/old-name.ts',
      'u UU N... 100644 100644 100644 100644 aaa bbb ccc conflicted.txt',
      '? notes/untracked.md',
      '',
    ].join('\0');
    const s = parsePorcelainV2(out);
    expect(s).toMatchObject({ branch: 'main', upstream: 'origin/main', ahead: 2, behind: 1, detached: false, initial: false });
    expect(s.changes).toEqual([
      { path: 'src/changed file.ts', index: '.', worktree: 'M', kind: 'changed' },
      { path: 'src/new-name.ts', origPath: 'src/old-name.ts', index: 'R', worktree: '.', kind: 'renamed' },
      { path: 'conflicted.txt', index: 'U', worktree: 'U', kind: 'conflict' },
      { path: 'notes/untracked.md', index: '?', worktree: '?', kind: 'untracked' },
    ]);
  });

  it('reads a detached HEAD and a repository with no commit yet', () => {
    expect(parsePorcelainV2('# branch.oid abc\0# branch.head (detached)\0')).toMatchObject({ detached: true, branch: null });
    expect(parsePorcelainV2('# branch.oid (initial)\0# branch.head main\0')).toMatchObject({ initial: true, branch: 'main' });
  });
});

describe('GitService (real git in a temp repository)', () => {
  let root: string;
  let svc: GitService;
  const sh = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });

  beforeEach(async () => {
    root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sw-git-')));
    sh('init', '-q', '-b', 'main');
    sh('config', 'user.email', 'test@example.com');
    sh('config', 'user.name', 'Test');
    await fsp.writeFile(path.join(root, 'a.txt'), 'one\n');
    await fsp.writeFile(path.join(root, 'b.txt'), 'bee\n');
    sh('add', '.');
    sh('commit', '-q', '-m', 'first');
    svc = new GitService(root);
  });
  afterEach(async () => {
    svc.dispose();
    await fsp.rm(root, { recursive: true, force: true });
  });

  it('says when a folder is not a repository', async () => {
    const plain = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sw-nogit-')));
    const s = new GitService(plain);
    await expect(s.status()).resolves.toMatchObject({ isRepo: false });
    await s.init();
    await expect(s.status()).resolves.toMatchObject({ isRepo: true, initial: true });
    s.dispose();
    await fsp.rm(plain, { recursive: true, force: true });
  });

  it('sees a rename staged with git mv, a modification and an untracked file', async () => {
    sh('mv', 'b.txt', 'c.txt');
    await fsp.writeFile(path.join(root, 'a.txt'), 'two\n');
    await fsp.writeFile(path.join(root, 'new.txt'), 'new\n');
    const s = await svc.status();
    expect(s.branch).toBe('main');
    expect(s.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'c.txt', origPath: 'b.txt', kind: 'renamed', index: 'R' }),
        expect.objectContaining({ path: 'a.txt', worktree: 'M' }),
        expect.objectContaining({ path: 'new.txt', kind: 'untracked' }),
      ]),
    );
  });

  it('sees a merge conflict', async () => {
    sh('checkout', '-q', '-b', 'other');
    await fsp.writeFile(path.join(root, 'a.txt'), 'other\n');
    sh('commit', '-q', '-am', 'other');
    sh('checkout', '-q', 'main');
    await fsp.writeFile(path.join(root, 'a.txt'), 'mine\n');
    sh('commit', '-q', '-am', 'mine');
    try {
      sh('merge', '-q', 'other');
    } catch {
      // the conflict is the point
    }
    const s = await svc.status();
    expect(s.changes).toEqual([expect.objectContaining({ path: 'a.txt', kind: 'conflict' })]);
  });

  it('stages, unstages, commits, discards, and shows HEAD content', async () => {
    await fsp.writeFile(path.join(root, 'a.txt'), 'changed\n');
    await expect(svc.commit('nothing staged')).rejects.toThrow(/Nothing is staged/);
    await svc.stage(['a.txt']);
    expect((await svc.status()).changes).toEqual([expect.objectContaining({ path: 'a.txt', index: 'M', worktree: '.' })]);
    await svc.unstage(['a.txt']);
    expect((await svc.status()).changes).toEqual([expect.objectContaining({ path: 'a.txt', index: '.', worktree: 'M' })]);
    await svc.stage(['a.txt']);
    const sha = await svc.commit('change a');
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
    expect(sh('log', '-1', '--format=%s').trim()).toBe('change a');
    expect(await svc.show('a.txt')).toBe('changed\n');
    expect(await svc.show('missing.txt')).toBeNull();
    await fsp.writeFile(path.join(root, 'a.txt'), 'oops\n');
    await fsp.writeFile(path.join(root, 'junk.txt'), 'junk\n');
    await svc.discard(['a.txt', 'junk.txt']);
    expect(await fsp.readFile(path.join(root, 'a.txt'), 'utf8')).toBe('changed\n');
    await expect(fsp.access(path.join(root, 'junk.txt'))).rejects.toThrow();
    expect((await svc.status()).changes).toEqual([]);
  });

  it('notices a commit made outside the app', async () => {
    let fired = 0;
    svc.onDidChange(() => fired++);
    await fsp.writeFile(path.join(root, 'a.txt'), 'outside\n');
    sh('commit', '-q', '-am', 'from the terminal');
    await new Promise((r) => setTimeout(r, 400));
    expect(fired).toBeGreaterThan(0);
  });
});
