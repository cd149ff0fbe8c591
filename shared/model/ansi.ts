/** Removes ANSI escape sequences (CSI, OSC, and two-byte escapes) so terminal output reads as text. */
export function stripAnsi(text: string): string {
  let out = text;
  if (out.includes('\x1b')) {
    out = out
      // OSC ... BEL or ST
      // eslint-disable-next-line no-control-regex
      .replace(/\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g, '')
      // CSI sequences
      // eslint-disable-next-line no-control-regex
      .replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, '')
      // other two-byte escapes
      // eslint-disable-next-line no-control-regex
      .replace(/\x1b[@-Z\\-_]/g, '');
  }
  if (!out.includes('\r')) return out;
  out = out.split('\r\n').join('\n'); // several times faster than a global replace on long output
  if (!out.includes('\r')) return out;
  // carriage-return overwrites: keep what was written last on the line (only lines with a
  // lone \r are touched, so a megabyte of plain output is not split into lines)
  return out.replace(/[^\n\r]*\r[^\n]*/g, (line) => line.split('\r').filter(Boolean).pop() ?? '');
}

/** Splits a string into pieces of at most `max` UTF-16 units without cutting a surrogate pair. */
export function splitSafe(text: string, max: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(i + max, text.length);
    if (end < text.length) {
      const code = text.charCodeAt(end - 1);
      // high surrogate: keep it with its low half (take both when a piece could hold only one)
      if (code >= 0xd800 && code <= 0xdbff) end = end - 1 > i ? end - 1 : end + 1;
    }
    out.push(text.slice(i, end));
    i = end;
  }
  return out;
}
