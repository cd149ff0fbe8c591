import { execFile } from 'node:child_process';
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { ContractError, Emitter, type Disposable } from '../../../shared/ipc/protocol';
import { parsePorcelainV2, type GitStatus } from './porcelain';

const MAX_BUFFER = 256 * 1024 * 1024;

export const NOT_A_REPO: GitStatus = { isRepo: false, branch: null, detached: false, initial: false, upstream: null, ahead: 0, behind: 0, changes: [] };

/** Runs git; a failure becomes an error carrying git's own message. */
function git(cwd: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      // optional locks off: a status refresh must never block the person's own git commands
      { cwd, maxBuffer: MAX_BUFFER, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } },
      (err, stdout, stderr) => {
        if (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'ENOENT') reject(new ContractError('UNSUPPORTED', 'git is not installed (or not on PATH).'));
          else reject(new Error((stderr || err.message).trim()));
        } else resolve(stdout);
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

/**
 * Source control for the open folder through the system `git` (no reimplementation):
 * status, HEAD contents for diffs, stage/unstage/discard/commit, init. Watches `.git`
 * for HEAD and index changes made outside the app (a commit in the terminal).
 */
export class GitService implements Disposable {
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  private gitWatcher: FSWatcher | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly root: string) {
    this.watchGitDir();
  }

  private watchGitDir() {
    try {
      this.gitWatcher = watch(path.join(this.root, '.git'), () => this.fire());
      this.gitWatcher.on('error', () => undefined);
    } catch {
      // not a repository (yet)
    }
  }

  /** Coalesces bursts (a commit touches several files in .git). */
  fire(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changed.fire(), 150);
  }

  async status(): Promise<GitStatus> {
    let inside: string;
    try {
      inside = (await git(this.root, ['rev-parse', '--is-inside-work-tree'])).trim();
    } catch (err) {
      if (err instanceof ContractError) throw err;
      return NOT_A_REPO;
    }
    if (inside !== 'true') return NOT_A_REPO;
    return parsePorcelainV2(await git(this.root, ['status', '--porcelain=v2', '--branch', '-z', '--untracked-files=all']));
  }

  /** A file as it is in `ref` (HEAD by default); null when it is not there (new file). */
  async show(rel: string, ref = 'HEAD'): Promise<string | null> {
    try {
      return await git(this.root, ['show', `${ref}:${rel}`]);
    } catch {
      return null;
    }
  }

  private check(paths: string[]) {
    for (const p of paths) {
      if (path.isAbsolute(p) || p.split('/').includes('..')) throw new ContractError('OUTSIDE_WORKSPACE', `"${p}" is outside the workspace.`);
    }
  }

  async stage(paths: string[]): Promise<void> {
    this.check(paths);
    await git(this.root, ['add', '-A', '--', ...paths]);
    this.fire();
  }

  async unstage(paths: string[]): Promise<void> {
    this.check(paths);
    const hasHead = await git(this.root, ['rev-parse', '--verify', '-q', 'HEAD']).then(
      () => true,
      () => false,
    );
    if (hasHead) await git(this.root, ['restore', '--staged', '--', ...paths]);
    else await git(this.root, ['rm', '--cached', '-r', '-q', '--', ...paths]);
    this.fire();
  }

  /** Throws away working-tree changes: tracked files return to the index; untracked ones are deleted. */
  async discard(paths: string[]): Promise<void> {
    this.check(paths);
    const st = await this.status();
    const untracked = paths.filter((p) => st.changes.some((c) => c.path === p && c.kind === 'untracked'));
    const tracked = paths.filter((p) => !untracked.includes(p));
    if (tracked.length) await git(this.root, ['restore', '--worktree', '--', ...tracked]);
    if (untracked.length) await git(this.root, ['clean', '-f', '-q', '--', ...untracked]);
    this.fire();
  }

  async commit(message: string): Promise<string> {
    if (!message.trim()) throw new ContractError('INVALID_INPUT', 'Write a commit message first.');
    const st = await this.status();
    if (!st.changes.some((c) => c.index !== '.' && c.kind !== 'untracked')) {
      throw new ContractError('INVALID_INPUT', 'Nothing is staged. Stage changes (+) before committing.');
    }
    await git(this.root, ['commit', '-q', '-F', '-'], message);
    this.fire();
    return (await git(this.root, ['rev-parse', 'HEAD'])).trim();
  }

  /** The commit HEAD points at; null outside a repository or before the first commit. */
  async head(): Promise<string | null> {
    try {
      return (await git(this.root, ['rev-parse', '--verify', '-q', 'HEAD'])).trim() || null;
    } catch {
      return null;
    }
  }

  /** How far HEAD has moved since `base`: commits and files changed; null when `base` is unknown here. */
  async since(base: string): Promise<{ commits: number; files: string[] } | null> {
    if (!/^[0-9a-f]{7,64}$/i.test(base)) return null;
    try {
      const commits = Number((await git(this.root, ['rev-list', '--count', `${base}..HEAD`])).trim());
      const files = (await git(this.root, ['diff', '--name-only', '-z', base, 'HEAD'])).split('\0').filter(Boolean);
      return { commits, files };
    } catch {
      return null;
    }
  }

  async init(): Promise<void> {
    await git(this.root, ['init', '-q']);
    this.gitWatcher?.close();
    this.watchGitDir();
    this.fire();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.gitWatcher?.close();
    this.changed.dispose();
  }
}
