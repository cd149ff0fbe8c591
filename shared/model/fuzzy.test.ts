import { describe, expect, it } from 'vitest';
import { fuzzyRank, fuzzyScore } from './fuzzy';

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
