import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInside } from './paths';

describe('isInside', () => {
  const root = path.resolve('/work/project');

  it('accepts the root itself and anything below it', () => {
    expect(isInside(root, root)).toBe(true);
    expect(isInside(root, path.join(root, 'src', 'a.ts'))).toBe(true);
    expect(isInside(root, path.join(root, '..hidden'))).toBe(true);
  });

  it('refuses siblings that share a prefix, parents and other trees', () => {
    expect(isInside(root, `${root}-other/a.ts`)).toBe(false);
    expect(isInside(root, path.dirname(root))).toBe(false);
    expect(isInside(root, path.resolve('/etc/passwd'))).toBe(false);
  });

  it('is not fooled by paths that are not normalised', () => {
    expect(isInside(root, `${root}/../etc/passwd`)).toBe(false);
    expect(isInside(root, `${root}/src/../../x`)).toBe(false);
    expect(isInside(root, `${root}/./src/a.ts`)).toBe(true);
    expect(isInside(root, `${root}//src`)).toBe(true);
    expect(isInside(`${root}/`, `${root}/src`)).toBe(true);
    expect(isInside(`${root}/src/..`, `${root}/src`)).toBe(true);
  });

  it('treats the file-system root as containing everything', () => {
    expect(isInside(path.resolve('/'), path.resolve('/anything/at/all'))).toBe(true);
  });
});
