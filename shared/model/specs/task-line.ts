/**
 * The lines of a Kiro tasks.md: the checkbox line that starts a task and the detail lines
 * under it. Kept apart from tasks.ts so the parser and the writer read lines the same way
 * (the writer re-reads a task's original lines to decide whether it may keep them).
 */

import { fencedLines, trimEndOf } from './lines';

export type TaskStatus = 'todo' | 'queued' | 'inProgress' | 'done';

const MARKER: Record<TaskStatus, ' ' | '~' | '-' | 'x'> = { todo: ' ', queued: '~', inProgress: '-', done: 'x' };

/** The character Kiro writes between the brackets for a status: `[ ]`, `[~]`, `[-]` or `[x]`. */
export function statusMarker(s: TaskStatus): ' ' | '~' | '-' | 'x' {
  return MARKER[s] ?? ' ';
}

/** The status a bracket character stands for (`X` counts as done); undefined for anything else. */
export function markerStatus(c: string): TaskStatus | undefined {
  switch (c) {
    case ' ': return 'todo';
    case '~': return 'queued';
    case '-': return 'inProgress';
    case 'x': case 'X': return 'done';
    default: return undefined;
  }
}

/** True for the four task statuses (callers from untyped code may pass anything). */
export function isTaskStatus(s: unknown): s is TaskStatus {
  return typeof s === 'string' && Object.prototype.hasOwnProperty.call(MARKER, s);
}

export interface CheckboxLine {
  /** Length of the leading whitespace. */
  indent: number;
  /** 0-based index of `[`. */
  open: number;
  /** What is between the brackets ('' for `[]`). */
  marker: string;
  /** Undefined for an unknown marker such as `[?]`. */
  status?: TaskStatus;
  optional: boolean;
  /** The number as written without a trailing dot ("2.1"); undefined when the line has none. */
  id?: string;
  /** 0-based index where the number (or, without one, the title) starts. */
  idStart: number;
  title: string;
}

// A one-character box; `[x](…)`, `[x][…]` and `[x]:` are links, not boxes.
const CHECKBOX = /^(\s*)[-*+][ \t]+\[([^\]]?)\](?![([:])/;
const NUMBER = /^(\d+(?:\.\d+)*)(\.)?/;

/** Reads a checkbox list item (`- [ ] 2.1 Title`, `- [x]* 3. Title`); null when the line is not one. */
export function parseCheckboxLine(line: string): CheckboxLine | null {
  const m = CHECKBOX.exec(line);
  if (!m) return null;
  const open = m[0].length - m[2].length - 2;
  let pos = m[0].length;
  let optional = false;
  if (line[pos] === '*') {
    optional = true;
    pos++;
  } else {
    const star = /^[ \t]+\*(?=[ \t]+\d)/.exec(line.slice(pos));
    if (star) {
      optional = true;
      pos += star[0].length;
    }
  }
  while (line[pos] === ' ' || line[pos] === '\t') pos++;
  const rest = line.slice(pos);
  const n = NUMBER.exec(rest);
  let id: string | undefined;
  let titleStart = pos;
  if (n) {
    const after = rest[n[0].length];
    if (after === undefined || after === ' ' || after === '\t' || n[2]) {
      id = n[1];
      titleStart = pos + n[0].length;
    }
  }
  return { indent: m[1].length, open, marker: m[2], status: markerStatus(m[2]), optional, id, idStart: pos, title: line.slice(titleStart).trim() };
}

const REQUIREMENTS = /^(?:[-*+][ \t]+)?[_*]{0,2}[ \t]*Requirements?[ \t]*:[_*]{0,2}(.*)$/i;

/** The ids of a `_Requirements: 1.1, 2.3_` line as written; null when the line is not one. */
export function requirementRefs(line: string): string[] | null {
  const m = REQUIREMENTS.exec(line.trim());
  if (!m) return null;
  return trimEndOf(m[1].trimEnd(), '_*').split(',').map((s) => s.trim()).filter(Boolean);
}

export interface TaskDetails {
  details: string[];
  requirements: string[];
}

/** The details and requirement ids in the lines under a task; blank lines and fenced code are skipped. */
export function readDetails(lines: readonly string[]): TaskDetails {
  const { inside } = fencedLines(lines);
  const details: string[] = [];
  const requirements: string[] = [];
  lines.forEach((line, i) => {
    if (inside[i] || !line.trim()) return;
    const refs = requirementRefs(line);
    if (refs) requirements.push(...refs);
    else details.push(line.trim().replace(/^[-*+][ \t]+/, ''));
  });
  return { details, requirements };
}
