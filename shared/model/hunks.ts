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

/** One run of the line diff: lines kept, removed or added. */
interface Run {
  value: string[];
  added?: boolean;
  removed?: boolean;
}

/**
 * Most differing lines one Myers diff may work through. Its cost grows with the lines times
 * the differences: a 5,000-line file with every other line changed took 4.9 s in jsdiff, on
 * the process that serves every window. Within this bound any region costs ~150 ms at most.
 */
export const MAX_EDIT_LINES = 1000;

/**
 * A line diff whose cost is bounded. Myers first; when the files differ in more than
 * MAX_EDIT_LINES lines, the lines that occur once in each (in the same order: patience diff's
 * anchors) split them into regions, each diffed the same way, and a region that still differs
 * too much becomes one change. Deterministic, so hunk ids stay the same between calls.
 */
export function diffLines(a: string[], b: string[]): Run[] {
  return diffArrays(a, b, { maxEditLength: MAX_EDIT_LINES }) ?? diffByAnchors(a, b);
}

function diffByAnchors(a: string[], b: string[]): Run[] {
  const runs: Run[] = [];
  const push = (run: Run) => {
    if (!run.value.length) return;
    const last = runs[runs.length - 1];
    if (last && !!last.added === !!run.added && !!last.removed === !!run.removed) last.value.push(...run.value);
    else runs.push({ ...run, value: [...run.value] });
  };
  const region = (a0: number, a1: number, b0: number, b1: number) => {
    const x = a.slice(a0, a1);
    const y = b.slice(b0, b1);
    const inner = x.length && y.length ? diffArrays(x, y, { maxEditLength: MAX_EDIT_LINES }) : undefined;
    if (inner) inner.forEach(push);
    else {
      push({ value: x, removed: true });
      push({ value: y, added: true });
    }
  };
  let prevA = 0;
  let prevB = 0;
  for (const [i, j] of anchors(a, b)) {
    region(prevA, i, prevB, j);
    push({ value: [a[i]] });
    prevA = i + 1;
    prevB = j + 1;
  }
  region(prevA, a.length, prevB, b.length);
  return runs;
}

/** Lines unique in both texts, as (index in a, index in b), in an order both agree on (longest increasing run). */
function anchors(a: string[], b: string[]): [number, number][] {
  const seen = new Map<string, { a: number; b: number; na: number; nb: number }>();
  a.forEach((line, i) => {
    const e = seen.get(line);
    if (e) e.na++;
    else seen.set(line, { a: i, b: -1, na: 1, nb: 0 });
  });
  b.forEach((line, j) => {
    const e = seen.get(line);
    if (e) {
      e.nb++;
      e.b = j;
    }
  });
  const pairs = [...seen.values()].filter((e) => e.na === 1 && e.nb === 1).map((e) => [e.a, e.b] as [number, number]);
  pairs.sort((p, q) => p[0] - q[0]);
  // longest increasing subsequence of the b indexes (patience sorting), O(n log n)
  const tails: number[] = [];
  const prev = new Array<number>(pairs.length);
  pairs.forEach(([, bj], k) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]][1] < bj) lo = mid + 1;
      else hi = mid;
    }
    prev[k] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = k;
  });
  const out: [number, number][] = [];
  for (let k = tails.length ? tails[tails.length - 1] : -1; k !== -1; k = prev[k]) out.push(pairs[k]);
  return out.reverse();
}

export function computeHunks(oldText: string, newText: string): Hunk[] {
  const changes = diffLines(splitLines(oldText), splitLines(newText));
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
