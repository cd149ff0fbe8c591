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

const isUpper = (code: number) => code >= 65 && code <= 90;
const isLower = (code: number) => code >= 97 && code <= 122;

function isWordStart(target: string, i: number): boolean {
  if (i === 0) return true;
  const prev = target[i - 1];
  if (SEPARATORS.has(prev)) return true;
  // camelCase hump: a lower-case letter followed by an upper-case one (char codes: this runs
  // for every candidate on every keystroke)
  return isUpper(target.charCodeAt(i)) && isLower(target.charCodeAt(i - 1));
}

/** True when the (lower-case) query's characters appear in order in the (lower-case) target, from `from` on. */
export function fuzzyContains(lowerQuery: string, lowerTarget: string, from = 0): boolean {
  let pos = from;
  for (let k = 0; k < lowerQuery.length; k++) {
    pos = lowerTarget.indexOf(lowerQuery[k], pos);
    if (pos === -1) return false;
    pos++;
  }
  return true;
}

/** Scores one target; null when the query does not match. `lowerTarget` may be passed when precomputed. */
export function fuzzyScore(query: string, target: string, lowerTarget?: string): FuzzyMatch | null {
  const q = /\s/.test(query) ? query.replace(/\s+/g, '') : query;
  if (!q) return { score: 0, matches: [] };
  return scorePrepared(q, q.toLowerCase(), target, lowerTarget ?? target.toLowerCase());
}

/**
 * fuzzyScore for a query already stripped of spaces and lower-cased: quick open calls it
 * for every path on every keystroke, so it allocates nothing for targets that do not match.
 */
export function scorePrepared(q: string, lowerQ: string, target: string, lowerT: string): FuzzyMatch | null {
  if (!fuzzyContains(lowerQ, lowerT)) return null;
  const baseStart = Math.max(target.lastIndexOf('/'), target.lastIndexOf('\\')) + 1;

  // Prefer matching inside the file name: try a greedy match that starts in the basename,
  // then fall back to one over the whole path, and keep the better.
  const inBase = baseStart > 0 && fuzzyContains(lowerQ, lowerT, baseStart) ? bestFrom(q, target, lowerT, baseStart) : null;
  const whole = bestFrom(q, target, lowerT, 0);
  const best = inBase && (!whole || inBase.score >= whole.score) ? inBase : whole;
  if (!best) return null;

  // Whole-name bonuses: the file name is the query, or the query plus its extension.
  const n = lowerQ.length;
  const baseLen = lowerT.length - baseStart;
  if (lowerT.startsWith(lowerQ, baseStart)) {
    if (baseLen === n || (lowerT[baseStart + n] === '.' && lowerT.indexOf('.', baseStart + n + 1) === -1)) best.score += 100;
    else best.score += 40;
  }
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

/**
 * Keeps the best `limit` entries seen so far, without sorting everything: a list of
 * 100k matches only ever costs a small sorted insert per better candidate.
 */
export class TopK<T> {
  readonly items: { item: T; match: FuzzyMatch; key: string }[] = [];
  constructor(private readonly limit: number) {}

  private better(a: { match: FuzzyMatch; key: string }, b: { match: FuzzyMatch; key: string }): boolean {
    return a.match.score > b.match.score || (a.match.score === b.match.score && (a.key.length < b.key.length || (a.key.length === b.key.length && a.key < b.key)));
  }

  offer(entry: { item: T; match: FuzzyMatch; key: string }): void {
    const items = this.items;
    if (items.length === this.limit && !this.better(entry, items[items.length - 1])) return;
    let i = items.length;
    while (i > 0 && this.better(entry, items[i - 1])) i--;
    items.splice(i, 0, entry);
    if (items.length > this.limit) items.pop();
  }
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
