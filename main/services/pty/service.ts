import os from 'node:os';
import path from 'node:path';
import { ContractError, Emitter, type Disposable } from '../../../shared/ipc/protocol';
import { nodePtyBackend, type PtyBackend } from './backend';
import { shellLaunch } from './integration';
import { TerminalSession, type TerminalEvent } from './session';

export interface SpawnRequest {
  cols: number;
  rows: number;
  /** Absolute working directory (already confined by the caller). */
  cwd: string;
  title?: string;
  /** Overrides the configured/default shell. */
  shell?: string;
  env?: Record<string, string>;
}

export interface PtyServiceOptions {
  backend?: PtyBackend;
  /** Where the shell-integration scripts are written. */
  scriptDir: string;
  /** The configured shell ('' = the user's login shell). */
  shellSetting?: () => string;
}

/** The user's shell: the setting, else $SHELL, else the account's shell, else /bin/sh. */
export function defaultShell(setting = ''): string {
  if (setting.trim()) return setting.trim();
  if (process.platform === 'win32') return process.env.COMSPEC || 'powershell.exe';
  if (process.env.SHELL) return process.env.SHELL;
  try {
    const shell = os.userInfo().shell;
    if (shell) return shell;
  } catch {
    // no passwd entry (containers): fall through
  }
  return '/bin/sh';
}

/** Variables that describe the host process, not the user's environment. */
const STRIP_ENV = ['ELECTRON_RUN_AS_NODE', 'ELECTRON_NO_ATTACH_CONSOLE', 'SPECWRIGHT_TOKEN', 'NODE_OPTIONS', 'VSCODE_INSPECTOR_OPTIONS'];

/** Owns every terminal; the agent and the terminal panel both use it. */
export class PtyService implements Disposable {
  private readonly sessions = new Map<number, TerminalSession>();
  /** Sessions that shutdown() has hung up on, kept so that killNow() can still reach them. */
  private readonly ending: TerminalSession[] = [];
  private nextId = 1;
  private readonly events = new Emitter<{ id: number; event: TerminalEvent }>();
  /** Every terminal's events (exit, finished commands, cwd), tagged with its id. */
  readonly onEvent = this.events.event;
  private readonly backend: PtyBackend;

  constructor(private readonly options: PtyServiceOptions) {
    this.backend = options.backend ?? nodePtyBackend;
  }

  async spawn(req: SpawnRequest): Promise<TerminalSession> {
    const shell = req.shell ?? defaultShell(this.options.shellSetting?.());
    const launch = await shellLaunch(shell, this.options.scriptDir, { login: process.platform === 'darwin', userEnv: process.env });
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !STRIP_ENV.includes(k)) env[k] = v;
    Object.assign(env, { TERM: 'xterm-256color', COLORTERM: 'truecolor', TERM_PROGRAM: 'specwright' }, launch.env, req.env ?? {});
    let proc;
    try {
      proc = this.backend.spawn(launch.file, launch.args, { cwd: req.cwd, env, cols: Math.max(2, req.cols), rows: Math.max(1, req.rows) });
    } catch (err) {
      throw new ContractError('UNSUPPORTED', `Could not start the shell "${shell}": ${(err as Error).message}. Set "terminal.shell" in settings.`);
    }
    const id = this.nextId++;
    const session = new TerminalSession(id, req.title ?? path.basename(shell), shell, proc, req.cwd);
    session.onEvent((event) => this.events.fire({ id, event }));
    this.sessions.set(id, session);
    // views that did not start this terminal (the agent's) learn of it here
    this.events.fire({ id, event: { type: 'spawned', title: session.title } });
    return session;
  }

  get(id: number): TerminalSession {
    const s = this.sessions.get(id);
    if (!s) throw new ContractError('NOT_FOUND', `Terminal ${id} does not exist (it was closed).`);
    return s;
  }

  list(): TerminalSession[] {
    return [...this.sessions.values()];
  }

  /** Kills the terminal's processes and forgets it. */
  close(id: number): void {
    const s = this.sessions.get(id);
    if (!s) return;
    this.sessions.delete(id);
    s.dispose();
  }

  dispose(): void {
    for (const id of [...this.sessions.keys()]) this.close(id);
    this.events.dispose();
  }

  /**
   * Ends every terminal: a hangup, then up to `timeoutMs` for the shells to exit, then SIGKILL
   * for those that have not, so that none outlives the process.
   */
  async shutdown(timeoutMs = 2000): Promise<void> {
    const sessions = [...this.sessions.values()].filter((s) => !s.exited);
    this.ending.push(...sessions);
    const exited = sessions.map((s) => new Promise<void>((resolve) => s.onEvent((e) => e.type === 'exit' && resolve())));
    this.dispose();
    await Promise.race([Promise.all(exited), new Promise((r) => setTimeout(r, timeoutMs))]);
    this.killNow();
  }

  /** SIGKILL, at once, for every shell still running (for a process that must exit now). */
  killNow(): void {
    for (const s of [...this.sessions.values(), ...this.ending]) s.killNow();
  }
}
