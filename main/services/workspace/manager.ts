import type { FileChangeBatch, WorkspaceInfo } from '../../../shared/ipc/contract';
import { ContractError, Emitter } from '../../../shared/ipc/protocol';
import type { HostPlatform } from '../host/host';
import type { SettingsService } from '../settings/settings';
import type { StateStore } from '../settings/state';
import { FolderWatcher } from '../watcher/watcher';
import { Workspace } from './workspace';

/** Owns the open folder and its watcher; opening another folder replaces both. */
export class WorkspaceManager {
  private readonly changed = new Emitter<WorkspaceInfo>();
  readonly onDidChange = this.changed.event;
  private ws: Workspace | undefined;
  private watcher: FolderWatcher | undefined;
  private readonly watcherListeners = new Emitter<FileChangeBatch>();
  readonly onDidChangeFiles = this.watcherListeners.event;

  /** Why the open folder is not watched, when it is not. */
  private watchError: string | undefined;
  /** The exclude globs the watcher was started with (it does not descend into them). */
  private watchedExclude = '';
  private restarts: Promise<void> = Promise.resolve();

  constructor(
    private readonly settings: SettingsService,
    private readonly state: StateStore,
    private readonly host: HostPlatform,
  ) {
    // the OS-level watch follows files.exclude: a folder excluded now is not watched, one let back in is
    settings.onDidChange(() => {
      const ws = this.ws;
      // one restart at a time; each looks at the setting as it is by then
      if (ws) this.restarts = this.restarts.then(() => this.restartWatcher(ws)).catch(() => undefined);
    });
  }

  get info(): WorkspaceInfo {
    return { root: this.ws?.root ?? null, name: this.ws?.name ?? null, ...(this.ws && this.watchError && { watchError: this.watchError }) };
  }

  /** The open workspace, or a NO_WORKSPACE error a person can act on. */
  get current(): Workspace {
    if (!this.ws) throw new ContractError('NO_WORKSPACE', 'No folder is open. Use File → Open Folder.');
    return this.ws;
  }

  get maybeCurrent(): Workspace | undefined {
    return this.ws;
  }

  async open(folder: string): Promise<WorkspaceInfo> {
    const ws = await Workspace.open(folder, {
      exclude: () => this.settings.value['files.exclude'],
      largeFileThreshold: () => this.settings.value['files.largeFileThreshold'],
      trash: this.host.trash?.bind(this.host),
    });
    const { watcher, error, exclude } = await this.startWatcher(ws);
    this.closeCurrent();
    this.ws = ws;
    this.adopt(watcher, error, exclude);
    await this.state.addRecent(ws.root).catch(() => undefined);
    this.changed.fire(this.info);
    return this.info;
  }

  /**
   * Watches the folder, not descending into what files.exclude hides (node_modules alone can
   * be tens of thousands of folders, one inotify watch each). When it cannot be watched at all
   * (the system's watch limit reached, say), the folder still opens, and says so.
   */
  private async startWatcher(ws: Workspace): Promise<{ watcher?: FolderWatcher; error?: string; exclude: string }> {
    const globs = this.settings.value['files.exclude'];
    const exclude = JSON.stringify(globs);
    const isExcluded = (rel: string) => ws.isExcluded(rel);
    let failure: Error;
    try {
      return { watcher: await FolderWatcher.start(ws.root, { ignore: globs, isExcluded }), exclude };
    } catch (err) {
      failure = err as Error;
    }
    // a glob the watcher cannot take: watch everything, and let isExcluded drop what is excluded
    if (globs.length) {
      try {
        return { watcher: await FolderWatcher.start(ws.root, { isExcluded }), exclude };
      } catch {
        // the same failure again: report the first
      }
    }
    const limit = process.platform === 'linux' && /ENOSPC|no space left|inotify/i.test(failure.message);
    return {
      exclude,
      error:
        `Specwright cannot watch ${ws.name} for changes (${failure.message}). Files changed outside Specwright will not update here until the folder is opened again.` +
        (limit ? ' The system limit of file watches is reached: raise fs.inotify.max_user_watches (sysctl), or add big folders to files.exclude.' : ''),
    };
  }

  private adopt(watcher: FolderWatcher | undefined, error: string | undefined, exclude: string) {
    this.watcher = watcher;
    this.watchError = error;
    this.watchedExclude = exclude;
    watcher?.onDidChange((batch) => this.watcherListeners.fire(batch));
  }

  private async restartWatcher(ws: Workspace) {
    if (this.ws !== ws || JSON.stringify(this.settings.value['files.exclude']) === this.watchedExclude) return;
    // the old watch goes first: while it lives, a new one of the same folder would reuse its tree and its ignores
    const old = this.watcher;
    this.watcher = undefined;
    await old?.close();
    if (this.ws !== ws) return; // another folder was opened meanwhile
    const { watcher, error, exclude } = await this.startWatcher(ws);
    if (this.ws !== ws) {
      watcher?.dispose();
      return;
    }
    const hadError = this.watchError;
    this.adopt(watcher, error, exclude);
    // what changed while no watcher was listening is not known: every view re-reads
    this.watcherListeners.fire({ changes: [], rescan: true });
    if (hadError !== error) this.changed.fire(this.info);
  }

  private closeCurrent() {
    this.watcher?.dispose();
    this.watcher = undefined;
    this.watchError = undefined;
    this.ws = undefined;
  }

  close(): WorkspaceInfo {
    this.closeCurrent();
    this.changed.fire(this.info);
    return this.info;
  }

  dispose(): void {
    this.closeCurrent();
    this.changed.dispose();
    this.watcherListeners.dispose();
  }
}
