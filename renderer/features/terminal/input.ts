/** Characters per pty.write when a paste is split: well under the contract's PTY_WRITE_MAX. */
export const INPUT_PIECE = 256 * 1024;

/**
 * A terminal's input in pieces of at most `size` characters, never between the two halves of
 * a surrogate pair. Most input is one key, one piece.
 */
export function inputPieces(data: string, size = INPUT_PIECE): string[] {
  if (data.length <= size) return [data];
  const pieces: string[] = [];
  for (let at = 0; at < data.length; ) {
    let end = Math.min(at + size, data.length);
    const last = data.charCodeAt(end - 1);
    if (end < data.length && last >= 0xd800 && last <= 0xdbff) end--;
    pieces.push(data.slice(at, end));
    at = end;
  }
  return pieces;
}
