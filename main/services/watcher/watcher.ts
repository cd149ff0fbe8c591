import { promises as fsp, watch, type Dirent, type FSWatcher } from 'node:fs';
import path from 'node:path';
import watcher from '@parcel/watcher';
import type { FileChange, FileChangeBatch } from '../../../shared/ipc/contract';
import { Emitter, type Disposable } from '../../../shared/ipc/protocol';
import { toRelative } from '../workspace/paths';

/**
 * How long events are gathered before being sent. @parcel/watcher already batches (~50 ms);
 * a little more turns an editor's temp-file+rename save or a `git checkout` into one message.
 */
export const COALESCE_MS = 75;
/** Above this many changes in one batch the views are told to rescan instead. */
export const MAX_BATCH = 5000;
/** A new folder is read this deep for what was created in it before the watcher saw it. */
const NEW_DIR_SCAN_MAX = 2000;
/** Folders watched on their own beside @parcel/watcher, at most. */
const MAX_EXTRA_WATCHES = 4096;
/** How long a reported path counts as known to the views (the scans run within milliseconds). */
const REPORTED_TTL_MS = 2000;

export interface WatcherOptions {
  /** Globs or folder names the OS-level watcher should skip (`.git` is always skipped). */
  ignore?: string[];
  /** Relative-path filter applied after the OS-level ignore. */
  isExcluded?: (rel: string) => boolean;
}

/**
 * Watches one folder with @parcel/watcher and emits coalesced batches. Watcher errors and
 * bursts too large to send become `rescan: true` batches, so views resync instead of going
 * silently stale.
 */
export class FolderWatcher implements Disposable {
  private readonly emitter = new Emitter<FileChangeBatch>();
  readonly onDidChange = this.emitter.event;
  private pending = new Map<string, FileChange['type']>();
  private rescan = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private subscription: watcher.AsyncSubscription | undefined;
  private disposed = false;

  private constructor(
    readonly root: string,
    private readonly options: WatcherOptions,
  ) {}

  static async start(root: string, options: WatcherOptions = {}): Promise<FolderWatcher> {
    const w = new FolderWatcher(root, options);
    await w.subscribe();
    return w;
  }

  /** Paths reported as created or changed in the last moments, by when. */
  private reported = new Map<string, number>();
  /** Folders @parcel/watcher missed, watched one by one (see scanNewDir). */
  private extra = new Map<string, FSWatcher>();

  private async subscribe() {
    const ignore = ['.git', ...(this.options.ignore ?? [])];
    this.subscription = await watcher.subscribe(
      this.root,
      (err, events) => {
        if (this.disposed) return;
        if (err) {
          this.rescan = true;
          this.schedule();
          return;
        }
        for (const e of events) {
          const rel = toRelative(this.root, e.path);
          if (!rel || rel.startsWith('..')) continue;
          if (this.options.isExcluded?.(rel)) continue;
          // parcel reports a file it never saw created (in a folder it watched late) as created on its next change
          this.merge(rel, e.type === 'create' && this.reported.has(rel) ? 'update' : e.type);
          if (e.type === 'create') void this.scanNewDir(rel);
          else if (e.type === 'delete') this.unwatchExtra(rel);
        }
        this.schedule();
      },
      { ignore },
    );
  }

  /**
   * On Linux, @parcel/watcher watches a new folder but not the folders already inside it
   * when it first sees it (`mkdir -p a/b/c`, a `git checkout`, an unzip:
   * parcel-bundler/watcher#97), and a second subscription reuses its cached tree, so their
   * files would never be reported. A new folder is read for what it already holds, and each
   * folder in it, and the folder itself, get a watch of their own (one inotify watch each).
   */
  private async scanNewDir(rel: string) {
    let entries: Dirent[];
    try {
      entries = await fsp.readdir(path.join(this.root, rel), { withFileTypes: true });
    } catch {
      return; // a file, or already gone
    }
    if (this.disposed) return;
    // parcel usually watches the new folder itself, but not always in time for what
    // follows at once (parcel-bundler/watcher#183): it gets a watch of its own too
    this.watchExtra(rel);
    for (const e of entries.slice(0, NEW_DIR_SCAN_MAX)) {
      const child = `${rel}/${e.name}`;
      if (e.name === '.git' || this.options.isExcluded?.(child)) continue;
      if (!this.pending.has(child) && !this.reported.has(child)) this.merge(child, 'create');
      if (e.isDirectory() && this.extra.size < MAX_EXTRA_WATCHES) await this.scanNewDir(child);
    }
    this.schedule();
  }

  private unwatchExtra(rel: string) {
    for (const [dir, w] of this.extra) {
      if (dir === rel || dir.startsWith(`${rel}/`)) {
        w.close();
        this.extra.delete(dir);
      }
    }
  }

  private watchExtra(rel: string) {
    if (this.extra.has(rel)) return;
    try {
      const w = watch(path.join(this.root, rel), (type, name) => {
        if (this.disposed || !name) return;
        const child = `${rel}/${name.toString()}`;
        if (this.options.isExcluded?.(child)) return;
        if (type === 'change') {
          this.merge(child, 'update');
          this.schedule();
          return;
        }
        // 'rename' is a create, a delete or a replace: the disk says which
        void fsp.lstat(path.join(this.root, child)).then(
          (st) => {
            // a name that appears again is a replace (an atomic save), not a new file to the views
            this.merge(child, this.reported.has(child) ? 'update' : 'create');
            if (st.isDirectory()) void this.scanNewDir(child);
            this.schedule();
          },
          () => {
            this.merge(child, 'delete');
            this.schedule();
          },
        );
      });
      w.on('error', () => {
        w.close();
        this.extra.delete(rel);
      });
      this.extra.set(rel, w);
    } catch {
      // gone already, or out of watches: the next rescan covers it
    }
  }

  /** Folds a new event into what is pending for the same path. */
  private merge(rel: string, type: FileChange['type']) {
    const prev = this.pending.get(rel);
    if (prev === 'create' && type === 'delete') this.pending.delete(rel);
    else if (prev === 'create' && type === 'update') return;
    else if (prev === 'delete' && type === 'create') this.pending.set(rel, 'update');
    else this.pending.set(rel, type);
  }

  private lastFlush = 0;

  /**
   * At most one batch per COALESCE_MS, sent on the leading edge: @parcel/watcher has already
   * waited for its own quiet spell, so a save after a quiet moment goes out at once, and only
   * a burst that keeps coming waits for the rest of the window.
   */
  private schedule() {
    if (this.timer) return;
    const wait = Math.max(0, this.lastFlush + COALESCE_MS - Date.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush() {
    this.timer = undefined;
    this.lastFlush = Date.now();
    if (this.disposed) return;
    const overflow = this.pending.size > MAX_BATCH;
    const changes = overflow ? [] : [...this.pending].map(([path, type]) => ({ path, type }));
    const rescan = this.rescan || overflow;
    // what was just reported as there, so the folder scans below do not report it again as new
    const now = Date.now();
    for (const [p, t] of this.reported) if (now - t > REPORTED_TTL_MS) this.reported.delete(p);
    for (const c of changes) {
      if (c.type === 'delete') this.reported.delete(c.path);
      else if (this.reported.size < MAX_BATCH) this.reported.set(c.path, now);
    }
    this.pending.clear();
    this.rescan = false;
    if (changes.length || rescan) this.emitter.fire({ changes, rescan });
  }

  dispose(): void {
    void this.close();
  }

  /**
   * Stops watching; resolves once @parcel/watcher has let go of the folder. Until then a new
   * subscription to the same folder would reuse this one's tree, with this one's ignores.
   */
  async close(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.extra.values()) w.close();
    this.extra.clear();
    this.emitter.dispose();
    await this.subscription?.unsubscribe().catch(() => undefined);
  }
}
