import { describe, expect, it } from 'vitest';
import { MAX_TOOL_OUTPUT, clipCommandOutput } from './tools';

describe('run_command output for the model', () => {
  it('keeps short output whole', () => {
    expect(clipCommandOutput('ok\n')).toBe('ok\n');
  });

  it("keeps a long output's start and its end, where the error is, and says how much is left out", () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `compiling module ${i}`);
    const text = `${lines.join('\n')}\nerror TS2304: Cannot find name 'foo'.`;
    const clipped = clipCommandOutput(text);
    expect(clipped.startsWith('compiling module 0\ncompiling module 1\n')).toBe(true);
    expect(clipped.endsWith("error TS2304: Cannot find name 'foo'.")).toBe(true);
    const shown = clipped.match(/… \((\d+) characters not shown\) …/);
    expect(shown).not.toBeNull();
    // what is shown plus what is said to be left out is the whole output
    expect(clipped.length - shown![0].length - 2 + Number(shown![1])).toBe(text.length);
    expect(clipped.length).toBeLessThan(MAX_TOOL_OUTPUT + 100);
  });
});
