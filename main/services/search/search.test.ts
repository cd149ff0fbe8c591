import { mkdtempSync, promises as fsp, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzyScore } from '../../../shared/model/fuzzy';
import type { TextQuery } from '../../../shared/model/search-query';
import { random, randomQuery } from '../../../shared/model/test-support/queries';
import { SettingsService } from '../settings/settings';
import { StateStore } from '../settings/state';
import { WorkspaceManager } from '../workspace/manager';
import { FileIndex } from './file-index';
import { findRipgrep } from './ripgrep';
import { SearchService } from './service';
import { searchBuiltin, searchWithRipgrep, type FileMatches } from './text-search';

const rg = findRipgrep();
let root: string;

const FILES: Record<string, string> = {
  'src/app.ts': 'export function greet(name: string) {\n  return `Hello, ${name}`;\n}\nconst greeting = greet("x");\n',
  'src/util/strings.ts': 'export const GREET = "hi";\n// greet everyone: greet greet\nexport const café = "crème";\n',
  'docs/guide.md': '# Guide\n\nSay Greet to the user.\nNothing here.\n',
  'README.md': 'greetings and salutations\n',
  '.config/settings.json': '{ "greet": true }\n',
  'bin/data.bin': 'greet\0\0\0binary',
};

beforeAll(async () => {
  root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sw-search-')));
  for (const [rel, text] of Object.entries(FILES)) {
    await fsp.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await fsp.writeFile(path.join(root, rel), text);
  }
});
afterAll(() => fsp.rm(root, { recursive: true, force: true }));

const q = (over: Partial<TextQuery>): TextQuery => ({ pattern: 'greet', isRegex: false, caseSensitive: false, wholeWord: false, include: [], exclude: [], ...over });

async function collect(fn: (onFile: (f: FileMatches) => void) => Promise<unknown>) {
  const out: string[] = [];
  await fn((f) => f.matches.forEach((m) => out.push(`${f.path}:${m.line}:${m.column}:${m.length}`)));
  return out.sort();
}

async function builtinFiles() {
  const index = new FileIndex(root, { rg: null, isExcluded: () => false });
  await index.rebuild();
  return index.all();
}

describe('text search', () => {
  const cases: [string, Partial<TextQuery>][] = [
    ['literal, case-insensitive', {}],
    ['case-sensitive', { caseSensitive: true, pattern: 'Greet' }],
    ['whole word', { wholeWord: true }],
    ['regex', { isRegex: true, pattern: 'gre+t(ing)?s?' }],
    ['include glob', { include: ['src/**'] }],
    ['exclude glob', { exclude: ['**/*.md'] }],
    ['non-ASCII columns', { pattern: 'crème' }],
  ];

  it.each(cases)('the built-in engine finds %s matches', async (_name, over) => {
    const files = await builtinFiles();
    const got = await collect((onFile) => searchBuiltin(root, files, q(over), 1000, onFile, new AbortController().signal));
    expect(got.length).toBeGreaterThan(0);
    expect(got.some((g) => g.startsWith('bin/'))).toBe(false); // binary files are skipped
  });

  it.runIf(rg).each(cases)('ripgrep and the built-in engine agree: %s', async (_name, over) => {
    const files = await builtinFiles();
    const viaRg = await collect((onFile) => searchWithRipgrep(rg!, root, q(over), [], 1000, onFile, new AbortController().signal));
    const builtin = await collect((onFile) => searchBuiltin(root, files, q(over), 1000, onFile, new AbortController().signal));
    expect(viaRg).toEqual(builtin);
  });

  it('reports columns the editor can use, also after non-ASCII text', async () => {
    const files = await builtinFiles();
    const got = await collect((onFile) => searchBuiltin(root, files, q({ pattern: 'crème' }), 1000, onFile, new AbortController().signal));
    expect(got).toEqual(['src/util/strings.ts:3:22:5']); // after 'export const café = "'
  });

  it('stops at the result limit and says so', async () => {
    const files = await builtinFiles();
    const seen: FileMatches[] = [];
    const r = await searchBuiltin(root, files, q({}), 3, (f) => seen.push(f), new AbortController().signal);
    expect(r.limitHit).toBe(true);
    expect(seen.flatMap((f) => f.matches)).toHaveLength(3);
  });

  it('stops a pattern that backtracks without end, keeps what it found, and never blocks the event loop', async () => {
    const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sw-search-redos-')));
    try {
      await fsp.writeFile(path.join(dir, 'a.txt'), 'aaa\n');
      await fsp.writeFile(path.join(dir, 'b.txt'), `${'a'.repeat(60)}!\n`);
      const seen: FileMatches[] = [];
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 50);
      const started = Date.now();
      try {
        await expect(searchBuiltin(dir, ['a.txt', 'b.txt'], q({ isRegex: true, pattern: '(a+)+$' }), 100, (f) => seen.push(f), new AbortController().signal, 1000)).rejects.toThrow(
          /stopped: the pattern ran for 1 s on one file without finishing.*backtracks.*results so far are shown/,
        );
      } finally {
        clearInterval(ticker);
      }
      expect(Date.now() - started).toBeLessThan(5000);
      expect(ticks).toBeGreaterThan(10); // main went on running while the worker was stuck
      expect(seen).toEqual([{ path: 'a.txt', matches: [{ line: 1, column: 1, length: 3, preview: 'aaa' }] }]);
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
    }
  });

  it('a cancelled search ends at once, its worker with it', async () => {
    const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sw-search-cancel-')));
    try {
      await fsp.writeFile(path.join(dir, 'b.txt'), `${'a'.repeat(60)}!\n`);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const started = Date.now();
      await expect(searchBuiltin(dir, ['b.txt'], q({ isRegex: true, pattern: '(a+)+$' }), 100, () => undefined, controller.signal)).resolves.toMatchObject({ limitHit: false });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects an invalid regex with a readable message', async () => {
    await expect(searchBuiltin(root, [], q({ isRegex: true, pattern: '(unclosed' }), 10, () => undefined, new AbortController().signal)).rejects.toThrow(
      /Invalid search pattern/,
    );
  });
});

describe('FileIndex', () => {
  it.runIf(rg)('honours .gitignore and excluded globs', async () => {
    await fsp.writeFile(path.join(root, '.gitignore'), 'docs/\n');
    try {
      const index = new FileIndex(root, { rg, isExcluded: (p) => p.startsWith('bin/') });
      await index.rebuild();
      expect(index.all()).toContain('src/app.ts');
      expect(index.all()).not.toContain('docs/guide.md');
      expect(index.all()).not.toContain('bin/data.bin');
    } finally {
      await fsp.rm(path.join(root, '.gitignore'));
    }
  });

  it.runIf(rg)('lists every file of a tree too big for one read of rg’s output, names in any script whole', async () => {
    const big = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sw-index-')));
    try {
      const expected: string[] = [];
      for (let d = 0; d < 30; d++) await fsp.mkdir(path.join(big, `dir-ü${d}`));
      for (let i = 0; i < 4000; i++) expected.push(`dir-ü${i % 30}/naïve-日本語-файл-${i}.ts`);
      await Promise.all(expected.map((rel) => fsp.writeFile(path.join(big, rel), '')));
      for (const excludeGlobs of [() => [], undefined]) {
        const index = new FileIndex(big, { rg, isExcluded: () => false, excludeGlobs });
        await index.rebuild();
        expect(index.all().sort()).toEqual([...expected].sort());
      }
    } finally {
      await fsp.rm(big, { recursive: true, force: true });
    }
  });

  it('follows created and deleted files from watcher batches', async () => {
    const index = new FileIndex(root, { rg: null, isExcluded: () => false });
    await index.rebuild();
    await fsp.writeFile(path.join(root, 'new-file.ts'), '');
    index.update({ rescan: false, changes: [{ type: 'create', path: 'new-file.ts' }] });
    await new Promise((r) => setTimeout(r, 50));
    expect(index.query('newfile', 5)[0]?.path).toBe('new-file.ts');
    index.update({ rescan: false, changes: [{ type: 'delete', path: 'src' }] });
    expect(index.all().some((f) => f.startsWith('src/'))).toBe(false);
    await fsp.rm(path.join(root, 'new-file.ts'));
  });
});

describe('FileIndex ranking', () => {
  let tree: string;
  beforeAll(async () => {
    // ~3,000 files shaped like a real tree (pkgN/modM/<word>File<k>.ts) plus messier names
    tree = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sw-rank-')));
    const words = ['alpha', 'beta', 'Gamma', 'delta_x', 'omega-y', 'render', 'parse.v2', 'İndex', 'café', 'io'];
    const rels: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const w = words[i % words.length];
      rels.push(i % 7 === 0 ? `pkg${i % 3}/${w}${i}/README.md` : `pkg${Math.floor(i / 1000)}/mod${Math.floor(i / 100) % 10}/${w}File${i}.ts`);
    }
    for (const dir of new Set(rels.map((r) => path.dirname(r)))) await fsp.mkdir(path.join(tree, dir), { recursive: true });
    await Promise.all(rels.map((r) => fsp.writeFile(path.join(tree, r), '')));
  });
  afterAll(() => fsp.rm(tree, { recursive: true, force: true }));

  /** Scores every path: what query()'s bound, top list and narrowing must reproduce exactly. */
  const bruteForce = (files: string[], q: string, limit: number) =>
    files
      .flatMap((p) => {
        const m = fuzzyScore(q, p);
        return m ? [{ path: p, score: m.score, matches: m.matches }] : [];
      })
      .sort((a, b) => b.score - a.score || a.path.length - b.path.length || (a.path < b.path ? -1 : 1))
      .slice(0, limit);

  it('ranks, scores and highlights exactly as scoring every path would, also while narrowing', async () => {
    const index = new FileIndex(tree, { rg: null, isExcluded: () => false });
    await index.rebuild();
    const files = index.all();
    expect(files.length).toBe(3000);
    const rnd = random(42);
    const queries: string[] = [];
    for (let t = 0; t < 60; t++) {
      const word = randomQuery(rnd, files);
      // typed a character at a time, as quick open sees it
      for (let k = 1; k <= word.length; k++) queries.push(word.slice(0, k));
    }
    queries.push(...['pkg0/mod4/omegaFile', 'readme', 'GF', 'pkg 1'].flatMap((w) => [...w].map((_, k) => w.slice(0, k + 1))));
    for (const [n, q] of queries.entries()) {
      const limit = [1, 10, 50][n % 3];
      const got = index.query(q, limit).map((r) => ({ path: r.path, score: r.match.score, matches: r.match.matches }));
      expect({ q, limit, got }).toEqual({ q, limit, got: bruteForce(files, q, limit) });
    }
  });
});

describe('replace all', () => {
  let dir: string;
  let manager: WorkspaceManager;
  beforeAll(async () => {
    dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sw-replace-')));
    const settings = new SettingsService(path.join(dir, 'config', 'settings.json'));
    await settings.load();
    manager = new WorkspaceManager(settings, new StateStore(path.join(dir, 'config')), { mode: 'serve' });
    await fsp.mkdir(path.join(dir, 'ws'));
    await manager.open(path.join(dir, 'ws'));
  });
  afterAll(async () => {
    manager.dispose();
    await fsp.rm(dir, { recursive: true, force: true });
  });

  it('rewrites each file with its groups expanded and counts what it replaced', async () => {
    await fsp.writeFile(path.join(dir, 'ws', 'a.ts'), 'foo1 foo2\nfoo3\n');
    await fsp.writeFile(path.join(dir, 'ws', 'b.ts'), 'nothing here\n');
    const search = new SearchService(manager, () => null, () => []);
    const r = await search.replace(q({ isRegex: true, pattern: 'foo(\\d)' }), 'bar$1$$', ['a.ts', 'b.ts']);
    expect(r).toEqual({ files: 1, replacements: 3 });
    expect(await fsp.readFile(path.join(dir, 'ws', 'a.ts'), 'utf8')).toBe('bar1$ bar2$\nbar3$\n');
    expect(await fsp.readFile(path.join(dir, 'ws', 'b.ts'), 'utf8')).toBe('nothing here\n');
  });

  it('changes no file when the pattern backtracks without end on one of them', async () => {
    await fsp.writeFile(path.join(dir, 'ws', 'c.txt'), 'aaaa\n');
    await fsp.writeFile(path.join(dir, 'ws', 'd.txt'), `${'a'.repeat(60)}!\n`);
    const search = new SearchService(manager, () => null, () => [], 800);
    await expect(search.replace(q({ isRegex: true, pattern: '(a+)+$' }), 'b', ['c.txt', 'd.txt'])).rejects.toThrow(/Nothing was replaced: the pattern ran for 0.8 s/);
    expect(await fsp.readFile(path.join(dir, 'ws', 'c.txt'), 'utf8')).toBe('aaaa\n');
  });
});
