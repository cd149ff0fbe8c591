/**
 * Recognises shell commands that destroy things, so they always ask first (even in
 * Autopilot and even when a broad rule allows them). Chained commands (`&&`, `||`, `;`,
 * `|`, `&`, newlines), subshells `( … )`, `$( … )` and backticks, and `sh -c "…"` are
 * checked part by part.
 */

/** Splits a command line into its simple commands, descending into subshells and `sh -c` strings. */
export function splitCommands(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: '"' | "'" | null = null;
  const push = () => {
    if (cur.trim()) out.push(cur.trim());
    cur = '';
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) {
        cur += c + line[++i];
        continue;
      }
      // command substitution runs even inside double quotes
      if (quote === '"' && c === '$' && line[i + 1] === '(') {
        const end = matchParen(line, i + 1);
        out.push(...splitCommands(line.slice(i + 2, end)));
        cur += line.slice(i, end + 1);
        i = end;
        continue;
      }
      cur += c;
      continue;
    }
    if (c === '\\' && i + 1 < line.length) {
      cur += c + line[++i];
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      cur += c;
      continue;
    }
    if (c === '$' && line[i + 1] === '(') {
      const end = matchParen(line, i + 1);
      out.push(...splitCommands(line.slice(i + 2, end)));
      cur += line.slice(i, end + 1);
      i = end;
      continue;
    }
    if (c === '`') {
      const end = line.indexOf('`', i + 1);
      const stop = end === -1 ? line.length : end;
      out.push(...splitCommands(line.slice(i + 1, stop)));
      i = stop;
      continue;
    }
    if (c === '(' && !cur.trim()) {
      const end = matchParen(line, i);
      out.push(...splitCommands(line.slice(i + 1, end)));
      i = end;
      continue;
    }
    if (c === ';' || c === '\n' || c === '|' || c === '&') {
      push();
      if ((c === '|' || c === '&') && line[i + 1] === c) i++;
      continue;
    }
    cur += c;
  }
  push();
  // `sh -c "…"`, `bash -c '…'`, `eval "…"`: check the inner command too
  const inner: string[] = [];
  for (const cmd of out) {
    const m = cmd.match(/^(?:\S*\/)?(?:sh|bash|zsh|dash)\s+(?:-\w+\s+)*-\w*c\w*\s+(['"])([\s\S]*)\1\s*$/) ?? cmd.match(/^eval\s+(['"])([\s\S]*)\1\s*$/);
    if (m) inner.push(...splitCommands(m[2]));
  }
  return [...out, ...inner];
}

function matchParen(s: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return s.length;
}

/** Splits a simple command into words, removing quotes (enough to read flags and names). */
export function words(cmd: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  let has = false;
  for (let i = 0; i < cmd.length; i++) {
    const c = cmd[i];
    if (quote) {
      if (c === quote) quote = null;
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (c === '\\' && i + 1 < cmd.length) {
      cur += cmd[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (cur || has) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (cur || has) out.push(cur);
  return out;
}

/** Drops what only wraps a command: env assignments, sudo, nice, time, command, exec, xargs … */
function unwrap(ws: string[]): string[] {
  let i = 0;
  const wrappers = new Set(['sudo', 'doas', 'nice', 'nohup', 'time', 'command', 'exec', 'builtin', 'env', 'xargs', 'timeout', 'stdbuf', 'ionice', 'unbuffer', 'npx', 'pnpx', 'bunx']);
  while (i < ws.length) {
    const w = ws[i];
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) i++;
    else if (wrappers.has(w.replace(/^.*\//, ''))) {
      i++;
      // skip the wrapper's own options (and timeout's duration)
      while (i < ws.length && (ws[i].startsWith('-') || /^\d+[smhd]?$/.test(ws[i]))) i++;
    } else break;
  }
  return ws.slice(i);
}

/** True when a short flag (possibly combined, as in -rf) or the long one is given before `--`. */
function hasFlag(args: string[], short: string, long?: string): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some(
    (a) => (a.startsWith('-') && !a.startsWith('--') && a.slice(1).includes(short)) || (long !== undefined && (a === long || a.startsWith(`${long}=`))),
  );
}

/** The positional words, skipping options and the values of options known to take one. */
function positional(args: string[], withValue: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('-')) {
      if (withValue.includes(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

const SQL_DESTROY = /\b(drop\s+(database|table|schema|index|view|user|role)|truncate\s+(table\s+)?\w|delete\s+from\s+\w+\s*(;|$|")|flushall|flushdb|dropdatabase\s*\()/i;

/** Why one simple command is destructive, or null. */
function reasonFor(cmd: string): string | null {
  const all = words(cmd);
  const ws = unwrap(all);
  if (!ws.length) return null;
  const name = ws[0].replace(/^.*\//, '');
  const args = ws.slice(1);
  const sub = args.find((a) => !a.startsWith('-')) ?? '';
  if (/>\s*\/dev\/(sd|nvme|hd|vd|disk|mmcblk)/.test(cmd)) return 'writes over a disk device';
  switch (name) {
    case 'rm':
      if (hasFlag(args, 'r', '--recursive') || hasFlag(args, 'R')) return 'deletes recursively';
      if (args.some((a) => a === '/' || a === '~' || a === '/*' || a === '~/' || a === '*' || a === '.' || a === '..')) return 'deletes everything it matches';
      return null;
    case 'rmdir':
      return hasFlag(args, 'p', '--parents') ? 'deletes folders recursively' : null;
    case 'find':
      if (args.includes('-delete')) return 'deletes the files it finds';
      if (args.some((a, i) => (a === '-exec' || a === '-execdir' || a === '-ok') && /^(\S*\/)?(rm|shred|unlink)$/.test(args[i + 1] ?? ''))) return 'deletes the files it finds';
      return null;
    case 'shred':
    case 'wipefs':
    case 'fdisk':
    case 'sfdisk':
    case 'parted':
    case 'mkswap':
      return 'wipes disks or files';
    case 'dd':
      return args.some((a) => /^of=\/dev\//.test(a)) ? 'writes over a device' : null;
    case 'truncate':
      return hasFlag(args, 's', '--size') && args.some((a) => /^(-s)?0$|^--size=0$/.test(a)) ? 'empties files' : null;
    case 'chmod':
    case 'chown':
    case 'chgrp':
      if ((hasFlag(args, 'R', '--recursive') && args.some((a) => a === '/' || a === '~' || a === '/*' || a === '.')) || args.some((a) => a === '/')) return 'changes permissions of everything';
      if (name === 'chmod' && hasFlag(args, 'R', '--recursive') && args.some((a) => /^0*00$|^a?-rwx$|^000$/.test(a))) return 'removes all permissions recursively';
      return null;
    case 'git': {
      const gsub = positional(args, ['-C', '-c', '--git-dir', '--work-tree', '--namespace'])[0] ?? '';
      const rest = args.slice(args.indexOf(gsub) + 1);
      if (gsub === 'push' && (hasFlag(rest, 'f', '--force') || rest.some((a) => a.startsWith('--force-with-lease') || a === '--mirror' || a === '--delete' || /^\+/.test(a) || /^:/.test(a)))) return 'force-pushes or deletes remote history';
      if (gsub === 'reset' && rest.includes('--hard')) return 'discards uncommitted work (reset --hard)';
      if (gsub === 'clean' && hasFlag(rest, 'f', '--force')) return 'deletes untracked files';
      if (gsub === 'checkout' && rest.some((a) => a === '.' || a === '--') && rest.includes('.')) return 'discards uncommitted changes';
      if (gsub === 'restore' && rest.includes('.') && !rest.includes('--staged')) return 'discards uncommitted changes';
      if (gsub === 'rebase' || gsub === 'filter-branch' || gsub === 'filter-repo') return 'rewrites history';
      if (gsub === 'commit' && rest.includes('--amend')) return 'rewrites the last commit';
      if (gsub === 'branch' && (rest.includes('-D') || (hasFlag(rest, 'd', '--delete') && hasFlag(rest, 'f', '--force')))) return 'deletes a branch';
      if (gsub === 'reflog' && rest[0] === 'expire') return 'drops history';
      if (gsub === 'stash' && (rest[0] === 'clear' || rest[0] === 'drop')) return 'drops stashed work';
      if (gsub === 'update-ref' && hasFlag(rest, 'd')) return 'deletes a ref';
      return null;
    }
    case 'aws': {
      const [service, op = ''] = positional(args, ['--region', '--profile', '--output', '--endpoint-url', '--query', '--color', '--ca-bundle', '--cli-read-timeout', '--cli-connect-timeout']);
      if (/(^|-)(delete|terminate|remove|deregister|purge|destroy)(-|$)/.test(op)) return `deletes cloud resources (aws ${service} ${op})`;
      if (service === 's3' && (op === 'rb' || (op === 'rm' && hasFlag(args, 'r', '--recursive')))) return 'deletes S3 data';
      return null;
    }
    case 'terraform':
    case 'tofu':
      return sub === 'destroy' || (sub === 'apply' && args.includes('-destroy')) || (sub === 'state' && args.includes('rm')) ? 'destroys infrastructure' : null;
    case 'pulumi':
      return sub === 'destroy' ? 'destroys infrastructure' : null;
    case 'cdk':
    case 'cdktf':
      return sub === 'destroy' ? 'destroys infrastructure' : null;
    case 'kubectl':
    case 'oc': {
      const ksub = positional(args, ['-n', '--namespace', '--context', '--cluster', '--kubeconfig', '-l', '--selector', '-o', '--output'])[0] ?? '';
      return ksub === 'delete' || ksub === 'drain' || (ksub === 'replace' && args.includes('--force')) ? 'deletes cluster resources' : null;
    }
    case 'helm':
      return sub === 'uninstall' || sub === 'delete' ? 'removes a release' : null;
    case 'eksctl':
    case 'doctl':
    case 'gcloud':
    case 'az':
    case 'flyctl':
    case 'heroku':
      return args.some((a) => /^(delete|destroy|remove|terminate|apps:destroy)$/.test(a)) ? 'deletes cloud resources' : null;
    case 'docker':
    case 'podman':
      if ((sub === 'system' || sub === 'volume' || sub === 'image' || sub === 'container' || sub === 'network') && args.includes('prune')) return 'prunes containers, images or volumes';
      if (sub === 'volume' && (args.includes('rm') || args.includes('remove'))) return 'deletes volumes';
      if (sub === 'compose' && args.includes('down') && hasFlag(args, 'v', '--volumes')) return 'deletes volumes';
      return null;
    case 'dropdb':
    case 'dropuser':
      return 'drops a database';
    case 'mysqladmin':
      return args.includes('drop') ? 'drops a database' : null;
    case 'redis-cli':
      return args.some((a) => /^(flushall|flushdb)$/i.test(a)) ? 'empties Redis' : null;
    case 'psql':
    case 'mysql':
    case 'sqlite3':
    case 'mongosh':
    case 'mongo':
    case 'cqlsh':
    case 'clickhouse-client':
      return SQL_DESTROY.test(cmd) ? 'drops or empties database tables' : null;
    case 'mkfs':
      return 'formats a disk';
    default:
      if (/^mkfs\./.test(name)) return 'formats a disk';
      if (name === 'shutdown' || name === 'reboot' || name === 'halt' || name === 'poweroff') return 'stops the machine';
      if (name === 'npm' && sub === 'unpublish') return 'unpublishes a package';
      if (name === 'gh' && args.some((a) => a === 'delete') && (args[0] === 'repo' || args[0] === 'release')) return `deletes a GitHub ${args[0]}`;
      return null;
  }
}

/** Why a command line is destructive (the first dangerous part and what it does), or null. */
export function destructiveReason(line: string): string | null {
  // a fork bomb falls apart when split, so look at the whole line first
  if (/:\(\)\s*\{\s*:\s*\|\s*:\s*&\s*\}/.test(line)) return '`:(){ :|:& };:` is a fork bomb';
  for (const part of splitCommands(line)) {
    const r = reasonFor(part);
    if (r) return `\`${part.length > 80 ? part.slice(0, 77) + '…' : part}\` ${r}`;
  }
  return null;
}
