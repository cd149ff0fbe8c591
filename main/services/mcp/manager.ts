/**
 * The MCP servers of the open workspace: reads the user and workspace `mcp.json`, keeps one
 * connection per enabled server, restarts servers that die (with backoff), and offers their
 * tools to the agent under model-safe names (see names.ts).
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve, sep } from 'node:path';
import { Emitter, type Disposable } from '../../../shared/ipc/protocol';
import { MCP_CONFIG_PATH, expandVars, mergeMcpConfigs, parseMcpConfig, type McpServerConfig, type ScopedMcpServerConfig } from './config';
import type { McpConnection } from './connection';
import { resultToText } from './content';
import { qualifyToolNames } from './names';

/** The MCP SDK (~25 MiB resident with its schemas) loads with the first configured server, not at startup. */
let connectionModule: typeof import('./connection') | undefined;
async function loadConnection(): Promise<void> {
  connectionModule ??= await import('./connection');
}

export interface McpManagerOptions {
  /** `~/.kiro/settings/mcp.json`. */
  userConfigPath: string;
  /** Where `${VAR}` comes from, and the base environment of stdio servers. Default: process.env. */
  env?: NodeJS.ProcessEnv;
  clientInfo?: { name: string; version: string };
  /** Delay before each automatic restart; when the list is used up the server stays failed. */
  backoffMs?: number[];
  connectTimeoutMs?: number;
}

export type McpServerState = 'disabled' | 'starting' | 'connected' | 'failed';

export interface McpToolStatus {
  name: string;
  description: string;
  disabled: boolean;
  autoApprove: boolean;
}

export interface McpServerStatus {
  name: string;
  scope: 'user' | 'workspace';
  kind: 'stdio' | 'http';
  state: McpServerState;
  tools: McpToolStatus[];
  error?: string;
  /** The last ~4 KB the server wrote to stderr (stdio only). */
  stderr: string;
  /** Automatic restarts since the config last changed or restart() was called. */
  restarts: number;
  /** The server process, while one runs (stdio only). */
  pid?: number;
}

export interface McpTool {
  server: string;
  /** The tool's name on its server. */
  name: string;
  /** The name to give the model: `mcp__<server>__<tool>`, see names.ts. */
  qualifiedName: string;
  description: string;
  inputSchema: Record<string, unknown>;
  autoApprove: boolean;
}

export interface McpToolResult {
  content: string;
  isError: boolean;
}

const DEFAULT_BACKOFF_MS = [1000, 2000, 5000, 10000, 30000];
const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;
/**
 * A server that stayed up this long was healthy, so its next crash starts the backoff over;
 * one that dies right after every restart uses the list up and stays failed.
 */
const STABLE_AFTER_MS = 60_000;

interface Entry {
  name: string;
  config: ScopedMcpServerConfig;
  /** What a connection depends on; a change means reconnect. */
  key: string;
  disabled: boolean;
  conn?: McpConnection;
  connectedAt?: number;
  attempt: number;
  restarts: number;
  timer?: NodeJS.Timeout;
}

/** JSON with object keys sorted, so equal configs compare equal whatever the key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Only what the process or HTTP session depends on: editing autoApprove or disabledTools does not reconnect. */
function connectionKey(c: McpServerConfig): string {
  return stableJson(c.kind === 'stdio' ? { kind: c.kind, command: c.command, args: c.args, env: c.env, cwd: c.cwd } : { kind: c.kind, url: c.url, headers: c.headers });
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class McpManager implements Disposable {
  private readonly changeEmitter = new Emitter<void>();
  /** Fires whenever the status of any server (or the list of servers) changes. */
  readonly onDidChange = this.changeEmitter.event;

  private readonly env: NodeJS.ProcessEnv;
  private readonly backoffMs: number[];
  private root: string | null = null;
  private entries = new Map<string, Entry>();
  private configProblems: string[] = [];
  private readonly overrides = new Map<string, boolean>();
  /** Config loads run one after another, so a quick second save cannot be overtaken by the first. */
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(private readonly opts: McpManagerOptions) {
    this.env = opts.env ?? process.env;
    this.backoffMs = opts.backoffMs ?? DEFAULT_BACKOFF_MS;
  }

  /** Switches to the servers of `root` (null: user servers only) and waits until each new one connected or failed. */
  setWorkspace(root: string | null): Promise<void> {
    this.root = root;
    return this.reload();
  }

  /** Reads both files again; only servers whose connection settings changed reconnect. */
  reload(): Promise<void> {
    const applied = this.queue.then(() => this.apply());
    // the next load waits for this one's diff, not for its servers to finish connecting
    this.queue = applied.catch(() => undefined);
    return applied.then(({ settled }) => settled);
  }

  status(): McpServerStatus[] {
    return [...this.entries.values()].map((e) => this.statusOf(e));
  }

  /** Config mistakes and unset variables, one readable line each. */
  problems(): string[] {
    return [...this.configProblems];
  }

  /** Enabled tools of connected servers. */
  tools(): McpTool[] {
    const list: Omit<McpTool, 'qualifiedName'>[] = [];
    for (const e of this.entries.values()) {
      if (e.disabled || e.conn?.state !== 'connected') continue;
      for (const t of e.conn.tools) {
        if (e.config.disabledTools.includes(t.name)) continue;
        list.push({
          server: e.name,
          name: t.name,
          description: t.description ?? '',
          inputSchema: { ...t.inputSchema, type: 'object', properties: t.inputSchema.properties ?? {} },
          autoApprove: this.isAutoApproved(e, t.name),
        });
      }
    }
    const names = qualifyToolNames(list);
    return list.map((t, i) => ({ ...t, qualifiedName: names[i] }));
  }

  /** Runs a tool by its qualified name. Failures come back as `isError` results with a readable message; never throws. */
  async callTool(qualifiedName: string, args: Record<string, unknown>, signal?: AbortSignal): Promise<McpToolResult> {
    const tool = this.tools().find((t) => t.qualifiedName === qualifiedName);
    if (!tool) return { isError: true, content: `There is no enabled MCP tool named "${qualifiedName}" (its server may have stopped or been disabled).` };
    const conn = this.entries.get(tool.server)?.conn;
    if (!conn) return { isError: true, content: `MCP server "${tool.server}" is not running.` };
    try {
      const result = await conn.callTool(tool.name, args, signal);
      return { content: resultToText(result), isError: result.isError === true };
    } catch (e) {
      if (signal?.aborted) return { isError: true, content: `The call to "${tool.name}" on MCP server "${tool.server}" was cancelled.` };
      if (conn.state !== 'connected') {
        await conn.settled();
        return { isError: true, content: `MCP server "${tool.server}" stopped while running "${tool.name}": ${conn.error ?? 'the connection closed'}` };
      }
      return { isError: true, content: `MCP tool "${tool.name}" on server "${tool.server}" failed: ${errorText(e)}` };
    }
  }

  /** Stops and starts a server now, with its restart count and backoff reset. */
  async restart(name: string): Promise<void> {
    const entry = this.entries.get(name);
    if (!entry || entry.disabled || this.disposed) return;
    await this.stop(entry);
    entry.restarts = 0;
    await this.start(entry);
  }

  /** Turns a server on or off until the config says otherwise; writing the file is the caller's job. */
  setEnabled(name: string, enabled: boolean): Promise<void> {
    this.overrides.set(name, enabled);
    return this.reload();
  }

  /** The setEnabled() choices made so far, by server name. */
  enabledOverrides(): Record<string, boolean> {
    return Object.fromEntries(this.overrides);
  }

  /** Closes every connection and waits for every server process to exit. */
  async shutdown(): Promise<void> {
    this.disposed = true;
    await Promise.all([...this.entries.values()].map((e) => this.stop(e)));
    this.changeEmitter.dispose();
  }

  /** Closes every connection and sends stdio servers SIGTERM right away. */
  dispose(): void {
    this.disposed = true;
    for (const e of this.entries.values()) {
      clearTimeout(e.timer);
      e.conn?.dispose();
      e.conn = undefined;
    }
    this.changeEmitter.dispose();
  }

  private statusOf(e: Entry): McpServerStatus {
    const conn = e.conn;
    const state: McpServerState = e.disabled ? 'disabled' : conn?.state === 'connected' || conn?.state === 'failed' ? conn.state : 'starting';
    const tools = (conn?.state === 'connected' ? conn.tools : []).map((t) => ({
      name: t.name,
      description: t.description ?? '',
      disabled: e.config.disabledTools.includes(t.name),
      autoApprove: this.isAutoApproved(e, t.name),
    }));
    return {
      name: e.name,
      scope: e.config.scope,
      kind: e.config.kind,
      state,
      tools,
      ...(state === 'failed' && conn?.error !== undefined && { error: conn.error }),
      stderr: conn?.stderr ?? '',
      restarts: e.restarts,
      ...(conn?.pid !== undefined && state !== 'disabled' && { pid: conn.pid }),
    };
  }

  private isAutoApproved(e: Entry, tool: string): boolean {
    return e.config.autoApprove.includes('*') || e.config.autoApprove.includes(tool);
  }

  /** Loads the config and brings connections in line; `settled` ends when the starts and stops it began are done. */
  private async apply(): Promise<{ settled: Promise<void> }> {
    const { servers, problems } = await this.load();
    if (Object.keys(servers).length) await loadConnection();
    if (this.disposed) return { settled: Promise.resolve() };
    this.configProblems = problems;
    const work: Promise<void>[] = [];
    const next = new Map<string, Entry>();
    for (const [name, config] of Object.entries(servers)) {
      const key = connectionKey(config);
      let entry = this.entries.get(name);
      if (entry && entry.key !== key) {
        work.push(this.stop(entry));
        entry = undefined;
      }
      entry ??= { name, config, key, disabled: false, attempt: 0, restarts: 0 };
      entry.config = config;
      entry.disabled = !(this.overrides.get(name) ?? !config.disabled);
      next.set(name, entry);
      if (entry.disabled) work.push(this.stop(entry));
      else if (!entry.conn) work.push(this.start(entry));
    }
    for (const [name, entry] of this.entries) if (!next.has(name)) work.push(this.stop(entry));
    this.entries = next;
    this.changeEmitter.fire();
    return { settled: Promise.all(work).then(() => undefined) };
  }

  private async load(): Promise<{ servers: Record<string, ScopedMcpServerConfig>; problems: string[] }> {
    const home = homedir();
    const userLabel = this.opts.userConfigPath.startsWith(home + sep) ? `~${this.opts.userConfigPath.slice(home.length)}` : this.opts.userConfigPath;
    const root = this.root;
    const [user, workspace] = await Promise.all([
      this.readConfig(userLabel, this.opts.userConfigPath),
      root === null ? { servers: {}, problems: [] } : this.readConfig(MCP_CONFIG_PATH, join(root, MCP_CONFIG_PATH)),
    ]);
    const problems = [...user.problems, ...workspace.problems];
    const servers: Record<string, ScopedMcpServerConfig> = {};
    for (const [name, raw] of Object.entries(mergeMcpConfigs(user.servers, workspace.servers))) {
      const { config, missing } = expandVars(raw, this.env);
      if (missing.length > 0) {
        const label = config.scope === 'user' ? userLabel : MCP_CONFIG_PATH;
        const vars = missing.map((v) => `\${${v}}`).join(', ');
        problems.push(`${label}: server "${name}" uses ${vars}, ${missing.length > 1 ? 'which are' : 'which is'} not set in the environment; it expands to an empty string`);
      }
      // workspace servers run in the workspace, so `./server.js` in their args means what it says
      if (config.kind === 'stdio' && root !== null && config.scope === 'workspace') {
        config.cwd = config.cwd === undefined ? root : isAbsolute(config.cwd) ? config.cwd : resolve(root, config.cwd);
      }
      servers[name] = config;
    }
    return { servers, problems };
  }

  private async readConfig(label: string, path: string): Promise<{ servers: Record<string, McpServerConfig>; problems: string[] }> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { servers: {}, problems: [] };
      return { servers: {}, problems: [`${label}: could not be read: ${errorText(e)}`] };
    }
    return parseMcpConfig(label, text);
  }

  private start(entry: Entry): Promise<void> {
    if (!connectionModule) return loadConnection().then(() => (entry.conn || this.disposed ? undefined : this.start(entry)));
    const conn = new connectionModule.McpConnection(entry.name, entry.config, {
      clientInfo: this.opts.clientInfo ?? { name: 'specwright', version: '0.1.0' },
      connectTimeoutMs: this.opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      env: this.env,
    });
    entry.conn = conn;
    conn.onDidChange((state) => {
      // a connection that was replaced or stopped no longer speaks for the server
      if (entry.conn !== conn || this.entries.get(entry.name) !== entry) return;
      if (state === 'connected') entry.connectedAt = Date.now();
      if (state === 'failed') this.scheduleRestart(entry, conn);
      this.changeEmitter.fire();
    });
    return conn.start();
  }

  private scheduleRestart(entry: Entry, conn: McpConnection): void {
    if (this.disposed || entry.disabled) return;
    if (entry.connectedAt !== undefined && Date.now() - entry.connectedAt >= STABLE_AFTER_MS) entry.attempt = 0;
    entry.connectedAt = undefined;
    const delay = this.backoffMs[entry.attempt];
    if (delay === undefined) return;
    entry.attempt++;
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (this.disposed || entry.conn !== conn || this.entries.get(entry.name) !== entry) return;
      entry.restarts++;
      void this.start(entry);
      this.changeEmitter.fire();
    }, delay);
    // a pending restart must not keep the app (or a test run) alive
    entry.timer.unref();
  }

  private async stop(entry: Entry): Promise<void> {
    clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.attempt = 0;
    entry.connectedAt = undefined;
    const conn = entry.conn;
    entry.conn = undefined;
    await conn?.close();
  }
}
