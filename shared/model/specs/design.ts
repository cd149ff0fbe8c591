/**
 * Kiro design.md: Overview, Architecture (Mermaid allowed), Components and Interfaces, Data
 * Models, Correctness Properties, Error Handling, Testing Strategy. We read its section
 * outline and its correctness properties (`### Property 1: Round trip`, then
 * `**Validates: Requirements 1.2, 3.1**`); headings inside code fences are not sections.
 */

import { compareDiagnostics, lineDiagnostic, makeDiagnostic, type SpecDiagnostic } from './diagnostics';
import { fencedLines, parseHeading, splitLines, trimEndOf } from './lines';

export interface DesignProperty {
  number: number;
  title: string;
  /** Criterion ids as written, e.g. ["1.2", "3.1"]. */
  validates: string[];
  /** 1-based line of the property's heading. */
  line: number;
}

export interface DesignSection {
  title: string;
  level: number;
  line: number;
}

export interface ParsedDesign {
  sections: DesignSection[];
  properties: DesignProperty[];
  diagnostics: SpecDiagnostic[];
}

const PROPERTY_TEXT = /^Property[ \t]+(\d+)[ \t]*[:.–—-]?[ \t]*(.*)$/i;
const BOLD_PROPERTY = /^\s*(?:[-*+][ \t]+)?\*\*Property[ \t]+(\d+)[ \t]*[:.–—-]?[ \t]*(.*?)\*\*[ \t]*:?[ \t]*(.*)$/i;
const VALIDATES = /^\s*(?:[-*+][ \t]+)?[*_]{0,2}Validates[ \t]*:?[*_]{0,2}[ \t]*:?(.*)$/i;
const REF = /^\d+(?:\.\d+)?$/;

/** Parses a design.md leniently: its outline, its correctness properties and their problems. */
export function parseDesign(text: string): ParsedDesign {
  const { lines } = splitLines(text);
  const { inside, unclosed } = fencedLines(lines);
  const out: ParsedDesign = { sections: [], properties: [], diagnostics: [] };
  const diags = out.diagnostics;
  const numbers = new Map<number, number>();
  let property: { p: DesignProperty; level: number } | undefined;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const lineNo = i + 1;
    if (inside[i] || !line.trim()) continue;
    const h = parseHeading(line);
    if (h) out.sections.push({ title: h.text, level: h.level, line: lineNo });
    if (h && property && h.level <= property.level) property = undefined;
    const start = propertyStart(line, h);
    if (start) {
      const p: DesignProperty = { number: start.number, title: start.title, validates: [], line: lineNo };
      const first = numbers.get(p.number);
      if (first !== undefined) diags.push(lineDiagnostic(lineNo, line, 'error', 'design-property-duplicate', `Property ${p.number} is numbered twice (first on line ${first}): renumber one of them`));
      else numbers.set(p.number, lineNo);
      out.properties.push(p);
      property = { p, level: h ? h.level : 7 };
      if (start.validates !== undefined) addValidates(p, start.validates, lineNo, line, diags);
      continue;
    }
    const v = VALIDATES.exec(line);
    if (!v) continue;
    if (property) addValidates(property.p, v[1], lineNo, line, diags);
    else diags.push(lineDiagnostic(lineNo, line, 'info', 'design-validates-orphan', '"Validates" is not under a property: put it under the "### Property N: …" it belongs to'));
  }

  for (const p of out.properties) {
    if (p.validates.length) continue;
    diags.push(lineDiagnostic(p.line, lines[p.line - 1], 'warning', 'design-property-unvalidated', `Property ${p.number}${p.title ? ` ("${p.title}")` : ''} does not say which criteria it checks: add "**Validates: Requirements N.M**" below it`));
  }
  if (unclosed >= 0) diags.push(lineDiagnostic(unclosed + 1, lines[unclosed], 'warning', 'design-fence', 'This code block is never closed, so the rest of the file reads as code: close it with a matching fence'));
  if (out.sections.length === 0) diags.push(makeDiagnostic({ line: 1, column: 1, endColumn: 2, severity: 'info', code: 'design-structure', message: 'design.md has no sections: start with "# Design Document" and "## Overview"' }));
  diags.sort(compareDiagnostics);
  return out;
}

function propertyStart(line: string, h: ReturnType<typeof parseHeading>): { number: number; title: string; validates?: string } | null {
  if (h) {
    const m = PROPERTY_TEXT.exec(h.text.replace(/\*\*/g, ''));
    return m ? { number: Number(m[1]), title: m[2].trim() } : null;
  }
  const b = BOLD_PROPERTY.exec(line);
  if (!b) return null;
  const rest = b[3].trim();
  const at = rest.search(/[*_]{0,2}Validates\b/i);
  const title = b[2].trim() || (at >= 0 ? rest.slice(0, at) : rest).trim();
  const v = at >= 0 ? VALIDATES.exec(rest.slice(at)) : null;
  return { number: Number(b[1]), title, ...(v ? { validates: v[1] } : {}) };
}

function addValidates(p: DesignProperty, list: string, lineNo: number, line: string, diags: SpecDiagnostic[]): void {
  const ids = trimEndOf(list.trimEnd(), '*_').replace(/\bRequirements?\b/gi, '').split(/[,;]|\band\b/i).map((s) => s.replace(/[*_]/g, '').trim()).filter(Boolean);
  for (const id of ids) {
    if (REF.test(id)) p.validates.push(id);
    else diags.push(lineDiagnostic(lineNo, line, 'warning', 'design-validates', `Property ${p.number} validates "${id}", which is not a criterion id: write ids like 1.2 ("Validates: Requirements 1.2, 3.1")`));
  }
}
