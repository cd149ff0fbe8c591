// Benchmark #13 of BENCHMARKS.md: a checkpoint of a large workspace, then of one changed file,
// against git snapshotting the same tree in the same run.
import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, tempDir } from './lib/env.mjs';
import { median, report } from './lib/report.mjs';

const run = promisify(execFile);
const { CheckpointStore } = await import(path.join(repoRoot, 'out/test-support/checkpoints.mjs'));

/** `count` files of about `avg` bytes each (varied, incompressible enough to be fair to git's zlib). */
async function makeTree(root, count, avg) {
  const jobs = [];
  const chunk = Buffer.alloc(avg * 2);
  for (let i = 0; i < chunk.length; i++) chunk[i] = 32 + ((i * 7919 + (i >> 5) * 104729) % 90);
  for (let i = 0; i < count; i++) {
    const dir = path.join(root, `pkg${Math.floor(i / 10000)}`, `mod${Math.floor(i / 100) % 100}`);
    if (i % 100 === 0) await mkdir(dir, { recursive: true });
    const size = Math.floor(avg / 2 + ((i * 2654435761) % avg));
    const start = (i * 131) % avg;
    jobs.push(writeFile(path.join(dir, `file${i}.txt`), Buffer.concat([Buffer.from(`// file ${i}\n`), chunk.subarray(start, start + size)])));
    if (jobs.length >= 256) await Promise.all(jobs.splice(0));
  }
  await Promise.all(jobs);
}

async function timed(fn) {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function listFiles(root) {
  const { stdout } = await run('rg', ['--files', '--hidden', '-g', '!.git', '--null'], { cwd: root, maxBuffer: 1 << 30 });
  return stdout.split('\0').filter(Boolean);
}

export async function checkpointBenchmarks({ smoke }) {
  const count = smoke ? 2_000 : 100_000;
  const avg = smoke ? 2_000 : 10_000; // 100k × ~10 KB ≈ 1 GB
  const results = [];
  const dir = tempDir();
  const root = path.join(dir, 'ws');
  await mkdir(root, { recursive: true });
  try {
    await makeTree(root, count, avg);
    const { stdout: du } = await run('du', ['-sh', root]);
    console.log(`  (${count.toLocaleString()} files, ${du.split('\t')[0]})`);
    // the generated gigabyte is written back to disk now, not during whichever side runs first
    await run('sync');

    // ours: the first checkpoint reads and stores every file
    const store = new CheckpointStore({ root, dir: path.join(dir, 'data'), listFiles: () => listFiles(root), isIgnored: async () => new Set() });
    const first = await timed(() => store.create('first'));

    // git: what it takes to snapshot the same tree from nothing (hash, compress, store every blob, write the tree)
    await run('git', ['init', '-q'], { cwd: root });
    // no automatic gc: after the commit below it would repack 100k loose objects in the
    // background, during the incremental runs of both sides
    await run('git', ['config', 'gc.auto', '0'], { cwd: root });
    await run('git', ['config', 'maintenance.auto', 'false'], { cwd: root });
    const gitFirst = await timed(async () => {
      await run('git', ['add', '-A'], { cwd: root, maxBuffer: 1 << 30 });
      await run('git', ['write-tree'], { cwd: root });
    });
    await run('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-q', '-m', 'base'], { cwd: root });
    results.push(report({ name: '13 checkpoint, first (ms)', ours: first, baseline: gitFirst, unit: '', ratio: first / gitFirst, target: '≤2× git', ok: first <= 2 * gitFirst }));

    // one changed file: ours is told by the watcher; git stash create finds it by stat
    const inc = [];
    const gitInc = [];
    for (let i = 0; i < (smoke ? 1 : 5); i++) {
      const rel = `pkg0/mod1/file${100 + i}.txt`;
      await writeFile(path.join(root, rel), `changed ${i} ${Date.now()}\n`);
      store.noteChanges({ rescan: false, changes: [{ type: 'update', path: rel }] });
      inc.push(await timed(() => store.create(`change ${i}`)));
      gitInc.push(await timed(() => run('git', ['stash', 'create'], { cwd: root })));
    }
    const ours = median(inc);
    results.push(report({ name: '13 checkpoint, one file changed (ms)', ours, baseline: median(gitInc), unit: '', ratio: ours / median(gitInc), target: '<200ms', ok: ours < 200 }));
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
  return results;
}
