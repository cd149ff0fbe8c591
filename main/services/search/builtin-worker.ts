import { Worker } from 'node:worker_threads';

/** One matching line's match, with the line's text for the results view. */
export interface WorkerMatch {
  line: number;
  /** 1-based, in UTF-16 units as the editor counts them. */
  column: number;
  length: number;
  preview: string;
}

interface Job {
  root: string;
  paths: string[];
  source: string;
  flags: string;
  maxResults: number;
  maxFileBytes: number;
  previewMax: number;
}

type Event = { t: 'file'; index: number; matches: WorkerMatch[] } | { t: 'progress' } | { t: 'done'; limitHit: boolean } | { t: 'error'; message: string };

/**
 * The worker's whole program. Its source text is what the worker evaluates, so it uses nothing
 * from outside itself (Node's own modules only, through `load`). Per file: a regular file within the size
 * limit, not binary (a NUL in its first 8 KB without a UTF-16 byte-order mark), read as
 * UTF-8; per line, CR dropped, every non-empty match.
 */
function workerProgram(load: (id: string) => unknown) {
  // `load` is the worker's own require: a bundler rewrites calls to `require` itself, in a way only the bundle understands
  const { parentPort, workerData } = load('node:worker_threads') as typeof import('node:worker_threads');
  const fs = load('node:fs') as typeof import('node:fs');
  const path = load('node:path') as typeof import('node:path');
  const job = workerData as Job;
  const post = (e: Event) => parentPort!.postMessage(e);
  const binary = (buf: Buffer) => {
    if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) return false;
    return buf.subarray(0, 8192).indexOf(0) !== -1;
  };
  try {
    const re = new RegExp(job.source, job.flags);
    let count = 0;
    let lastProgress = Date.now();
    for (let index = 0; index < job.paths.length && count < job.maxResults; index++) {
      if (Date.now() - lastProgress > 250) {
        post({ t: 'progress' });
        lastProgress = Date.now();
      }
      let buf: Buffer;
      try {
        const file = path.join(job.root, job.paths[index]);
        const st = fs.statSync(file);
        if (!st.isFile() || st.size > job.maxFileBytes) continue;
        buf = fs.readFileSync(file);
      } catch {
        continue;
      }
      if (binary(buf)) continue;
      const lines = buf.toString('utf8').split('\n');
      const found: WorkerMatch[] = [];
      for (let i = 0; i < lines.length && count < job.maxResults; i++) {
        const line = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
        re.lastIndex = 0;
        for (let m = re.exec(line); m; m = re.exec(line)) {
          if (m[0].length === 0) {
            re.lastIndex++;
            continue;
          }
          found.push({ line: i + 1, column: m.index + 1, length: m[0].length, preview: line.length > job.previewMax ? line.slice(0, job.previewMax) : line });
          if (++count >= job.maxResults) break;
        }
      }
      if (found.length) post({ t: 'file', index, matches: found });
    }
    post({ t: 'done', limitHit: count >= job.maxResults });
  } catch (err) {
    post({ t: 'error', message: String((err as Error).message ?? err) });
  }
}

/** No word from the worker for this long: the pattern is stuck on a line (it backtracks). */
export const STALL_MS = 10_000;

/**
 * Runs a self-contained program (`code`, evaluated with `require` as its one argument) in a
 * worker thread and hands each message it posts to `onEvent`, until that returns an outcome.
 * JavaScript's regular expressions backtrack, so a pattern like `(a+)+$` can take longer than
 * the universe on one line of text; in main that would freeze every window, terminal and agent
 * of the app. In a worker it costs one thread, terminated when `signal` aborts (`aborted`) or
 * the worker has said nothing for `stallMs` (`stalled`).
 */
function supervise<E, T>(
  program: (load: (id: string) => unknown) => void,
  workerData: unknown,
  onEvent: (e: E) => { done: T } | { error: string } | undefined,
  signal: AbortSignal | undefined,
  stallMs: number,
): Promise<{ done: T } | { stalled: true } | { aborted: true }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(`(${program.toString()})(require)`, { eval: true, workerData });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    const stall = () => finish(() => resolve({ stalled: true }));
    let timer = setTimeout(stall, stallMs);
    const onAbort = () => finish(() => resolve({ aborted: true }));
    signal?.addEventListener('abort', onAbort);
    worker.on('message', (e: E) => {
      clearTimeout(timer);
      timer = setTimeout(stall, stallMs);
      const outcome = onEvent(e);
      if (outcome && 'done' in outcome) finish(() => resolve(outcome));
      else if (outcome) finish(() => reject(new Error(outcome.error)));
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', () => finish(() => reject(new Error('The worker stopped unexpectedly.'))));
  });
}

/** The built-in text search in a worker (see supervise); the reading and decoding of every file happen there too. */
export async function searchInWorker(
  job: Job,
  onFile: (index: number, matches: WorkerMatch[]) => void,
  signal: AbortSignal,
  stallMs = STALL_MS,
): Promise<{ limitHit: boolean; stalled?: boolean }> {
  const r = await supervise<Event, boolean>(
    workerProgram,
    job,
    (e) => {
      if (e.t === 'file') onFile(e.index, e.matches);
      else if (e.t === 'done') return { done: e.limitHit };
      else if (e.t === 'error') return { error: e.message };
      return undefined;
    },
    signal,
    stallMs,
  );
  return 'done' in r ? { limitHit: r.done } : { limitHit: false, stalled: 'stalled' in r };
}

interface ReplaceJob {
  source: string;
  flags: string;
  replacement: string;
  isRegex: boolean;
  texts: string[];
  /** The source of replacementFor (shared/model/search-query.ts), which expands $1, $& and $$. */
  expand: string;
}

type ReplaceEvent = { t: 'file'; index: number; text: string; count: number } | { t: 'done' } | { t: 'error'; message: string };

/** The replace worker's program: every text with each match replaced, and how many were. Self-contained, like workerProgram. */
function replaceProgram(load: (id: string) => unknown) {
  const { parentPort, workerData } = load('node:worker_threads') as typeof import('node:worker_threads');
  const job = workerData as ReplaceJob;
  const post = (e: ReplaceEvent) => parentPort!.postMessage(e);
  try {
    // replacementFor, whose source main sent: one definition of what $1, $& and $$ mean
    const expand = new Function(`return (${job.expand})`)() as (m: RegExpExecArray, replacement: string, isRegex: boolean) => string;
    const re = new RegExp(job.source, job.flags);
    job.texts.forEach((text, index) => {
      let count = 0;
      const next = text.replace(re, (...args: unknown[]) => {
        count++;
        const groups = args.slice(0, -2) as string[];
        const match = Object.assign([...groups], { index: args[args.length - 2] as number, input: text }) as unknown as RegExpExecArray;
        return expand(match, job.replacement, job.isRegex);
      });
      post({ t: 'file', index, text: next, count });
    });
    post({ t: 'done' });
  } catch (err) {
    post({ t: 'error', message: String((err as Error).message ?? err) });
  }
}

/**
 * Every match of `re` in each text replaced, computed in a worker (see supervise); null when
 * the pattern stalled on one of them, so a caller can leave every file as it was.
 */
export async function replaceInWorker(
  re: RegExp,
  replacement: string,
  isRegex: boolean,
  texts: string[],
  expand: (m: RegExpExecArray, replacement: string, isRegex: boolean) => string,
  stallMs = STALL_MS,
): Promise<{ text: string; count: number }[] | null> {
  const out: { text: string; count: number }[] = [];
  const job: ReplaceJob = { source: re.source, flags: re.flags, replacement, isRegex, texts, expand: expand.toString() };
  const r = await supervise<ReplaceEvent, true>(
    replaceProgram,
    job,
    (e) => {
      if (e.t === 'file') out[e.index] = { text: e.text, count: e.count };
      else if (e.t === 'done') return { done: true };
      else if (e.t === 'error') return { error: e.message };
      return undefined;
    },
    undefined,
    stallMs,
  );
  return 'done' in r ? out : null;
}
