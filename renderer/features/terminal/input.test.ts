import { describe, expect, it } from 'vitest';
import { PTY_WRITE_MAX } from '../../../shared/ipc/contract';
import { INPUT_PIECE, inputPieces } from './input';

describe('terminal input pieces', () => {
  it('keeps a keystroke or a short paste whole', () => {
    expect(inputPieces('a')).toEqual(['a']);
    expect(inputPieces('\x1b[200~short\x1b[201~')).toEqual(['\x1b[200~short\x1b[201~']);
  });

  it('splits a paste larger than one pty.write into pieces that join back exactly', () => {
    const paste = `\x1b[200~${'line of a big log\n'.repeat(200_000)}\x1b[201~`;
    expect(paste.length).toBeGreaterThan(PTY_WRITE_MAX);
    const pieces = inputPieces(paste);
    expect(pieces.length).toBe(Math.ceil(paste.length / INPUT_PIECE));
    expect(pieces.every((p) => p.length <= INPUT_PIECE && p.length <= PTY_WRITE_MAX)).toBe(true);
    expect(pieces.join('')).toBe(paste);
  });

  it('never cuts between the halves of a surrogate pair', () => {
    const pieces = inputPieces('ab\u{1F600}cd', 3);
    expect(pieces).toEqual(['ab', '\u{1F600}c', 'd']);
  });
});
