import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { Emitter } from '../../../shared/ipc/protocol';
import {
  WORKSPACE_POLICY_PATH,
  decide,
  formatPolicy,
  parsePolicy,
  type AgentMode,
  type Decision,
  type PermissionRequest,
  type PermissionRule,
  type PermissionScope,
  type ScopedRule,
} from '../../../shared/model/permissions/rules';
import { throughLink, writeAtomic } from '../workspace/atomic';
import type { WorkspaceManager } from '../workspace/manager';

export interface PolicyInfo {
  file: string;
  rules: PermissionRule[];
  problems: string[];
}

/**
 * The permission policy: `<configDir>/permissions.json` for the user and
 * `.kiro/settings/permissions.json` for the workspace. Files are read on every decision
 * (they are small), so hand edits apply at once; a broken file is reported, not fatal.
 */
export class PermissionService {
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly configDir: string,
    private readonly workspaces: WorkspaceManager,
  ) {}

  get userFile(): string {
    return path.join(this.configDir, 'permissions.json');
  }

  private workspaceFile(): string | null {
    const ws = this.workspaces.maybeCurrent;
    return ws ? path.join(ws.root, WORKSPACE_POLICY_PATH) : null;
  }

  private async read(file: string): Promise<PolicyInfo> {
    let text = '';
    try {
      text = await fsp.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return { file, rules: [], problems: [(err as Error).message] };
    }
    return { file, ...parsePolicy(text) };
  }

  async get(): Promise<{ user: PolicyInfo; workspace: PolicyInfo | null }> {
    const wsFile = this.workspaceFile();
    return { user: await this.read(this.userFile), workspace: wsFile ? await this.read(wsFile) : null };
  }

  /** The decision for one request. Policy files that cannot be read are reported in the reason. */
  async decide(req: PermissionRequest, mode: AgentMode): Promise<Decision> {
    const { user, workspace } = await this.get();
    const rules: ScopedRule[] = [...user.rules.map((r) => ({ ...r, scope: 'user' as const })), ...(workspace?.rules ?? []).map((r) => ({ ...r, scope: 'workspace' as const }))];
    const d = decide(rules, req, { mode, protectedPaths: [WORKSPACE_POLICY_PATH] });
    const broken = [user, workspace].filter((p): p is PolicyInfo => !!p && p.problems.length > 0);
    // a broken policy file might have held a deny rule: never run silently past it
    if (broken.length && d.action === 'allow' && d.rule === undefined) {
      return { action: 'ask', reason: `${d.reason} Asking because ${broken.map((b) => b.file).join(' and ')} has problems: ${broken.flatMap((b) => b.problems).join(' ')}` };
    }
    return d;
  }

  async set(scope: PermissionScope, rules: PermissionRule[]): Promise<void> {
    const file = scope === 'user' ? this.userFile : this.workspaceFile();
    if (!file) throw new Error('No folder is open, so there is no workspace policy.');
    await fsp.mkdir(path.dirname(file), { recursive: true });
    // the user's own file may be a link (dotfiles): written where it points; the workspace's stays confined
    await writeAtomic(scope === 'user' ? await throughLink(file) : file, Buffer.from(formatPolicy(rules)));
    this.changed.fire();
  }

  /** Adds a rule unless the same one is there ("Run and always allow"). */
  async add(scope: PermissionScope, rule: PermissionRule): Promise<void> {
    const current = await this.get();
    const info = scope === 'user' ? current.user : current.workspace;
    const rules = info?.rules ?? [];
    if (rules.some((r) => r.tool === rule.tool && r.match === rule.match && r.action === rule.action)) return;
    await this.set(scope, [...rules, rule]);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
