/**
 * Kiro bugfix.md: three sections of numbered items, `## Current Behavior (Defect)` (1.x),
 * `## Expected Behavior (Correct)` (2.x, "… SHALL …") and `## Unchanged Behavior
 * (Regression Prevention)` (3.x, "… SHALL CONTINUE TO …"). Items are referenced like
 * criteria, so they are Criterion objects with ids "1.1", "2.3".
 */

import { continueCriterion, startCriterion, type Criterion } from './criteria';
import { clip, compareDiagnostics, lineDiagnostic, makeDiagnostic, type SpecDiagnostic } from './diagnostics';
import { fencedLines, parseHeading, splitLines } from './lines';

export interface ParsedBugfix {
  current: Criterion[];
  expected: Criterion[];
  unchanged: Criterion[];
  diagnostics: SpecDiagnostic[];
}

const SECTIONS = [
  { key: 'current', prefix: 1, heading: 'Current Behavior (Defect)', test: /^current behaviou?r\b/i },
  { key: 'expected', prefix: 2, heading: 'Expected Behavior (Correct)', test: /^expected behaviou?r\b/i },
  { key: 'unchanged', prefix: 3, heading: 'Unchanged Behavior (Regression Prevention)', test: /^unchanged behaviou?r\b/i },
] as const;

// "1.1 text", "- 1.1. text", "**1.1** text", or a plain list item "1. text" (numbered in its section).
const ITEM = /^(\s*(?:[-*+][ \t]+)?(?:\*\*)?)(?:(\d+)\.(\d+)\.?|(\d+)[.)])(?:\*\*)?(?:[ \t]+|$)/;

/** Parses a bugfix.md leniently; a missing section or a misnumbered item is a diagnostic. */
export function parseBugfix(text: string): ParsedBugfix {
  const { lines } = splitLines(text);
  const { inside } = fencedLines(lines);
  const out: ParsedBugfix = { current: [], expected: [], unchanged: [], diagnostics: [] };
  const diags = out.diagnostics;
  const found = new Map<number, { line: number; count: number }>();
  const ids = new Map<string, number>();
  let section: { prefix: number; level: number; list: Criterion[]; heading: string } | undefined;
  let current: Criterion | undefined;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const lineNo = i + 1;
    if (inside[i] || !line.trim()) {
      current = undefined;
      continue;
    }
    const h = parseHeading(line);
    if (h) {
      current = undefined;
      const s = SECTIONS.find((x) => x.test.test(h.text));
      if (s && !found.has(s.prefix)) {
        section = { prefix: s.prefix, level: h.level, list: out[s.key], heading: s.heading };
        found.set(s.prefix, { line: lineNo, count: 0 });
      } else if (section && h.level <= section.level) {
        section = undefined;
      }
      continue;
    }
    const m = section ? ITEM.exec(line) : null;
    if (section && m) {
      const prefix = m[2] !== undefined ? Number(m[2]) : section.prefix;
      const n = Number(m[3] ?? m[4]);
      const id = `${section.prefix}.${n}`;
      if (prefix !== section.prefix) {
        diags.push(lineDiagnostic(lineNo, line, 'warning', 'bugfix-numbering', `Item ${prefix}.${n} is under "${section.heading}", whose items are numbered ${section.prefix}.x: renumber it ${id}`));
      }
      const first = ids.get(id);
      if (first !== undefined) diags.push(lineDiagnostic(lineNo, line, 'error', 'bugfix-numbering', `Item ${id} is numbered twice (first on line ${first}): renumber one of them`));
      else ids.set(id, lineNo);
      current = startCriterion(id, n, line, lineNo, m[0].length);
      section.list.push(current);
      const f = found.get(section.prefix);
      if (f) f.count++;
      continue;
    }
    if (current) continueCriterion(current, line, lineNo);
  }

  for (const s of SECTIONS) {
    const f = found.get(s.prefix);
    if (!f) {
      diags.push(makeDiagnostic({ line: 1, column: 1, endColumn: 2, severity: 'error', code: 'bugfix-missing-section', message: `bugfix.md has no "## ${s.heading}" section: add it, with items numbered ${s.prefix}.1, ${s.prefix}.2, …` }));
    } else if (f.count === 0) {
      diags.push(lineDiagnostic(f.line, lines[f.line - 1], 'warning', 'bugfix-empty-section', `"${s.heading}" has no items: add numbered items ${s.prefix}.1, ${s.prefix}.2, …`));
    }
  }
  for (const c of out.expected) if (!/\bSHALL\b/i.test(c.text)) diags.push(itemDiagnostic(c, 'bugfix-shall', `Expected behavior ${c.id} "${clip(c.text)}" has no SHALL: write "WHEN …, THEN the system SHALL …"`));
  for (const c of out.unchanged) if (!/\bCONTINUE\s+TO\b/i.test(c.text)) diags.push(itemDiagnostic(c, 'bugfix-continue', `Unchanged behavior ${c.id} "${clip(c.text)}" does not say what continues: write "… SHALL CONTINUE TO …"`));
  diags.sort(compareDiagnostics);
  return out;
}

function itemDiagnostic(c: Criterion, code: string, message: string): SpecDiagnostic {
  const column = c.column ?? 1;
  const first = c.parts && c.parts.length > 1 ? c.parts[1].offset - 1 : c.text.length;
  return makeDiagnostic({ line: c.line, column, endColumn: column + first, severity: 'info', code, message });
}
