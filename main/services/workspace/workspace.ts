import fs, { promises as fsp, type Stats } from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { setImmediate as nextTurn } from 'node:timers/promises';
import picomatch from 'picomatch';
import type { DirEntry, ReadResult, ReadStreamEvent } from '../../../shared/ipc/contract';
import { withUtf8Bytes } from '../../../shared/ipc/frames';
import { ContractError } from '../../../shared/ipc/protocol';
import { writeAtomic, type AtomicFs, nodeAtomicFs } from './atomic';
import { decode, detectEncoding, detectEol, encode, looksBinary, UnrepresentableError } from './encoding';
import { confine, fsError, isInside, READ_QUIETLY, toRelative } from './paths';

/** Above this, a file is not opened at all (the editor would not survive it). */
export const MAX_OPEN_BYTES = 256 * 1024 * 1024;

/** Files up to this size are read with blocking calls (~20 µs, against ~200 µs in seven thread-pool round trips). */
const SMALL_READ_BYTES = 64 * 1024;
/** A blocking read slower than this means a slow disk or network mount: from then on this workspace reads asynchronously. */
const SLOW_SYNC_READ_MS = 20;

/** Whether /proc/self/fd names open files (Linux); cleared the first time it does not. */
let procFd = process.platform === 'linux';

/**
 * The real path of an open file from /proc/self/fd: one readlink, where realpath(3) reads every
 * component of the path again. Null where /proc cannot say (not Linux, not mounted, the file
 * deleted since it was opened): the caller then asks realpath.
 */
function openedPath(fd: number): string | null {
  if (!procFd) return null;
  try {
    const real = fs.readlinkSync(`/proc/self/fd/${fd}`);
    return real.startsWith('/') && !real.endsWith(' (deleted)') ? real : null;
  } catch {
    procFd = false;
    return null;
  }
}

/**
 * Piece size of a streamed read (files larger than one piece are streamed). The editor appends
 * one piece per task, and Monaco's cost is per line (~10k lines here): at 1 MB an append was
 * 110–270 ms, over bench #2's 200 ms bound on a busy machine.
 */
export const READ_CHUNK_BYTES = 512 * 1024;
/**
 * The first piece is smaller: it is what the first screen waits for (~1,500 typical lines, many
 * screens). The editor takes it in with the model's first layout, whose cost is per line: at
 * 256 KB that task was 120–200 ms on its own.
 */
export const FIRST_PIECE_BYTES = 64 * 1024;

export interface WorkspaceOptions {
  /** Globs (relative to the root) hidden from listings. `.git` is always hidden. */
  exclude?: () => string[];
  /** Files above this size open in large-file mode. */
  largeFileThreshold?: () => number;
  /** Moves a path to the OS trash; absent in serve mode. */
  trash?: (absPath: string) => Promise<void>;
  fs?: AtomicFs;
}

const ALWAYS_HIDDEN = new Set(['.git']);

/**
 * File access confined to one folder. Every path crossing the contract is relative and is
 * resolved (symlinks included) before use; anything that leads outside is refused.
 */
export class Workspace {
  private excludeCache: { globs: string; match: (p: string) => boolean } | undefined;

  private constructor(
    readonly root: string,
    private readonly options: WorkspaceOptions,
  ) {}

  /** Opens a workspace at `folder` (which must be an existing directory). */
  static async open(folder: string, options: WorkspaceOptions = {}): Promise<Workspace> {
    let real: string;
    try {
      real = await fsp.realpath(folder);
    } catch (err) {
      throw fsError(err, folder);
    }
    const st = await fsp.stat(real);
    if (!st.isDirectory()) throw new ContractError('NOT_DIRECTORY', `"${folder}" is not a folder.`);
    return new Workspace(real, options);
  }

  get name(): string {
    return path.basename(this.root);
  }

  /** Absolute path for a relative one, proven to be inside the workspace. */
  resolve(rel: string, opts?: { followLast?: boolean }): Promise<string> {
    return confine(this.root, rel, opts);
  }

  relative(abs: string): string {
    return toRelative(this.root, abs);
  }

  contains(abs: string): boolean {
    return isInside(this.root, abs);
  }

  /** True when a relative path is hidden by `.git` or the exclude globs. */
  isExcluded(rel: string): boolean {
    if (rel.split('/').some((seg) => ALWAYS_HIDDEN.has(seg))) return true;
    const globs = this.options.exclude?.() ?? [];
    const key = globs.join('\0');
    if (!this.excludeCache || this.excludeCache.globs !== key) {
      const matchers = globs.map((g) => picomatch(g, { dot: true }));
      this.excludeCache = { globs: key, match: (p) => matchers.some((m) => m(p)) };
    }
    return this.excludeCache.match(rel);
  }

  /** Lists a folder: folders first, then files, each group sorted by name (natural order). */
  async list(rel: string): Promise<DirEntry[]> {
    const abs = await this.resolve(rel);
    let dirents;
    try {
      dirents = await fsp.readdir(abs, { withFileTypes: true });
    } catch (err) {
      throw fsError(err, rel || '.');
    }
    const entries = await Promise.all(
      dirents.map(async (d): Promise<DirEntry | null> => {
        const childRel = rel ? `${rel}/${d.name}` : d.name;
        if (this.isExcluded(childRel)) return null;
        const childAbs = path.join(abs, d.name);
        if (d.isSymbolicLink()) return { name: d.name, path: childRel, kind: 'symlink', target: await this.linkTarget(childAbs), size: 0 };
        if (d.isDirectory()) return { name: d.name, path: childRel, kind: 'dir', size: 0 };
        let size = 0;
        try {
          size = (await fsp.lstat(childAbs)).size;
        } catch {
          // vanished between readdir and stat: still list it, the watcher will catch up
        }
        return { name: d.name, path: childRel, kind: 'file', size };
      }),
    );
    const isDirLike = (e: DirEntry) => e.kind === 'dir' || (e.kind === 'symlink' && e.target === 'dir');
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
    return entries
      .filter((e): e is DirEntry => e !== null)
      .sort((a, b) => Number(isDirLike(b)) - Number(isDirLike(a)) || collator.compare(a.name, b.name));
  }

  private async linkTarget(abs: string): Promise<DirEntry['target']> {
    try {
      const real = await fsp.realpath(abs);
      if (!this.contains(real)) return 'outside';
      return (await fsp.stat(real)).isDirectory() ? 'dir' : 'file';
    } catch {
      return 'broken';
    }
  }

  private async statFile(abs: string, rel: string): Promise<Stats> {
    let st: Stats;
    try {
      st = await fsp.stat(abs);
    } catch (err) {
      throw fsError(err, rel);
    }
    if (st.isDirectory()) throw new ContractError('IS_DIRECTORY', `"${rel}" is a folder.`);
    if (!st.isFile()) throw new ContractError('UNSUPPORTED', `"${rel}" is not a regular file.`);
    return st;
  }

  /** Blocking reads of small files stay on until one is slow (see SLOW_SYNC_READ_MS). */
  private syncReads = true;

  /**
   * The common case, a small source file, read with blocking calls: open, the opened file's
   * real path, fstat, read, close. Null when the file is not a small regular file inside the workspace, or any
   * call fails: the asynchronous path then does the work and reports errors in full.
   */
  private readSmallSync(rel: string): { buf: Buffer; st: Stats } | null {
    // anything unusual (absolute, drive letters, NUL) goes the asynchronous way, which explains the refusal
    if (!this.syncReads || rel.includes('\0') || path.isAbsolute(rel) || /^[a-zA-Z]:|^\\/.test(rel)) return null;
    const started = performance.now();
    let fd = -1;
    try {
      const abs = path.resolve(this.root, rel);
      if (!isInside(this.root, abs)) return null;
      // non-blocking, so a named pipe cannot stall the process in open(2); fstat then sends it the asynchronous way, which refuses it
      fd = fs.openSync(abs, READ_QUIETLY);
      // confinement is proved on the file actually opened, so a link swapped in after a check cannot lead outside
      if (!isInside(this.root, openedPath(fd) ?? fs.realpathSync.native(abs))) return null;
      const st = fs.fstatSync(fd);
      if (!st.isFile() || st.size > SMALL_READ_BYTES) return null;
      const buf = Buffer.allocUnsafe(st.size);
      let n = 0;
      while (n < st.size) {
        const got = fs.readSync(fd, buf, n, st.size - n, n);
        if (got === 0) break;
        n += got;
      }
      return { buf: n === st.size ? buf : buf.subarray(0, n), st };
    } catch {
      return null;
    } finally {
      if (fd !== -1) fs.closeSync(fd);
      if (performance.now() - started > SLOW_SYNC_READ_MS) this.syncReads = false;
    }
  }

  /** Reads a file as text (with its encoding and line ending), or reports binary / too large. */
  async read(rel: string): Promise<ReadResult> {
    const small = this.readSmallSync(rel);
    if (small) return this.textResult(rel, small.buf, small.st);
    const abs = await this.resolve(rel);
    return this.readWhole(rel, abs, await this.statFile(abs, rel));
  }

  /** The asynchronous read of a file already confined and stat'ed. */
  private async readWhole(rel: string, abs: string, st: Stats): Promise<ReadResult> {
    if (st.size > MAX_OPEN_BYTES) {
      return { kind: 'tooLarge', path: rel, size: st.size, limit: MAX_OPEN_BYTES, mtimeMs: st.mtimeMs };
    }
    let buf: Buffer;
    try {
      buf = await fsp.readFile(abs);
    } catch (err) {
      throw fsError(err, rel);
    }
    return this.textResult(rel, buf, st);
  }

  private async textResult(rel: string, buf: Buffer, st: Stats): Promise<ReadResult> {
    if (looksBinary(buf)) return { kind: 'binary', path: rel, size: buf.length, mtimeMs: st.mtimeMs };
    const encoding = await detectEncoding(buf);
    const content = await decode(buf, encoding);
    const threshold = this.options.largeFileThreshold?.() ?? 20 * 1024 * 1024;
    const result: ReadResult = {
      kind: 'text',
      path: rel,
      content,
      encoding,
      eol: detectEol(content),
      size: buf.length,
      mtimeMs: st.mtimeMs,
      large: buf.length > threshold,
    };
    // plain UTF-8: the file's own bytes are the text's encoding, so a WebSocket frame can send them as they are
    return encoding === 'utf8' ? withUtf8Bytes(result, 'content', buf) : result;
  }

  /**
   * Reads a file for the editor in pieces of about READ_CHUNK_BYTES, so a 50 MB file shows its
   * first screen after one piece instead of after the whole text has been decoded, sent and
   * parsed. Pieces end on a line break where there is one (never between \r and \n, never
   * inside a surrogate pair); the server yields between pieces so other calls are answered.
   */
  async readStream(rel: string, emit: (e: ReadStreamEvent) => void, signal: AbortSignal): Promise<void> {
    const small = this.readSmallSync(rel);
    if (small) {
      emit({ type: 'start', result: await this.textResult(rel, small.buf, small.st), more: false });
      return;
    }
    const abs = await this.resolve(rel);
    const st = await this.statFile(abs, rel);
    if (st.size <= READ_CHUNK_BYTES || st.size > MAX_OPEN_BYTES) {
      emit({ type: 'start', result: await this.readWhole(rel, abs, st), more: false });
      return;
    }
    let buf: Buffer;
    try {
      buf = await fsp.readFile(abs);
    } catch (err) {
      throw fsError(err, rel);
    }
    if (signal.aborted) return;
    if (looksBinary(buf)) {
      emit({ type: 'start', result: { kind: 'binary', path: rel, size: buf.length, mtimeMs: st.mtimeMs }, more: false });
      return;
    }
    const encoding = await detectEncoding(buf);
    const threshold = this.options.largeFileThreshold?.() ?? 20 * 1024 * 1024;
    const pieces = encoding === 'utf8' || encoding === 'utf8bom' ? utf8Pieces(buf, encoding === 'utf8bom' ? 3 : 0) : textPieces(await decode(buf, encoding));
    let first = true;
    for (const piece of pieces) {
      if (signal.aborted) return;
      if (first) {
        first = false;
        const result: ReadResult = { kind: 'text', path: rel, content: piece, encoding, eol: detectEol(piece), size: buf.length, mtimeMs: st.mtimeMs, large: buf.length > threshold };
        emit({ type: 'start', result, more: true });
      } else {
        emit({ type: 'chunk', text: piece });
      }
      await nextTurn();
    }
    if (!signal.aborted) emit({ type: 'end' });
  }

  /** Writes text atomically in the given encoding (default: the file's current one, else UTF-8). */
  async write(
    rel: string,
    content: string,
    encoding?: string,
    eol?: '\n' | '\r\n',
    opts: { createParents?: boolean } = {},
  ): Promise<{ size: number; mtimeMs: number }> {
    if (!rel) throw new ContractError('IS_DIRECTORY', 'Cannot write to the workspace folder itself.');
    const abs = await this.resolve(rel);
    if (opts.createParents) await fsp.mkdir(path.dirname(abs), { recursive: true });
    const existing = await fsp.stat(abs).catch(() => null);
    // a pipe or a device is not replaced by a file (nor read, to learn its encoding, which would wait on it)
    if (existing && !existing.isFile()) throw new ContractError(existing.isDirectory() ? 'IS_DIRECTORY' : 'UNSUPPORTED', `"${rel}" is ${existing.isDirectory() ? 'a folder' : 'not a regular file'}; it cannot be written as one.`);
    let enc = encoding;
    if (!enc) {
      try {
        enc = existing ? await detectEncoding(await fsp.readFile(abs)) : 'utf8';
      } catch {
        enc = 'utf8';
      }
    }
    const text = eol === '\r\n' ? content.replace(/\r?\n/g, '\r\n') : eol === '\n' ? content.replace(/\r\n/g, '\n') : content;
    let data: Buffer;
    try {
      data = await encode(text, enc);
    } catch (err) {
      throw new ContractError(err instanceof UnrepresentableError ? 'UNREPRESENTABLE' : 'UNSUPPORTED', (err as Error).message);
    }
    try {
      await writeAtomic(abs, data, this.options.fs ?? nodeAtomicFs);
      const st = await fsp.stat(abs);
      return { size: st.size, mtimeMs: st.mtimeMs };
    } catch (err) {
      throw fsError(err, rel);
    }
  }

  async create(rel: string, kind: 'file' | 'dir'): Promise<void> {
    const abs = await this.resolve(rel);
    try {
      await fsp.mkdir(path.dirname(abs), { recursive: true });
      if (kind === 'dir') await fsp.mkdir(abs);
      else await fsp.writeFile(abs, '', { flag: 'wx' });
    } catch (err) {
      throw fsError(err, rel);
    }
  }

  async rename(from: string, to: string): Promise<void> {
    const absFrom = await this.resolve(from, { followLast: false });
    const absTo = await this.resolve(to, { followLast: false });
    if (isInside(absFrom, absTo) && absFrom !== absTo) {
      throw new ContractError('UNSUPPORTED', `Cannot move "${from}" into itself.`);
    }
    try {
      await fsp.lstat(absFrom);
    } catch (err) {
      throw fsError(err, from);
    }
    const caseOnly = absFrom.toLowerCase() === absTo.toLowerCase() && absFrom !== absTo;
    if (!caseOnly) {
      const exists = await fsp.lstat(absTo).then(
        () => true,
        () => false,
      );
      if (exists) throw new ContractError('EXISTS', `"${to}" already exists.`);
    }
    try {
      await fsp.mkdir(path.dirname(absTo), { recursive: true });
      await fsp.rename(absFrom, absTo);
    } catch (err) {
      throw fsError(err, to);
    }
  }

  /** Deletes a path: to the OS trash when one is available and `permanent` is false. */
  async delete(rel: string, permanent: boolean): Promise<{ trashed: boolean }> {
    if (!rel) throw new ContractError('PERMISSION', 'Cannot delete the workspace folder itself.');
    const abs = await this.resolve(rel, { followLast: false });
    try {
      await fsp.lstat(abs);
    } catch (err) {
      throw fsError(err, rel);
    }
    if (!permanent) {
      if (!this.options.trash) {
        throw new ContractError('UNSUPPORTED', 'This host has no trash; confirm a permanent delete instead.');
      }
      await this.options.trash(abs);
      return { trashed: true };
    }
    try {
      await fsp.rm(abs, { recursive: true, force: false });
    } catch (err) {
      throw fsError(err, rel);
    }
    return { trashed: false };
  }
}

/** Where a piece of text may end: after its last line break, else anywhere but inside \r\n or a surrogate pair. */
function cutPoint(text: string): number {
  const nl = text.lastIndexOf('\n');
  if (nl !== -1) return nl + 1;
  let end = text.length;
  const last = text.charCodeAt(end - 1);
  if (last === 13 || (last >= 0xd800 && last <= 0xdbff)) end--;
  return end > 0 ? end : text.length;
}

/** Decodes UTF-8 a piece at a time (a character split between pieces is carried over). */
function* utf8Pieces(buf: Buffer, skip: number): Generator<string> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  for (let at = skip, size = FIRST_PIECE_BYTES; at < buf.length; at += size, size = READ_CHUNK_BYTES) {
    const text = carry + decoder.write(buf.subarray(at, Math.min(buf.length, at + size)));
    const cut = cutPoint(text);
    carry = text.slice(cut);
    if (cut > 0) yield text.slice(0, cut);
  }
  const rest = carry + decoder.end();
  if (rest) yield rest;
}

/** Splits text that is already decoded (a legacy encoding) the same way. */
function* textPieces(text: string): Generator<string> {
  for (let at = 0, size = FIRST_PIECE_BYTES; at < text.length; size = READ_CHUNK_BYTES) {
    const cut = at + size >= text.length ? text.length - at : cutPoint(text.slice(at, at + size));
    yield text.slice(at, at + cut);
    at += cut;
  }
}
