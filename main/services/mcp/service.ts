import { promises as fsp, watch, type FSWatcher } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { McpState } from '../../../shared/ipc/contract';
import { ContractError, Emitter, type Disposable } from '../../../shared/ipc/protocol';
import { throughLink, writeAtomic } from '../workspace/atomic';
import type { WorkspaceManager } from '../workspace/manager';
import { MCP_CONFIG_PATH } from './config';
import { McpManager } from './manager';

type ServerEntry = Record<string, unknown> & { disabled?: boolean; autoApprove?: string[]; disabledTools?: string[] };

/**
 * MCP for the app: one McpManager following the open workspace, reconnecting when either
 * mcp.json changes, and the panel's edits written back into the file the server came from.
 */
export class McpService implements Disposable {
  readonly manager: McpManager;
  private readonly changed = new Emitter<McpState>();
  readonly onDidChange = this.changed.event;
  private subs: Disposable[] = [];
  private userWatch: FSWatcher | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly deps: { workspaces: WorkspaceManager; version: string; home?: string },
  ) {
    this.manager = new McpManager({ userConfigPath: this.userFile, clientInfo: { name: 'Specwright', version: deps.version } });
    this.subs.push(
      this.manager.onDidChange(() => this.fire()),
      deps.workspaces.onDidChange((info) => void this.manager.setWorkspace(info.root).catch(() => undefined)),
      deps.workspaces.onDidChangeFiles((batch) => {
        if (batch.rescan || batch.changes.some((c) => c.path === MCP_CONFIG_PATH)) this.reloadSoon();
      }),
    );
    this.watchUserFile();
  }

  private get userFile(): string {
    return path.join(this.deps.home ?? os.homedir(), MCP_CONFIG_PATH);
  }

  /** The user file lives outside any workspace: its folder is watched on its own. */
  private watchUserFile() {
    try {
      this.userWatch = watch(path.dirname(this.userFile), (_event, name) => name === 'mcp.json' && this.reloadSoon());
      this.userWatch.on('error', () => undefined);
    } catch {
      // no ~/.kiro/settings yet
    }
  }

  private reloadSoon() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.manager.reload().catch(() => undefined), 150);
  }

  private fire() {
    this.changed.fire(this.state());
  }

  state(): McpState {
    return { servers: this.manager.status().map(({ pid: _pid, ...s }) => s), problems: this.manager.problems() };
  }

  /** Edits one server's entry in the file its scope says, keeping everything else in the file. */
  private async edit(name: string, fn: (entry: ServerEntry) => void): Promise<void> {
    const server = this.manager.status().find((s) => s.name === name);
    if (!server) throw new ContractError('NOT_FOUND', `There is no MCP server "${name}".`);
    const file = server.scope === 'user' ? this.userFile : path.join(this.deps.workspaces.current.root, MCP_CONFIG_PATH);
    let doc: { mcpServers?: Record<string, ServerEntry> };
    try {
      doc = JSON.parse(await fsp.readFile(file, 'utf8'));
    } catch (err) {
      throw new ContractError('INVALID_INPUT', `${file} cannot be edited: ${(err as Error).message}. Fix the file by hand first.`);
    }
    const entry = doc.mcpServers?.[name];
    if (!entry) throw new ContractError('NOT_FOUND', `${file} has no server "${name}".`);
    fn(entry);
    // ~/.kiro/settings/mcp.json may be a link (dotfiles): written where it points, so it stays a link
    await writeAtomic(server.scope === 'user' ? await throughLink(file) : file, Buffer.from(JSON.stringify(doc, null, 2) + '\n'));
    await this.manager.reload();
  }

  setEnabled(name: string, enabled: boolean): Promise<void> {
    return this.edit(name, (e) => {
      if (enabled) delete e.disabled;
      else e.disabled = true;
    });
  }

  setTool(server: string, tool: string, opts: { disabled?: boolean; autoApprove?: boolean }): Promise<void> {
    const toggle = (list: string[] | undefined, on: boolean) => {
      const set = new Set(list ?? []);
      if (on) set.add(tool);
      else set.delete(tool);
      return [...set];
    };
    return this.edit(server, (e) => {
      if (opts.disabled !== undefined) e.disabledTools = toggle(e.disabledTools, opts.disabled);
      if (opts.autoApprove !== undefined) e.autoApprove = toggle(e.autoApprove, opts.autoApprove);
    });
  }

  restart(name: string): Promise<void> {
    return this.manager.restart(name);
  }

  shutdown(): Promise<void> {
    return this.manager.shutdown();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.userWatch?.close();
    this.subs.forEach((s) => s.dispose());
    this.manager.dispose();
    this.changed.dispose();
  }
}
