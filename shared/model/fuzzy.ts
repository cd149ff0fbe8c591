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

const isUpper = (code: number) => code >= 65 && code <= 90;
const isLower = (code: number) => code >= 97 && code <= 122;
/** `/ \\ _ - . space :` (char codes: this runs for every candidate on every keystroke). */
const isSeparator = (code: number) => code === 47 || code === 92 || code === 95 || code === 45 || code === 46 || code === 32 || code === 58;

function isWordStart(target: string, i: number): boolean {
  if (i === 0) return true;
  const prev = target.charCodeAt(i - 1);
  if (isSeparator(prev)) return true;
  // camelCase hump: a lower-case letter followed by an upper-case one
  return isUpper(target.charCodeAt(i)) && isLower(prev);
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

/** Where the file name starts: after the last `/` or `\\`, or 0. */
export function baseStartOf(target: string): number {
  for (let i = target.length - 1; i >= 0; i--) {
    const c = target.charCodeAt(i);
    if (c === 47 || c === 92) return i + 1;
  }
  return 0;
}

/** Scores one target; null when the query does not match. `lowerTarget` may be passed when precomputed. */
export function fuzzyScore(query: string, target: string, lowerTarget?: string): FuzzyMatch | null {
  const q = /\s/.test(query) ? query.replace(/\s+/g, '') : query;
  if (!q) return { score: 0, matches: [] };
  return scorePrepared(q, q.toLowerCase(), target, lowerTarget ?? target.toLowerCase());
}

/** fuzzyScore for a query already stripped of spaces, with `lowerQ` = `q.toLowerCase()`. */
export function scorePrepared(q: string, lowerQ: string, target: string, lowerT: string): FuzzyMatch | null {
  if (!fuzzyContains(lowerQ, lowerT)) return null;
  const matches: number[] = [];
  const score = scoreCandidate(q, lowerQ, target, lowerT, baseStartOf(target), matches);
  return Number.isNaN(score) ? null : { score, matches };
}

/**
 * The score of a target that fuzzyContains the query, or NaN when the greedy match fails
 * anyway. Fills `matches` (when given) with the positions to highlight. Quick open passes
 * null for the thousands of candidates that never make its top list, so scoring them
 * allocates nothing. `baseStart` is baseStartOf(target).
 */
export function scoreCandidate(q: string, lowerQ: string, target: string, lowerT: string, baseStart: number, matches: number[] | null): number {
  // Prefer matching inside the file name: try a greedy match that starts in the basename,
  // then fall back to one over the whole path, and keep the better.
  const inBase = baseStart > 0 && fuzzyContains(lowerQ, lowerT, baseStart) ? bestFrom(q, lowerQ, target, lowerT, baseStart, null) : NaN;
  const whole = bestFrom(q, lowerQ, target, lowerT, 0, null);
  const useBase = !Number.isNaN(inBase) && (Number.isNaN(whole) || inBase >= whole);
  if (!useBase && Number.isNaN(whole)) return NaN;
  // the highlights only for the winner (the same greedy walk again)
  if (matches) bestFrom(q, lowerQ, target, lowerT, useBase ? baseStart : 0, matches);
  let score = useBase ? inBase : whole;
  score += nameBonus(lowerQ, lowerT, baseStart);
  if (lowerT === lowerQ) score += 100;
  // Shorter targets win ties.
  score -= target.length * 0.1;
  return score;
}

/** Whole-name bonus: the file name is the query, or the query plus its extension (100); it starts with the query (40). */
function nameBonus(lowerQ: string, lowerT: string, baseStart: number): number {
  if (!lowerT.startsWith(lowerQ, baseStart)) return 0;
  const n = lowerQ.length;
  const baseLen = lowerT.length - baseStart;
  return baseLen === n || (lowerT[baseStart + n] === '.' && lowerT.indexOf('.', baseStart + n + 1) === -1) ? 100 : 40;
}

/**
 * Greedy left-to-right match that prefers word starts, starting the search at `from`: the
 * score, or NaN when some character cannot be placed. Pushes the picks to `matches` if given.
 */
function bestFrom(query: string, lowerQ: string, target: string, lowerT: string, from: number, matches: number[] | null): number {
  let score = 0;
  let i = from;
  let prev = -2;
  for (let k = 0; k < lowerQ.length; k++) {
    const ch = lowerQ.charCodeAt(k);
    // look ahead for this character at a word start before taking the first occurrence
    let pick = -1;
    let wordStart = false;
    for (let j = i; j < lowerT.length; j++) {
      if (lowerT.charCodeAt(j) !== ch) continue;
      if (j === prev + 1) {
        pick = j;
        wordStart = isWordStart(target, j);
        break;
      }
      if (isWordStart(target, j)) {
        pick = j;
        wordStart = true;
        break;
      }
      // the first occurrence, not a word start: kept unless a better one follows
      if (pick === -1) pick = j;
    }
    if (pick === -1) return NaN;
    let s = 1;
    if (pick === prev + 1) s += 6; // consecutive
    if (wordStart) s += 8;
    // smart case: an upper-case letter typed on purpose should land on an upper-case hump
    if (query.charCodeAt(k) !== ch && target[pick] === query[k]) s += 4;
    if (pick >= from && from > 0) s += 2; // inside the basename
    s -= Math.min(3, (pick - prev - 1) * 0.2); // gaps cost a little
    score += s;
    if (matches) matches.push(pick);
    prev = pick;
    i = pick + 1;
  }
  return score;
}

/**
 * Upper bounds for quick open: once its top list is full, a path whose best possible score
 * cannot beat the worst kept one is skipped without the greedy walks. The bound adds up,
 * per query character, every bonus bestFrom could give it, except that the word-start bonus
 * counts only when the path has that character (see charBit) at a word start: the
 * per-path pathShape() is computed once when the index is built.
 */
export interface QueryBound {
  /** One charBit per lower-case query character. */
  bits: number[];
  /** The bound before word-start bonuses, matching over the whole path and inside the basename (add the gap before the basename). */
  whole: number;
  base: number;
  lowerQ: string;
}

/** A word-start class: each letter, any digit, anything else. Shared classes only make the bound looser, never wrong. */
function charBit(code: number): number {
  if (code >= 97 && code <= 122) return 1 << (code - 97);
  return code >= 48 && code <= 57 ? 1 << 26 : 1 << 27;
}

/**
 * Writes what scoreBound() needs about a path to `out[at..at+3)`: where its file name
 * starts, and the charBits of the characters at word starts of the whole path and of the
 * file name. The masks are -1 (every class) when lower-casing changed the length, so
 * positions would not line up. One pass per path when the index is built: isWordStart()
 * and baseStartOf() are folded in.
 */
export function pathShape(target: string, lowerT: string, out: Int32Array, at: number): void {
  const aligned = lowerT.length === target.length;
  let head = 0; // word starts up to the last separator
  let name = 0; // word starts after it
  let base = 0;
  let prev = 47; // position 0 starts a word, as after a '/'
  for (let j = 0; j < target.length; j++) {
    const c = target.charCodeAt(j);
    if (aligned && (isSeparator(prev) || (isUpper(c) && isLower(prev)))) name |= charBit(lowerT.charCodeAt(j));
    if (c === 47 || c === 92) {
      head |= name;
      name = 0;
      base = j + 1;
    }
    prev = c;
  }
  out[at] = base;
  out[at + 1] = aligned ? head | name : -1;
  out[at + 2] = aligned ? name : -1;
}

/** Prepares scoreBound() for a query stripped of spaces, with `lowerQ` = `q.toLowerCase()`. */
export function prepareBound(q: string, lowerQ: string): QueryBound {
  const n = lowerQ.length;
  let upper = 0;
  const bits: number[] = [];
  for (let k = 0; k < n; k++) {
    bits.push(charBit(lowerQ.charCodeAt(k)));
    if (q.charCodeAt(k) !== lowerQ.charCodeAt(k)) upper++;
  }
  // Per character: 1, +6 consecutive (not the first), +4 smart case, +2 in the basename;
  // the first one also pays at least its gap from the start (0.2 for the whole path).
  return { bits, lowerQ, whole: 1 + 7 * (n - 1) + 4 * upper - 0.2, base: 3 + 9 * (n - 1) + 4 * upper };
}

/**
 * Never below scoreCandidate()'s score for this target. `baseStart`, `wholeMask` and
 * `baseMask` are the target's pathShape().
 */
export function scoreBound(b: QueryBound, target: string, lowerT: string, baseStart: number, wholeMask: number, baseMask: number): number {
  let whole = b.whole;
  let base = b.base - Math.min(3, (baseStart + 1) * 0.2);
  for (const bit of b.bits) {
    if (wholeMask & bit) whole += 8;
    if (baseMask & bit) base += 8;
  }
  let bound = baseStart > 0 ? Math.max(whole, base) : whole;
  bound += nameBonus(b.lowerQ, lowerT, baseStart);
  if (lowerT === b.lowerQ) bound += 100;
  // when the masks are valid the lengths are equal, and lowerT is the string already read
  bound -= (wholeMask === -1 ? target.length : lowerT.length) * 0.1;
  // slack for floating-point rounding: the real score adds the same terms in another order
  return bound + 1e-6;
}

/**
 * Keeps the best `limit` entries seen so far, without sorting everything: a list of
 * 100k matches only ever costs a small sorted insert per better candidate.
 */
export class TopK<T> {
  readonly items: { item: T; match: FuzzyMatch; key: string }[] = [];
  constructor(private readonly limit: number) {}

  /**
   * Whether an entry with this score and key would make the list now: quick open asks
   * before computing a candidate's highlights (or even its score, given an upper bound).
   */
  accepts(score: number, key: string): boolean {
    const items = this.items;
    return items.length < this.limit || beats(score, key, items[items.length - 1]);
  }

  offer(entry: { item: T; match: FuzzyMatch; key: string }): void {
    const items = this.items;
    const { score } = entry.match;
    if (items.length === this.limit && !beats(score, entry.key, items[items.length - 1])) return;
    let i = items.length;
    while (i > 0 && beats(score, entry.key, items[i - 1])) i--;
    items.splice(i, 0, entry);
    if (items.length > this.limit) items.pop();
  }
}

/** Higher score first; ties keep shorter, then code-unit order. */
function beats(score: number, key: string, b: { match: FuzzyMatch; key: string }): boolean {
  return score > b.match.score || (score === b.match.score && (key.length < b.key.length || (key.length === b.key.length && key < b.key)));
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
