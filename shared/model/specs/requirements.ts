/**
 * Kiro requirements.md: `# Requirements Document`, `## Introduction`, an optional
 * `## Glossary`, `## Requirements`, then `### Requirement N[: Title]` blocks with a user
 * story and `#### Acceptance Criteria` (numbered EARS statements, ids "N.M").
 *
 * Round trip: the parsed document keeps its lines in `layout` (grouped by part) and each
 * requirement keeps its block in `source`, so writeRequirements(parseRequirements(t)) === t
 * for any text with uniform line endings, and an edit re-renders only the part it touches.
 * Text between requirements stays with the requirement above it.
 */

import { numberingDiagnostics, type Criterion } from './criteria';
import { compareDiagnostics, lineDiagnostic, makeDiagnostic, type SpecDiagnostic } from './diagnostics';
import { documentTitle, fencedLines, parseHeading, splitLines, type Eol } from './lines';
import { parseRequirementBlock, readGlossary, readIntroduction, requirementHeading } from './requirements-parts';

export { criterionPosition, type Criterion, type CriterionPart } from './criteria';
export { writeRequirements } from './requirements-write';

export interface GlossaryEntry {
  term: string;
  definition: string;
}

export interface Requirement {
  number: number;
  /** The text after "### Requirement N", e.g. ": Login", or "". */
  title: string;
  userStory?: string;
  criteria: Criterion[];
  /** 1-based line of the heading. */
  line: number;
  /** The block's lines as read (heading to the next requirement), kept verbatim while unedited. */
  source?: string[];
}

export type RequirementsPartKind = 'title' | 'introduction' | 'glossary' | 'requirements' | 'other';

/** Every line of the file in order, grouped by the part it belongs to; `requirements` marks where the requirement blocks go. */
export interface RequirementsLayout {
  eol: Eol;
  finalNewline: boolean;
  bom: boolean;
  parts: { kind: RequirementsPartKind; lines: string[] }[];
}

/** What writeRequirements needs; a ParsedRequirements is one. */
export interface RequirementsDocument {
  title?: string;
  introduction?: string;
  glossary?: GlossaryEntry[];
  requirements: Requirement[];
  layout?: RequirementsLayout;
}

export interface ParsedRequirements extends RequirementsDocument {
  title: string;
  introduction: string;
  glossary: GlossaryEntry[];
  requirements: Requirement[];
  diagnostics: SpecDiagnostic[];
  layout: RequirementsLayout;
}

type Start = { at: number; kind: Exclude<RequirementsPartKind, 'title'> | 'requirement' };

/** Parses a requirements.md leniently: problems become diagnostics, never exceptions. */
export function parseRequirements(text: string): ParsedRequirements {
  const src = splitLines(text);
  const { lines } = src;
  const starts = partStarts(lines);
  const diagnostics: SpecDiagnostic[] = [];
  const layout: RequirementsLayout = { eol: src.eol, finalNewline: src.finalNewline, bom: src.bom, parts: [] };
  const doc: ParsedRequirements = { title: '', introduction: '', glossary: [], requirements: [], diagnostics, layout };

  const prelude = lines.slice(0, starts[0]?.at ?? lines.length);
  layout.parts.push({ kind: 'title', lines: prelude });
  doc.title = documentTitle(prelude)?.text ?? '';
  const seen = new Set<string>();
  starts.forEach((s, k) => {
    const block = lines.slice(s.at, starts[k + 1]?.at ?? lines.length);
    if (s.kind === 'requirement') {
      const parsed = parseRequirementBlock(block, s.at + 1);
      doc.requirements.push(parsed.requirement);
      diagnostics.push(...parsed.diagnostics);
      if (!seen.has('requirements')) layout.parts.push({ kind: 'requirements', lines: [] });
      seen.add('requirements');
      return;
    }
    // Only the first introduction or glossary is the document's; a repeat is kept as other text.
    const kind = s.kind !== 'other' && seen.has(s.kind) ? 'other' : s.kind;
    seen.add(kind);
    layout.parts.push({ kind, lines: block });
    if (kind === 'introduction') doc.introduction = readIntroduction(block);
    if (kind === 'glossary') doc.glossary = readGlossary(block);
  });

  lines.forEach((line, i) => {
    if (/^ {0,3}#{3,4}[ \t]+Requirement\b/i.test(line) && !requirementHeading(line)) {
      diagnostics.push(lineDiagnostic(i + 1, line, 'warning', 'spec-structure', `"${line.trim()}" has no number, so it is not read as a requirement: write "### Requirement N"`));
    }
  });
  const heads = doc.requirements.map((r) => {
    const m = /\d+/.exec(r.source?.[0] ?? '');
    const column = (m?.index ?? 0) + 1;
    return { number: r.number, line: r.line, column, endColumn: column + (m?.[0].length ?? 1) };
  });
  diagnostics.push(...numberingDiagnostics(heads, (n) => `Requirement ${n}`, 'requirement'));
  if (doc.requirements.length === 0) {
    diagnostics.push(makeDiagnostic({ line: 1, column: 1, endColumn: 2, severity: 'warning', code: 'spec-no-requirements', message: 'No requirements found: add "### Requirement 1" with a user story and acceptance criteria' }));
  }
  diagnostics.sort(compareDiagnostics);
  return doc;
}

/** Where each part starts: level-2 sections and requirement headings (the first level-1 heading is the title). */
function partStarts(lines: readonly string[]): Start[] {
  const { inside } = fencedLines(lines);
  let starts: Start[] = [];
  let titled = false;
  lines.forEach((line, at) => {
    if (inside[at]) return;
    if (requirementHeading(line)) return void starts.push({ at, kind: 'requirement' });
    const h = parseHeading(line);
    if (!h || h.level > 2) return;
    if (h.level === 1 && !titled && starts.length === 0) return void (titled = true);
    const kind = h.level === 2 && /^introduction\b/i.test(h.text) ? 'introduction' : h.level === 2 && /^glossary\b/i.test(h.text) ? 'glossary' : 'other';
    starts.push({ at, kind });
  });
  // A section between two requirements stays with the one above it, so requirements stay together.
  const first = starts.findIndex((s) => s.kind === 'requirement');
  const last = starts.map((s) => s.kind).lastIndexOf('requirement');
  if (first >= 0) starts = starts.filter((s, k) => s.kind === 'requirement' || k < first || k > last);
  return starts;
}
