import { describe, expect, it } from 'vitest';
import { splitSafe, stripAnsi } from './ansi';

describe('splitSafe', () => {
  it('never cuts a surrogate pair (emoji, astral CJK)', () => {
    const text = 'ab😀cd𠀋ef'.repeat(50);
    for (const max of [1, 2, 3, 5, 7]) {
      const pieces = splitSafe(text, max);
      expect(pieces.join('')).toBe(text);
      for (const p of pieces) {
        expect(p.length).toBeLessThanOrEqual(Math.max(max, 2));
        // a well-formed piece round-trips through UTF-8
        expect(new TextDecoder().decode(new TextEncoder().encode(p))).toBe(p);
      }
    }
  });
});

describe('stripAnsi', () => {
  it('removes colours, cursor moves, OSC titles and shell-integration markers', () => {
    const raw = '\x1b]0;title\x07\x1b[1;32mgreen\x1b[0m \x1b[2Kline\x1b]633;C\x07\r\nnext';
    expect(stripAnsi(raw)).toBe('green line\nnext');
  });

  it('keeps the last write on a line rewritten with carriage returns (progress bars)', () => {
    expect(stripAnsi('10%\r50%\r100%\ndone')).toBe('100%\ndone');
  });

  it('handles CRLF, lone CRs and trailing CRs together, and leaves plain text alone', () => {
    expect(stripAnsi('a\r\nb 1/3\rb 3/3\r\nc\r\r\n\r\nd\r')).toBe('a\nb 3/3\nc\n\nd');
    expect(stripAnsi('x\r\n'.repeat(1000))).toBe('x\n'.repeat(1000));
    const plain = 'no escapes here\nnor carriage returns';
    expect(stripAnsi(plain)).toBe(plain);
  });
});
