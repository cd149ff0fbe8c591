import { execFileSync } from 'node:child_process';

/** Finds ripgrep: the configured path, else `rg` on PATH; null when neither runs. */
export function findRipgrep(configured = ''): string | null {
  for (const candidate of [configured.trim(), 'rg'].filter(Boolean)) {
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore', timeout: 5000 });
      return candidate;
    } catch {
      // not there or not runnable: try the next
    }
  }
  return null;
}
