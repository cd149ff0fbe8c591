/**
 * Diagnostics shared by the spec parsers and the EARS lint. Positions are 1-based like
 * Monaco's markers, and `endColumn` is exclusive: `column: 5, endColumn: 9` covers four
 * characters. A fix replaces one whole line, which is enough for every fix we offer and
 * cannot go stale mid-line.
 */

export type SpecSeverity = 'error' | 'warning' | 'info';

/** A quick fix: the new text of one line. */
export interface SpecFix {
  title: string;
  /** 1-based line to replace entirely */
  line: number;
  /** The replacement line, without its line break. */
  text: string;
}

export interface SpecDiagnostic {
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
  /** 1-based, exclusive */
  endColumn: number;
  severity: SpecSeverity;
  code: string;
  message: string;
  fix?: SpecFix;
}

/** Normalizes a diagnostic: positions at least 1 and a range at least one column wide, so an editor can show it. */
export function makeDiagnostic(d: SpecDiagnostic): SpecDiagnostic {
  const line = Math.max(1, Math.floor(d.line) || 1);
  const column = Math.max(1, Math.floor(d.column) || 1);
  const endColumn = Math.max(column + 1, Math.floor(d.endColumn) || 0);
  const out: SpecDiagnostic = { line, column, endColumn, severity: d.severity, code: d.code, message: d.message };
  if (d.fix) out.fix = d.fix;
  return out;
}

/** A diagnostic covering a line's text without its indentation. */
export function lineDiagnostic(
  lineNo: number,
  lineText: string,
  severity: SpecSeverity,
  code: string,
  message: string,
  fix?: SpecFix,
): SpecDiagnostic {
  const start = lineText.length - lineText.trimStart().length;
  const end = lineText.trimEnd().length;
  return makeDiagnostic({ line: lineNo, column: start + 1, endColumn: end + 1, severity, code, message, fix });
}

/** Orders diagnostics by position, for stable output. */
export function compareDiagnostics(a: SpecDiagnostic, b: SpecDiagnostic): number {
  return a.line - b.line || a.column - b.column || a.code.localeCompare(b.code);
}

/** Shortens text for quoting in a message: whitespace collapsed, at most `max` characters. */
export function clip(text: string, max = 60): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
