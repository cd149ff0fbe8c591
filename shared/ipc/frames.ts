/**
 * How messages travel over a WebSocket. Most are JSON text frames. A message that carries one
 * long string (a file's contents, a streamed piece of a large file, a save) travels as a
 * binary frame instead: the string as UTF-8 bytes beside a small JSON header that says where
 * it goes. Nothing is escaped or parsed as JSON, which was most of the cost of a large reply
 * (JSON.stringify escapes every line break; JSON.parse scans every byte).
 *
 *   frame = u32 LE header length | header (UTF-8 JSON: the message, that string set to null,
 *           plus `bin`: the path to it) | the string (UTF-8)
 *
 * Electron IPC does not need this: it passes messages by structured clone.
 */
import type { Message } from './protocol';

/** Strings at least this long go as bytes (below it a binary frame saves nothing). */
export const BINARY_MIN_CHARS = 32 * 1024;

/** Where in a message a long string may be: the part that carries data, then one or two keys. */
const SLOTS = { req: 'input', res: 'output', evt: 'payload' } as const;
type Slot = (typeof SLOTS)[keyof typeof SLOTS];

const encoder = new TextEncoder();
const decoder = new TextDecoder();

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A holder may carry, under this key, the UTF-8 bytes its string was decoded from (a file read
 * from disk), so the frame reuses them instead of encoding the text again. Not enumerable:
 * JSON and structured clone never see it.
 */
const UTF8_BYTES = Symbol('utf8Bytes');
interface Utf8Attachment {
  key: string;
  text: string;
  bytes: Uint8Array;
}

/** Records that `holder[key]` is exactly `bytes` decoded as UTF-8 (no BOM). Returns the holder. */
export function withUtf8Bytes<T extends object>(holder: T, key: string, bytes: Uint8Array): T {
  const text = (holder as Record<string, unknown>)[key];
  if (typeof text === 'string') Object.defineProperty(holder, UTF8_BYTES, { value: { key, text, bytes } satisfies Utf8Attachment, enumerable: false, configurable: true, writable: true });
  return holder;
}

/** The string's UTF-8 bytes: the attached ones when they are for this very string, else encoded now. */
function utf8Of(holder: Json, key: string, text: string): Uint8Array {
  const att = (holder as { [UTF8_BYTES]?: Utf8Attachment })[UTF8_BYTES];
  return att && att.key === key && att.text === text ? att.bytes : encoder.encode(text);
}

/**
 * False for a string with a lone surrogate, which UTF-8 cannot carry (JSON can: it escapes
 * it). Node 20, Chromium and Electron all have isWellFormed (ES2024, not in our lib types);
 * without it a string simply stays JSON.
 */
function wellFormed(s: string): boolean {
  return (s as string & { isWellFormed?: () => boolean }).isWellFormed?.() ?? false;
}

/** The first long string at `holder[key]` or `holder[key][key2]`, as a path. */
function findLong(holder: Json): string[] | null {
  for (const key of Object.keys(holder)) {
    const v = holder[key];
    if (typeof v === 'string') {
      if (v.length >= BINARY_MIN_CHARS && wellFormed(v)) return [key];
    } else if (isRecord(v)) {
      for (const key2 of Object.keys(v)) {
        const w = v[key2];
        if (typeof w === 'string' && w.length >= BINARY_MIN_CHARS && wellFormed(w)) return [key, key2];
      }
    }
  }
  return null;
}

/** Zero-filled; Node's side passes Buffer.allocUnsafe, since every byte of a frame is written over. */
const zeroed = (n: number): Uint8Array => new Uint8Array(n);

/** A JSON string, or a binary frame when the message carries a long string. */
export function encodeMessage(msg: Message, alloc: (n: number) => Uint8Array = zeroed): string | Uint8Array {
  const slot = SLOTS[msg.t as keyof typeof SLOTS] as Slot | undefined;
  const holder = slot ? (msg as unknown as Json)[slot] : undefined;
  const where = slot && isRecord(holder) ? findLong(holder) : null;
  if (!slot || !where || !isRecord(holder)) return JSON.stringify(msg);
  const [key, key2] = where;
  const owner = key2 === undefined ? holder : (holder[key] as Json);
  const text = owner[key2 ?? key] as string;
  const copy: Json = { ...holder, [key]: key2 === undefined ? null : { ...(holder[key] as Json), [key2]: null } };
  const header = encoder.encode(JSON.stringify({ ...msg, [slot]: copy, bin: [slot, ...where] }));
  const body = utf8Of(owner, key2 ?? key, text);
  const frame = alloc(4 + header.length + body.length);
  new DataView(frame.buffer, frame.byteOffset, 4).setUint32(0, header.length, true);
  frame.set(header, 4);
  frame.set(body, 4 + header.length);
  return frame;
}

/**
 * Reads a frame made by encodeMessage. Throws on anything malformed (the transports drop it):
 * the path must name own properties that the header holds as null, so a crafted frame cannot
 * reach a prototype.
 */
export function decodeMessage(data: string | ArrayBuffer | Uint8Array): unknown {
  if (typeof data === 'string') return JSON.parse(data);
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.length < 4) throw new Error('short frame');
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  if (4 + n > bytes.length) throw new Error('bad header length');
  const msg: unknown = JSON.parse(decoder.decode(bytes.subarray(4, 4 + n)));
  if (!isRecord(msg) || !Array.isArray(msg.bin)) throw new Error('no path');
  const path = msg.bin as unknown[];
  delete msg.bin;
  const [slot, ...keys] = path;
  if (slot !== SLOTS[msg.t as keyof typeof SLOTS] || keys.length < 1 || keys.length > 2 || !keys.every((k) => typeof k === 'string')) throw new Error('bad path');
  let target: unknown = msg[slot as Slot];
  for (const k of keys.slice(0, -1) as string[]) {
    if (!isRecord(target) || !Object.hasOwn(target, k)) throw new Error('bad path');
    target = target[k];
  }
  const last = keys[keys.length - 1] as string;
  if (!isRecord(target) || !Object.hasOwn(target, last) || target[last] !== null) throw new Error('bad path');
  target[last] = decoder.decode(bytes.subarray(4 + n));
  return msg;
}
