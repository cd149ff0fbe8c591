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

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/** Headless Chromium. */
export async function browser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * Headless Chromium that the benchmark can let go of while it measures. While Playwright is
 * attached, Chrome reports every WebSocket frame to it over the DevTools protocol (Playwright
 * turns the Network domain on for each page), which costs the page and the browser for every
 * message: a terminal flood through serve ran at 4.7–5.9 MB/s attached and 8–10 MB/s with
 * nothing attached, in one browser, run by run. People do not run the workbench with DevTools
 * attached, so throughput is timed with no client connected: `attach()` connects Playwright
 * (to set a page up), `detach()` disconnects it; the browser and its pages go on.
 */
export async function detachableBrowser({ width = 1280, height = 800 } = {}) {
  const profile = tempDir('sw-bench-chrome-');
  const proc = spawn(process.env.CHROMIUM_PATH || '/usr/bin/chromium', ['--headless', ...CHROMIUM_ARGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, `--window-size=${width},${height}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const endpoint = await new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${err}`)), 30_000);
    proc.stderr.on('data', (d) => {
      err += d;
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => reject(new Error(`Chromium exited (${code}): ${err}`)));
  });
  proc.stderr.resume();
  let connected = null;
  return {
    /** The browser's DevTools endpoint (a raw client can trace through it without turning on the Network domain). */
    endpoint,
    /** Playwright's view of the browser: its default context and pages. */
    async attach() {
      connected ??= await chromium.connectOverCDP(endpoint);
      return connected;
    },
    async detach() {
      const b = connected;
      connected = null;
      await b?.close(); // for a browser reached over CDP this only disconnects
    },
    async close() {
      await this.detach();
      proc.kill();
      await new Promise((r) => setTimeout(r, 300));
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}

/** A loopback HTTP endpoint a page can report to with fetch() while no DevTools client is attached. */
export async function reportSink() {
  const http = await import('node:http');
  const waiting = [];
  const arrived = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      res.writeHead(204, { 'Access-Control-Allow-Origin': '*' }).end();
      const w = waiting.shift();
      if (w) w(body);
      else arrived.push(body);
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    /** Resolves with the body of the next report. */
    next: () => (arrived.length ? Promise.resolve(arrived.shift()) : new Promise((resolve) => waiting.push(resolve))),
    close: () => new Promise((r) => server.close(r)),
  };
}

/** Resident memory of a process in MB (Linux /proc). */
export async function rssMb(pid) {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmRSS:\s+(\d+)/)[1]) / 1024;
}
