import type { ILink, ILinkProvider, Terminal } from '@xterm/xterm';

/** `src/a.ts:12:3`, `./lib/x.js:4`, `/abs/path/file.py` — a path with an extension, optionally :line[:col]. */
const PATH_RE = /(?:^|[\s'"([{<])((?:\.{1,2}\/|\/)?[\w@.+-]+(?:\/[\w@.+-]+)*\.[A-Za-z0-9]+)(?::(\d+))?(?::(\d+))?/g;

export interface PathLink {
  path: string;
  line?: number;
  column?: number;
}

/** Finds file-path links in one line of terminal text (0-based start, length). */
export function findPathLinks(text: string): { start: number; length: number; link: PathLink }[] {
  const out: { start: number; length: number; link: PathLink }[] = [];
  for (const m of text.matchAll(PATH_RE)) {
    const whole = m[0];
    const lead = whole.length - whole.trimStart().length + (/^['"([{<]/.test(whole.trimStart()) ? 1 : 0);
    const start = (m.index ?? 0) + lead;
    const length = whole.length - lead;
    if (/^v?\d+(\.\d+)+$/.test(m[1])) continue; // version numbers such as 1.2.3 or v20.1.0
    out.push({ start, length, link: { path: m[1], line: m[2] ? Number(m[2]) : undefined, column: m[3] ? Number(m[3]) : undefined } });
  }
  return out;
}

/** An xterm link provider that underlines file paths and opens them on click. */
export function pathLinkProvider(term: Terminal, open: (link: PathLink) => void): ILinkProvider {
  return {
    provideLinks(y, callback) {
      const line = term.buffer.active.getLine(y - 1);
      if (!line) return callback(undefined);
      const text = line.translateToString(true);
      const links: ILink[] = findPathLinks(text).map(({ start, length, link }) => ({
        range: { start: { x: start + 1, y }, end: { x: start + length, y } },
        text: text.slice(start, start + length),
        decorations: { underline: true, pointerCursor: true },
        activate: () => open(link),
      }));
      callback(links.length ? links : undefined);
    },
  };
}
