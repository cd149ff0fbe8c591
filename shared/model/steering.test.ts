import { describe, expect, it } from 'vitest';
import { parseSteeringFile, setSteeringFrontMatter } from './steering';

describe('steering front matter', () => {
  it('reads each inclusion mode; no front matter means always', () => {
    expect(parseSteeringFile('a', '# plain')).toMatchObject({ inclusion: 'always', body: '# plain', problems: [] });
    expect(parseSteeringFile('b', '---\ninclusion: fileMatch\nfileMatchPattern: "src/**/*.tsx"\n---\nbody')).toMatchObject({ inclusion: 'fileMatch', pattern: 'src/**/*.tsx', body: 'body' });
    expect(parseSteeringFile('c', '---\r\ninclusion: manual\r\n---\r\nbody')).toMatchObject({ inclusion: 'manual', body: 'body' });
  });

  it('says what is wrong and falls back to always', () => {
    expect(parseSteeringFile('d', '---\ninclusion: sometimes\n---\nx').problems[0]).toContain('inclusion must be always, fileMatch or manual, got "sometimes"');
    expect(parseSteeringFile('e', '---\ninclusion: fileMatch\n---\nx').problems[0]).toContain('no fileMatchPattern');
    expect(parseSteeringFile('f', '---\ninclusion: always\nno colon here\n---\nx').problems[0]).toContain('line 3');
    expect(parseSteeringFile('g', '---\ninclusion: manual\n# never closed')).toMatchObject({ inclusion: 'always', problems: [expect.stringContaining('no closing')] });
  });

  it('sets the front matter and keeps the body, other keys and CRLF', () => {
    const text = '---\r\ninclusion: always\r\nowner: web-team\r\n---\r\n# UI rules\r\n';
    const next = setSteeringFrontMatter(text, 'fileMatch', 'src/**/*.tsx');
    expect(next).toBe('---\r\ninclusion: fileMatch\r\nfileMatchPattern: "src/**/*.tsx"\r\nowner: web-team\r\n---\r\n# UI rules\r\n');
    expect(parseSteeringFile('x', next)).toMatchObject({ inclusion: 'fileMatch', pattern: 'src/**/*.tsx', body: '# UI rules\r\n' });
    expect(setSteeringFrontMatter('# no front matter\n', 'manual')).toBe('---\ninclusion: manual\n---\n# no front matter\n');
  });
});
