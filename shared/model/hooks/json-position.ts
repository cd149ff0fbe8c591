/**
 * Where things are in a JSON text, so a problem can point at the key or value it is about.
 * JSON.parse gives values but no positions, and on Node 20 some of its errors carry no
 * offset at all ("Unexpected token '}', … is not valid JSON"); this small scanner fills both
 * gaps. It follows RFC 8259 strictly, like JSON.parse, so they agree on what is valid.
 */

/** A 1-based line and column (UTF-16 units, as Monaco counts them). */
export interface TextPosition {
  line: number;
  column: number;
}

/** Offsets of one member: its key (absent for array elements and the root) and its value. */
export interface JsonLocation {
  key?: number;
  value: number;
}

/** What a scan found: every value's location by path, or the offset of the first syntax error. */
export interface JsonScan {
  locations: Map<string, JsonLocation>;
  errorOffset?: number;
}

/** The path of a value as problems spell it: `when.toolTypes[0]`; the root is `''`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}

/** The 1-based line and column of a character offset in a text. */
export function positionAt(text: string, offset: number): TextPosition {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Where and why JSON.parse rejected a text: V8 says "at position N", newer V8 adds
 * "(line L column C)", and some errors say neither, in which case the scanner finds the spot.
 */
export function describeJsonError(text: string, error: unknown): TextPosition & { reason: string } {
  const raw = error instanceof Error ? error.message : String(error);
  const lineCol = /\(line (\d+) column (\d+)\)/.exec(raw);
  const offset = /at position (\d+)/.exec(raw);
  const pos = lineCol
    ? { line: Number(lineCol[1]), column: Number(lineCol[2]) }
    : positionAt(text, offset ? Number(offset[1]) : (scanJson(text).errorOffset ?? 0));
  const reason = raw
    .replace(/\s*in JSON at position \d+.*$/s, '')
    .replace(/,\s*(?:\.\.\.)?".*" is not valid JSON$/s, '')
    .trim();
  return { ...pos, reason };
}

/** Scans a JSON text for value locations by path; never throws. */
export function scanJson(text: string): JsonScan {
  const scanner = new Scanner(text);
  try {
    scanner.document();
    return { locations: scanner.locations };
  } catch (e) {
    if (e instanceof SyntaxAt) return { locations: scanner.locations, errorOffset: e.offset };
    // nested too deep for the stack: the error is reported where the scan had got to
    return { locations: scanner.locations, errorOffset: scanner.offset };
  }
}

/** Deepest path whose location is recorded (a hook file is a few levels deep). */
const MAX_DEPTH = 32;

class SyntaxAt extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at offset ${offset}`);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

class Scanner {
  readonly locations = new Map<string, JsonLocation>();
  private i = 0;

  constructor(private readonly t: string) {}

  get offset(): number {
    return this.i;
  }

  document(): void {
    this.ws();
    this.value([], undefined);
    this.ws();
    if (this.i < this.t.length) this.fail();
  }

  private fail(): never {
    throw new SyntaxAt(this.i);
  }

  private ws(): void {
    while (this.i < this.t.length && ' \t\n\r'.includes(this.t[this.i])) this.i++;
  }

  private value(path: PropertyKey[], key: number | undefined): void {
    // below MAX_DEPTH the path stops growing and nothing more is recorded: copying and formatting
    // ever longer paths made 5,000 nested brackets take seconds
    if (path.length < MAX_DEPTH) this.locations.set(formatJsonPath(path), key === undefined ? { value: this.i } : { key, value: this.i });
    const c = this.t[this.i];
    if (c === '{') this.object(path);
    else if (c === '[') this.array(path);
    else if (c === '"') this.string();
    else if (c === 't') this.word('true');
    else if (c === 'f') this.word('false');
    else if (c === 'n') this.word('null');
    else this.number();
  }

  private object(path: PropertyKey[]): void {
    this.i++;
    this.ws();
    if (this.t[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.t[this.i] !== '"') this.fail();
      const keyAt = this.i;
      const name = this.string();
      this.ws();
      if (this.t[this.i] !== ':') this.fail();
      this.i++;
      this.ws();
      this.value(path.length < MAX_DEPTH ? [...path, name] : path, keyAt);
      this.ws();
      if (this.t[this.i] === ',') this.i++;
      else if (this.t[this.i] === '}') {
        this.i++;
        return;
      } else this.fail();
    }
  }

  private array(path: PropertyKey[]): void {
    this.i++;
    this.ws();
    if (this.t[this.i] === ']') {
      this.i++;
      return;
    }
    for (let n = 0; ; n++) {
      this.ws();
      this.value(path.length < MAX_DEPTH ? [...path, n] : path, undefined);
      this.ws();
      if (this.t[this.i] === ',') this.i++;
      else if (this.t[this.i] === ']') {
        this.i++;
        return;
      } else this.fail();
    }
  }

  /** Returns the decoded string. */
  private string(): string {
    const start = this.i;
    this.i++;
    for (;;) {
      if (this.i >= this.t.length) this.fail();
      const code = this.t.charCodeAt(this.i);
      if (code < 0x20) this.fail();
      if (code === 0x22) break;
      if (code === 0x5c) {
        const e = this.t[this.i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.t.slice(this.i + 2, this.i + 6))) {
            this.i++;
            this.fail();
          }
          this.i += 6;
          continue;
        }
        this.i++;
        if (e === undefined || !ESCAPES.has(e)) this.fail();
      }
      this.i++;
    }
    this.i++;
    return JSON.parse(this.t.slice(start, this.i)) as string;
  }

  private word(w: string): void {
    for (const ch of w) {
      if (this.t[this.i] !== ch) this.fail();
      this.i++;
    }
  }

  private number(): void {
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.t);
    if (!m) this.fail();
    this.i += m[0].length;
  }
}
