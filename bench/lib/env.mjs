// Starting the real `specwright serve` and headless Chromium for benchmarks.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function tempDir(prefix = 'sw-bench-') {
  return realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** Runs `specwright serve` on `folder` with its own config; resolves with the URL and a stop(). */
export async function serve(folder, settings = {}) {
  const configDir = tempDir('sw-bench-config-');
  mkdirSync(configDir, { recursive: true });
  writeFileSync(path.join(configDir, 'settings.json'), JSON.stringify(settings));
  const child = spawn(process.execPath, [...(process.env.SERVE_NODE_ARGS ? process.env.SERVE_NODE_ARGS.split(' ') : []), path.join(repoRoot, 'bin', 'specwright.js'), 'serve', folder, '--port', '0'], {
    env: { ...process.env, SPECWRIGHT_CONFIG_DIR: configDir, SHELL: '/bin/bash', HOME: configDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/\S+/);
      if (m) resolve(m[0]);
    });
    child.on('exit', (c) => reject(new Error(`serve exited with ${c}`)));
  });
  return {
    url,
    pid: child.pid,
    token: new URL(url).searchParams.get('token'),
    port: Number(new URL(url).port),
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      rmSync(configDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}

export async function browser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** Resident memory of a process in MB (Linux /proc). */
export async function rssMb(pid) {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmRSS:\s+(\d+)/)[1]) / 1024;
}
