import { describe, expect, it } from 'vitest';
import { applyHunks, computeHunks, formatHunk, mergeEdits } from './hunks';

const base = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', ''].join('\n');
const edited = ['one', 'TWO', 'three', 'four', 'inserted', 'five', 'six', 'eight', ''].join('\n');

describe('hunks', () => {
  it('finds each separate change', () => {
    const hunks = computeHunks(base, edited);
    expect(hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines])).toEqual([
      [2, 1, 2, 1], // two → TWO
      [4, 0, 5, 1], // insertion after line 4
      [7, 1, 7, 0], // seven deleted
    ]);
    expect(formatHunk(hunks[0])).toBe('@@ -2,1 +2,1 @@\n-two\n+TWO');
  });

  it('applying all hunks gives the new text, none gives the old', () => {
    const hunks = computeHunks(base, edited);
    expect(applyHunks(base, hunks, () => true)).toBe(edited);
    expect(applyHunks(base, hunks, () => false)).toBe(base);
  });

  it('applying each subset gives exactly that subset of changes', () => {
    const hunks = computeHunks(base, edited);
    expect(applyHunks(base, hunks, (h) => h === hunks[1])).toBe(['one', 'two', 'three', 'four', 'inserted', 'five', 'six', 'seven', 'eight', ''].join('\n'));
    expect(applyHunks(base, hunks, (h) => h !== hunks[1])).toBe(['one', 'TWO', 'three', 'four', 'five', 'six', 'eight', ''].join('\n'));
  });

  it('keeps CRLF and a missing final newline', () => {
    const a = 'a\r\nb\r\nc\r\nd\r\ne';
    const b = 'a\r\nB\r\nc\r\nd\r\nE';
    const hunks = computeHunks(a, b);
    expect(hunks).toHaveLength(2);
    expect(applyHunks(a, hunks, () => true)).toBe(b);
    expect(applyHunks(a, hunks, (h) => h === hunks[0])).toBe('a\r\nB\r\nc\r\nd\r\ne');
    expect(applyHunks(a, hunks, (h) => h === hunks[1])).toBe('a\r\nb\r\nc\r\nd\r\nE');
  });

  it('handles files created from nothing and emptied', () => {
    expect(applyHunks('', computeHunks('', 'x\ny\n'), () => true)).toBe('x\ny\n');
    expect(applyHunks('x\ny\n', computeHunks('x\ny\n', ''), () => true)).toBe('');
  });

  it('gives the same ids for the same change', () => {
    expect(computeHunks(base, edited).map((h) => h.id)).toEqual(computeHunks(base, edited).map((h) => h.id));
    expect(new Set(computeHunks(base, edited).map((h) => h.id)).size).toBe(3);
  });
});

describe('three-way merge', () => {
  it('combines edits of different lines', () => {
    expect(mergeEdits(base, base.replace('two', 'TWO'), base.replace('six', 'SIX'))).toBe(base.replace('two', 'TWO').replace('six', 'SIX'));
    expect(mergeEdits(base, base.replace('two\n', ''), base + 'nine\n')).toBe(base.replace('two\n', '') + 'nine\n');
  });

  it('gives up when both change the same or touching lines', () => {
    expect(mergeEdits(base, base.replace('two', 'TWO'), base.replace('two', 'deux'))).toBeNull();
    expect(mergeEdits(base, base.replace('two', 'TWO'), base.replace('three', 'THREE'))).toBeNull();
  });
});

describe('files that differ in many lines', () => {
  const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => `${f(i)}\n`).join('');

  it('a whole file re-indented (every line differs) is one change, right both ways', () => {
    // 20,000 lines each changed: unbounded, this diff ran for minutes on main
    const a = lines(20_000, (i) => `  statement(${i});`);
    const b = lines(20_000, (i) => `    statement(${i});`);
    const hunks = computeHunks(a, b);
    expect(hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines])).toEqual([[1, 20_000, 1, 20_000]]);
    expect(applyHunks(a, hunks, () => true)).toBe(b);
    expect(applyHunks(a, hunks, () => false)).toBe(a);
  });

  it('many scattered changes past the bound still come out as separate hunks, each applying on its own', () => {
    const a = lines(6000, (i) => `line ${i}`);
    // every third line changed (2,000 changes, over MAX_EDIT_LINES), plus a block inserted and one removed
    const bLines = a.split('\n').slice(0, -1).map((l, i) => (i % 3 === 1 ? `${l} changed` : l));
    bLines.splice(3000, 0, 'inserted 1', 'inserted 2');
    bLines.splice(5000, 3);
    const b = `${bLines.join('\n')}\n`;
    const hunks = computeHunks(a, b);
    expect(hunks.length).toBeGreaterThan(1500);
    expect(applyHunks(a, hunks, () => true)).toBe(b);
    expect(applyHunks(a, hunks, () => false)).toBe(a);
    const one = hunks[10];
    const only = applyHunks(a, hunks, (h) => h === one);
    expect(only.split('\n').filter((l, i) => l !== a.split('\n')[i])).toEqual(one.added.map((l) => l.replace(/\n$/, '')));
    expect(computeHunks(a, b).map((h) => h.id)).toEqual(hunks.map((h) => h.id));
  });
});
