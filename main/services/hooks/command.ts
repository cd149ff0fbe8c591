import { spawn } from 'node:child_process';

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
