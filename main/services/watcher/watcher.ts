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
          this.merge(rel, e.type);
        }
        this.schedule();
      },
      { ignore },
    );
  }

  /** Folds a new event into what is pending for the same path. */
  private merge(rel: string, type: FileChange['type']) {
    const prev = this.pending.get(rel);
    if (prev === 'create' && type === 'delete') this.pending.delete(rel);
    else if (prev === 'create' && type === 'update') return;
    else if (prev === 'delete' && type === 'create') this.pending.set(rel, 'update');
    else this.pending.set(rel, type);
  }

  private schedule() {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), COALESCE_MS);
  }

  private flush() {
    this.timer = undefined;
    if (this.disposed) return;
    const overflow = this.pending.size > MAX_BATCH;
    const changes = overflow ? [] : [...this.pending].map(([path, type]) => ({ path, type }));
    const rescan = this.rescan || overflow;
    this.pending.clear();
    this.rescan = false;
    if (changes.length || rescan) this.emitter.fire({ changes, rescan });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.emitter.dispose();
    void this.subscription?.unsubscribe().catch(() => undefined);
  }
}
