/**
 * Numbered statements (acceptance criteria, bugfix items): building them from lines, wrapped
 * lines included, mapping an offset in their text back to the file for diagnostics, and
 * numbering checks.
 */

import { makeDiagnostic, type SpecDiagnostic } from './diagnostics';

/** Where one source line's piece of a criterion's text starts. */
export interface CriterionPart {
  line: number;
  /** 1-based column of the piece on its line. */
  column: number;
  /** Offset of the piece in the criterion's text. */
  offset: number;
}

export interface Criterion {
  /** "1.2": requirement 1, criterion 2. */
  id: string;
  number: number;
  /** The statement; a criterion wrapped over several lines is joined with single spaces. */
  text: string;
  /** 1-based line of the numbered line. */
  line: number;
  /** 1-based column where the text starts on `line`. */
  column?: number;
  /** One entry per source line, set by the parsers. */
  parts?: CriterionPart[];
}

/** Starts a criterion from its numbered line; `textStart` is the 0-based index of its text. */
export function startCriterion(id: string, number: number, line: string, lineNo: number, textStart: number): Criterion {
  return {
    id, number, text: line.slice(textStart).trim(), line: lineNo, column: textStart + 1,
    parts: [{ line: lineNo, column: textStart + 1, offset: 0 }],
  };
}

/** Appends a wrapped line to a criterion (joined with one space). */
export function continueCriterion(c: Criterion, line: string, lineNo: number): void {
  const piece = line.trim();
  if (!piece) return;
  const column = line.length - line.trimStart().length + 1;
  const offset = c.text ? c.text.length + 1 : 0;
  c.text = c.text ? `${c.text} ${piece}` : piece;
  (c.parts ??= []).push({ line: lineNo, column, offset });
}

/** The 1-based line and column of an offset in a criterion's text. */
export function criterionPosition(c: Criterion, offset: number): { line: number; column: number } {
  const parts = c.parts?.length ? c.parts : [{ line: c.line, column: c.column ?? 1, offset: 0 }];
  let p = parts[0];
  for (const q of parts) if (q.offset <= offset) p = q;
  return { line: p.line, column: p.column + Math.max(0, offset - p.offset) };
}

/** A numbered item to check, with the range of its number. */
export interface NumberedItem {
  number: number;
  line: number;
  column: number;
  endColumn: number;
}

/** Duplicate numbers (error `ears-numbering`) and gaps (info `spec-numbering-gap`) in a run of items, in file order. */
export function numberingDiagnostics(items: readonly NumberedItem[], label: (n: number) => string, noun: string): SpecDiagnostic[] {
  const out: SpecDiagnostic[] = [];
  const seen = new Map<number, number>();
  let expected = 1;
  for (const it of items) {
    const at = { line: it.line, column: it.column, endColumn: it.endColumn };
    const first = seen.get(it.number);
    if (first !== undefined) {
      out.push(makeDiagnostic({ ...at, severity: 'error', code: 'ears-numbering', message: `${label(it.number)} is numbered twice (first on line ${first}): renumber one of them` }));
      continue;
    }
    seen.set(it.number, it.line);
    if (it.number > expected && expected > 0) {
      const range = it.number - expected > 1;
      const missing = range ? `${label(expected)} to ${label(it.number - 1)} are` : `${label(expected)} is`;
      out.push(makeDiagnostic({ ...at, severity: 'info', code: 'spec-numbering-gap', message: `${missing} missing before ${label(it.number)}: renumber, or add the missing ${noun}` }));
    }
    expected = Math.max(expected, it.number + 1);
  }
  return out;
}
