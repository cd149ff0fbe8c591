/**
 * The `when.patterns` of file hooks as one predicate over workspace-relative paths.
 * Globs follow picomatch: `**` crosses folders and `*` does not, so `*.md` is only a root
 * file and `src/**` everything under src; dotfiles and dot folders match like other names.
 */
import picomatch from 'picomatch';

// Paths are always `/`-separated, so globs mean the same on every OS (picomatch would
// otherwise switch to Windows rules on win32 and read `\` as a separator).
const OPTIONS: picomatch.PicomatchOptions = { dot: true, windows: false };

const stripDotSlash = (s: string) => s.replace(/^(\.\/)+/, '');

function compile(globs: string[]): ((path: string) => boolean) | undefined {
  const matchers = globs.flatMap((glob) => {
    try {
      return [picomatch(glob, OPTIONS)];
    } catch {
      // picomatch rejects only empty or non-string globs, which the hook schema reports
      return [];
    }
  });
  return matchers.length ? (path) => matchers.some((m) => m(path)) : undefined;
}

/**
 * A path matches when it matches any positive pattern and no `!` pattern; a list of only
 * `!` patterns means "everything except". Blank and invalid patterns are ignored.
 */
export function compilePatterns(patterns: string[]): (relPath: string) => boolean {
  const positive: string[] = [];
  const negative: string[] = [];
  for (const raw of patterns) {
    if (typeof raw !== 'string') continue;
    const p = raw.trim();
    if (p.startsWith('!')) {
      const glob = stripDotSlash(p.slice(1).trim());
      if (glob) negative.push(glob);
    } else {
      const glob = stripDotSlash(p);
      if (glob) positive.push(glob);
    }
  }
  const include = compile(positive);
  const exclude = compile(negative);
  if (!include && !exclude) return () => false;
  return (relPath) => {
    const path = stripDotSlash(relPath);
    if (exclude?.(path)) return false;
    return include ? include(path) : true;
  };
}
