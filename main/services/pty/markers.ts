/** A shell-integration event parsed out of terminal output. */
export type Marker =
  | { type: 'promptStart' }
  | { type: 'promptEnd' }
  | { type: 'commandLine'; command: string }
  | { type: 'commandStart' }
  | { type: 'commandEnd'; exitCode: number | null }
  | { type: 'cwd'; cwd: string };

/** A sequence longer than this without its terminator is not ours: give up on it. */
const MAX_PENDING = 8192;

function unescapeValue(value: string): string {
  return value.replace(/\\x([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))).replace(/\\\\/g, '\\');
}

function toMarker(body: string): Marker | null {
  // body: "633;X;args" or "133;X;args"
  const [, code, ...rest] = body.split(';');
  const arg = rest.join(';');
  switch (code) {
    case 'A':
      return { type: 'promptStart' };
    case 'B':
      return { type: 'promptEnd' };
    case 'C':
      return { type: 'commandStart' };
    case 'D': {
      const n = arg === '' ? NaN : Number(rest[0]);
      return { type: 'commandEnd', exitCode: Number.isFinite(n) ? n : null };
    }
    case 'E':
      return { type: 'commandLine', command: unescapeValue(rest[0] ?? '') };
    case 'P':
      return arg.startsWith('Cwd=') ? { type: 'cwd', cwd: unescapeValue(arg.slice(4)) } : null;
    default:
      return null;
  }
}

/**
 * Finds OSC 633/133 markers in a terminal byte stream, including sequences split across
 * chunks. The output itself is passed on untouched (terminals ignore these sequences).
 */
export class MarkerParser {
  private pending = '';

  /**
   * Feeds a chunk; returns the markers completed in it with their position in the chunk:
   * `start` where the sequence begins (negative when it began in an earlier chunk) and
   * `end` just after its terminator.
   */
  feed(chunk: string): { marker: Marker; start: number; end: number }[] {
    const text = this.pending + chunk;
    const base = this.pending.length;
    this.pending = '';
    const found: { marker: Marker; start: number; end: number }[] = [];
    let i = 0;
    for (;;) {
      const start = text.indexOf('\x1b]', i);
      if (start === -1) {
        // a chunk may end right after ESC: keep it in case "]633;" follows
        if (text.endsWith('\x1b')) this.pending = '\x1b';
        break;
      }
      const isOurs = text.startsWith('633;', start + 2) || text.startsWith('133;', start + 2);
      const maybeOurs = !isOurs && text.length - start < 6 && ('633;'.startsWith(text.slice(start + 2)) || '133;'.startsWith(text.slice(start + 2)));
      if (!isOurs && !maybeOurs) {
        i = start + 2;
        continue;
      }
      const bel = text.indexOf('\x07', start);
      const st = text.indexOf('\x1b\\', start);
      const end = bel === -1 ? st : st === -1 ? bel : Math.min(bel, st);
      if (end === -1 || maybeOurs) {
        if (text.length - start <= MAX_PENDING) this.pending = text.slice(start);
        break;
      }
      const marker = toMarker(text.slice(start + 2, end));
      const after = end + (text[end] === '\x07' ? 1 : 2);
      if (marker) found.push({ marker, start: start - base, end: after - base });
      i = after;
    }
    return found;
  }
}
