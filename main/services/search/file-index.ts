import { execFile, spawn } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FileChangeBatch } from '../../../shared/ipc/contract';
import { TopK, fuzzyContains, pathShape, prepareBound, scoreBound, scoreCandidate, type FuzzyMatch } from '../../../shared/model/fuzzy';

const run = promisify(execFile);
/** Enough for a listing of millions of paths. */
const MAX_BUFFER = 1024 * 1024 * 1024;
const PARTIAL_RESORT_MS = 100;

export interface FileIndexOptions {
  /** ripgrep's path, or null when it is not available. */
  rg: string | null;
  isExcluded: (rel: string) => boolean;
  /** The exclude globs, handed to ripgrep so 100k paths need no filtering in JS. */
  excludeGlobs?: () => string[];
}

/**
 * Every file of the workspace, for quick open and #File. Built in the background with
 * `rg --files` (honours .gitignore), else `git ls-files`, else a plain walk; kept current
 * from watcher batches, and rebuilt when the watcher says it lost events.
 */
export class FileIndex {
  private files = new Set<string>();
  private sorted: string[] | null = null;
  /**
   * What query() needs per path of `sorted`, made on the first query after a sort: the
   * lower-case path (the same string when it has no capitals), and `shape`, three ints per
   * path: where the file name starts and the word-start masks for scoreBound().
   */
  private lower: string[] | null = null;
  private shape = new Int32Array(0);
  /** The indices (into `sorted`) that matched the last query, in `hits[0..count)`: a longer query only narrows them, in place. */
  private hits = new Int32Array(0);
  private last: { query: string; count: number } | null = null;
  private building: Promise<void> | null = null;
  /** Paths arrived since the list was last sorted (a first build streaming in). */
  private partial = false;
  private sortedAt = 0;
  /** How long the last sort took (it sets how often a list still streaming in is sorted again). */
  private sortMs = 0;
  /** Callers of some() waiting for the first paths of a build. */
  private waiters: (() => void)[] = [];
  indexing = false;

  constructor(
    private readonly root: string,
    private readonly options: FileIndexOptions,
  ) {}

  /** Starts (or restarts) a full build; resolves when the list is complete. */
  rebuild(): Promise<void> {
    this.indexing = true;
    const build = this.list()
      .then(({ files, filtered, streamed }) => {
        if (this.building !== build) return;
        this.sorted = null;
        // streamed into this.files as they arrived (watcher changes since then are in it too)
        if (streamed) return;
        // rg applies the exclude globs itself; other listings are filtered here
        this.files = new Set(filtered ? files : files.filter((f) => !this.options.isExcluded(f)));
      })
      .finally(() => {
        if (this.building === build) this.indexing = false;
        this.wake();
      });
    this.building = build;
    return build;
  }

  /** Resolves once some paths are listed (or the build is over): enough to answer a first query. */
  some(): Promise<void> {
    if (this.files.size > 0 || !this.indexing) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  ready(): Promise<void> {
    return this.building ?? this.rebuild();
  }

  private async list(): Promise<{ files: string[]; filtered: boolean; streamed?: boolean }> {
    const filtered = !!this.options.excludeGlobs;
    if (this.options.rg) {
      const listed = await this.streamRipgrep(this.options.rg);
      if (listed) return { files: listed.files, filtered, streamed: listed.streamed && filtered };
    }
    try {
      const { stdout } = await run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: this.root, maxBuffer: MAX_BUFFER });
      const listed = stdout.split('\0').filter(Boolean);
      // ls-files lists deleted-but-tracked files too
      const exists = await Promise.all(listed.map((f) => fsp.lstat(path.join(this.root, f)).then((s) => !s.isDirectory(), () => false)));
      return { files: listed.filter((_, i) => exists[i]), filtered: false };
    } catch {
      return { files: await this.walk(), filtered: true };
    }
  }

  /**
   * `rg --files`, read as it streams: on the first build the paths are usable as they
   * arrive, so quick open answers from a partial list instead of waiting for the whole tree
   * (`streamed`: they went straight into `files`). The output is split on its NUL bytes and
   * each path decoded on its own: decoding whole chunks and splitting the text made every
   * path a slice that kept its 64 KB chunk alive, and twice the garbage.
   * Null when rg fails (the caller falls back to git or a walk).
   */
  private streamRipgrep(rg: string): Promise<{ files: string[]; streamed: boolean } | null> {
    const globs = (this.options.excludeGlobs?.() ?? []).flatMap((g) => ['-g', `!${g}`]);
    const live = this.files.size === 0 ? this.files : null;
    return new Promise((resolve) => {
      const child = spawn(rg, ['--files', '--hidden', '--no-require-git', '--no-config', '-g', '!.git', ...globs, '--null'], { cwd: this.root, stdio: ['ignore', 'pipe', 'ignore'] });
      const out: string[] = [];
      // streamed paths that rg filtered itself are final in `live`: the list is not kept twice
      const keep = !live || !this.options.excludeGlobs;
      let rest: Buffer | null = null;
      const take = (p: string) => {
        const rel = normalise(p);
        if (keep) out.push(rel);
        live?.add(rel);
      };
      child.stdout.on('data', (chunk: Buffer) => {
        let start = 0;
        let nul = chunk.indexOf(0);
        if (rest && nul !== -1) {
          // the path that began in the previous chunk
          take(Buffer.concat([rest, chunk.subarray(0, nul)]).toString('utf8'));
          rest = null;
          start = nul + 1;
          nul = chunk.indexOf(0, start);
        }
        for (; nul !== -1; start = nul + 1, nul = chunk.indexOf(0, start)) if (nul > start) take(chunk.toString('utf8', start, nul));
        if (start < chunk.length) rest = rest ? Buffer.concat([rest, chunk.subarray(start)]) : Buffer.from(chunk.subarray(start));
        if (live) {
          this.partial = true;
          this.wake();
        }
      });
      child.on('error', () => resolve(null));
      // rg exits 1 when there are no files at all
      child.on('close', (code) => {
        if (rest?.length) take(rest.toString('utf8'));
        resolve(code === 0 || code === 1 ? { files: out, streamed: live !== null } : null);
      });
    });
  }

  private async walk(): Promise<string[]> {
    const out: string[] = [];
    const visit = async (rel: string) => {
      let entries;
      try {
        entries = await fsp.readdir(path.join(this.root, rel), { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const child = rel ? `${rel}/${e.name}` : e.name;
        if (e.name === '.git' || this.options.isExcluded(child)) continue;
        if (e.isDirectory()) await visit(child);
        else if (e.isFile() || e.isSymbolicLink()) out.push(child);
      }
    };
    await visit('');
    return out;
  }

  /** Applies a watcher batch. */
  update(batch: FileChangeBatch): void {
    if (batch.rescan) {
      void this.rebuild();
      return;
    }
    for (const c of batch.changes) {
      if (c.type === 'delete') {
        if (this.files.delete(c.path)) this.sorted = null;
        else {
          // a folder went away: drop everything below it
          const prefix = c.path + '/';
          for (const f of this.files) if (f.startsWith(prefix)) this.files.delete(f);
          this.sorted = null;
        }
      } else if (c.type === 'create' && !this.files.has(c.path) && !this.options.isExcluded(c.path)) {
        this.last = null;
        void fsp.lstat(path.join(this.root, c.path)).then(
          (st) => {
            if (!st.isDirectory()) {
              this.files.add(c.path);
              this.sorted = null;
            }
          },
          () => undefined,
        );
      }
    }
  }

  /** Whether the index lists this file (a watcher 'create' for it is a replace, as atomic saves do). */
  has(rel: string): boolean {
    return this.files.has(rel);
  }

  get size(): number {
    return this.files.size;
  }

  all(): string[] {
    // while the first build streams in, the list is sorted again at most every 100 ms, and
    // never more than a tenth of the time (sorting 500k paths takes ~0.3 s here): sorting a
    // growing list on every keystroke would cost more than the build itself
    const gap = Math.max(PARTIAL_RESORT_MS, 10 * this.sortMs);
    if (this.partial && (!this.sorted || !this.indexing || Date.now() - this.sortedAt > gap)) {
      this.partial = this.indexing;
      this.sorted = null;
    }
    if (!this.sorted) {
      const started = performance.now();
      this.sorted = [...this.files].sort();
      this.sortMs = performance.now() - started;
      this.sortedAt = Date.now();
      this.lower = null;
      this.last = null;
    }
    return this.sorted;
  }

  /** Builds `lower`, `shape` and `hits` for the sorted list (not in all(): text search and filesUnder need none of it). */
  private prepare(files: string[]): string[] {
    if (this.lower) return this.lower;
    const lower = new Array<string>(files.length);
    const shape = new Int32Array(files.length * 3);
    for (let i = 0; i < files.length; i++) {
      const f = files[i];
      const l = f.toLowerCase();
      // keep one string when lower-casing changes nothing (V8 usually returns it anyway)
      lower[i] = l === f ? f : l;
      pathShape(f, l, shape, 3 * i);
    }
    this.shape = shape;
    this.hits = new Int32Array(files.length);
    this.lower = lower;
    return lower;
  }

  /** Fuzzy-ranked files for a query. Typing one more character only rescans the previous hits. */
  query(q: string, limit: number): { path: string; match: FuzzyMatch }[] {
    const files = this.all();
    const query = q.replace(/\s+/g, '');
    const lowerQ = query.toLowerCase();
    if (!query) return files.slice(0, limit).map((path) => ({ path, match: { score: 0, matches: [] } }));
    const lower = this.prepare(files);
    const { shape, hits } = this;
    const narrowing = this.last && lowerQ.startsWith(this.last.query);
    const end = narrowing ? this.last!.count : files.length;
    const bound = prepareBound(query, lowerQ);
    const top = new TopK<number>(limit);
    let count = 0;
    // The first keystrokes match nearly every path: most are dismissed by a cheap upper bound
    // on their score, and only the few entering the top list get their highlights.
    for (let h = 0; h < end; h++) {
      const i = narrowing ? hits[h] : h;
      const lowerT = lower[i];
      if (!fuzzyContains(lowerQ, lowerT)) continue;
      hits[count++] = i; // count <= h: the hits still to read are intact
      const target = files[i];
      const base = shape[3 * i];
      if (!top.accepts(scoreBound(bound, target, lowerT, base, shape[3 * i + 1], shape[3 * i + 2]), target)) continue;
      const score = scoreCandidate(query, lowerQ, target, lowerT, base, null);
      if (Number.isNaN(score) || !top.accepts(score, target)) continue;
      const matches: number[] = [];
      scoreCandidate(query, lowerQ, target, lowerT, base, matches);
      top.offer({ item: i, match: { score, matches }, key: target });
    }
    this.last = { query: lowerQ, count };
    return top.items.map(({ item, match }) => ({ path: files[item], match }));
  }
}

function normalise(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.\//, '');
}
