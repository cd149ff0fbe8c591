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
 * Runs the built-in text search in a worker thread. JavaScript's regular expressions backtrack,
 * so a pattern like `(a+)+$` can take longer than the universe on one line of text; in main,
 * that would freeze every window, terminal and agent of the app. In a worker it costs one
 * thread, which is terminated when the search is cancelled or stalls for STALL_MS. The reading
 * and decoding of every file happen there too, off main's event loop.
 */
export function searchInWorker(
  job: Job,
  onFile: (index: number, matches: WorkerMatch[]) => void,
  signal: AbortSignal,
  stallMs = STALL_MS,
): Promise<{ limitHit: boolean; stalled?: boolean }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(`(${workerProgram.toString()})(require)`, { eval: true, workerData: job });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    const stall = () => finish(() => resolve({ limitHit: false, stalled: true }));
    let timer = setTimeout(stall, stallMs);
    const onAbort = () => finish(() => resolve({ limitHit: false }));
    signal.addEventListener('abort', onAbort);
    worker.on('message', (e: Event) => {
      clearTimeout(timer);
      timer = setTimeout(stall, stallMs);
      if (e.t === 'file') onFile(e.index, e.matches);
      else if (e.t === 'done') finish(() => resolve({ limitHit: e.limitHit }));
      else if (e.t === 'error') finish(() => reject(new Error(e.message)));
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', () => finish(() => reject(new Error('The search stopped unexpectedly.'))));
  });
}
