import { describe, expect, it } from 'vitest';
import { recordTaskResult } from './history';
import type { SpecHistory } from './summary';

const fresh = (): SpecHistory => ({ spent: 0, errors: {}, files: {} });

describe('recordTaskResult', () => {
  it('a failed run keeps its error as the task\'s and the spec\'s last error; a later success clears both', () => {
    const h = fresh();
    recordTaskResult(h, '2.1', { error: 'tests failed', files: ['src/a.ts'] });
    expect(h.errors['2.1']).toBe('tests failed');
    expect(h.lastError).toBe('Task 2.1: tests failed');
    recordTaskResult(h, '2.1', { files: [] });
    expect(h.errors['2.1']).toBeUndefined();
    expect(h.lastError).toBeUndefined();
  });

  it('adds the files a run changed to those of earlier runs, once each, sorted', () => {
    const h = fresh();
    recordTaskResult(h, '1', { files: ['src/b.ts', 'src/a.ts'] });
    recordTaskResult(h, '1', { files: ['src/a.ts', 'README.md'] });
    recordTaskResult(h, '2', { files: ['x.ts'] });
    expect(h.files['1']).toEqual(['README.md', 'src/a.ts', 'src/b.ts']);
    expect(h.files['2']).toEqual(['x.ts']);
  });
});
