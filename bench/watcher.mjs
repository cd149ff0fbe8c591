// Benchmark #9 of BENCHMARKS.md: the watcher on a large generated tree. 1,000 files are written
// in a burst; each file's latency runs from its write to the first batch that reports it. Then
// both processes idle and their CPU time is read from /proc. The baseline is a bare
// @parcel/watcher subscription in a child Node process on the same tree, timing the same bursts.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { repoRoot, serve, tempDir } from './lib/env.mjs';
import { connect } from './lib/contract-client.mjs';
import { median, percentile, report } from './lib/report.mjs';

const BURST = 1000;
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
/** One clock for every process on the machine (CLOCK_MONOTONIC), in ms. */
const now = () => Number(process.hrtime.bigint()) / 1e6;

/** `count` small files, 100 per folder, in `pkgN/modM` folders (as the search benchmark makes them). */
async function makeTree(root, count) {
  const jobs = [];
  for (let i = 0; i < count; i++) {
    const dir = path.join(root, `pkg${Math.floor(i / 10000)}`, `mod${Math.floor(i / 100) % 100}`);
    if (i % 100 === 0) await mkdir(dir, { recursive: true });
    jobs.push(writeFile(path.join(dir, `file${i}.ts`), `export const value${i} = ${i};\n`));
    if (jobs.length >= 500) await Promise.all(jobs.splice(0));
  }
  await Promise.all(jobs);
}
const relOf = (i) => `pkg${Math.floor(i / 10000)}/mod${Math.floor(i / 100) % 100}/file${i}.ts`;

/**
 * Writes the burst from a worker thread, so this thread is free to take the watcher's messages
 * as they come; resolves with each file's write time (on `now()`'s clock).
 */
const WRITER = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const now = () => Number(process.hrtime.bigint()) / 1e6;
const times = [];
for (const rel of workerData.files) {
  times.push(now());
  fs.writeFileSync(path.join(workerData.root, rel), 'export const touched = "' + workerData.tag + '";\\n');
}
parentPort.postMessage(times);
`;

function writeBurst(root, files, tag) {
  const worker = new Worker(WRITER, { eval: true, workerData: { root, files, tag } });
  return once(worker, 'message').then(([times]) => new Map(files.map((f, i) => [f, times[i]])));
}

/** The baseline: @parcel/watcher alone, printing each callback's paths as one JSON line. */
const RAW_WATCHER = `
const watcher = require('@parcel/watcher');
const root = process.argv[1];
watcher.subscribe(root, (err, events) => {
  if (err) process.stdout.write(JSON.stringify({ error: String(err) }) + '\\n');
  else process.stdout.write(JSON.stringify(events.map((e) => e.path)) + '\\n');
}, { ignore: ['.git'] }).then(() => process.stdout.write('"ready"\\n'));
`;

async function startRawWatcher(root, onPaths) {
  const child = spawn(process.execPath, ['-e', RAW_WATCHER, root], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  let buf = '';
  let ready;
  const isReady = new Promise((r) => (ready = r));
  child.stdout.on('data', (d) => {
    const at = now();
    buf += d;
    let nl;
    while ((nl = buf.indexOf('\n')) !== -1) {
      const msg = JSON.parse(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
      if (msg === 'ready') ready();
      else if (Array.isArray(msg)) onPaths(msg.map((p) => path.relative(root, p).split(path.sep).join('/')), at);
    }
  });
  await isReady;
  return { pid: child.pid, stop: () => child.kill('SIGTERM') };
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat. */
async function cpuSeconds(pid) {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / CLK_TCK; // utime, stime (fields 14 and 15)
}

/**
 * First-seen times per path for each watcher; `burst()` writes files once and resolves with each
 * watcher's write → report latencies once all were reported (or 3 s after the burst, with what is
 * missing). Both watchers see the very same writes, so disk and machine state cannot favour either.
 */
function latencyProbe(names) {
  let seen = {};
  return {
    saw(name, paths, at) {
      const m = seen[name];
      if (m) for (const p of paths) if (!m.has(p)) m.set(p, at);
    },
    async burst(root, files, tag) {
      seen = Object.fromEntries(names.map((n) => [n, new Map()]));
      const written = await writeBurst(root, files, tag);
      const deadline = Date.now() + 3_000;
      const done = () => names.every((n) => files.every((f) => seen[n].has(f)));
      while (!done() && Date.now() < deadline) await sleep(20);
      const span = Math.max(...written.values()) - Math.min(...written.values());
      const out = { span };
      for (const n of names) {
        const got = files.filter((f) => seen[n].has(f));
        out[n] = { lat: got.map((f) => seen[n].get(f) - written.get(f)), missing: files.filter((f) => !seen[n].has(f)) };
      }
      return out;
    },
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits out the work a workspace does after opening (watch setup, the file index, and the
 * checkpoint store's background read of the tree 5 s after open): at least 6 s, then until a
 * 1 s window uses under 1 % of a core (at most 3 min).
 */
async function settle(pid, since) {
  const cpu0 = await cpuSeconds(pid);
  await sleep(Math.max(0, 6000 - (performance.now() - since)));
  for (let prev = await cpuSeconds(pid); performance.now() - since < 180_000; ) {
    await sleep(1000);
    const cur = await cpuSeconds(pid);
    if (cur - prev < 0.01) break;
    prev = cur;
  }
  return { s: (performance.now() - since) / 1000, cpu: (await cpuSeconds(pid)) - cpu0 };
}

async function bursts(probe, names, root, count, runs) {
  const stats = Object.fromEntries(names.map((n) => [n, { p95: [], p50: [], missing: 0 }]));
  let span = 0;
  for (let r = -1; r < runs; r++) {
    // a different 1,000 files each run, spread over the whole tree; run -1 warms up
    const files = Array.from({ length: BURST }, (_, k) => relOf((k * Math.floor(count / BURST) + r + 1) % count));
    const res = await probe.burst(root, files, `run${r}`);
    for (const n of names) {
      if (res[n].missing.length) console.log(`  (${n}: ${res[n].missing.length} of ${BURST} files never reported in run ${r}, e.g. ${res[n].missing[0]})`);
      if (r < 0) continue;
      stats[n].p95.push(percentile(res[n].lat, 95));
      stats[n].p50.push(percentile(res[n].lat, 50));
      stats[n].missing += res[n].missing.length;
    }
    if (r >= 0) span = Math.max(span, res.span);
    await sleep(1200); // quiet for longer than @parcel/watcher's 500 ms, so every burst starts alike
  }
  return { ...Object.fromEntries(names.map((n) => [n, { p95: median(stats[n].p95), p50: median(stats[n].p50), missing: stats[n].missing }])), span };
}

export async function watcherBenchmarks({ smoke }) {
  const results = [];
  const count = smoke ? 5_000 : 100_000;
  const runs = smoke ? 1 : 5;
  const idleMs = smoke ? 5_000 : 60_000;
  const dir = tempDir();
  let server;
  let raw;
  try {
    const t0 = performance.now();
    await makeTree(dir, count);
    console.log(`  (${count.toLocaleString()} files generated in ${((performance.now() - t0) / 1000).toFixed(1)} s; bursts of ${BURST} writes)`);

    execFileSync('sync'); // the tree's own writeback must not land in the bursts

    // ours: serve opens the tree at start; files.onDidChange over the WebSocket
    const probe = latencyProbe(['ours', 'raw']);
    const opened = performance.now();
    server = await serve(dir);
    const client = await connect(server.port, server.token);
    client.subscribe('files.onDidChange', {}, (batch) => {
      const at = now();
      if (batch.rescan) console.log('  (ours: a rescan batch)');
      probe.saw(
        'ours',
        batch.changes.map((c) => c.path),
        at,
      );
    });
    const info = await client.call('workspace.current', {}); // also orders after the subscription
    if (info.root !== dir) throw new Error(`serve opened ${info.root}, not ${dir}`);
    const settled = await settle(server.pid, opened);
    console.log(`  (serve settled ${settled.s.toFixed(1)} s after opening the folder, having used ${settled.cpu.toFixed(1)} CPU-s: background work after open is waited out)`);

    // the baseline watches the same tree at the same time: every burst is timed by both
    raw = await startRawWatcher(dir, (paths, at) => probe.saw('raw', paths, at));
    execFileSync('sync');
    await sleep(1000);
    const res = await bursts(probe, ['ours', 'raw'], dir, count, runs);
    const [ours, base] = [res.ours, res.raw];
    console.log(
      `  (p50: ours ${ours.p50.toFixed(1)} ms, raw ${base.p50.toFixed(1)} ms; a burst takes ${res.span.toFixed(0)} ms to write; never reported: ours ${ours.missing}, raw ${base.missing} of ${runs * BURST})`,
    );
    results.push(
      report({
        name: '9 watcher event p95 (ms)',
        ours: ours.p95,
        baseline: base.p95,
        unit: '',
        ratio: ours.p95 / base.p95,
        target: '≤ raw+50ms',
        ok: ours.p95 <= base.p95 + 50,
      }),
    );

    // idle: serve and the raw subscription side by side, both watching the same quiet tree
    const [oursStart, rawStart] = [await cpuSeconds(server.pid), await cpuSeconds(raw.pid)];
    const w0 = performance.now();
    await sleep(idleMs);
    const wall = (performance.now() - w0) / 1000;
    const oursCpu = (100 * ((await cpuSeconds(server.pid)) - oursStart)) / wall;
    const rawCpu = (100 * ((await cpuSeconds(raw.pid)) - rawStart)) / wall;
    results.push(
      report({
        name: `9 watcher idle CPU (%, ${Math.round(idleMs / 1000)} s)`,
        ours: oursCpu,
        baseline: rawCpu,
        unit: '',
        ratio: rawCpu > 0 ? oursCpu / rawCpu : oursCpu > 0 ? Infinity : 1,
        target: '<1% of a core',
        ok: oursCpu < 1,
      }),
    );
    client.close();
  } finally {
    raw?.stop();
    await server?.stop();
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
  return results;
}
