import { describe, expect, it } from 'vitest';
import { resultToText } from './content';

describe('resultToText', () => {
  it('joins text blocks and summarizes binary ones', () => {
    const png = Buffer.alloc(10).toString('base64');
    expect(
      resultToText({
        content: [
          { type: 'text', text: 'first' },
          { type: 'image', data: png, mimeType: 'image/png' },
          { type: 'resource', resource: { uri: 'file:///a.txt', text: 'inside' } },
          { type: 'resource', resource: { uri: 'file:///b.bin', blob: png, mimeType: 'application/octet-stream' } },
          { type: 'resource_link', uri: 'file:///c', name: 'c' },
          { type: 'text', text: 'last' },
        ],
      }),
    ).toBe(
      ['first', '[image: image/png, 10 bytes]', '[resource: file:///a.txt]\ninside', '[resource: file:///b.bin, application/octet-stream, 10 bytes]', '[resource: file:///c]', 'last'].join('\n'),
    );
  });

  it('falls back to structured content, then the old toolResult', () => {
    expect(resultToText({ content: [], structuredContent: { n: 1 } })).toBe('{"n":1}');
    expect(resultToText({ toolResult: 'done' })).toBe('done');
    expect(resultToText({ content: [] })).toBe('');
  });
});
