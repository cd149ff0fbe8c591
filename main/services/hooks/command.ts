import { spawn } from 'node:child_process';
import type { HookRun } from '../../../shared/ipc/contract';
import type { Hook } from '../../../shared/model/hooks';

/** What set a hook off, as far as its command (stdin JSON) and its agent turn need to know. */
export interface HookEvent {
  files?: string[];
  tool?: { name: string; input: unknown; result?: string };
  prompt?: string;
  task?: { spec: string; id: string; title: string; ok?: boolean; error?: string };
  sessionId?: string;
}

/** What a hook command may print before the rest is dropped (kept: the start and a note). */
const OUTPUT_MAX = 64 * 1024;
/** After the timeout, the command's process group gets SIGTERM, then SIGKILL this much later. */
const KILL_GRACE_MS = 2000;

export interface CommandResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  durationMs: number;
  /** The shell could not be started at all. */
  error?: string;
}

function collector() {
  let text = '';
  let dropped = 0;
  return {
    add(chunk: Buffer) {
      const s = chunk.toString('utf8');
      if (text.length < OUTPUT_MAX) text += s.slice(0, OUTPUT_MAX - text.length);
      dropped += Math.max(0, s.length - (OUTPUT_MAX - text.length));
    },
    get value() {
      return dropped > 0 ? `${text}\n… (${dropped} more characters not kept)` : text;
    },
  };
}

/**
 * Runs a hook's command in the workspace with `sh -c`, the event as JSON on stdin, and a
 * timeout that ends the whole process group (a hook's `npm run lint` starts children too).
 */
export function runHookCommand(opts: { command: string; cwd: string; stdin: string; env?: Record<string, string>; timeoutMs: number; signal?: AbortSignal }): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', opts.command], {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      detached: process.platform !== 'win32',
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out = collector();
    const err = collector();
    let timedOut = false;
    let killTimer: ReturnType<typeof setTimeout> | undefined;
    const kill = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
      killTimer = setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, KILL_GRACE_MS);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, opts.timeoutMs);
    const onAbort = () => kill();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', out.add);
    child.stderr.on('data', err.add);
    // a command that does not read stdin closes it early: that is fine
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.stdin);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ exitCode: null, stdout: '', stderr: '', timedOut: false, durationMs: Date.now() - started, error: e.message });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      opts.signal?.removeEventListener('abort', onAbort);
      resolve({ exitCode: code ?? (signal ? 128 : null), stdout: out.value, stderr: err.value, timedOut, durationMs: Date.now() - started });
    });
  });
}

/** Runs a runCommand hook: the event as JSON on stdin, `$USER_PROMPT`, its timeout; the run's outcome in the log's terms. */
export async function runCommandHook(hook: Hook, event: HookEvent, cwd: string): Promise<{ run: Partial<HookRun>; stdout: string }> {
  const timeout = (hook.then.timeout as number | undefined) ?? 60;
  const r = await runHookCommand({
    command: hook.then.command as string,
    cwd,
    stdin: JSON.stringify({
      hook_event_name: hook.when.type,
      cwd,
      hook_name: hook.name,
      files: event.files,
      tool_name: event.tool?.name,
      tool_input: event.tool?.input,
      tool_result: event.tool?.result,
      prompt: event.prompt,
      task: event.task,
      session_id: event.sessionId,
    }),
    env: { USER_PROMPT: event.prompt ?? '', SPECWRIGHT_HOOK: hook.name },
    timeoutMs: timeout * 1000,
  });
  const run: Partial<HookRun> = { durationMs: r.durationMs, exitCode: r.exitCode, output: r.stdout + (r.stderr ? `${r.stdout ? '\n' : ''}${r.stderr}` : '') };
  if (r.error) Object.assign(run, { state: 'failed', message: `The command could not start: ${r.error}` });
  else if (r.timedOut) Object.assign(run, { state: 'failed', message: `Timed out after ${timeout} s; the command was stopped.` });
  else if (r.exitCode === 0) run.state = 'ok';
  else Object.assign(run, { state: 'failed', message: `Exited with code ${r.exitCode}${r.stderr.trim() ? `: ${r.stderr.trim().slice(-2000)}` : ''}` });
  return { run, stdout: r.stdout };
}
