import { describe, expect, it } from 'vitest';
import { compilePatterns } from './patterns';

describe('compilePatterns', () => {
  const lint = compilePatterns(['src/**/*.ts', '!**/*.test.ts']);

  it.each([
    ['src/a.ts', true],
    ['src/deep/er/b.ts', true],
    ['src/a.test.ts', false],
    ['src/deep/b.test.ts', false],
    ['lib/a.ts', false],
    ['src/a.tsx', false],
    ['./src/a.ts', true],
  ])('src/**/*.ts without tests: %s → %s', (path, expected) => {
    expect(lint(path)).toBe(expected);
  });

  it('matches dotfiles and dot folders', () => {
    const match = compilePatterns(['**/*.json']);
    expect(match('.kiro/settings/mcp.json')).toBe(true);
    expect(match('.eslintrc.json')).toBe(true);
    expect(compilePatterns(['.kiro/**'])('.kiro/hooks/a.kiro.hook')).toBe(true);
  });

  it('keeps `*` within one folder', () => {
    const match = compilePatterns(['*.md']);
    expect(match('README.md')).toBe(true);
    expect(match('docs/guide.md')).toBe(false);
  });

  it('matches when any positive pattern does', () => {
    const match = compilePatterns(['*.md', 'docs/**']);
    expect(match('docs/img/a.png')).toBe(true);
    expect(match('src/a.ts')).toBe(false);
  });

  it('reads a list of only negations as "everything except"', () => {
    const match = compilePatterns(['!node_modules/**', '!**/*.log']);
    expect(match('src/a.ts')).toBe(true);
    expect(match('node_modules/x/index.js')).toBe(false);
    expect(match('out/build.log')).toBe(false);
  });

  it('lets a negation win over a positive match', () => {
    expect(compilePatterns(['src/**', '!src/generated/**'])('src/generated/api.ts')).toBe(false);
  });

  it('matches nothing for an empty or blank list, without throwing', () => {
    expect(compilePatterns([])('a.ts')).toBe(false);
    expect(compilePatterns(['', '  ', '!'])('a.ts')).toBe(false);
    expect(compilePatterns([3 as unknown as string, 'a.ts'])('a.ts')).toBe(true);
  });
});
