import type { Disposable } from '../../../shared/ipc/protocol';
import { Emitter } from '../../../shared/ipc/protocol';
import type { WorkspaceManager } from '../workspace/manager';
import { GitService, NOT_A_REPO } from './git';

/** One GitService for the open folder; file changes in the folder also refresh status. */
export class GitManager implements Disposable {
  private svc: GitService | undefined;
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  private subs: Disposable[] = [];

  constructor(workspaces: WorkspaceManager) {
    this.subs.push(
      workspaces.onDidChange((info) => {
        this.svc?.dispose();
        this.svc = info.root ? new GitService(info.root) : undefined;
        this.svc?.onDidChange(() => this.changed.fire());
        this.changed.fire();
      }),
      workspaces.onDidChangeFiles(() => this.svc?.fire()),
    );
  }

  get current(): GitService | undefined {
    return this.svc;
  }

  status() {
    return this.svc ? this.svc.status() : Promise.resolve(NOT_A_REPO);
  }

  dispose(): void {
    this.svc?.dispose();
    this.subs.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}
