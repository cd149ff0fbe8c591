/**
 * Line hunks between two versions of a text, and applying any subset of them. Review uses
 * them to accept or reject single changes: accepting hunk i writes base + {i} to disk,
 * rejecting it keeps the pending version minus {i}.
 */
import { diffArrays } from 'diff';

export interface Hunk {
  /** Stable for the same change in the same place: old/new start and a hash of the lines. */
  id: string;
  /** 1-based first line in the old text (for a pure insertion: the line it goes after, 0 at the top). */
  oldStart: number;
  oldLines: number;
  /** 1-based first line in the new text (for a pure deletion: the line it follows). */
  newStart: number;
  newLines: number;
  removed: string[];
  added: string[];
}

/** Lines with their terminators, so applying hunks keeps CRLF and a missing final newline exactly. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function hash(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

export function computeHunks(oldText: string, newText: string): Hunk[] {
  const changes = diffArrays(splitLines(oldText), splitLines(newText));
  const hunks: Hunk[] = [];
  let oldLine = 0;
  let newLine = 0;
  let cur: Omit<Hunk, 'id'> | null = null;
  const close = () => {
    if (!cur) return;
    hunks.push({ ...cur, id: `${cur.oldStart}-${cur.oldLines}:${cur.newStart}-${cur.newLines}:${hash(cur.removed.join('') + '\0' + cur.added.join(''))}` });
    cur = null;
  };
  for (const c of changes) {
    const n = c.value.length;
    if (!c.added && !c.removed) {
      close();
      oldLine += n;
      newLine += n;
      continue;
    }
    cur ??= { oldStart: oldLine + 1, oldLines: 0, newStart: newLine + 1, newLines: 0, removed: [], added: [] };
    if (c.removed) {
      cur.removed.push(...c.value);
      cur.oldLines += n;
      oldLine += n;
    } else {
      cur.added.push(...c.value);
      cur.newLines += n;
      newLine += n;
    }
  }
  close();
  // a pure insertion or deletion points at the line before it, like unified diff
  for (const h of hunks) {
    if (h.oldLines === 0) h.oldStart -= 1;
    if (h.newLines === 0) h.newStart -= 1;
  }
  return hunks;
}

/** The old text with the chosen hunks (by id) applied; hunks must come from computeHunks(oldText, …). */
export function applyHunks(oldText: string, hunks: Hunk[], chosen: (h: Hunk) => boolean): string {
  const lines = splitLines(oldText);
  const out: string[] = [];
  let at = 0; // index into lines
  for (const h of hunks) {
    const start = h.oldLines === 0 ? h.oldStart : h.oldStart - 1;
    out.push(...lines.slice(at, start));
    out.push(...(chosen(h) ? h.added : lines.slice(start, start + h.oldLines)));
    at = start + h.oldLines;
  }
  out.push(...lines.slice(at));
  return out.join('');
}

/** A hunk as unified diff text, for the model and for comments. */
export function formatHunk(h: Hunk): string {
  const body = [...h.removed.map((l) => `-${l.replace(/\r?\n$/, '')}`), ...h.added.map((l) => `+${l.replace(/\r?\n$/, '')}`)];
  return [`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...body].join('\n');
}

export function countChanges(hunks: Hunk[]): { added: number; removed: number } {
  return hunks.reduce((a, h) => ({ added: a.added + h.newLines, removed: a.removed + h.oldLines }), { added: 0, removed: 0 });
}

/**
 * Three-way merge of two edits of the same base: both sets of hunks applied when they touch
 * different lines, null when they overlap or touch (the person decides then).
 */
export function mergeEdits(base: string, ours: string, theirs: string): string | null {
  const span = (h: Hunk) => {
    const s = h.oldLines === 0 ? h.oldStart : h.oldStart - 1;
    return { s, e: s + h.oldLines };
  };
  const a = computeHunks(base, ours);
  const b = computeHunks(base, theirs);
  for (const x of a) {
    const sx = span(x);
    for (const y of b) {
      const sy = span(y);
      if (sx.s <= sy.e && sy.s <= sx.e) return null;
    }
  }
  const all = [...a, ...b].sort((x, y) => span(x).s - span(y).s);
  return applyHunks(base, all, () => true);
}
