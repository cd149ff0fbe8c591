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

/** A tree of `count` small source files in nested folders (100 per folder). */
async function makeTree(root, count) {
  const jobs = [];
  for (let i = 0; i < count; i++) {
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

export async function searchBenchmarks({ smoke }) {
  const results = [];
  const count = smoke ? 5_000 : 100_000;
  const runs = smoke ? 1 : 3;
  const dir = tempDir();
  await makeTree(dir, count);
  const server = await serve(dir);
  try {
    const client = await connect(server.port, server.token);

    // #7 quick open: re-open the folder (fresh index) and ask until results come back
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
      report({ name: `7 quick open first result (ms)`, ours: median(first), baseline: median(rgFirst), unit: '', ratio: median(first) / median(rgFirst), target: '≤ rg+200ms', ok: median(first) <= median(rgFirst) + 200 }),
    );
    results.push(report({ name: `7 quick open full list (ms)`, ours: median(full), baseline: median(rgFull), unit: '', ratio: median(full) / median(rgFull), target: 'report', ok: true }));

    const typed = 'pkg0/mod42/omegaFile4204';
    const perKey = [];
    for (let i = 1; i <= typed.length; i++) perKey.push((await timed(() => client.call('search.files', { query: typed.slice(0, i), limit: 50 }))).ms);
    const p95 = percentile(perKey, 95);
    results.push(report({ name: '7 quick open per keystroke p95 (ms)', ours: p95, baseline: 50, unit: '', ratio: p95 / 50, target: '≤50ms', ok: p95 <= 50 }));

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
    client.close();
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return results;
}
