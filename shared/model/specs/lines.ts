/**
 * Line handling shared by the spec parsers, so that every parser agrees on line numbers,
 * the EOL style, headings and fenced code blocks (Mermaid diagrams, examples).
 */

export type Eol = '\n' | '\r\n';

export interface SourceLines {
  /** The lines without their terminators; a leading BOM is not part of the first line. */
  lines: string[];
  /** CRLF when the first line break is CRLF, else LF. */
  eol: Eol;
  finalNewline: boolean;
  bom: boolean;
}

/** Splits text into lines, recording what joinLines needs to rebuild it byte for byte (for uniform EOLs). */
export function splitLines(text: string): SourceLines {
  let t = typeof text === 'string' ? text : '';
  const bom = t.charCodeAt(0) === 0xfeff;
  if (bom) t = t.slice(1);
  const firstBreak = t.indexOf('\n');
  const eol: Eol = firstBreak > 0 && t[firstBreak - 1] === '\r' ? '\r\n' : '\n';
  const finalNewline = t.endsWith('\n');
  const lines = t.split(/\r?\n/);
  if (finalNewline) lines.pop();
  return { lines, eol, finalNewline, bom };
}

/** The inverse of splitLines. */
export function joinLines(lines: readonly string[], eol: Eol, finalNewline: boolean, bom = false): string {
  if (lines.length === 0) return bom ? '\uFEFF' : '';
  return (bom ? '\uFEFF' : '') + lines.join(eol) + (finalNewline ? eol : '');
}

export interface Heading {
  level: number;
  /** The heading text without the `#`s, closing `#`s or surrounding spaces. */
  text: string;
}

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*))?$/;

/** Reads an ATX heading (`## Title`); null for any other line. */
export function parseHeading(line: string): Heading | null {
  const m = HEADING.exec(line);
  if (!m) return null;
  return { level: m[1].length, text: stripClosingHashes(m[2] ?? '').trim() };
}

/** Removes a heading's closing `#`s ("Title ##" → "Title"); written as a loop because the regex is quadratic on long runs of spaces. */
export function stripClosingHashes(text: string): string {
  const t = text.trimEnd();
  let j = t.length;
  while (j > 0 && t[j - 1] === '#') j--;
  if (j === t.length || (j > 0 && t[j - 1] !== ' ' && t[j - 1] !== '\t')) return t;
  return t.slice(0, j).trimEnd();
}

/** Removes trailing characters from `chars` (a loop, not a regex, to stay linear). */
export function trimEndOf(text: string, chars: string): string {
  let j = text.length;
  while (j > 0 && chars.includes(text[j - 1])) j--;
  return text.slice(0, j);
}

/** Which lines belong to fenced code blocks (fence lines included); `unclosed` is the 0-based line of a fence never closed, or -1. */
export function fencedLines(lines: readonly string[]): { inside: boolean[]; unclosed: number } {
  const inside: boolean[] = [];
  let open: { ch: string; len: number; at: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*(`{3,}|~{3,})(.*)$/.exec(lines[i]);
    if (open) {
      inside.push(true);
      if (m && m[1][0] === open.ch && m[1].length >= open.len && !m[2].trim()) open = null;
    } else if (m && !(m[1][0] === '`' && m[2].includes('`'))) {
      open = { ch: m[1][0], len: m[1].length, at: i };
      inside.push(true);
    } else {
      inside.push(false);
    }
  }
  return { inside, unclosed: open ? open.at : -1 };
}

/** The first level-1 heading outside code fences, with its 0-based index. */
export function documentTitle(lines: readonly string[]): { index: number; text: string } | undefined {
  const { inside } = fencedLines(lines);
  for (let i = 0; i < lines.length; i++) {
    if (inside[i]) continue;
    const h = parseHeading(lines[i]);
    if (h && h.level === 1) return { index: i, text: h.text };
  }
  return undefined;
}

/** Number of leading spaces and tabs. */
export function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}
