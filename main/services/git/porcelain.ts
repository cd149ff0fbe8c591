/** One changed path in `git status`. */
export interface GitChange {
  path: string;
  /** For renames and copies: where it came from. */
  origPath?: string;
  /** Index (staged) status letter; '.' when unchanged there. */
  index: string;
  /** Working-tree status letter; '.' when unchanged there. */
  worktree: string;
  kind: 'changed' | 'renamed' | 'conflict' | 'untracked';
}

export interface GitStatus {
  isRepo: boolean;
  branch: string | null;
  detached: boolean;
  /** No commit yet. */
  initial: boolean;
  upstream: string | null;
  ahead: number;
  behind: number;
  changes: GitChange[];
}

/**
 * Parses `git status --porcelain=v2 --branch -z`. With -z, records are NUL-separated and a
 * rename record is followed by one more field, the original path.
 */
export function parsePorcelainV2(out: string): GitStatus {
  const status: GitStatus = { isRepo: true, branch: null, detached: false, initial: false, upstream: null, ahead: 0, behind: 0, changes: [] };
  const fields = out.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const rec = fields[i];
    if (!rec) continue;
    if (rec.startsWith('# ')) {
      const [, key, ...rest] = rec.split(' ');
      const value = rest.join(' ');
      if (key === 'branch.oid') status.initial = value === '(initial)';
      else if (key === 'branch.head') {
        status.detached = value === '(detached)';
        status.branch = status.detached ? null : value;
      } else if (key === 'branch.upstream') status.upstream = value;
      else if (key === 'branch.ab') {
        const m = value.match(/\+(\d+) -(\d+)/);
        if (m) {
          status.ahead = Number(m[1]);
          status.behind = Number(m[2]);
        }
      }
      continue;
    }
    const type = rec[0];
    if (type === '1') {
      // 1 XY sub mH mI mW hH hI path
      const parts = rec.split(' ');
      status.changes.push({ path: parts.slice(8).join(' '), index: parts[1][0], worktree: parts[1][1], kind: 'changed' });
    } else if (type === '2') {
      // 2 XY sub mH mI mW hH hI Xscore path, then origPath as the next field
      const parts = rec.split(' ');
      status.changes.push({ path: parts.slice(9).join(' '), origPath: fields[++i], index: parts[1][0], worktree: parts[1][1], kind: 'renamed' });
    } else if (type === 'u') {
      // u XY sub m1 m2 m3 mW h1 h2 h3 path
      const parts = rec.split(' ');
      status.changes.push({ path: parts.slice(10).join(' '), index: parts[1][0], worktree: parts[1][1], kind: 'conflict' });
    } else if (type === '?') {
      status.changes.push({ path: rec.slice(2), index: '?', worktree: '?', kind: 'untracked' });
    }
  }
  return status;
}
