/**
 * One live connection to one MCP server through the official SDK client: spawn (stdio) or
 * connect (Streamable HTTP), handshake, list tools, call tools, and notice when it goes
 * away. It never restarts itself; the manager decides that.
 */
import type { ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { DEFAULT_INHERITED_ENV_VARS, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, McpError, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { Emitter, type Disposable } from '../../../shared/ipc/protocol';
import type { McpServerConfig } from './config';

export type ConnectionState = 'starting' | 'connected' | 'failed' | 'closed';

export interface ConnectionOptions {
  clientInfo: { name: string; version: string };
  connectTimeoutMs: number;
  /** The environment the app runs in; the same few variables the SDK passes by default are taken from it. */
  env: NodeJS.ProcessEnv;
}

/** Enough stderr to show why a server died, small enough to keep for every server. */
const STDERR_TAIL_CHARS = 4 * 1024;
/** The part of that tail quoted in an error message. */
const ERROR_TAIL_CHARS = 600;
/** stderr can still be in flight when the exit is reported; wait this long for its end. */
const STDERR_DRAIN_MS = 250;
/** A tools list longer than this is a server bug, not something to page through forever. */
const MAX_TOOLS = 2000;

/**
 * The SDK reports only "closed" and keeps the child private; the exit code and signal are
 * what tell a person why. Reads the child right after spawn (which is synchronous in
 * start()); if a future SDK renames the field, messages just lose the code.
 */
class ObservedStdioTransport extends StdioClientTransport {
  exit?: { code: number | null; signal: NodeJS.Signals | null };

  override start(): Promise<void> {
    const started = super.start();
    const child = (this as unknown as { _process?: ChildProcess })._process;
    child?.once('exit', (code, signal) => (this.exit = { code, signal }));
    return started;
  }
}

/** The error's message, with the cause fetch() hides behind "fetch failed" (ECONNREFUSED, a bad certificate, …). */
function message(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = e.cause instanceof Error ? e.cause.message : undefined;
  return cause && !e.message.includes(cause) ? `${e.message} (${cause})` : e.message;
}

type SpawnError = Error & { code?: string; syscall?: string };

/** Node's error for a program that could not be started at all (as opposed to EPIPE and the like once it runs). */
function isSpawnError(e: unknown): e is SpawnError {
  return e instanceof Error && typeof (e as SpawnError).syscall === 'string' && (e as SpawnError).syscall!.startsWith('spawn');
}

export class McpConnection implements Disposable {
  private readonly stateEmitter = new Emitter<ConnectionState>();
  /** Fires on every state change and when the tools list changes. */
  readonly onDidChange = this.stateEmitter.event;

  private _state: ConnectionState = 'starting';
  private _error: string | undefined;
  private _tools: Tool[] = [];
  private _stderr = '';
  private client: Client | undefined;
  private transport: Transport | undefined;
  private stderrEnded: Promise<void> = Promise.resolve();
  private spawnError: SpawnError | undefined;
  private readonly abort = new AbortController();
  /** Set by close(): whatever happens next is on purpose, not a failure. */
  private closing = false;
  private exitedWhileStarting = false;
  /** Closing the client (and so the process), once started. */
  private teardown: Promise<void> | undefined;
  /** Recording why an unexpected close happened (after stderr drained). */
  private recorded: Promise<void> | undefined;

  constructor(
    readonly name: string,
    readonly config: McpServerConfig,
    private readonly opts: ConnectionOptions,
  ) {}

  get state(): ConnectionState {
    return this._state;
  }
  get error(): string | undefined {
    return this._error;
  }
  get tools(): readonly Tool[] {
    return this._tools;
  }
  get stderr(): string {
    return this._stderr;
  }
  /** The server process while it runs; never a pid that has exited (it could belong to another process by now). */
  get pid(): number | undefined {
    const t = this.transport;
    return t instanceof ObservedStdioTransport && !t.exit ? (t.pid ?? undefined) : undefined;
  }

  /** Connects and lists tools; ends `connected` or `failed`. Never throws. */
  async start(): Promise<void> {
    let transport: Transport;
    try {
      transport = this.createTransport();
    } catch (e) {
      return this.fail(`"${this.name}" could not start: ${message(e)}`);
    }
    this.transport = transport;
    const client = new Client(this.opts.clientInfo, {
      listChanged: { tools: { autoRefresh: false, onChanged: () => void this.refreshTools() } },
    });
    this.client = client;
    client.onclose = () => this.onClosed();
    client.onerror = (e) => {
      if (isSpawnError(e)) this.spawnError ??= e;
    };
    const timeout = this.opts.connectTimeoutMs;
    try {
      await client.connect(transport, { timeout, signal: this.abort.signal });
      this._tools = await this.listTools(timeout);
      if (this._state !== 'starting') return;
      this.setState('connected');
    } catch (e) {
      // a closed transport is reported by onClosed, with the exit code and stderr
      if (this.closing || this._state !== 'starting' || this.exitedWhileStarting) return;
      await this.fail(this.describeStartError(e));
    }
  }

  async callTool(name: string, args: Record<string, unknown>, signal?: AbortSignal): Promise<CallToolResult> {
    if (!this.client || this._state !== 'connected') throw new Error(this._error ?? `"${this.name}" is not connected`);
    const result = await this.client.callTool({ name, arguments: args }, undefined, { signal });
    return result as CallToolResult;
  }

  /** Resolves once a connection that dropped has recorded why (stderr drained), so callers can quote it. */
  async settled(): Promise<void> {
    await this.recorded;
  }

  /** Stops on purpose: ends stdin, then SIGTERM, then SIGKILL (the SDK's sequence), and waits for the process to go. */
  async close(): Promise<void> {
    this.closing = true;
    this.abort.abort();
    if (this._state === 'starting' || this._state === 'connected') this.setState('closed');
    await Promise.all([this.stopClient(), this.recorded]);
  }

  /** Stops now, for when there is no time to wait (app exit): SIGTERM right away. */
  dispose(): void {
    const pid = this.pid;
    void this.close();
    if (pid !== undefined) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    this.stateEmitter.dispose();
  }

  private stopClient(): Promise<void> {
    this.teardown ??= this.client?.close().catch(() => undefined) ?? Promise.resolve();
    return this.teardown;
  }

  private createTransport(): Transport {
    const c = this.config;
    if (c.kind === 'http') {
      return new StreamableHTTPClientTransport(new URL(c.url), { requestInit: { headers: c.headers } });
    }
    const inherited: Record<string, string> = {};
    for (const key of DEFAULT_INHERITED_ENV_VARS) {
      const value = this.opts.env[key];
      if (value !== undefined) inherited[key] = value;
    }
    const transport = new ObservedStdioTransport({
      command: c.command,
      args: c.args,
      env: { ...inherited, ...c.env },
      cwd: c.cwd,
      stderr: 'pipe',
    });
    const stream = transport.stderr;
    if (stream) {
      const decoder = new StringDecoder('utf8');
      stream.on('data', (chunk: Buffer) => this.appendStderr(decoder.write(chunk)));
      this.stderrEnded = new Promise((resolve) => stream.once('end', () => resolve()));
    }
    return transport;
  }

  private appendStderr(text: string): void {
    this._stderr = (this._stderr + text).slice(-STDERR_TAIL_CHARS);
  }

  private async listTools(timeout: number): Promise<Tool[]> {
    const client = this.client!;
    if (!client.getServerCapabilities()?.tools) return [];
    const tools: Tool[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor === undefined ? undefined : { cursor }, { timeout, signal: this.abort.signal });
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor !== undefined && tools.length < MAX_TOOLS);
    return tools;
  }

  private async refreshTools(): Promise<void> {
    if (this._state !== 'connected') return;
    try {
      this._tools = await this.listTools(this.opts.connectTimeoutMs);
      if (this._state === 'connected') this.stateEmitter.fire(this._state);
    } catch {
      // the old list stays; a dead connection is reported through onClosed
    }
  }

  private onClosed(): void {
    if (this.closing || this._state === 'failed') return;
    const whileStarting = this._state === 'starting';
    // during the handshake an HTTP failure is the rejected request itself, which start() reports
    if (whileStarting && this.config.kind === 'http') return;
    if (whileStarting) this.exitedWhileStarting = true;
    const drained = Promise.race([this.stderrEnded, new Promise<void>((r) => setTimeout(r, STDERR_DRAIN_MS).unref())]);
    this.recorded = drained.then(() => this.fail(this.describeExit(whileStarting)));
  }

  private describeExit(whileStarting: boolean): string {
    if (this.spawnError) return this.describeSpawnError(this.spawnError);
    const exit = this.transport instanceof ObservedStdioTransport ? this.transport.exit : undefined;
    const when = whileStarting ? ' while starting' : '';
    let what: string;
    if (exit?.signal) what = `was stopped by ${exit.signal}${when}`;
    else if (exit && exit.code !== null) what = `exited with code ${exit.code}${when}`;
    else what = this.config.kind === 'stdio' ? `exited${when}` : `closed the connection${when}`;
    return this.withStderr(`"${this.name}" ${what}`);
  }

  private describeSpawnError(e: SpawnError): string {
    if (this.config.kind === 'stdio' && e.code === 'ENOENT') {
      return `"${this.name}" could not start: "${this.config.command}" was not found; check "command" in mcp.json and that the program is on PATH`;
    }
    return `"${this.name}" could not start: ${e.message}`;
  }

  private describeStartError(e: unknown): string {
    const spawnError = this.spawnError ?? (isSpawnError(e) ? e : undefined);
    if (spawnError) return this.describeSpawnError(spawnError);
    const text = message(e);
    if (e instanceof McpError && e.code === ErrorCode.RequestTimeout) {
      const ms = this.opts.connectTimeoutMs;
      return this.withStderr(`"${this.name}" did not answer the MCP handshake within ${ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`}`);
    }
    const where = this.config.kind === 'http' ? `could not connect to ${this.config.url}` : 'failed to start';
    return this.withStderr(`"${this.name}" ${where}: ${text}`);
  }

  private withStderr(text: string): string {
    const tail = this._stderr.trim();
    if (!tail) return text;
    const cut = tail.length > ERROR_TAIL_CHARS ? `…${tail.slice(-ERROR_TAIL_CHARS)}` : tail;
    return `${text}: ${cut}`;
  }

  private async fail(error: string): Promise<void> {
    if (this.closing || this._state === 'failed') return;
    this._error = error;
    this._tools = [];
    this.setState('failed');
    // a server that failed the handshake may still be running
    await this.stopClient();
  }

  private setState(state: ConnectionState): void {
    this._state = state;
    this.stateEmitter.fire(state);
  }
}
