/** TEST SUPPORT: seeded randomness and quick-open queries as people type them, for the fuzzy and file-index tests. */

/** A small seeded generator, so a failure can be replayed. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A query as people type them (without spaces, as the scorers take them): a piece of a path, letters dropped, case changed, or random characters. */
export function randomQuery(rnd: () => number, paths: string[]): string {
  const p = paths[Math.floor(rnd() * paths.length)];
  const start = Math.floor(rnd() * p.length);
  let q = p.slice(start, start + 1 + Math.floor(rnd() * 10));
  if (rnd() < 0.3) q = [...q].filter(() => rnd() < 0.6).join('');
  if (rnd() < 0.3) q = [...q].map((c) => (rnd() < 0.3 ? c.toUpperCase() : c)).join('');
  if (rnd() < 0.2) q = Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => 'aeiosxUPF0/._-İé'[Math.floor(rnd() * 16)]).join('');
  return q.replace(/\s+/g, '') || 'a';
}
