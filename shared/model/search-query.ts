/** A workspace text search, as the search panel and the agent's search tool describe it. */
export interface TextQuery {
  pattern: string;
  isRegex: boolean;
  caseSensitive: boolean;
  wholeWord: boolean;
  /** Globs a file must match (any); empty means all files. */
  include: string[];
  /** Globs that exclude files. */
  exclude: string[];
}

/** Builds the JavaScript RegExp for a query (global, so it can find every match on a line). */
export function queryRegExp(q: Pick<TextQuery, 'pattern' | 'isRegex' | 'caseSensitive' | 'wholeWord'>): RegExp {
  let source = q.isRegex ? q.pattern : q.pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (q.wholeWord) source = `\\b(?:${source})\\b`;
  return new RegExp(source, q.caseSensitive ? 'gu' : 'giu');
}

/** The text a match becomes on replace: `$1`-style groups expand only in regex mode. */
export function replacementFor(match: RegExpExecArray, replacement: string, isRegex: boolean): string {
  if (!isRegex) return replacement;
  return replacement.replace(/\$(\$|&|\d{1,2})/g, (whole, ref: string) => {
    if (ref === '$') return '$';
    if (ref === '&') return match[0];
    const value = match[Number(ref)];
    return value ?? whole;
  });
}

/** Splits comma-separated globs as typed in the search panel ("src/**, *.ts"). */
export function parseGlobs(text: string): string[] {
  return text
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean)
    .map((g) => (g.includes('/') || g.startsWith('**') ? g : `**/${g}`));
}
