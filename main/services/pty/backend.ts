import * as nodePty from 'node-pty';
import { toDisposable, type Disposable } from '../../../shared/ipc/protocol';

/** One pseudo-terminal process. An interface so the PTY host can move to a utility process later. */
export interface PtyProcess {
  readonly pid: number;
  onData(fn: (data: string) => void): Disposable;
  onExit(fn: (e: { exitCode: number; signal?: number }) => void): Disposable;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  pause(): void;
  resume(): void;
  kill(signal?: string): void;
}

export interface SpawnOptions {
  cwd: string;
  env: Record<string, string>;
  cols: number;
  rows: number;
}

export interface PtyBackend {
  spawn(file: string, args: string[], opts: SpawnOptions): PtyProcess;
}

/** The real backend: node-pty (an N-API module, so it loads in Node and Electron alike). */
export const nodePtyBackend: PtyBackend = {
  spawn(file, args, opts) {
    const p = nodePty.spawn(file, args, { name: 'xterm-256color', cwd: opts.cwd, env: opts.env, cols: opts.cols, rows: opts.rows, encoding: 'utf8' });
    return {
      pid: p.pid,
      onData: (fn) => {
        const d = p.onData(fn);
        return toDisposable(() => d.dispose());
      },
      onExit: (fn) => {
        const d = p.onExit(fn);
        return toDisposable(() => d.dispose());
      },
      write: (data) => p.write(data),
      resize: (cols, rows) => p.resize(cols, rows),
      pause: () => p.pause(),
      resume: () => p.resume(),
      kill: (signal) => p.kill(signal),
    };
  },
};
