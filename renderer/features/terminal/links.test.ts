import { describe, expect, it } from 'vitest';
import { findPathLinks } from './links';

describe('findPathLinks', () => {
  it('finds a path with line and column', () => {
    expect(findPathLinks('src/index.ts:1:1')).toEqual([{ start: 0, length: 16, link: { path: 'src/index.ts', line: 1, column: 1 } }]);
  });

  it('finds paths inside compiler-style output', () => {
    const links = findPathLinks("error in ./lib/a.js:12 and (docs/readme.md)");
    expect(links.map((l) => l.link)).toEqual([
      { path: './lib/a.js', line: 12, column: undefined },
      { path: 'docs/readme.md', line: undefined, column: undefined },
    ]);
    const text = 'error in ./lib/a.js:12 and (docs/readme.md)';
    expect(text.slice(links[0].start, links[0].start + links[0].length)).toBe('./lib/a.js:12');
    expect(text.slice(links[1].start, links[1].start + links[1].length)).toBe('docs/readme.md');
  });

  it('ignores version numbers and words without an extension', () => {
    expect(findPathLinks('node v20.19.1 installed in bin')).toEqual([]);
  });
});
