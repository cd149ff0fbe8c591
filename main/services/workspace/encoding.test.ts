import { describe, expect, it } from 'vitest';
import { detectEol } from './encoding';

describe('detectEol', () => {
  it('says LF for LF files, files with no line break, and old Mac CR-only text', () => {
    expect(detectEol('a\nb\nc\n')).toBe('\n');
    expect(detectEol('one line')).toBe('\n');
    expect(detectEol('')).toBe('\n');
    expect(detectEol('a\rb\rc\r')).toBe('\n');
  });

  it('says CRLF where most lines end in CRLF, LF where most end in LF', () => {
    expect(detectEol('a\r\nb\r\nc\r\n')).toBe('\r\n');
    expect(detectEol('a\r\nb\r\nc\nd\r\n')).toBe('\r\n');
    expect(detectEol('a\nb\nc\r\nd\n')).toBe('\n');
    // a CR that ends no line (inside a string literal) changes nothing
    expect(detectEol('x = "\r";\ny\nz\n')).toBe('\n');
  });

  it('looks at the first million characters only', () => {
    expect(detectEol('a\n'.repeat(600_000) + 'b\r\n'.repeat(10))).toBe('\n');
    expect(detectEol('a\r\n'.repeat(400_000) + 'b\n'.repeat(700_000))).toBe('\r\n');
  });
});
