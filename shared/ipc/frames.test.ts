import { describe, expect, it } from 'vitest';
import { BINARY_MIN_CHARS, decodeMessage, encodeMessage, withUtf8Bytes } from './frames';
import type { Message } from './protocol';

const long = (unit: string) => unit.repeat(Math.ceil(BINARY_MIN_CHARS / unit.length) + 3);
const roundTrip = (msg: Message) => decodeMessage(encodeMessage(msg));

/** A frame with a hand-written header, as a hostile client could send. */
function frame(header: unknown, body: string): Uint8Array {
  const h = new TextEncoder().encode(JSON.stringify(header));
  const b = new TextEncoder().encode(body);
  const out = new Uint8Array(4 + h.length + b.length);
  new DataView(out.buffer).setUint32(0, h.length, true);
  out.set(h, 4);
  out.set(b, 4 + h.length);
  return out;
}

describe('WebSocket frames', () => {
  it('sends ordinary messages as JSON text', () => {
    const msg: Message = { t: 'res', id: 1, ok: true, output: { kind: 'text', content: 'short', eol: '\n' } };
    expect(encodeMessage(msg)).toBe(JSON.stringify(msg));
    expect(encodeMessage({ t: 'res', id: 2, ok: false, error: { code: 'INTERNAL', message: long('x') } })).toBeTypeOf('string');
  });

  it("carries a file's contents as UTF-8 bytes and gives back the exact text (CRLF, accents, emoji, CJK)", () => {
    const content = long('const café = "😀 𠀋 漢字";\r\n\t"quoted" \\ back\\slash\n');
    const msg: Message = { t: 'res', id: 7, ok: true, output: { kind: 'text', path: 'a.ts', content, encoding: 'utf8', eol: '\r\n', size: 1 } };
    const encoded = encodeMessage(msg);
    expect(encoded).toBeInstanceOf(Uint8Array);
    // nothing escaped: the body is the text's own UTF-8 bytes
    expect((encoded as Uint8Array).length).toBeLessThan(new TextEncoder().encode(content).length + 200);
    expect(roundTrip(msg)).toEqual(msg);
  });

  it('finds the string one level down (a streamed read starts with result.content) and in requests (a save)', () => {
    const start: Message = { t: 'evt', id: 3, payload: { type: 'start', more: true, result: { kind: 'text', content: long('line\n'), eol: '\n' } } };
    const save: Message = { t: 'req', id: 4, ch: 'files.write', input: { path: 'big.txt', content: long('ab\r\n'), encoding: 'utf8' } };
    const chunk: Message = { t: 'evt', id: 5, payload: { type: 'chunk', text: long('é') } };
    for (const m of [start, save, chunk]) {
      expect(encodeMessage(m)).toBeInstanceOf(Uint8Array);
      expect(roundTrip(m)).toEqual(m);
    }
  });

  it('keeps a string with a lone surrogate in JSON, where it survives (UTF-8 would turn it into U+FFFD)', () => {
    const content = long('a') + '\ud800' + 'b';
    const msg: Message = { t: 'evt', id: 1, payload: { data: content } };
    expect(encodeMessage(msg)).toBeTypeOf('string');
    expect(roundTrip(msg)).toEqual(msg);
  });

  it('refuses frames whose path leaves the message (prototype pollution) or does not point at a null slot', () => {
    const bad = [
      { t: 'req', id: 1, ch: 'x', input: {}, bin: ['input', '__proto__', 'polluted'] },
      { t: 'req', id: 1, ch: 'x', input: { a: 'kept' }, bin: ['input', 'a'] },
      { t: 'req', id: 1, ch: 'x', input: { a: null }, bin: ['output', 'a'] },
      { t: 'req', id: 1, ch: 'x', input: { a: null }, bin: ['input'] },
      { t: 'req', id: 1, ch: 'x', input: { a: null } },
    ];
    for (const header of bad) expect(() => decodeMessage(frame(header, 'body'))).toThrow();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => decodeMessage(new Uint8Array([255, 255, 0, 0, 1]))).toThrow();
    expect(decodeMessage(frame({ t: 'req', id: 1, ch: 'x', input: { a: null }, bin: ['input', 'a'] }, 'body'))).toEqual({ t: 'req', id: 1, ch: 'x', input: { a: 'body' } });
  });

  it('reads a frame that arrives as an ArrayBuffer (the browser) or as a view into a larger buffer (a pooled Node Buffer)', () => {
    const msg: Message = { t: 'res', id: 9, ok: true, output: { content: long('z') } };
    const bytes = encodeMessage(msg) as Uint8Array;
    expect(decodeMessage(bytes.slice().buffer)).toEqual(msg);
    const pool = new Uint8Array(bytes.length + 7);
    pool.set(bytes, 3);
    expect(decodeMessage(pool.subarray(3, 3 + bytes.length))).toEqual(msg);
  });

  it("sends the bytes a file was read as (no second encoding), and only while they are that string's bytes", () => {
    const text = long('read from disk ✓\n');
    const other = text.replace(/✓/g, '✗'); // same length in UTF-16 and in UTF-8
    const enc = new TextEncoder();
    // bytes that are not the text's own show whether the frame took them or encoded the text
    const result = withUtf8Bytes({ kind: 'text', content: text, eol: '\n' }, 'content', enc.encode(other));
    const msg: Message = { t: 'res', id: 1, ok: true, output: result };
    expect(decodeMessage(encodeMessage(msg))).toMatchObject({ output: { content: other } });
    // not part of the message itself: JSON never sees it
    expect(JSON.stringify(result)).toBe(JSON.stringify({ kind: 'text', content: text, eol: '\n' }));
    // once the string is another one, the attached bytes are not used
    result.content = text + 'x';
    expect(decodeMessage(encodeMessage(msg))).toMatchObject({ output: { content: text + 'x' } });
    // one level down (a streamed read's first event)
    const start: Message = { t: 'evt', id: 2, payload: { type: 'start', result: withUtf8Bytes({ content: text }, 'content', enc.encode(text)) } };
    expect(decodeMessage(encodeMessage(start))).toEqual({ t: 'evt', id: 2, payload: { type: 'start', result: { content: text } } });
  });

  it('builds the frame in the buffer the caller allocates, a view into a larger one included (Node passes Buffer.allocUnsafe)', () => {
    const msg: Message = { t: 'res', id: 5, ok: true, output: { content: long('q') } };
    let pool: Uint8Array | undefined;
    const encoded = encodeMessage(msg, (n) => {
      pool = new Uint8Array(n + 16).fill(0xee);
      return pool.subarray(8, 8 + n);
    });
    expect(pool).toBeDefined();
    expect((encoded as Uint8Array).byteOffset).toBe(8);
    expect(decodeMessage(encoded)).toEqual(msg);
  });
});
