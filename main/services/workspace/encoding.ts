import { isUtf8 } from 'node:buffer';
import type Iconv from 'iconv-lite';
import type Jschardet from 'jschardet';

interface Codecs {
  iconv: typeof Iconv;
  jschardet: typeof Jschardet;
}

let codecs: Promise<Codecs> | undefined;

/**
 * iconv-lite and jschardet (~10 MiB resident together) are loaded the first time a file is
 * not UTF-8: most workspaces never need them.
 */
function loadCodecs(): Promise<Codecs> {
  codecs ??= Promise.all([import('iconv-lite'), import('jschardet')]).then(([i, j]) => ({
    iconv: (i as { default?: typeof Iconv }).default ?? (i as unknown as typeof Iconv),
    jschardet: (j as { default?: typeof Jschardet }).default ?? (j as unknown as typeof Jschardet),
  }));
  return codecs;
}

/** Bytes inspected to decide between text and binary, as VS Code does. */
const SNIFF_BYTES = 8192;

export type TextEncoding = string;

/** Detects a byte-order mark. */
function bomEncoding(buf: Uint8Array): TextEncoding | null {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return 'utf8bom';
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return 'utf16le';
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return 'utf16be';
  return null;
}

/** True when the head of the file looks binary: a NUL byte with no UTF-16 byte-order mark. */
export function looksBinary(buf: Uint8Array): boolean {
  const bom = bomEncoding(buf);
  if (bom === 'utf16le' || bom === 'utf16be') return false;
  // indexOf is memchr: a byte loop in JavaScript was the hottest line of a small file's read
  return buf.subarray(0, SNIFF_BYTES).indexOf(0) !== -1;
}

/** Below this jschardet confidence a guess is noise (short Western text scores ~0.1 for Cyrillic pages). */
const MIN_CONFIDENCE = 0.3;


/** Guesses the encoding: BOM first, then strict UTF-8, then a statistical guess. */
export async function detectEncoding(buf: Uint8Array): Promise<TextEncoding> {
  const bom = bomEncoding(buf);
  if (bom) return bom;
  // validates without building a string: the text is decoded once, later, by decode()
  if (isUtf8(buf)) return 'utf8';
  const { iconv, jschardet } = await loadCodecs();
  const sample = Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.length, 64 * 1024));
  const guess = jschardet.detect(sample);
  const name = (guess.encoding || '').toLowerCase();
  // Short Western text scores near zero for every single-byte code page; only trust a
  // confident guess and otherwise assume Windows-1252. Either way the file is saved back
  // in the encoding it was read with, so its bytes round-trip.
  if (guess.confidence >= MIN_CONFIDENCE && name && name !== 'ascii' && name !== 'utf-8' && iconv.encodingExists(name)) {
    return normalise(name);
  }
  return 'windows1252';
}

function normalise(name: string): TextEncoding {
  return name.replace(/[-_]/g, '');
}

/** Decodes bytes in the given encoding (BOMs stripped). */
export async function decode(buf: Uint8Array, encoding: TextEncoding): Promise<string> {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  switch (encoding) {
    case 'utf8':
      return b.toString('utf8');
    case 'utf8bom':
      return b.subarray(3).toString('utf8');
    default:
      return (await loadCodecs()).iconv.decode(b, encoding, { stripBOM: true });
  }
}

/** Encodes text back into the file's encoding, restoring a BOM where it had one. */
export async function encode(text: string, encoding: TextEncoding): Promise<Buffer> {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le':
    case 'utf16be':
      return (await loadCodecs()).iconv.encode(text, encoding, { addBOM: true });
    default: {
      const { iconv } = await loadCodecs();
      if (!iconv.encodingExists(encoding)) throw new Error(`Unknown encoding "${encoding}".`);
      const bytes = iconv.encode(text, encoding);
      // iconv writes "?" for what the code page lacks: a save must not change the text behind the person's back
      const back = iconv.decode(bytes, encoding);
      if (back !== text) throw new UnrepresentableError(encoding, firstLost(text, back));
      return bytes;
    }
  }
}

/** The first character the encoding cannot hold, and where it is (1-based line and column). */
interface LostChar {
  char: string;
  line: number;
  column: number;
}

/** Thrown by encode when the text does not survive the encoding. */
export class UnrepresentableError extends Error {
  constructor(
    readonly encoding: TextEncoding,
    readonly lost: LostChar,
  ) {
    super(`${encodingLabel(encoding)} cannot hold "${lost.char}" (line ${lost.line}, column ${lost.column}), so saving would change it. Save the file as UTF-8, or remove that character.`);
    this.name = 'UnrepresentableError';
  }
}

/** Where `back` (the text after a round trip) first differs from it: the first character lost. */
function firstLost(text: string, back: string): LostChar {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) === back.charCodeAt(i)) i++;
  // a lost character from beyond the BMP is a surrogate pair; report it whole
  if (i > 0 && i < text.length && /[\uDC00-\uDFFF]/.test(text[i]) && /[\uD800-\uDBFF]/.test(text[i - 1])) i--;
  const before = text.slice(0, i);
  const line = before.split('\n').length;
  const column = i - before.lastIndexOf('\n');
  return { char: String.fromCodePoint(text.codePointAt(i) ?? 63), line, column };
}

/** How an encoding is named to a person (as the status bar names it). */
function encodingLabel(encoding: TextEncoding): string {
  const m = /^windows(\d+)$/.exec(encoding) ?? /^cp(\d+)$/.exec(encoding);
  if (m) return `Windows ${m[1]}`;
  const iso = /^iso8859(\d+)$/.exec(encoding);
  if (iso) return `ISO 8859-${iso[1]}`;
  return encoding.toUpperCase();
}

/** The line ending a file mostly uses; new files default to LF. */
export function detectEol(text: string): '\n' | '\r\n' {
  const limit = Math.min(text.length, 1_000_000);
  // most files have no CR at all: one search (a memchr) instead of visiting every line
  const cr = text.indexOf('\r');
  if (cr === -1 || cr >= limit) return '\n';
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < limit; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}
