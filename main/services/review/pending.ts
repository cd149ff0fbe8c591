import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { DirEntry, ReadResult } from '../../../shared/ipc/contract';
import { ContractError, Emitter } from '../../../shared/ipc/protocol';
import { applyHunks, computeHunks, countChanges, formatHunk, mergeEdits, type Hunk } from '../../../shared/model/hunks';
import { writeAtomic } from '../workspace/atomic';
import type { Workspace } from '../workspace/workspace';

/** One file the agent changed that the person has not yet accepted or rejected in full. */
export interface PendingEntry {
  path: string;
  /** What the disk has (null: the file does not exist). Hunks are base → content. */
  base: string | null;
  /** What the agent made it (null: the agent deleted it). */
  content: string | null;
  encoding: string;
  /** The chat session that made the change, told about rejected hunks. */
  sessionId: string;
  /** Set when the file changed on disk and the agent's edits no longer apply on top. */
  conflict?: string;
}

export interface Rejection {
  path: string;
  hunk: string;
  comment?: string;
}

export interface PendingSummary {
  path: string;
  kind: 'create' | 'modify' | 'delete';
  added: number;
  removed: number;
  hunks: number;
  conflict?: string;
  /** The person has unsaved edits in this file: accepting is refused until they save or revert. */
  dirty: boolean;
}

export interface WriteOutcome {
  /** True when the change waits for review instead of being on disk. */
  held: boolean;
  note?: string;
}

/**
 * The pending change set of one workspace: an overlay over the disk that the agent's file
 * tools read and write in Supervised mode (and in Autopilot for files the person is
 * editing). Kept in a JSON file outside the workspace so a restart loses nothing.
 */
export class PendingChanges {
  private entries = new Map<string, PendingEntry>();
  private rejections = new Map<string, Rejection[]>();
  private dirty = new Set<string>();
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    readonly ws: Workspace,
    private readonly store: string,
  ) {}

  async load(): Promise<void> {
    try {
      const saved = JSON.parse(await fsp.readFile(this.store, 'utf8')) as { entries?: PendingEntry[]; rejections?: [string, Rejection[]][] };
      for (const e of saved.entries ?? []) if (typeof e.path === 'string') this.entries.set(e.path, e);
      this.rejections = new Map(saved.rejections ?? []);
      // the disk may have moved on while the app was closed
      for (const p of [...this.entries.keys()]) await this.refresh(p);
    } catch {
      // nothing pending
    }
  }

  private persist() {
    const data = JSON.stringify({ entries: [...this.entries.values()], rejections: [...this.rejections] });
    this.saving = this.saving
      .then(async () => {
        await fsp.mkdir(path.dirname(this.store), { recursive: true });
        await writeAtomic(this.store, Buffer.from(data));
      })
      .catch(() => undefined);
  }

  private emit() {
    this.persist();
    this.changed.fire();
  }

  /** Waits for the last save (tests, shutdown). */
  flushed(): Promise<void> {
    return this.saving;
  }

  has(p: string): boolean {
    return this.entries.has(p);
  }

  get size(): number {
    return this.entries.size;
  }

  setDirty(paths: string[]): void {
    this.dirty = new Set(paths);
    this.changed.fire();
  }

  isDirty(p: string): boolean {
    return this.dirty.has(p);
  }

  /** The disk's text, or null when the file does not exist. Binary and huge files cannot be held. */
  private async diskText(p: string): Promise<{ text: string | null; encoding: string }> {
    let r: ReadResult;
    try {
      r = await this.ws.read(p);
    } catch (err) {
      if (err instanceof ContractError && err.code === 'NOT_FOUND') return { text: null, encoding: 'utf8' };
      throw err;
    }
    if (r.kind !== 'text') throw new ContractError('UNSUPPORTED', `${p} is not a text file; the agent cannot change it.`);
    return { text: r.content, encoding: r.encoding };
  }

  // ---- the agent's view ----

  /** The file as the agent left it: pending content if any, else the disk. */
  async read(p: string): Promise<ReadResult> {
    const e = this.entries.get(p);
    if (!e) return this.ws.read(p);
    if (e.content === null) throw new ContractError('NOT_FOUND', `${p} was deleted (the deletion is waiting for review).`);
    return { kind: 'text', path: p, content: e.content, encoding: e.encoding, eol: e.content.includes('\r\n') ? '\r\n' : '\n', size: e.content.length, mtimeMs: Date.now(), large: false };
  }

  /** Whether something is at the path: only "not found" is no; a read that fails otherwise is said as it is. */
  async exists(p: string): Promise<boolean> {
    const e = this.entries.get(p);
    if (e) return e.content !== null;
    return this.ws.read(p).then(
      () => true,
      (err: unknown) => {
        const code = (err as { code?: string }).code;
        if (code === 'NOT_FOUND') return false;
        if (code === 'IS_DIRECTORY' || code === 'UNSUPPORTED') return true;
        throw err;
      },
    );
  }

  /** A folder listing with pending creations added and pending deletions removed. */
  async list(dir: string): Promise<DirEntry[]> {
    const prefix = dir ? `${dir.replace(/\/+$/, '')}/` : '';
    const pendingHere = [...this.entries.values()].filter((e) => e.path.startsWith(prefix));
    let entries: DirEntry[] = [];
    try {
      entries = await this.ws.list(dir);
    } catch (err) {
      if (!pendingHere.some((e) => e.content !== null)) throw err;
    }
    const byName = new Map(entries.map((e) => [e.name, e]));
    for (const e of pendingHere) {
      const rest = e.path.slice(prefix.length);
      const slash = rest.indexOf('/');
      const name = slash === -1 ? rest : rest.slice(0, slash);
      if (slash === -1 && e.content === null) byName.delete(name);
      else if (e.content !== null && !byName.has(name)) {
        byName.set(name, { name, path: prefix + name, kind: slash === -1 ? 'file' : 'dir', size: slash === -1 ? e.content.length : 0 });
      }
    }
    return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Holds a write for review. */
  async write(p: string, content: string | null, sessionId: string): Promise<WriteOutcome> {
    let e = this.entries.get(p);
    if (!e) {
      const disk = await this.diskText(p);
      if (content === null && disk.text === null) throw new ContractError('NOT_FOUND', `${p} does not exist.`);
      e = { path: p, base: disk.text, content, encoding: disk.encoding, sessionId };
    }
    e = { ...e, content, sessionId };
    if (e.content === e.base) this.entries.delete(p);
    else this.entries.set(p, e);
    this.emit();
    return { held: true, note: this.dirty.has(p) ? `The person has unsaved edits in ${p}, so the change waits for review.` : undefined };
  }

  // ---- the person's view ----

  summary(): PendingSummary[] {
    return [...this.entries.values()]
      .map((e) => {
        const hunks = computeHunks(e.base ?? '', e.content ?? '');
        const { added, removed } = countChanges(hunks);
        return {
          path: e.path,
          kind: e.base === null ? ('create' as const) : e.content === null ? ('delete' as const) : ('modify' as const),
          added,
          removed,
          hunks: e.base === null || e.content === null ? 1 : hunks.length,
          conflict: e.conflict,
          dirty: this.dirty.has(e.path),
        };
      })
      .sort((a, b) => a.path.localeCompare(b.path));
  }

  file(p: string): { path: string; original: string | null; modified: string | null; hunks: Hunk[]; conflict?: string } {
    const e = this.entries.get(p);
    if (!e) throw new ContractError('NOT_FOUND', `${p} has no pending changes.`);
    return { path: p, original: e.base, modified: e.content, hunks: computeHunks(e.base ?? '', e.content ?? ''), conflict: e.conflict };
  }

  private entry(p: string): PendingEntry {
    const e = this.entries.get(p);
    if (!e) throw new ContractError('NOT_FOUND', `${p} has no pending changes (it may have been accepted or rejected already).`);
    return e;
  }

  private hunk(e: PendingEntry, id: string): { hunks: Hunk[]; hunk: Hunk } {
    const hunks = computeHunks(e.base ?? '', e.content ?? '');
    const hunk = hunks.find((h) => h.id === id);
    if (!hunk) throw new ContractError('CONFLICT', `That change in ${e.path} is no longer there (the agent or the disk changed the file). The review now shows the current changes.`);
    return { hunks, hunk };
  }

  /** Writes text (or a deletion) to disk, refusing when the person's unsaved edits would be overwritten. */
  private async land(e: PendingEntry, text: string | null): Promise<void> {
    if (this.dirty.has(e.path)) throw new ContractError('CONFLICT', `You have unsaved edits in ${e.path}. Save or revert them first, then accept.`);
    const disk = await this.diskText(e.path);
    if (disk.text !== e.base && !e.conflict) {
      await this.refresh(e.path);
      throw new ContractError('CONFLICT', `${e.path} changed on disk since the agent edited it. The review now shows the agent's changes on top of the new version; check them and accept again.`);
    }
    if (text === null) {
      if (disk.text !== null) await this.ws.delete(e.path, true);
    } else await this.ws.write(e.path, text, e.encoding, undefined, { createParents: true });
  }

  /** Accepts one hunk, a whole file, or (no path) every pending file. */
  async accept(p?: string, hunkId?: string): Promise<{ accepted: number }> {
    if (p === undefined) {
      const paths = [...this.entries.keys()].filter((x) => !this.dirty.has(x));
      for (const x of paths) await this.accept(x);
      return { accepted: paths.length };
    }
    const e = this.entry(p);
    if (hunkId === undefined || e.base === null || e.content === null) {
      await this.land(e, e.content);
      this.entries.delete(p);
    } else {
      const { hunks, hunk } = this.hunk(e, hunkId);
      const next = applyHunks(e.base, hunks, (h) => h === hunk);
      await this.land(e, next);
      if (next === e.content) this.entries.delete(p);
      else this.entries.set(p, { ...e, base: next, conflict: undefined });
    }
    this.emit();
    return { accepted: 1 };
  }

  /** Rejects one hunk, a whole file, or everything; the agent hears which, with the comment. */
  reject(p?: string, hunkId?: string, comment?: string): { rejected: number } {
    if (p === undefined) {
      const paths = [...this.entries.keys()];
      for (const x of paths) this.reject(x, undefined, comment);
      return { rejected: paths.length };
    }
    const e = this.entry(p);
    const note = (hunk: string) => {
      const list = this.rejections.get(e.sessionId) ?? [];
      list.push({ path: p, hunk, comment: comment?.trim() || undefined });
      this.rejections.set(e.sessionId, list);
    };
    if (hunkId === undefined || e.base === null || e.content === null) {
      note(e.base === null ? `(the whole new file ${p})` : e.content === null ? `(deleting ${p})` : computeHunks(e.base, e.content).map(formatHunk).join('\n'));
      this.entries.delete(p);
    } else {
      const { hunks, hunk } = this.hunk(e, hunkId);
      note(formatHunk(hunk));
      const next = applyHunks(e.base, hunks, (h) => h !== hunk);
      if (next === e.base) this.entries.delete(p);
      else this.entries.set(p, { ...e, content: next });
    }
    this.emit();
    return { rejected: 1 };
  }

  /** What the person rejected since the session's last turn, as text for the model; cleared once taken. */
  takeFeedback(sessionId: string): string | null {
    const list = this.rejections.get(sessionId);
    if (!list?.length) return null;
    this.rejections.delete(sessionId);
    this.persist();
    const parts = list.map((r) => `File ${r.path}, rejected change:\n${r.hunk}${r.comment ? `\nThe person's comment: ${r.comment}` : ''}`);
    return `Review feedback: the person rejected these changes you proposed. They are not applied; the files keep their previous content there. Do not make them again unless asked.\n\n${parts.join('\n\n')}`;
  }

  /**
   * The disk changed under a pending file (a save, a command, git): the agent's edits are
   * re-applied on top of the new disk text; when they no longer fit, the file is marked as
   * a conflict and nothing is written.
   */
  async refresh(p: string): Promise<void> {
    const e = this.entries.get(p);
    if (!e) return;
    let disk: { text: string | null; encoding: string };
    try {
      disk = await this.diskText(p);
    } catch {
      return;
    }
    if (disk.text === e.base) return;
    let next: PendingEntry;
    if (e.content === null) next = { ...e, base: disk.text };
    else if (e.base === null || disk.text === null) next = { ...e, base: disk.text, conflict: disk.text === null ? `${p} was deleted on disk after the agent edited it.` : `${p} was created on disk after the agent wrote it.` };
    else {
      const rebased = mergeEdits(e.base, e.content, disk.text);
      next = rebased === null ? { ...e, base: disk.text, conflict: `${p} changed on disk and the agent's edits no longer apply cleanly. Accepting the file replaces the disk version with the agent's.` } : { ...e, base: disk.text, content: rebased, conflict: undefined };
    }
    if (next.content === next.base) this.entries.delete(p);
    else this.entries.set(p, next);
    this.emit();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
