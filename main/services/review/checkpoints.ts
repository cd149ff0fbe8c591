import { createHash, randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { FileChangeBatch } from '../../../shared/ipc/contract';
import { ContractError } from '../../../shared/ipc/protocol';
import { writeAtomic } from '../workspace/atomic';

/** Files above this are recorded (size, time) but not copied; restore says it cannot bring them back. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** A checkpoint that takes longer stops copying and says what it missed (the turn still runs). */
export const TIME_BUDGET_MS = 90_000;
/** Every this many checkpoints the manifest is written in full, so resolving one never walks a long chain. */
const FULL_EVERY = 25;
/** Files read at once while scanning. */
const PARALLEL = 32;

interface FileRecord {
  /** sha256 of the content, absent when the file was too large to copy. */
  h?: string;
  s: number;
  m: number;
  mode: number;
}
type State = Map<string, FileRecord>;

/** Same content: by hash, or for files too large to hash, by size and mtime. */
const same = (a: FileRecord, b: FileRecord) => (a.h || b.h ? a.h === b.h : a.s === b.s && a.m === b.m);

export interface ChangedFile {
  path: string;
  kind: 'create' | 'modify' | 'delete';
  /** agent: its file tools; command: anything else during the turn (its commands, MCP tools, other programs); restore: a restore. */
  by: 'agent' | 'command' | 'mcp' | 'restore';
}

export interface CheckpointMeta {
  id: string;
  label: string;
  sessionId?: string;
  createdAt: number;
  /** Files captured. */
  files: number;
  /** Set when the time budget ran out or files could not be read. */
  incomplete?: string;
  /** What changed after this checkpoint, filled in when the turn ends. */
  changed: ChangedFile[];
}

interface Manifest {
  meta: CheckpointMeta;
  parent: string | null;
  /** Either every file (full) or what differs from the parent (null: deleted). */
  full?: Record<string, FileRecord>;
  delta?: Record<string, FileRecord | null>;
}

export interface RestoreItem {
  path: string;
  action: 'restore' | 'recreate' | 'delete' | 'unrestorable';
}

export interface CheckpointOptions {
  root: string;
  /** Where objects and manifests live (outside the workspace). */
  dir: string;
  /** Every file to capture, workspace-relative, already ignore-aware (.gitignore, files.exclude). */
  listFiles: () => Promise<string[]>;
  /** Whether a path (seen by the watcher, not in the listing) is ignored. */
  isIgnored: (paths: string[]) => Promise<Set<string>>;
  maxFileBytes?: number;
  timeBudgetMs?: number;
}

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (i < items.length) await fn(items[i++]);
    }),
  );
}

/**
 * Content-addressed snapshots of the whole workspace, before every agent turn. The first
 * one reads every file; later ones re-read only what the watcher saw change (or, after a
 * restart or a lost watcher event, whatever has a new size or mtime).
 */
export class CheckpointStore {
  /** The disk as of the last scan; `saved` as of the last checkpoint written. */
  private current: State | null = null;
  private saved: { id: string; state: State; depth: number } | null = null;
  private dirty = new Set<string>();
  private rescan = true;
  private recorders = new Set<Set<string>>();
  private queue: Promise<unknown> = Promise.resolve();
  private metas: CheckpointMeta[] | null = null;
  /** Objects written by this process and object folders known to exist: no syscalls to check again. */
  private stored = new Set<string>();
  private folders = new Set<string>();

  constructor(private readonly opts: CheckpointOptions) {}

  private objectPath(h: string) {
    return path.join(this.opts.dir, 'objects', h.slice(0, 2), h.slice(2));
  }

  private manifestPath(id: string) {
    return path.join(this.opts.dir, 'checkpoints', `${id}.json`);
  }

  /** Watcher batches: what to re-read next time, and what changed during a turn. */
  noteChanges(batch: FileChangeBatch): void {
    if (batch.rescan) this.rescan = true;
    for (const c of batch.changes) {
      this.dirty.add(c.path);
      for (const r of this.recorders) r.add(c.path);
    }
  }

  /** Collects the paths the watcher reports until stopped. */
  record(): { paths: Set<string>; stop(): void } {
    const paths = new Set<string>();
    this.recorders.add(paths);
    return { paths, stop: () => this.recorders.delete(paths) };
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readManifest(id: string): Promise<Manifest> {
    try {
      return JSON.parse(await fsp.readFile(this.manifestPath(id), 'utf8')) as Manifest;
    } catch {
      throw new ContractError('NOT_FOUND', 'That checkpoint is gone (its files were removed).');
    }
  }

  private async resolve(id: string): Promise<State> {
    if (this.saved?.id === id) return this.saved.state;
    const chain: Manifest[] = [];
    for (let m: Manifest | null = await this.readManifest(id); m; m = m.full || !m.parent ? null : await this.readManifest(m.parent)) chain.push(m);
    const state: State = new Map();
    for (const m of chain.reverse()) {
      if (m.full) for (const [p, r] of Object.entries(m.full)) state.set(p, r);
      for (const [p, r] of Object.entries(m.delta ?? {})) {
        if (r) state.set(p, r);
        else state.delete(p);
      }
    }
    return state;
  }

  /** Copies one file into the object store (if new) and returns its record; null when it is gone. */
  private async capture(rel: string, prior: FileRecord | undefined): Promise<FileRecord | null> {
    const abs = path.join(this.opts.root, rel);
    let st;
    try {
      st = await fsp.stat(abs);
    } catch {
      return null;
    }
    if (!st.isFile()) return null;
    if (prior && prior.s === st.size && prior.m === st.mtimeMs && prior.mode === st.mode) return prior;
    if (st.size > (this.opts.maxFileBytes ?? MAX_FILE_BYTES)) return { s: st.size, m: st.mtimeMs, mode: st.mode };
    const buf = await fsp.readFile(abs);
    const h = createHash('sha256').update(buf).digest('hex');
    if (!this.stored.has(h)) {
      // written under a temporary name and renamed: a crash never leaves a half object under
      // its hash; renaming over an existing copy of the same content is harmless
      const obj = this.objectPath(h);
      const folder = path.dirname(obj);
      if (!this.folders.has(folder)) {
        await fsp.mkdir(folder, { recursive: true });
        this.folders.add(folder);
      }
      const tmp = `${obj}.${process.pid}.${randomUUID().slice(0, 8)}`;
      await fsp.writeFile(tmp, buf);
      await fsp.rename(tmp, obj);
      this.stored.add(h);
    }
    return { h, s: buf.length, m: st.mtimeMs, mode: st.mode };
  }

  /** Brings `current` up to date with the disk. */
  private async scan(): Promise<{ state: State; incomplete?: string }> {
    const started = Date.now();
    const budget = this.opts.timeBudgetMs ?? TIME_BUDGET_MS;
    if (!this.current) {
      // after a restart: the last checkpoint's records let unchanged files skip reading
      const metas = await this.list();
      const last = metas[0];
      this.current = last ? await this.resolve(last.id).catch(() => new Map()) : new Map();
      if (last && !this.saved) this.saved = { id: last.id, state: this.current, depth: FULL_EVERY };
      this.rescan = true;
    }
    const prev = this.current;
    const next: State = new Map(prev);
    let candidates: string[];
    const full = this.rescan;
    this.rescan = false;
    const dirty = [...this.dirty];
    this.dirty.clear();
    if (full) {
      const listed = await this.opts.listFiles();
      const keep = new Set(listed);
      for (const p of prev.keys()) if (!keep.has(p)) next.delete(p);
      candidates = listed;
    } else {
      // a created folder arrives as one path: expand it
      candidates = [];
      for (const p of dirty) {
        if (p === '.git' || p.startsWith('.git/')) continue;
        const st = await fsp.lstat(path.join(this.opts.root, p)).catch(() => null);
        if (st?.isDirectory()) {
          for (const known of prev.keys()) if (known.startsWith(`${p}/`)) candidates.push(known);
          candidates.push(...(await this.walk(p)));
        } else {
          candidates.push(p);
          if (!st) for (const known of prev.keys()) if (known.startsWith(`${p}/`)) candidates.push(known);
        }
      }
      const unknown = candidates.filter((p) => !prev.has(p));
      const ignored = unknown.length ? await this.opts.isIgnored(unknown) : new Set<string>();
      candidates = candidates.filter((p) => !ignored.has(p));
    }
    let skipped = 0;
    let unreadable = 0;
    await pool(candidates, PARALLEL, async (p) => {
      if (Date.now() - started > budget) {
        skipped++;
        return;
      }
      try {
        const r = await this.capture(p, prev.get(p));
        if (r) next.set(p, r);
        else next.delete(p);
      } catch {
        unreadable++;
      }
    });
    this.current = next;
    const notes = [
      skipped ? `stopped after ${Math.round(budget / 1000)}s; ${skipped} changed files were not captured` : '',
      unreadable ? `${unreadable} files could not be read` : '',
    ].filter(Boolean);
    if (skipped) this.rescan = true;
    return { state: next, incomplete: notes.length ? notes.join('; ') : undefined };
  }

  private async walk(rel: string): Promise<string[]> {
    const out: string[] = [];
    const entries = await fsp.readdir(path.join(this.opts.root, rel), { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) out.push(...(await this.walk(child)));
      else if (e.isFile()) out.push(child);
    }
    return out;
  }

  /** Reads the workspace in the background so the first checkpoint of a turn is quick. */
  warm(): Promise<void> {
    return this.serial(async () => {
      await this.scan();
    });
  }

  /** Snapshots the workspace now. */
  create(label: string, sessionId?: string): Promise<CheckpointMeta> {
    return this.serial(() => this.createNow(label, sessionId));
  }

  private async createNow(label: string, sessionId?: string): Promise<CheckpointMeta> {
    const earlier = await this.list();
    const { state, incomplete } = await this.scan();
    const id = `${Date.now().toString(36)}-${randomUUID().slice(0, 8)}`;
    // strictly later than the newest one: two checkpoints in one millisecond still have an order
    const createdAt = Math.max(Date.now(), (earlier[0]?.createdAt ?? 0) + 1);
    const meta: CheckpointMeta = { id, label, sessionId, createdAt, files: state.size, incomplete, changed: [] };
    const parent = this.saved;
    const manifest: Manifest = { meta, parent: parent?.id ?? null };
    if (!parent || parent.depth >= FULL_EVERY) manifest.full = Object.fromEntries(state);
    else {
      const delta: Record<string, FileRecord | null> = {};
      for (const [p, r] of state) if (parent.state.get(p) !== r) delta[p] = r;
      for (const p of parent.state.keys()) if (!state.has(p)) delta[p] = null;
      manifest.delta = delta;
    }
    await fsp.mkdir(path.dirname(this.manifestPath(id)), { recursive: true });
    await writeAtomic(this.manifestPath(id), Buffer.from(JSON.stringify(manifest)));
    this.saved = { id, state, depth: manifest.full ? 1 : (parent?.depth ?? 0) + 1 };
    this.metas = [meta, ...earlier];
    return meta;
  }

  /** Newest first. */
  async list(): Promise<CheckpointMeta[]> {
    if (this.metas) return this.metas;
    const dir = path.join(this.opts.dir, 'checkpoints');
    const names = await fsp.readdir(dir).catch(() => [] as string[]);
    const metas: CheckpointMeta[] = [];
    for (const n of names) {
      if (!n.endsWith('.json')) continue;
      try {
        metas.push((JSON.parse(await fsp.readFile(path.join(dir, n), 'utf8')) as Manifest).meta);
      } catch {
        // a damaged manifest is skipped
      }
    }
    this.metas = metas.sort((a, b) => b.createdAt - a.createdAt);
    return this.metas;
  }

  /**
   * Records what changed since checkpoint `id` among `paths` (the watcher's and the
   * agent's), comparing contents, and saves it with the checkpoint.
   */
  finishTurn(id: string, paths: Map<string, ChangedFile['by']>): Promise<ChangedFile[]> {
    return this.serial(async () => {
      const before = await this.resolve(id);
      const { state: now } = await this.scan();
      const changed: ChangedFile[] = [];
      for (const [p, by] of [...paths].sort(([a], [b]) => a.localeCompare(b))) {
        const a = before.get(p);
        const b = now.get(p);
        if (!a && !b) continue;
        if (a && b && same(a, b)) continue;
        changed.push({ path: p, kind: !a ? 'create' : !b ? 'delete' : 'modify', by });
      }
      await this.updateMeta(id, (m) => (m.changed = changed));
      return changed;
    });
  }

  private async updateMeta(id: string, fn: (m: CheckpointMeta) => void) {
    const manifest = await this.readManifest(id);
    fn(manifest.meta);
    await writeAtomic(this.manifestPath(id), Buffer.from(JSON.stringify(manifest)));
    const cached = this.metas?.find((m) => m.id === id);
    if (cached) fn(cached);
  }

  /** Files created after checkpoint `id` by a recorded turn or restore: the only files a restore may delete. */
  private async createdSince(id: string): Promise<Set<string>> {
    const metas = await this.list();
    const at = metas.find((m) => m.id === id);
    if (!at) throw new ContractError('NOT_FOUND', 'That checkpoint is gone.');
    const created = new Set<string>();
    for (const m of metas) if (m.createdAt >= at.createdAt) for (const c of m.changed) if (c.kind === 'create') created.add(c.path);
    return created;
  }

  /** What restoring `id` would do, file by file. Files the checkpoint did not create are never deleted. */
  preview(id: string): Promise<RestoreItem[]> {
    return this.serial(() => this.plan(id));
  }

  private async plan(id: string): Promise<RestoreItem[]> {
    const target = await this.resolve(id);
    const { state: now } = await this.scan();
    const created = await this.createdSince(id);
    const items: RestoreItem[] = [];
    for (const [p, r] of target) {
      const cur = now.get(p);
      if (cur && same(cur, r)) continue;
      items.push({ path: p, action: !r.h ? 'unrestorable' : cur ? 'restore' : 'recreate' });
    }
    for (const p of now.keys()) if (!target.has(p) && created.has(p)) items.push({ path: p, action: 'delete' });
    return items.sort((a, b) => a.path.localeCompare(b.path));
  }

  /** The text of a file as the checkpoint has it (null: not in it, or not captured). */
  async contentOf(id: string, rel: string): Promise<Buffer | null> {
    const r = (await this.resolve(id)).get(rel);
    if (!r?.h) return null;
    return fsp.readFile(this.objectPath(r.h));
  }

  /**
   * Puts the workspace back as checkpoint `id` had it. A checkpoint of the present is taken
   * first, so the restore itself can be undone by restoring that one.
   */
  restore(id: string, label: string): Promise<{ undo: CheckpointMeta; items: RestoreItem[] }> {
    return this.serial(async () => {
      const items = await this.plan(id);
      const target = await this.resolve(id);
      const undo = await this.createNow(`Before restoring "${label}"`);
      const changed: ChangedFile[] = [];
      for (const item of items) {
        const abs = path.join(this.opts.root, item.path);
        if (item.action === 'delete') {
          await fsp.rm(abs, { force: true });
          changed.push({ path: item.path, kind: 'delete', by: 'restore' });
        } else if (item.action !== 'unrestorable') {
          const r = target.get(item.path)!;
          await fsp.mkdir(path.dirname(abs), { recursive: true });
          await writeAtomic(abs, await fsp.readFile(this.objectPath(r.h!)));
          await fsp.chmod(abs, r.mode & 0o7777).catch(() => undefined);
          changed.push({ path: item.path, kind: item.action === 'recreate' ? 'create' : 'modify', by: 'restore' });
          this.dirty.add(item.path);
        }
        this.dirty.add(item.path);
      }
      await this.updateMeta(undo.id, (m) => (m.changed = changed));
      return { undo: { ...undo, changed }, items };
    });
  }
}
