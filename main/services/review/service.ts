import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { FileChangeBatch, ReviewState } from '../../../shared/ipc/contract';
import { ContractError, Emitter, type Disposable } from '../../../shared/ipc/protocol';
import type { AgentMode } from '../../../shared/model/permissions/rules';
import type { SearchService } from '../search/service';
import type { SettingsService } from '../settings/settings';
import type { StateStore } from '../settings/state';
import type { WorkspaceManager } from '../workspace/manager';
import type { Workspace } from '../workspace/workspace';
import { CheckpointStore, type ChangedFile } from './checkpoints';
import { PendingChanges, type WriteOutcome } from './pending';

/** After a folder opens, its files are read for checkpoints once the app has settled. */

/** The agent's file access: through the pending overlay, or straight to disk in Autopilot. */
export interface AgentFiles {
  read: PendingChanges['read'];
  list: PendingChanges['list'];
  exists: PendingChanges['exists'];
  /** content null deletes. */
  write(path: string, content: string | null): Promise<WriteOutcome>;
}

/** Paths git ignores, asked in one call; nothing when git or the repository is missing. */
export function gitIgnored(root: string, paths: string[]): Promise<Set<string>> {
  return new Promise((resolve) => {
    const child = execFile('git', ['check-ignore', '-z', '--stdin'], { cwd: root, maxBuffer: 64 * 1024 * 1024 }, (_err, stdout) => {
      resolve(new Set(String(stdout ?? '').split('\0').filter(Boolean)));
    });
    // outside a repository git exits before reading: the broken pipe is expected, not a crash
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(paths.join('\0'));
  });
}

/**
 * Review and safety for the open workspace: the mode (Supervised or Autopilot), the
 * pending change set, and checkpoints. Fed by the workspace watcher.
 */
export class ReviewService implements Disposable {
  private pending: PendingChanges | undefined;
  private store: CheckpointStore | undefined;
  private readonly changed = new Emitter<ReviewState>();
  readonly onDidChange = this.changed.event;
  private subs: Disposable[] = [];
  private pendingSub: Disposable | undefined;
  private loaded: Promise<void> = Promise.resolve();
  /** The store whose first read has been started (prepareCheckpoints). */
  private warmed: CheckpointStore | undefined;

  constructor(
    private readonly deps: { workspaces: WorkspaceManager; settings: SettingsService; state: StateStore; search: SearchService; configDir: string },
  ) {
    this.subs.push(
      deps.workspaces.onDidChange((info) => {
        this.pendingSub?.dispose();
        this.pending?.dispose();
        this.pending = undefined;
        this.store = undefined;
        if (info.root) this.loaded = this.open(deps.workspaces.current);
      }),
      deps.workspaces.onDidChangeFiles((batch) => this.onFiles(batch)),
    );
  }

  /** Config data for this workspace lives outside it, keyed by its path. */
  private dataDir(root: string): string {
    return path.join(this.deps.configDir, 'workspaces', createHash('sha1').update(root).digest('hex').slice(0, 16));
  }

  private async open(ws: Workspace) {
    const pending = new PendingChanges(ws, path.join(this.dataDir(ws.root), 'review', 'pending.json'));
    this.pending = pending;
    this.store = new CheckpointStore({
      root: ws.root,
      dir: path.join(this.dataDir(ws.root), 'checkpoints'),
      listFiles: () => this.deps.search.filesUnder('', Number.MAX_SAFE_INTEGER),
      isIgnored: (paths) => gitIgnored(ws.root, paths),
    });
    this.pendingSub = pending.onDidChange(() => void this.fire());
    await pending.load();
    void this.fire();
  }

  /**
   * Reads the workspace for checkpoints ahead of the first request, once the person starts
   * writing one. Not done on open: on a 100k-file folder the first read hashes every file
   * (tens of CPU-seconds, ~50 MB held), which a session that never uses the agent should not pay.
   */
  async prepareCheckpoints(): Promise<void> {
    await this.loaded;
    const store = this.store;
    if (!store || this.warmed === store) return;
    this.warmed = store;
    void store.warm().catch(() => undefined);
  }

  private onFiles(batch: FileChangeBatch) {
    this.store?.noteChanges(batch);
    const pending = this.pending;
    if (!pending) return;
    for (const c of batch.changes) if (pending.has(c.path)) void pending.refresh(c.path);
  }

  private async fire() {
    if (!this.pending) return;
    try {
      this.changed.fire(await this.state());
    } catch {
      // the folder closed meanwhile: nothing to report
    }
  }

  private async current(): Promise<{ pending: PendingChanges; store: CheckpointStore; ws: Workspace }> {
    const ws = this.deps.workspaces.current;
    if (!this.pending || this.pending.ws !== ws) this.loaded = this.open(ws);
    await this.loaded;
    return { pending: this.pending!, store: this.store!, ws };
  }

  async mode(): Promise<AgentMode> {
    const saved = await this.deps.state.get(this.deps.workspaces.current.root, 'agent.mode');
    return saved === 'supervised' || saved === 'autopilot' ? saved : this.deps.settings.value['agent.defaultMode'];
  }

  async setMode(mode: AgentMode): Promise<void> {
    await this.deps.state.set(this.deps.workspaces.current.root, 'agent.mode', mode);
    await this.fire();
  }

  async state(): Promise<ReviewState> {
    const { pending } = await this.current();
    return { mode: await this.mode(), pending: pending.summary() };
  }

  async pendingChanges(): Promise<PendingChanges> {
    return (await this.current()).pending;
  }

  async checkpoints(): Promise<CheckpointStore> {
    return (await this.current()).store;
  }

  /**
   * The agent's files for one session. In Supervised mode every write is held; in
   * Autopilot writes land, except on files already pending or being edited by the person.
   * `landed` hears each path written to disk (for the turn's checkpoint record).
   */
  async filesFor(sessionId: string, landed: (path: string) => void): Promise<AgentFiles> {
    const { pending, ws } = await this.current();
    return {
      read: (p) => pending.read(p),
      list: (p) => pending.list(p),
      exists: (p) => pending.exists(p),
      write: async (p, content) => {
        if ((await this.mode()) === 'supervised' || pending.has(p) || pending.isDirty(p)) return pending.write(p, content, sessionId);
        if (content === null) await ws.delete(p, true);
        else {
          let encoding: string | undefined;
          try {
            const existing = await ws.read(p);
            if (existing.kind === 'text') encoding = existing.encoding;
          } catch {
            // a new file
          }
          await ws.write(p, content, encoding, undefined, { createParents: true });
        }
        landed(p);
        return { held: false };
      },
    };
  }

  /** Waits for the watcher to deliver what happened up to now (its batches are coalesced). */
  settle(): Promise<void> {
    return new Promise((r) => setTimeout(r, 250));
  }

  async restore(id: string): Promise<{ undo: Awaited<ReturnType<CheckpointStore['restore']>>['undo']; restored: number }> {
    const { store } = await this.current();
    const meta = (await store.list()).find((m) => m.id === id);
    if (!meta) throw new ContractError('NOT_FOUND', 'That checkpoint is gone.');
    const { undo, items } = await store.restore(id, meta.label);
    return { undo, restored: items.filter((i) => i.action !== 'unrestorable').length };
  }

  async finishTurn(id: string, paths: Map<string, ChangedFile['by']>): Promise<ChangedFile[]> {
    const { store } = await this.current();
    return store.finishTurn(id, paths);
  }

  dispose(): void {
    this.subs.forEach((s) => s.dispose());
    this.pendingSub?.dispose();
    this.pending?.dispose();
    this.changed.dispose();
  }
}
