// Shared helpers: medians, percentiles and the one-line report every benchmark prints.

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

const fmt = (n) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));

/**
 * Prints `name  ours=<x>  baseline=<y>  ratio=<r>  target=<t>  ok|MISS` and returns whether it met the target.
 * `ok` decides from the raw figures, because some targets are ratios and some are offsets.
 */
export function report({ name, ours, baseline, unit, ratio, target, ok }) {
  const line = `${name.padEnd(34)} ours=${fmt(ours)}${unit}  baseline=${fmt(baseline)}${unit}  ratio=${fmt(ratio)}  target=${target}  ${ok ? 'ok' : 'MISS'}`;
  console.log(line);
  return { name, ours, baseline, ratio, target, ok, line };
}
