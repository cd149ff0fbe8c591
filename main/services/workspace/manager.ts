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

  constructor(
    private readonly settings: SettingsService,
    private readonly state: StateStore,
    private readonly host: HostPlatform,
  ) {}

  get info(): WorkspaceInfo {
    return { root: this.ws?.root ?? null, name: this.ws?.name ?? null };
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
    const watcher = await FolderWatcher.start(ws.root, { isExcluded: (rel) => ws.isExcluded(rel) });
    this.closeCurrent();
    this.ws = ws;
    this.watcher = watcher;
    watcher.onDidChange((batch) => this.watcherListeners.fire(batch));
    await this.state.addRecent(ws.root).catch(() => undefined);
    this.changed.fire(this.info);
    return this.info;
  }

  private closeCurrent() {
    this.watcher?.dispose();
    this.watcher = undefined;
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
