import { describe, expect, it } from 'vitest';
import { MarkerParser } from './markers';

describe('MarkerParser', () => {
  it('parses prompt, command line, start and exit code', () => {
    const p = new MarkerParser();
    const got = p.feed('\x1b]633;A\x07$ \x1b]633;B\x07\x1b]633;E;ls -la\x07\x1b]633;C\x07out\r\n\x1b]633;D;2\x07');
    expect(got.map((g) => g.marker)).toEqual([
      { type: 'promptStart' },
      { type: 'promptEnd' },
      { type: 'commandLine', command: 'ls -la' },
      { type: 'commandStart' },
      { type: 'commandEnd', exitCode: 2 },
    ]);
  });

  it('joins a sequence split across chunks, even right after ESC', () => {
    const p = new MarkerParser();
    expect(p.feed('hello \x1b')).toEqual([]);
    expect(p.feed(']633;D;')).toEqual([]);
    expect(p.feed("1\x07 rest").map((g) => g.marker)).toEqual([{ type: 'commandEnd', exitCode: 1 }]);
  });

  it('unescapes command lines and cwd, accepts ST terminators and 133', () => {
    const p = new MarkerParser();
    const got = p.feed('\x1b]633;E;echo a\\x3bb\x1b\\\x1b]633;P;Cwd=/tmp/x\\x3by\x07\x1b]133;D;0\x07');
    expect(got.map((g) => g.marker)).toEqual([
      { type: 'commandLine', command: 'echo a;b' },
      { type: 'cwd', cwd: '/tmp/x;y' },
      { type: 'commandEnd', exitCode: 0 },
    ]);
  });

  it('ignores other OSC sequences such as window titles', () => {
    const p = new MarkerParser();
    expect(p.feed('\x1b]0;my title\x07text\x1b]8;;http://x\x07link')).toEqual([]);
  });
});
