import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** The file operations an atomic write needs; injectable so failures can be tested. */
export interface AtomicFs {
  writeFile(file: string, data: Uint8Array, options: { mode?: number; flag: string }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  stat(file: string): Promise<{ mode: number; uid: number; gid: number }>;
  chown(file: string, uid: number, gid: number): Promise<void>;
  chmod(file: string, mode: number): Promise<void>;
}

export const nodeAtomicFs: AtomicFs = {
  writeFile: (f, d, o) => fsp.writeFile(f, d, o),
  rename: (a, b) => fsp.rename(a, b),
  unlink: (f) => fsp.unlink(f),
  stat: (f) => fsp.stat(f),
  chown: (f, u, g) => fsp.chown(f, u, g),
  chmod: (f, m) => fsp.chmod(f, m),
};

/**
 * Where a write to one of the person's own config files should go: the file a link points to
 * (a dotfiles checkout), so the link stays a link; `file` itself when it is no link or does
 * not exist yet. Not for workspace paths, which are confined before they are written.
 */
export async function throughLink(file: string): Promise<string> {
  try {
    return (await fsp.lstat(file)).isSymbolicLink() ? await fsp.realpath(file) : file;
  } catch {
    return file;
  }
}

/**
 * Writes `data` to `file` so that readers see either the old or the new content, never a
 * torn file: write a temp file beside it (same folder, so rename is atomic), keep the
 * original's permissions, then rename over. On failure the temp file is removed and the
 * original is untouched.
 */
export async function writeAtomic(file: string, data: Uint8Array, fs: AtomicFs = nodeAtomicFs): Promise<void> {
  let mode: number | undefined;
  let owner: { uid: number; gid: number } | undefined;
  try {
    const st = await fs.stat(file);
    mode = st.mode & 0o7777;
    owner = { uid: st.uid, gid: st.gid };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.sw-tmp`);
  try {
    await fs.writeFile(tmp, data, { mode: mode ?? 0o666, flag: 'wx' });
    // writeFile's mode is filtered by the umask; an existing file keeps its exact bits
    if (mode !== undefined) await fs.chmod(tmp, mode);
    if (owner && typeof process.getuid === 'function' && process.getuid() === 0) {
      await fs.chown(tmp, owner.uid, owner.gid).catch(() => undefined);
    }
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.unlink(tmp).catch(() => undefined);
    throw err;
  }
}
