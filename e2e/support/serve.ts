import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Copies `e2e/fixtures/<fixture>` into a fresh temp folder; returns the folder and the copy. */
export function copyFixture(fixture = 'workspace'): { base: string; root: string } {
  const base = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sw-e2e-')));
  const root = path.join(base, fixture);
  cpSync(path.join(repoRoot, 'e2e', 'fixtures', fixture), root, { recursive: true });
  return { base, root };
}

export interface Served {
  url: string;
  token: string;
  port: number;
  /** The temp copy of the fixture workspace being served. */
  root: string;
  configDir: string;
  /** The serve process itself (for tests of how it stops). */
  child: ChildProcess;
  /** What serve has printed so far, stdout and stderr. */
  output(): string;
  stop(): Promise<void>;
}

/** Copies a fixture workspace to a temp folder and runs the real `specwright serve` on it. */
export async function serveFixture(
  fixture = 'workspace',
  /** `settingsText` is written as settings.json instead of `settings` (to serve with a damaged file). */
  opts: { open?: boolean; settings?: Record<string, unknown>; settingsText?: string; env?: Record<string, string> } = {},
): Promise<Served> {
  const { base, root } = copyFixture(fixture);
  const configDir = path.join(base, 'config');
  // the DOM renderer keeps terminal text readable by the tests (WebGL draws to a canvas)
  mkdirSync(configDir, { recursive: true });
  writeFileSync(path.join(configDir, 'settings.json'), opts.settingsText ?? JSON.stringify({ 'terminal.gpuAcceleration': 'off', ...opts.settings }));
  const args = [path.join(repoRoot, 'bin', 'specwright.js'), 'serve', '--port', '0'];
  if (opts.open !== false) args.push(root);
  // no AWS settings leak in from the machine: a test that wants a model passes them
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...env, SPECWRIGHT_CONFIG_DIR: configDir, HOME: base, SHELL: '/bin/bash', HISTFILE: '/dev/null', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 15_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = output.match(/http:\/\/\S+/);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => {
      output += d.toString();
      if (process.env.SW_E2E_SERVER_LOG) process.stderr.write(d);
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    token: parsed.searchParams.get('token') ?? '',
    port: Number(parsed.port),
    root,
    configDir,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      // shells write their history as they exit on SIGHUP: retry while the folder is still busy
      try {
        rmSync(base, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
      } catch (err) {
        const left = execFileSync('find', [base], { encoding: 'utf8' }).split('\n').slice(0, 20).join('\n');
        const procs = execFileSync('sh', ['-c', `pgrep -af "${base}" || true`], { encoding: 'utf8' });
        throw new Error(`${(err as Error).message}\nserver exit code: ${child.exitCode}, signal: ${child.signalCode}\nleft:\n${left}\nprocesses:\n${procs}`);
      }
    },
  };
}
