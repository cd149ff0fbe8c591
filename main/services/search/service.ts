import { ContractError, type Disposable } from '../../../shared/ipc/protocol';
import { queryRegExp, replacementFor, type TextQuery } from '../../../shared/model/search-query';
import type { WorkspaceManager } from '../workspace/manager';
import { FileIndex } from './file-index';
import { replaceInWorker, STALL_MS } from './builtin-worker';
import { searchBuiltin, searchWithRipgrep, type FileMatches, type SearchOutcome } from './text-search';

/** Quick open's index and workspace text search for whichever folder is open. */
export class SearchService implements Disposable {
  private index: FileIndex | undefined;
  private subs: Disposable[] = [];

  constructor(
    private readonly workspaces: WorkspaceManager,
    private readonly rg: () => string | null,
    private readonly excluded: () => string[],
    /** How long a replace may go without progress before it is stopped (tests shorten it). */
    private readonly stallMs = STALL_MS,
  ) {
    this.subs.push(
      workspaces.onDidChange((info) => {
        this.index = undefined;
        if (info.root) void this.currentIndex();
      }),
      workspaces.onDidChangeFiles((batch) => this.index?.update(batch)),
    );
  }

  private currentIndex(): FileIndex {
    const ws = this.workspaces.current;
    if (!this.index) {
      this.index = new FileIndex(ws.root, { rg: this.rg(), isExcluded: (rel) => ws.isExcluded(rel), excludeGlobs: this.excluded });
      void this.index.rebuild();
    }
    return this.index;
  }

  /**
   * Whether a file was already known. A watcher 'create' never adds to the index at once
   * (it is stat-ed first), so during a batch this still tells what was there before it.
   */
  knows(rel: string): boolean {
    return this.index?.has(rel) ?? false;
  }

  /** Fuzzy file search; answers from what is indexed so far while a build is running. */
  async files(query: string, limit: number) {
    const index = this.currentIndex();
    if (index.indexing && index.size === 0) await Promise.race([index.some(), new Promise((r) => setTimeout(r, 300))]);
    const results = index.query(query, limit).map((r) => ({ path: r.path, matches: r.match.matches }));
    return { results, total: index.size, indexing: index.indexing };
  }

  /** Files below a folder (recursively), from the index. */
  async filesUnder(folder: string, limit: number): Promise<string[]> {
    const index = this.currentIndex();
    await index.ready();
    const prefix = folder.replace(/\/+$/, '');
    return index
      .all()
      .filter((f) => !prefix || f.startsWith(prefix + '/'))
      .slice(0, limit);
  }

  /** Streams text matches file by file; abort stops the search (and ripgrep) at once. */
  async text(q: TextQuery, maxResults: number, onFile: (f: FileMatches) => void, signal: AbortSignal): Promise<SearchOutcome> {
    const ws = this.workspaces.current;
    const rg = this.rg();
    if (rg) return searchWithRipgrep(rg, ws.root, q, this.excluded(), maxResults, onFile, signal);
    const index = this.currentIndex();
    await index.ready();
    return searchBuiltin(ws.root, index.all(), q, maxResults, onFile, signal);
  }

  /** Replaces every match of the query in the given files; each file is written atomically. */
  async replace(q: TextQuery, replacement: string, paths: string[]): Promise<{ files: number; replacements: number }> {
    const ws = this.workspaces.current;
    let re: RegExp;
    try {
      re = queryRegExp(q);
    } catch (err) {
      throw new ContractError('INVALID_INPUT', `Invalid search pattern: ${(err as Error).message}`);
    }
    const texts: { rel: string; content: string; encoding: string }[] = [];
    for (const rel of paths) {
      const read = await ws.read(rel);
      if (read.kind === 'text') texts.push({ rel, content: read.content, encoding: read.encoding });
    }
    // every replacement is worked out (off main: a pattern may backtrack without end) before any file is written
    const done = await replaceInWorker(re, replacement, q.isRegex, texts.map((t) => t.content), replacementFor, this.stallMs);
    if (!done) {
      throw new ContractError(
        'CANCELLED',
        `Nothing was replaced: the pattern ran for ${this.stallMs / 1000} s on one file without finishing, which a regular expression does when it backtracks (nested repeats such as (a+)+ are the usual cause). Simplify the pattern.`,
      );
    }
    let files = 0;
    let replacements = 0;
    for (const [i, t] of texts.entries()) {
      if (done[i].count === 0) continue;
      await ws.write(t.rel, done[i].text, t.encoding);
      files++;
      replacements += done[i].count;
    }
    return { files, replacements };
  }

  dispose(): void {
    this.subs.forEach((s) => s.dispose());
  }
}
