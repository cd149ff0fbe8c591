/**
 * Readers for the parts of a requirements.md (one requirement block, the introduction, the
 * glossary). Shared by the parser and the writer, which re-reads a part's original lines to
 * decide whether it may keep them.
 */

import { continueCriterion, numberingDiagnostics, startCriterion, type Criterion } from './criteria';
import { lineDiagnostic, makeDiagnostic, type SpecDiagnostic } from './diagnostics';
import { fencedLines, parseHeading, stripClosingHashes } from './lines';
import type { GlossaryEntry, Requirement } from './requirements';

const REQUIREMENT_HEADING = /^ {0,3}#{3,4}[ \t]+Requirement[ \t]+(\d+)(.*)$/i;
const USER_STORY = /^\s*(?:[-*+][ \t]+)?[*_]{0,2}User[ \t]+Story(?:[ \t]*:[ \t]*[*_]{0,2}|[*_]{0,2}[ \t]*:)[ \t]*(.*)$/i;
// "1. text", "1) text" or "1.2 text" (a criterion written with its full id).
const NUMBERED = /^(\s*)(?:(\d+)\.(\d+)\.?|(\d+)[.)])(?:[ \t]+|$)/;

/** Number and title (the text after the number, e.g. ": Login") of a `### Requirement N` heading; null for other lines. */
export function requirementHeading(line: string): { number: number; title: string } | null {
  const m = REQUIREMENT_HEADING.exec(line);
  if (!m) return null;
  return { number: Number(m[1]), title: stripClosingHashes(m[2]) };
}

export interface RequirementBlock {
  requirement: Requirement;
  diagnostics: SpecDiagnostic[];
  /** Index of the first line after the requirement proper: trailing blank lines and attached text start here. */
  end: number;
}

/** Reads one requirement from its lines (the first is its heading); `firstLineNo` is that heading's 1-based line. */
export function parseRequirementBlock(lines: readonly string[], firstLineNo: number): RequirementBlock {
  const head = requirementHeading(lines[0] ?? '') ?? { number: 0, title: '' };
  const req: Requirement = { number: head.number, title: head.title, criteria: [], line: firstLineNo, source: [...lines] };
  const diagnostics: SpecDiagnostic[] = [];
  const numbers: { number: number; line: number; column: number; endColumn: number }[] = [];
  const { inside } = fencedLines(lines);
  let state: 'head' | 'criteria' | 'after' = 'head';
  let looseAt = 0;
  let current: Criterion | undefined;
  let end = lines.length ? 1 : 0;

  for (let i = 1; i < lines.length && state !== 'after'; i++) {
    const line = lines[i];
    const lineNo = firstLineNo + i;
    if (inside[i] || !line.trim()) {
      current = undefined;
      continue;
    }
    const heading = parseHeading(line);
    if (heading) {
      current = undefined;
      state = /^acceptance criteria\b/i.test(heading.text) ? 'criteria' : 'after';
      if (state === 'criteria') end = i + 1;
      continue;
    }
    const story = USER_STORY.exec(line);
    if (story && req.userStory === undefined && !current) {
      req.userStory = story[1].trim();
      end = i + 1;
      continue;
    }
    const item = NUMBERED.exec(line);
    if (item) {
      if (item[2] !== undefined && Number(item[2]) !== req.number) {
        diagnostics.push(lineDiagnostic(lineNo, line, 'warning', 'spec-criterion-prefix', `Criterion ${item[2]}.${item[3]} is under Requirement ${req.number}: number it ${req.number}.${item[3]}`));
      }
      const n = Number(item[3] ?? item[4]);
      current = startCriterion(`${req.number}.${n}`, n, line, lineNo, item[0].length);
      req.criteria.push(current);
      numbers.push({ number: n, line: lineNo, column: item[1].length + 1, endColumn: item[0].trimEnd().length + 1 });
      if (state === 'head' && !looseAt) looseAt = lineNo;
      end = i + 1;
      continue;
    }
    if (current) {
      continueCriterion(current, line, lineNo);
      end = i + 1;
    }
  }

  const headLine = lines[0] ?? '';
  if (req.userStory === undefined) {
    diagnostics.push(lineDiagnostic(firstLineNo, headLine, 'warning', 'spec-no-user-story', `Requirement ${req.number} has no user story: add "**User Story:** As a <role>, I want <capability>, so that <benefit>"`));
  }
  if (req.criteria.length === 0) {
    diagnostics.push(lineDiagnostic(firstLineNo, headLine, 'warning', 'spec-no-criteria', `Requirement ${req.number} has no acceptance criteria: add "#### Acceptance Criteria" and numbered EARS statements ("1. WHEN …, THE <system> SHALL …")`));
  } else if (looseAt) {
    diagnostics.push(makeDiagnostic({ line: looseAt, column: 1, endColumn: 2, severity: 'info', code: 'spec-structure', message: `The criteria of Requirement ${req.number} are not under an "#### Acceptance Criteria" heading: add it above them` }));
  }
  diagnostics.push(...numberingDiagnostics(numbers, (n) => `Criterion ${req.number}.${n}`, 'criterion'));
  return { requirement: req, diagnostics, end };
}

/** The introduction's text: the section's lines after its heading, trimmed and joined with "\n". */
export function readIntroduction(lines: readonly string[]): string {
  return lines.slice(1).join('\n').trim();
}

const BOLD_TERM = /^\s*[-*+][ \t]+\*\*(.+?)\*\*[ \t]*:?[ \t]*(.*)$/;
const PLAIN_TERM = /^\s*[-*+][ \t]+([^:*]+):[ \t]+(.*)$/;

/** Glossary entries (`- **Term**: definition`) of a glossary section's lines. */
export function readGlossary(lines: readonly string[]): GlossaryEntry[] {
  const { inside } = fencedLines(lines);
  const out: GlossaryEntry[] = [];
  lines.forEach((line, i) => {
    if (i === 0 || inside[i]) return;
    const m = BOLD_TERM.exec(line) ?? PLAIN_TERM.exec(line);
    if (m) out.push({ term: m[1].replace(/:$/, '').trim(), definition: m[2].trim() });
  });
  return out;
}
