import { constants as fsConstants, promises as fsp } from 'node:fs';
import path from 'node:path';
import { ContractError } from '../../../shared/ipc/protocol';

/**
 * Flags for reading a path before knowing what it is: O_NONBLOCK, so a named pipe does not wait
 * for a writer, and O_NOCTTY, so a terminal device never becomes the process's own. Neither
 * exists on Windows, which has no FIFOs to open by path.
 */
export const READ_QUIETLY = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0) | (fsConstants.O_NOCTTY ?? 0);

/** True when `child` is `root` or lies below it (both absolute, normalised). */
export function isInside(root: string, child: string): boolean {
  // the common case, checked as strings: on POSIX two normalised absolute paths compare exactly
  // (every small read asks this twice, and path.relative normalises both sides again)
  if (path.sep === '/' && root.startsWith('/') && child.startsWith('/') && !NOT_NORMAL.test(root) && !NOT_NORMAL.test(child)) {
    if (child === root) return true;
    const base = root.endsWith('/') ? root : root + '/';
    return child.startsWith(base);
  }
  const rel = path.relative(root, child);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}

/** A path with `.` or `..` segments, a doubled slash or a trailing one (other than the root's). */
const NOT_NORMAL = /(^|\/)\.\.?(\/|$)|\/\/|.\/$/;

/** Converts an absolute path under `root` back to the contract's `/`-separated relative form. */
export function toRelative(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}

/**
 * Resolves a workspace-relative path to an absolute one and proves it stays inside the
 * workspace, following symlinks: the longest existing prefix is realpath'd, so a link that
 * leads outside is refused even when the final component does not exist yet.
 */
export async function confine(realRoot: string, rel: string, opts: { followLast?: boolean } = {}): Promise<string> {
  if (rel.includes('\0')) throw new ContractError('OUTSIDE_WORKSPACE', 'Path contains a NUL character.');
  if (path.isAbsolute(rel) || /^[a-zA-Z]:/.test(rel) || rel.startsWith('\\')) {
    throw new ContractError('OUTSIDE_WORKSPACE', `"${rel}" is absolute; paths must be relative to the workspace.`);
  }
  const abs = path.resolve(realRoot, rel);
  if (!isInside(realRoot, abs)) {
    throw new ContractError('OUTSIDE_WORKSPACE', `"${rel}" is outside the workspace.`);
  }
  // Walk up to the deepest existing ancestor and resolve links there. When the last
  // component is not followed (delete or rename of a link itself), start from its parent.
  const followLast = opts.followLast ?? true;
  let existing = followLast || abs === realRoot ? abs : path.dirname(abs);
  const rest: string[] = followLast || abs === realRoot ? [] : [path.basename(abs)];
  for (;;) {
    try {
      const real = await fsp.realpath(existing);
      const full = rest.length ? path.join(real, ...rest.reverse()) : real;
      if (!isInside(realRoot, full)) {
        throw new ContractError('OUTSIDE_WORKSPACE', `"${rel}" leads outside the workspace through a symbolic link.`);
      }
      return abs;
    } catch (err) {
      if (err instanceof ContractError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') throw new ContractError('PERMISSION', `"${rel}" is a symbolic link loop.`);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
      if (existing === realRoot) return abs;
      rest.push(path.basename(existing));
      existing = path.dirname(existing);
    }
  }
}

/** Maps Node errno errors to contract errors with messages a person can act on. */
export function fsError(err: unknown, rel: string): Error {
  if (err instanceof ContractError) return err;
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return new ContractError('NOT_FOUND', `"${rel}" does not exist.`);
    case 'EEXIST':
    case 'ENOTEMPTY':
      return new ContractError('EXISTS', `"${rel}" already exists.`);
    case 'EISDIR':
      return new ContractError('IS_DIRECTORY', `"${rel}" is a folder.`);
    case 'ENOTDIR':
      return new ContractError('NOT_DIRECTORY', `"${rel}" is not a folder.`);
    case 'EACCES':
    case 'EPERM':
      return new ContractError('PERMISSION', `Permission denied for "${rel}".`);
    case 'ELOOP':
      return new ContractError('PERMISSION', `"${rel}" is a symbolic link loop.`);
    default:
      return err instanceof Error ? err : new Error(String(err));
  }
}
