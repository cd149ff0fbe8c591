import { describe, expect, it } from 'vitest';
import { TopK, baseStartOf, fuzzyContains, fuzzyRank, fuzzyScore, pathShape, prepareBound, scoreBound, scoreCandidate } from './fuzzy';
import { random, randomQuery } from './test-support/queries';

const files = [
  'src/components/UserProfile.tsx',
  'src/utils/useless-profiler.ts',
  'docs/user/profile-guide.md',
  'src/index.ts',
  'src/main/index.test.ts',
  'renderer/features/editor/EditorArea.tsx',
  'renderer/features/explorer/Explorer.tsx',
  'test/fixtures/a/b/c/e/x/p/l/o/r/e/r.txt',
  'package.json',
  'packages/json-schema/index.js',
];

const top = (q: string) => fuzzyRank(q, files, (f) => f)[0]?.item;

describe('fuzzy matching', () => {
  it('does not match characters out of order', () => {
    expect(fuzzyScore('xedni', 'src/index.ts')).toBeNull();
    expect(fuzzyScore('idx', 'src/index.ts')).not.toBeNull();
  });

  it('ranks an exact file name first', () => {
    expect(top('package.json')).toBe('package.json');
    expect(top('index.ts')).toBe('src/index.ts');
  });

  it('prefers a prefix of the file name over scattered letters', () => {
    expect(top('explorer')).toBe('renderer/features/explorer/Explorer.tsx');
  });

  it('prefers camelCase humps: "up" finds UserProfile before useless-profiler', () => {
    expect(top('UP')).toBe('src/components/UserProfile.tsx');
    expect(top('usrprof')).toBe('src/components/UserProfile.tsx');
  });

  it('uses path segments: "feat/edar" finds the editor area', () => {
    expect(top('feedar')).toBe('renderer/features/editor/EditorArea.tsx');
  });

  it('reports the matched positions for highlighting', () => {
    const m = fuzzyScore('idx', 'src/index.ts');
    expect(m?.matches.map((i) => 'src/index.ts'[i]).join('')).toBe('idx');
  });

  it('returns everything for an empty query', () => {
    expect(fuzzyRank('', files, (f) => f, 100)).toHaveLength(files.length);
  });
});

/** Paths mixing camelCase, separators, digits and non-ASCII (İ grows when lower-cased). */
function messyPaths(rnd: () => number, count: number): string[] {
  const parts = ['src', 'Src', 'UserProfile', 'user_profile', 'user-profile', 'a.b', 'İstanbul', 'ÉCOLE', 'caféMenu', 'x', 'X', '__init__', 'foo bar', 'k:v', 'win\\dir', 'README', 'ioUtils', 'IO', 'v2', 'ΣΑΣ', 'straße'];
  const exts = ['.ts', '.tsx', '.md', '', '.test.ts', '.'];
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const out = new Set<string>();
  while (out.size < count) {
    const segs = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick(parts) + (rnd() < 0.3 ? Math.floor(rnd() * 100) : ''));
    out.add(segs.join('/') + pick(exts));
  }
  return [...out];
}

describe('quick open scoring', () => {
  const rnd = random(7);
  const paths = messyPaths(rnd, 1500);

  it('scoreBound is never below the real score, so skipping on it cannot change a ranking', () => {
    let compared = 0;
    for (let t = 0; t < 150; t++) {
      const q = randomQuery(rnd, paths);
      const lowerQ = q.toLowerCase();
      const bound = prepareBound(q, lowerQ);
      for (const target of paths) {
        const lowerT = target.toLowerCase();
        if (!fuzzyContains(lowerQ, lowerT)) continue;
        const shape = new Int32Array(3);
        pathShape(target, lowerT, shape, 0);
        expect(shape[0]).toBe(baseStartOf(target));
        const score = scoreCandidate(q, lowerQ, target, lowerT, shape[0], null);
        if (Number.isNaN(score)) continue;
        compared++;
        const b = scoreBound(bound, target, lowerT, shape[0], shape[1], shape[2]);
        if (!(b >= score)) expect({ q, target, b }).toEqual({ q, target, b: score }); // names the case
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('scores the same with or without collecting highlights', () => {
    for (let t = 0; t < 100; t++) {
      const q = randomQuery(rnd, paths);
      for (const target of paths.slice(0, 200)) {
        const m = fuzzyScore(q, target);
        const lowerT = target.toLowerCase();
        const bare = fuzzyContains(q.toLowerCase(), lowerT) ? scoreCandidate(q, q.toLowerCase(), target, lowerT, baseStartOf(target), null) : NaN;
        expect(m ? m.score : NaN).toBe(bare);
        if (m) expect(m.matches.map((i) => lowerT[i]).join('')).toBe(q.toLowerCase());
      }
    }
  });

  it('TopK.accepts answers what offer would do', () => {
    const top = new TopK<number>(3);
    const entries = [5, 1, 9, 9, 3, 7].map((score, i) => ({ item: i, key: `k${i}`, match: { score, matches: [] } }));
    for (const e of entries) {
      const before = top.items.map((x) => x.item);
      const accepted = top.accepts(e.match.score, e.key);
      top.offer(e);
      expect(top.items.map((x) => x.item).includes(e.item)).toBe(accepted);
      if (!accepted) expect(top.items.map((x) => x.item)).toEqual(before);
    }
    expect(top.items.map((x) => x.match.score)).toEqual([9, 9, 7]);
  });
});
