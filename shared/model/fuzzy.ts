/**
 * Fuzzy matching for quick open and the command palette. A query matches when its
 * characters appear in order (case-insensitive). The score rewards what people mean when
 * they type: matches at the start of the name or of a word (after `/ _ - .` or a
 * camelCase hump), consecutive runs, and matches in the file name rather than its folders.
 */

export interface FuzzyMatch {
  score: number;
  /** Indices in the target of the matched characters, for highlighting. */
  matches: number[];
}

const SEPARATORS = new Set(['/', '\\', '_', '-', '.', ' ', ':']);

function isWordStart(target: string, i: number): boolean {
  if (i === 0) return true;
  const prev = target[i - 1];
  if (SEPARATORS.has(prev)) return true;
  const c = target[i];
  // camelCase hump: lower → Upper, or a digit run starting
  return prev === prev.toLowerCase() && c !== c.toLowerCase() && c === c.toUpperCase();
}

/** Scores one target; null when the query does not match. */
export function fuzzyScore(query: string, target: string): FuzzyMatch | null {
  const q = query.replace(/\s+/g, '');
  if (!q) return { score: 0, matches: [] };
  const lowerT = target.toLowerCase();
  const lowerQ = q.toLowerCase();
  const baseStart = Math.max(target.lastIndexOf('/'), target.lastIndexOf('\\')) + 1;

  // Quick reject: every query character must occur in order.
  let pos = 0;
  for (const ch of lowerQ) {
    pos = lowerT.indexOf(ch, pos);
    if (pos === -1) return null;
    pos++;
  }

  // Prefer matching inside the file name: try a greedy match that starts in the basename,
  // then fall back to one over the whole path, and keep the better.
  const best = [bestFrom(q, target, lowerT, baseStart), bestFrom(q, target, lowerT, 0)]
    .filter((m): m is FuzzyMatch => m !== null)
    .sort((a, b) => b.score - a.score)[0];
  if (!best) return null;

  // Whole-name bonuses.
  const base = lowerT.slice(baseStart);
  if (base === lowerQ || base.replace(/\.[^.]*$/, '') === lowerQ) best.score += 100;
  else if (base.startsWith(lowerQ)) best.score += 40;
  if (lowerT === lowerQ) best.score += 100;
  // Shorter targets win ties.
  best.score -= target.length * 0.1;
  return best;
}

/** Greedy left-to-right match that prefers word starts, starting the search at `from`. */
function bestFrom(query: string, target: string, lowerT: string, from: number): FuzzyMatch | null {
  const q = query.toLowerCase();
  const matches: number[] = [];
  let score = 0;
  let i = from;
  let prev = -2;
  for (let k = 0; k < q.length; k++) {
    const ch = q[k];
    // look ahead for this character at a word start before taking the first occurrence
    let pick = -1;
    for (let j = i; j < lowerT.length; j++) {
      if (lowerT[j] !== ch) continue;
      if (pick === -1) pick = j;
      if (j === prev + 1 || isWordStart(target, j)) {
        pick = j;
        break;
      }
    }
    if (pick === -1) return null;
    let s = 1;
    if (pick === prev + 1) s += 6; // consecutive
    if (isWordStart(target, pick)) s += 8;
    // smart case: an upper-case letter typed on purpose should land on an upper-case hump
    if (query[k] !== ch && target[pick] === query[k]) s += 4;
    if (pick >= from && from > 0) s += 2; // inside the basename
    s -= Math.min(3, (pick - prev - 1) * 0.2); // gaps cost a little
    score += s;
    matches.push(pick);
    prev = pick;
    i = pick + 1;
  }
  return { score, matches };
}

/** Filters and ranks items; ties keep shorter, then alphabetical order. */
export function fuzzyRank<T>(query: string, items: readonly T[], key: (item: T) => string, limit = 50): { item: T; match: FuzzyMatch }[] {
  const out: { item: T; match: FuzzyMatch; key: string }[] = [];
  for (const item of items) {
    const k = key(item);
    const match = fuzzyScore(query, k);
    if (match) out.push({ item, match, key: k });
  }
  out.sort((a, b) => b.match.score - a.match.score || a.key.length - b.key.length || a.key.localeCompare(b.key));
  return out.slice(0, limit).map(({ item, match }) => ({ item, match }));
}
