// Benchmarks #7 (quick open over a large tree) and #8 (workspace text search) of BENCHMARKS.md.
import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { serve, tempDir } from './lib/env.mjs';
import { connect } from './lib/contract-client.mjs';
import { median, percentile, report } from './lib/report.mjs';

const run = promisify(execFile);
const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'omega', 'render', 'parse', 'store', 'index', 'query'];

/** A tree of `count` small source files in nested folders (100 per folder); `from` grows an existing one. */
async function makeTree(root, count, from = 0) {
  const jobs = [];
  for (let i = from; i < count; i++) {
    const dir = path.join(root, `pkg${Math.floor(i / 10000)}`, `mod${Math.floor(i / 100) % 100}`);
    if (i % 100 === 0) await mkdir(dir, { recursive: true });
    const w = WORDS[i % WORDS.length];
    const body = `export function ${w}${i}(x: number) {\n  return x + ${i}; // ${w} value\n}\n${i % 997 === 0 ? 'const needleMarker = true;\n' : ''}`;
    jobs.push(writeFile(path.join(dir, `${w}File${i}.ts`), body));
    if (jobs.length >= 500) await Promise.all(jobs.splice(0));
  }
  await Promise.all(jobs);
}

async function timed(fn) {
  const t0 = performance.now();
  const r = await fn();
  return { ms: performance.now() - t0, r };
}

/** #7 on one tree: re-open the folder (a fresh index) and ask until results come back; then type a path. */
async function quickOpen(client, dir, count, runs, label) {
  const results = [];
  const first = [];
  const full = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await client.call('workspace.open', { path: dir });
    let firstAt = 0;
    for (;;) {
      const res = await client.call('search.files', { query: 'omegafile', limit: 50 });
      if (!firstAt && res.results.length) firstAt = performance.now() - t0;
      if (!res.indexing && res.results.length) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    first.push(firstAt);
    full.push(performance.now() - t0);
  }
  const rgFirst = [];
  const rgFull = [];
  for (let i = 0; i < runs; i++) {
    rgFull.push((await timed(() => run('rg', ['--files'], { cwd: dir, maxBuffer: 1 << 30 }))).ms);
    rgFirst.push((await timed(() => run('sh', ['-c', 'rg --files | head -1'], { cwd: dir }))).ms);
  }
  const findFull = (await timed(() => run('find', ['.', '-type', 'f'], { cwd: dir, maxBuffer: 1 << 30 }))).ms;
  console.log(`  (${count.toLocaleString()} files; find -type f: ${findFull.toFixed(0)} ms; rg --files: ${median(rgFull).toFixed(0)} ms)`);
  results.push(
    report({ name: `7 quick open first result${label} (ms)`, ours: median(first), baseline: median(rgFirst), unit: '', ratio: median(first) / median(rgFirst), target: '≤ rg+200ms', ok: median(first) <= median(rgFirst) + 200 }),
  );
  results.push(report({ name: `7 quick open full list${label} (ms)`, ours: median(full), baseline: median(rgFull), unit: '', ratio: median(full) / median(rgFull), target: 'report', ok: true }));

  // each prefix of a path, typed three times over (the index narrows from the previous query only while it grows)
  const typed = 'pkg0/mod42/omegaFile4204';
  const perKey = [];
  for (let r = 0; r < runs; r++) {
    for (let i = 1; i <= typed.length; i++) perKey.push((await timed(() => client.call('search.files', { query: typed.slice(0, i), limit: 50 }))).ms);
  }
  const p95 = percentile(perKey, 95);
  // the target is set at 100k files; a larger tree is reported
  const judged = count <= 100_000;
  results.push(report({ name: `7 quick open per keystroke p95${label} (ms)`, ours: p95, baseline: 50, unit: '', ratio: p95 / 50, target: judged ? '≤50ms' : 'report (≤50ms is for 100k)', ok: !judged || p95 <= 50 }));
  return results;
}

export async function searchBenchmarks({ smoke }) {
  const results = [];
  const count = smoke ? 5_000 : 100_000;
  const runs = smoke ? 1 : 3;
  const dir = tempDir();
  await makeTree(dir, count);
  const server = await serve(dir);
  try {
    const client = await connect(server.port, server.token);
    results.push(...(await quickOpen(client, dir, count, runs, '')));

    // #8 text search: ours streams until done; baseline is rg on the same tree
    const ours = [];
    const base = [];
    for (let i = 0; i < runs; i++) {
      ours.push(
        (
          await timed(
            () =>
              new Promise((resolve) => {
                client.subscribe('search.text', { pattern: 'needleMarker', isRegex: false, caseSensitive: true, wholeWord: false, include: [], exclude: [], maxResults: 20000 }, (e) => {
                  if (e.type === 'done') resolve(e);
                });
              }),
          )
        ).ms,
      );
      base.push((await timed(() => run('rg', ['needleMarker', '.'], { cwd: dir, maxBuffer: 1 << 30 }))).ms);
    }
    results.push(report({ name: '8 text search (ms)', ours: median(ours), baseline: median(base), unit: '', ratio: median(ours) / median(base), target: '≤1.5× rg', ok: median(ours) <= 1.5 * median(base) }));

    // #7 again on a 500k-file tree (smoke: 10k), the same folder grown in place
    const big = smoke ? 10_000 : 500_000;
    await client.call('workspace.close', {});
    const t0 = performance.now();
    await makeTree(dir, big, count);
    console.log(`  (grew the tree to ${big.toLocaleString()} files in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    results.push(...(await quickOpen(client, dir, big, runs, `, ${big / 1000}k`)));
    client.close();
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
  return results;
}
