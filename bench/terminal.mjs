// Benchmarks #4 (terminal bulk, flood memory, Ctrl+C) and #5 (keystroke echo) of BENCHMARKS.md.
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { browser, detachableBrowser, repoRoot, reportSink, rssMb, serve, tempDir } from './lib/env.mjs';
import { connect } from './lib/contract-client.mjs';
import { median, percentile, report } from './lib/report.mjs';

const require = createRequire(import.meta.url);
const pty = require('node-pty');

const LINE = ' the quick brown fox jumps over the lazy dog 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ\n';

async function writeBigFile(file, bytes) {
  const out = createWriteStream(file);
  let written = 0;
  let lines = 0;
  for (; written < bytes; lines++) {
    const line = String(lines).padStart(8, '0') + LINE;
    written += line.length;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { bytes: written, lines };
}

/** Baseline: node-pty alone, draining `cat file` as fast as Node can read it. */
async function rawPtyDrain(file) {
  const t0 = performance.now();
  const p = pty.spawn('/bin/cat', [file], { cols: 120, rows: 30, cwd: path.dirname(file), env: process.env });
  let bytes = 0;
  p.onData((d) => (bytes += d.length));
  await new Promise((r) => p.onExit(r));
  return { ms: performance.now() - t0, bytes };
}

/**
 * Baseline: xterm alone in a page, writing the same text (with the pty's CRLFs) in 64 KB chunks.
 * Installs `window.__bulk(bytes, line, reportUrl)`, which resolves with the time taken and, given
 * a URL, also POSTs it there (so it can be timed with no DevTools client attached).
 */
async function installXtermBaseline(page) {
  await page.setContent('<div id="t" style="width:1000px;height:600px"></div>');
  await page.addStyleTag({ path: path.join(repoRoot, 'node_modules/@xterm/xterm/css/xterm.css') });
  await page.addScriptTag({ path: path.join(repoRoot, 'node_modules/@xterm/xterm/lib/xterm.js') });
  await page.evaluate(() => {
    window.__bulk = async (bytes, line, reportUrl) => {
      const el = document.getElementById('t');
      el.innerHTML = '';
      const term = new window.Terminal({ cols: 120, rows: 30, scrollback: 10000 });
      term.open(el);
      const parts = [];
      let n = 0;
      for (let i = 0; n < bytes; i++) {
        const s = String(i).padStart(8, '0') + line.replace('\n', '\r\n');
        parts.push(s);
        n += s.length;
      }
      const text = parts.join('');
      const t0 = performance.now();
      // xterm discards data beyond ~50 MB pending, so keep at most ~1 MB in flight (as ours does)
      let inFlight = 0;
      let wake = null;
      for (let i = 0; i < text.length; i += 65536) {
        const chunk = text.slice(i, i + 65536);
        inFlight += chunk.length;
        term.write(chunk, () => {
          inFlight -= chunk.length;
          if (wake && inFlight < 1 << 20) wake();
        });
        if (inFlight >= 1 << 20) await new Promise((r) => (wake = r));
        wake = null;
      }
      await new Promise((resolve) => term.write('', resolve));
      const ms = performance.now() - t0;
      term.dispose();
      if (reportUrl) await fetch(reportUrl, { method: 'POST', mode: 'no-cors', body: String(ms) });
      return ms;
    };
  });
}

async function xtermInPage(page, bytes) {
  return page.evaluate(({ bytes, line }) => window.__bulk(bytes, line, null), { bytes, line: LINE });
}

async function openTerminal(page, url) {
  await page.goto(url);
  await page.getByRole('tree').waitFor();
  await page.keyboard.press('Control+`');
  await page.locator('[data-testid=terminal] .xterm-helper-textarea').waitFor({ state: 'attached' });
  await page.waitForTimeout(500); // the first prompt
  await page.locator('[data-testid=terminal] .xterm-helper-textarea').focus();
}

/** Starts `command` with `start()` and resolves when main reports it finished, with the time since the start. */
function untilFinished(command, start) {
  return new Promise((resolve) => {
    const started = performance.now();
    listeners.add(({ event }) => {
      if (event.type === 'command' && event.command === command) resolve({ ms: performance.now() - started, exitCode: event.exitCode });
    });
    void start();
  }).finally(() => listeners.clear());
}
const listeners = new Set();

/** Types a command into the page's terminal and resolves when main reports it finished. */
const runInPage = (page, _client, command) => untilFinished(command, () => page.keyboard.type(command).then(() => page.keyboard.press('Enter')));

/** Runs a command line in terminal `id` by writing it to the pty; resolves when main reports it finished. */
const runInTerminal = (client, id, command) => untilFinished(command, () => client.call('pty.write', { id, data: `${command}\r` }));

/** Types `n` keys into the page's terminal; per key, keydown → the echo changes the terminal's DOM rows (ms). */
async function echoInPage(page, client, n) {
  await runInPage(page, client, 'clear');
  await page.evaluate(() => {
    const w = window;
    w.__echo = { down: 0, lat: [] };
    document.addEventListener('keydown', () => (w.__echo.down = performance.now()), true);
    const rows = document.querySelector('[data-testid=terminal] .xterm-rows');
    let last = rows.textContent;
    new MutationObserver(() => {
      const now = rows.textContent;
      if (now !== last && w.__echo.down) {
        w.__echo.lat.push(performance.now() - w.__echo.down);
        w.__echo.down = 0;
      }
      last = now;
    }).observe(rows, { subtree: true, childList: true, characterData: true });
  });
  for (let i = 0; i < n; i++) {
    await page.keyboard.type('x');
    await page.waitForFunction((k) => window.__echo.lat.length > k, i);
  }
  const lat = await page.evaluate(() => window.__echo.lat);
  await page.keyboard.press('Control+u');
  return lat;
}

/**
 * #4's rates with no DevTools client attached (see detachableBrowser): the pages are set up with
 * Playwright, which then lets go; ours is started through the contract and timed until main
 * reports the command finished, the baseline reports its own time over HTTP. The two take turns,
 * run by run, so a change in the machine's load lands on both. Afterwards the view is checked
 * to show the end of the file, so a page that stopped drawing cannot pass.
 */
async function detachedBulk({ server, client, bytes, runs, lastLine }) {
  const db = await detachableBrowser();
  const sink = await reportSink();
  try {
    let br = await db.attach();
    await installXtermBaseline(await br.contexts()[0].newPage());
    const page = await br.contexts()[0].newPage();
    await openTerminal(page, server.url);
    const { terminals } = await client.call('pty.list', {});
    const id = terminals.at(-1).id;
    const inPage = [];
    const ours = [];
    for (let i = 0; i < runs; i++) {
      // each runs in the tab in front: a tab behind has its timers throttled and no frames
      const bare = await findPage(br, () => typeof window.__bulk === 'function');
      await bare.bringToFront();
      const report = sink.next();
      await bare.evaluate(({ bytes, line, url }) => void setTimeout(() => window.__bulk(bytes, line, url), 300), { bytes, line: LINE, url: sink.url });
      await db.detach();
      inPage.push(Number(await report));
      br = await db.attach();
      await (await findPage(br, () => !!document.querySelector('[data-testid=terminal]'))).bringToFront();
      await db.detach();
      if (i > 0) await runInTerminal(client, id, 'clear');
      ours.push((await runInTerminal(client, id, 'cat big.txt')).ms);
      br = await db.attach();
    }
    const shown = await findPage(br, () => !!document.querySelector('[data-testid=terminal]'));
    const rows = await shown.locator('[data-testid=terminal] .xterm-rows').textContent();
    if (!rows.replace(/\u00a0/g, ' ').includes(lastLine)) throw new Error(`the terminal does not show the end of the file after the detached runs (${lastLine})`);
    await runInTerminal(client, id, 'clear');
    await shown.close();
    return { inPage, ours };
  } finally {
    await sink.close();
    await db.close();
  }
}

async function findPage(br, test) {
  for (const p of br.contexts().flatMap((c) => c.pages())) if (await p.evaluate(test).catch(() => false)) return p;
  throw new Error('page not found after re-attaching');
}

export async function terminalBenchmarks({ smoke }) {
  const results = [];
  const dir = tempDir();
  const bytesWanted = (smoke ? 4 : 100) * 1024 * 1024;
  const runs = smoke ? 1 : 3;
  const file = path.join(dir, 'big.txt');
  const { bytes, lines: lineCount } = await writeBigFile(file, bytesWanted);
  const server = await serve(dir, { 'terminal.gpuAcceleration': 'off' });
  const b = await browser();
  try {
    const client = await connect(server.port, server.token);
    client.subscribe('pty.onEvent', {}, (payload) => listeners.forEach((fn) => fn(payload)));

    // #4 bulk throughput (timed with no DevTools client attached; the attached figures are printed)
    const raw = [];
    for (let i = 0; i < runs; i++) raw.push((await rawPtyDrain(file)).ms);
    const lastLine = String(lineCount - 1).padStart(8, '0') + LINE.trimEnd();
    const detached = await detachedBulk({ server, client, bytes, runs: smoke ? 1 : 5, lastLine });
    const bare = await b.newPage();
    await installXtermBaseline(bare);
    const inPageAttached = await xtermInPage(bare, bytes);
    await bare.close();

    const page = await b.newPage({ viewport: { width: 1280, height: 800 } });
    await openTerminal(page, server.url);
    const oursAttached = (await runInPage(page, client, `cat big.txt`)).ms;
    await runInPage(page, client, 'clear');
    const mbps = (ms) => bytes / 1024 / 1024 / (ms / 1000);
    console.log(`  (raw node-pty drain: ${mbps(median(raw)).toFixed(0)} MB/s, ${(bytes / 1048576).toFixed(0)} MB)`);
    console.log(`  (with Playwright attached, one run each: ours ${mbps(oursAttached).toFixed(2)} MB/s, in-page xterm ${mbps(inPageAttached).toFixed(1)} MB/s)`);
    console.log(`  (nothing attached, MB/s run by run, taking turns: ours ${detached.ours.map((ms) => mbps(ms).toFixed(1)).join(', ')}; in-page xterm ${detached.inPage.map((ms) => mbps(ms).toFixed(1)).join(', ')})`);
    const oursRate = mbps(median(detached.ours));
    const xtermRate = mbps(median(detached.inPage));
    results.push(report({ name: '4 terminal bulk (MB/s)', ours: oursRate, baseline: xtermRate, unit: '', ratio: oursRate / xtermRate, target: '≥0.8× in-page xterm', ok: oursRate >= 0.8 * xtermRate }));

    // #4 memory bounded during `yes`, and Ctrl+C latency
    // (memory is sampled through the first flood; Ctrl+C is timed on each, and the median kept)
    const idle = await rssMb(server.pid);
    let peak = idle;
    const stops = [];
    const onScreen = [];
    for (let i = 0; i < runs; i++) {
      const flood = runInPage(page, client, 'yes');
      const until = Date.now() + (smoke ? 1500 : i === 0 ? 5000 : 2000);
      while (Date.now() < until) {
        if (i === 0) peak = Math.max(peak, await rssMb(server.pid));
        await new Promise((r) => setTimeout(r, 100));
      }
      // what the person sees: keydown → the rows show ^C (everything in flight parsed first)
      await page.evaluate(() => {
        const w = window;
        w.__stop = { down: 0, shown: 0 };
        const rows = document.querySelector('[data-testid=terminal] .xterm-rows');
        document.addEventListener('keydown', () => (w.__stop.down ||= performance.now()), { capture: true, once: true });
        const mo = new MutationObserver(() => {
          if (w.__stop.down && rows.textContent.includes('^C')) {
            w.__stop.shown = performance.now();
            mo.disconnect();
          }
        });
        mo.observe(rows, { subtree: true, childList: true, characterData: true });
      });
      const t0 = performance.now();
      await page.keyboard.press('Control+c');
      await flood;
      stops.push(performance.now() - t0);
      await page.waitForFunction(() => window.__stop.shown, null, { timeout: 30_000 });
      onScreen.push(await page.evaluate(() => window.__stop.shown - window.__stop.down));
      await runInPage(page, client, 'clear');
    }
    const ctrlC = median(stops);
    console.log(`  (Ctrl+C during yes → ^C on screen: median ${median(onScreen).toFixed(0)} ms, runs ${onScreen.map((x) => x.toFixed(0)).join(', ')})`);
    results.push(report({ name: '4 terminal flood: server RSS (MB)', ours: peak, baseline: idle, unit: '', ratio: peak / idle, target: '≤1.5× idle', ok: peak <= 1.5 * idle }));

    const rawCtrlC = await new Promise((resolve) => {
      const p = pty.spawn('/usr/bin/yes', [], { cols: 80, rows: 24, cwd: dir, env: process.env });
      p.onData(() => undefined);
      setTimeout(() => {
        const s = performance.now();
        p.onExit(() => resolve(performance.now() - s));
        p.write('\x03');
      }, 300);
    });
    results.push(report({ name: '4 terminal Ctrl+C (ms)', ours: ctrlC, baseline: rawCtrlC, unit: '', ratio: ctrlC / Math.max(rawCtrlC, 0.01), target: '<100ms', ok: ctrlC < 100 }));

    // #5 keystroke → echoed glyph, in a stock headless Chromium (serve in a person's browser)
    const n = smoke ? 10 : 60;
    const echo = await echoInPage(page, client, n);

    const rawEcho = await new Promise((resolve) => {
      const p = pty.spawn('/bin/bash', ['--norc', '-i'], { cols: 80, rows: 24, cwd: dir, env: { ...process.env, PS1: '$ ' } });
      const lat = [];
      let waiting = null;
      p.onData((d) => {
        if (waiting && d.includes('y')) {
          lat.push(performance.now() - waiting);
          waiting = null;
        }
      });
      let i = 0;
      const next = () => {
        if (i++ >= n) {
          p.kill();
          resolve(lat);
          return;
        }
        waiting = performance.now();
        p.write('y');
        setTimeout(next, 20);
      };
      setTimeout(next, 500);
    });
    const oursP95 = percentile(echo, 95);
    const rawP95 = percentile(rawEcho, 95);
    console.log(`  (echo p50: ours ${percentile(echo, 50).toFixed(1)} ms, raw ${percentile(rawEcho, 50).toFixed(2)} ms)`);
    results.push(report({ name: '5 terminal echo p95 (ms)', ours: oursP95, baseline: rawP95, unit: '', ratio: oursP95 / Math.max(rawP95, 0.01), target: '≤ raw+8ms', ok: oursP95 <= rawP95 + 8 }));
    client.close();
  } finally {
    await b.close();
    await server.stop();
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
  return results;
}
