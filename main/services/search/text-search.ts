import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import picomatch from 'picomatch';
import { queryRegExp, type TextQuery } from '../../../shared/model/search-query';
import { searchInWorker, STALL_MS } from './builtin-worker';

export interface LineMatch {
  /** 1-based line number. */
  line: number;
  /** 1-based column, in UTF-16 units as the editor counts them. */
  column: number;
  length: number;
  /** The line's text (cut to PREVIEW_MAX characters). */
  preview: string;
}

export interface FileMatches {
  path: string;
  matches: LineMatch[];
}

export interface SearchOutcome {
  limitHit: boolean;
  engine: 'ripgrep' | 'builtin';
}

export const PREVIEW_MAX = 300;
/** Files larger than this are skipped by the built-in engine (ripgrep searches them). */
export const BUILTIN_MAX_FILE = 20 * 1024 * 1024;

function preview(text: string): string {
  const t = text.replace(/\r?\n$/, '');
  return t.length > PREVIEW_MAX ? t.slice(0, PREVIEW_MAX) : t;
}

/**
 * Searches with ripgrep: streams `--json` output, converting its UTF-8 byte offsets to
 * editor columns. Stops (kills rg) when `signal` aborts or `maxResults` is reached.
 */
export async function searchWithRipgrep(
  rg: string,
  root: string,
  q: TextQuery,
  excluded: string[],
  maxResults: number,
  onFile: (f: FileMatches) => void,
  signal: AbortSignal,
): Promise<SearchOutcome> {
  const args = ['--json', '--no-config', '--hidden', '--no-require-git', '-g', '!.git', q.caseSensitive ? '--case-sensitive' : '--ignore-case'];
  if (!q.isRegex) args.push('--fixed-strings');
  if (q.wholeWord) args.push('--word-regexp');
  for (const g of q.include) args.push('-g', g);
  for (const g of [...q.exclude, ...excluded]) args.push('-g', `!${g}`);
  args.push('--', q.pattern, '.');
  const child = spawn(rg, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let count = 0;
  let limitHit = false;
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const abort = () => child.kill();
  signal.addEventListener('abort', abort);
  let current: FileMatches | null = null;
  const flush = () => {
    if (current && current.matches.length) onFile(current);
    current = null;
  };
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    if (signal.aborted || limitHit) break;
    let msg: { type: string; data: { path?: { text?: string }; line_number?: number; lines?: { text?: string }; submatches?: { start: number; end: number }[] } };
    try {
      msg = JSON.parse(line);
    } catch {
      continue;
    }
    if (msg.type === 'begin') {
      flush();
      current = { path: (msg.data.path?.text ?? '').replace(/^\.\//, ''), matches: [] };
    } else if (msg.type === 'match' && current) {
      const text = msg.data.lines?.text ?? '';
      const bytes = Buffer.from(text);
      for (const sm of msg.data.submatches ?? []) {
        const column = bytes.subarray(0, sm.start).toString().length + 1;
        const length = bytes.subarray(sm.start, sm.end).toString().length;
        current.matches.push({ line: msg.data.line_number ?? 0, column, length, preview: preview(text) });
        if (++count >= maxResults) {
          limitHit = true;
          break;
        }
      }
    } else if (msg.type === 'end') flush();
  }
  flush();
  signal.removeEventListener('abort', abort);
  if (limitHit || signal.aborted) child.kill();
  const code: number | null = child.exitCode ?? (await new Promise<number | null>((r) => child.once('close', (c) => r(c))));
  // 0: matches, 1: none, 2: an error (a bad regex, unreadable files); report a bad pattern
  if (code === 2 && count === 0 && !signal.aborted && /regex|parse/i.test(stderr)) {
    throw new Error(`Invalid search pattern: ${stderr.split('\n').filter(Boolean).slice(-3).join(' ')}`);
  }
  return { limitHit, engine: 'ripgrep' };
}

/**
 * The built-in engine: the same results as ripgrep for ordinary patterns, over the file index.
 * The files are read and matched in a worker thread (see searchInWorker): a regular expression
 * that backtracks without end stops the search with a message instead of freezing the app.
 */
export async function searchBuiltin(
  root: string,
  files: string[],
  q: TextQuery,
  maxResults: number,
  onFile: (f: FileMatches) => void,
  signal: AbortSignal,
  stallMs?: number,
): Promise<SearchOutcome> {
  let re: RegExp;
  try {
    re = queryRegExp(q);
  } catch (err) {
    throw new Error(`Invalid search pattern: ${(err as Error).message}`);
  }
  const includes = q.include.map((g) => picomatch(g, { dot: true }));
  const excludes = q.exclude.map((g) => picomatch(g, { dot: true }));
  const paths = files.filter((rel) => (!includes.length || includes.some((m) => m(rel))) && !excludes.some((m) => m(rel)));
  if (signal.aborted || !paths.length) return { limitHit: false, engine: 'builtin' };
  const job = { root, paths, source: re.source, flags: re.flags, maxResults, maxFileBytes: BUILTIN_MAX_FILE, previewMax: PREVIEW_MAX };
  const r = await searchInWorker(job, (index, matches) => onFile({ path: paths[index], matches }), signal, stallMs);
  if (r.stalled) {
    throw new Error(
      `The search was stopped: the pattern ran for ${(stallMs ?? STALL_MS) / 1000} s on one file without finishing, which a regular expression does when it backtracks (nested repeats such as (a+)+ are the usual cause). The results so far are shown. Simplify the pattern, or install ripgrep (search.ripgrepPath), which does not backtrack.`,
    );
  }
  return { limitHit: r.limitHit, engine: 'builtin' };
}
