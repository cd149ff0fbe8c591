/**
 * EARS lint of requirements: each acceptance criterion is classified (ears-classify.ts) and
 * checked for vague words, pronouns standing in for the system, and system names that look
 * like typos of the file's usual one. Structural problems (missing user story, numbering
 * gaps) come from parseRequirements; the lint repeats only its duplicate-numbering errors
 * (`ears-numbering`), so callers that show both get the same diagnostic twice and may dedupe
 * by position and message.
 */

import { criterionPosition, type Criterion } from './criteria';
import { clip, compareDiagnostics, makeDiagnostic, type SpecDiagnostic, type SpecFix, type SpecSeverity } from './diagnostics';
import { classifyEars, type EarsIssue, type EarsResult } from './ears-classify';
import { splitLines } from './lines';
import { parseRequirements } from './requirements';

export { classifyEars, EARS_PATTERNS, type EarsClause, type EarsIssue, type EarsKeyword, type EarsPattern, type EarsResult } from './ears-classify';

export interface EarsLintOptions {
  /** The system name criteria should use ("THE <systemName> SHALL"); defaults to the file's most common one. */
  systemName?: string;
}

const SEVERITY: Record<EarsIssue['code'], SpecSeverity> = { 'ears-pattern': 'warning', 'ears-shall': 'error', 'ears-order': 'warning', 'ears-form': 'info' };

const VAGUE = /(?<![\w-])(user-friendly|as\s+needed|appropriately|appropriate|adequate|reasonable|efficient|flexible|robust|intuitive|simple|quickly|fast|easy|etc\.?|tbd|some|several|many)(?![\w-])/gi;

/** What to write instead of a vague word. */
function vagueAdvice(word: string): string {
  const w = word.toLowerCase().replace(/\s+/g, ' ').replace(/\.$/, '');
  const q = `"${word}"`;
  switch (w) {
    case 'fast': case 'quickly': return `${q} is vague: say how fast (a number with a unit, e.g. "within 200 ms")`;
    case 'efficient': return `${q} is vague: give the budget (time, memory or calls, with a unit)`;
    case 'user-friendly': case 'easy': case 'intuitive': case 'simple': return `${q} is vague: name the observable behaviour (e.g. "in at most 2 clicks")`;
    case 'appropriate': case 'appropriately': case 'adequate': case 'reasonable': return `${q} is vague: state the exact value, limit or rule`;
    case 'flexible': case 'robust': return `${q} is vague: name the change or failure to handle and what happens then`;
    case 'as needed': return `${q} is vague: state the condition with WHEN or IF`;
    case 'etc': return `${q} leaves the list open: list every case`;
    case 'tbd': return `${q} marks an undecided requirement: decide it, or move it out of the criteria`;
    default: return `${q} is vague: give the number, or list the items`;
  }
}

/** EARS lint of a whole requirements.md: diagnostics with 1-based positions and quick fixes where obvious. */
export function lintRequirements(text: string, opts: EarsLintOptions = {}): SpecDiagnostic[] {
  const parsed = parseRequirements(text);
  const { lines } = splitLines(text);
  const numbering = parsed.diagnostics.filter((d) => d.code === 'ears-numbering');
  return [...numbering, ...lintCriteria(parsed.requirements.flatMap((r) => r.criteria), lines, opts)].sort(compareDiagnostics);
}

/** EARS lint of criteria parsed from `lines` (requirements.md, or the expected items of a bugfix.md). */
export function lintCriteria(criteria: readonly Criterion[], lines: readonly string[], opts: EarsLintOptions = {}): SpecDiagnostic[] {
  const results = criteria.map((c) => classifyEars(c.text));
  const usual = opts.systemName?.trim() || mostCommonSystem(results);
  const out: SpecDiagnostic[] = [];
  criteria.forEach((c, k) => {
    const r = results[k];
    const at = (start: number, end: number) => locate(c, start, end, lines);
    for (const issue of r.issues) {
      const fix = issue.replacement === undefined ? undefined
        : replaceFix(c, issue.fixStart ?? issue.start, issue.fixEnd ?? issue.end, issue.replacement, lines, fixTitle(issue));
      out.push(makeDiagnostic({ ...at(issue.start, issue.end), severity: SEVERITY[issue.code], code: issue.code, message: issue.message, fix }));
    }
    const sys = r.system !== undefined && r.systemStart !== undefined ? { text: r.system, start: r.systemStart, end: r.systemStart + r.system.length } : undefined;
    for (const m of c.text.matchAll(VAGUE)) {
      const start = m.index ?? 0;
      if (sys && start >= sys.start && start < sys.end) continue;
      if (quoted(c.text, start)) continue;
      out.push(makeDiagnostic({ ...at(start, start + m[0].length), severity: 'warning', code: 'ears-vague', message: vagueAdvice(m[0]) }));
    }
    if (!sys) return;
    if (/^(it|they|them)$/i.test(sys.text)) {
      const name = usual ? `THE ${usual}` : 'THE <system name>';
      const fix = usual ? replaceFix(c, sys.start, sys.end, name, lines, `Replace "${sys.text}" with "${name}"`) : undefined;
      out.push(makeDiagnostic({ ...at(sys.start, sys.end), severity: 'warning', code: 'ears-pronoun', message: `"${sys.text}" stands where the system name should be: write "${name}"`, fix }));
    } else if (usual && sys.text !== usual && similar(sys.text, usual)) {
      const fix = replaceFix(c, sys.start, sys.end, usual, lines, `Replace "${sys.text}" with "${usual}"`);
      out.push(makeDiagnostic({ ...at(sys.start, sys.end), severity: 'info', code: 'ears-system', message: `"THE ${sys.text}" differs from "THE ${usual}" used elsewhere in this file (a typo?): write "THE ${usual}"`, fix }));
    }
  });
  return out.sort(compareDiagnostics);
}

function fixTitle(issue: EarsIssue): string {
  if (issue.code === 'ears-shall') return `Write "SHALL"`;
  if (issue.code === 'ears-order') return 'Reorder the clauses (WHERE, WHILE, WHEN/IF)';
  return issue.replacement === ',' ? 'Add the comma' : `Insert "${issue.replacement?.trim()}"`;
}

/** The most used system name, when one is used more than any other. */
function mostCommonSystem(results: readonly EarsResult[]): string | undefined {
  const counts = new Map<string, number>();
  for (const r of results) if (r.system && !/^(it|they|them)$/i.test(r.system)) counts.set(r.system, (counts.get(r.system) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  return ranked.length && (ranked.length === 1 || ranked[0][1] > ranked[1][1]) ? ranked[0][0] : undefined;
}

/** Same name but for case, or a small edit apart: more likely a typo than another component. */
function similar(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return true;
  const limit = Math.min(x.length, y.length) >= 6 ? 2 : 1;
  return Math.abs(x.length - y.length) <= limit && editDistance(x, y) <= limit;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length];
}

/** Inside a `code span` or "quotation": an example, not a claim. */
function quoted(text: string, at: number): boolean {
  for (const m of text.matchAll(/`[^`]*`|"[^"]*"|“[^”]*”/g)) if (at > (m.index ?? 0) && at < (m.index ?? 0) + m[0].length) return true;
  return false;
}

/** A range in the file for offsets in a criterion, clipped to the line where it starts. */
function locate(c: Criterion, start: number, end: number, lines: readonly string[]): { line: number; column: number; endColumn: number } {
  const a = criterionPosition(c, start);
  const b = criterionPosition(c, end);
  const endColumn = b.line === a.line ? b.column : (lines[a.line - 1] ?? '').trimEnd().length + 1;
  return { line: a.line, column: a.column, endColumn };
}

/** A fix that replaces offsets [start, end) of a criterion, when they lie on one line and still read as expected. */
function replaceFix(c: Criterion, start: number, end: number, replacement: string, lines: readonly string[], title: string): SpecFix | undefined {
  const a = criterionPosition(c, start);
  const b = criterionPosition(c, end);
  const line = lines[a.line - 1];
  if (line === undefined || a.line !== b.line || line.slice(a.column - 1, b.column - 1) !== c.text.slice(start, end)) return undefined;
  return { title: clip(title, 80), line: a.line, text: line.slice(0, a.column - 1) + replacement + line.slice(b.column - 1) };
}
