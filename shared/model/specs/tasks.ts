/**
 * Kiro tasks.md: an implementation plan of checkbox tasks, at most two levels deep
 * ("2" and "2.1"), with detail lines and `_Requirements: 1.1, 2.3_` references under each.
 *
 * Round trip: every parsed task keeps its original lines in `source`, and the document keeps
 * the lines before the first task in `preamble`, so writeTasks(parseTasks(t)) === t for any
 * text with uniform line endings, and writing after an edit changes only the edited tasks.
 * Malformed lines never throw: they become diagnostics and are kept verbatim but not parsed.
 */

import { clip, compareDiagnostics, lineDiagnostic, makeDiagnostic, type SpecDiagnostic } from './diagnostics';
import { fencedLines, parseHeading, splitLines, type Eol } from './lines';
import { isTaskStatus, parseCheckboxLine, readDetails, requirementRefs, statusMarker, type CheckboxLine, type TaskStatus } from './task-line';

export { statusMarker, type TaskStatus } from './task-line';
export { writeTasks } from './tasks-write';

/** A task's lines as read, so the writer can keep them when the task is unchanged. */
export interface TaskSource {
  /** The checkbox line. */
  head: string;
  /** Every line after it up to the next task: details, blank lines and anything skipped. */
  body: string[];
  /** How many leading body lines hold the details; later lines are kept but are not details. */
  detailLines: number;
}

export interface SpecTask {
  /** "1", "2.1" */
  id: string;
  /** Text after the number, trimmed. */
  title: string;
  status: TaskStatus;
  /** `- [ ]* 2.2 …` */
  optional: boolean;
  /** 1-based line of the checkbox line. */
  line: number;
  level: 1 | 2;
  /** "2" for "2.1" (a diagnostic is reported when no such task exists). */
  parent?: string;
  /** From `_Requirements: 1.1, 2.3_` lines, as written. */
  requirements: string[];
  /** Other lines under the task, without the leading "- ". */
  details: string[];
  source?: TaskSource;
}

/** What writeTasks needs; a ParsedTasks is one. */
export interface TasksDocument {
  title?: string;
  tasks: SpecTask[];
  eol?: Eol;
  finalNewline?: boolean;
  bom?: boolean;
  /** Lines before the first task, verbatim (title, intro text). */
  preamble?: string[];
}

export interface ParsedTasks extends TasksDocument {
  /** Flat, in file order. */
  tasks: SpecTask[];
  diagnostics: SpecDiagnostic[];
  eol: Eol;
  finalNewline: boolean;
  bom: boolean;
  preamble: string[];
}

type Scope = 'none' | 'task' | 'skipped';

/** Parses a tasks.md leniently: a malformed line becomes a diagnostic and is skipped. */
export function parseTasks(text: string): ParsedTasks {
  const src = splitLines(text);
  const { inside } = fencedLines(src.lines);
  const tasks: SpecTask[] = [];
  const diagnostics: SpecDiagnostic[] = [];
  const preamble: string[] = [];
  const seen = new Map<string, { line: number; idStart: number }>();
  let title: string | undefined;
  let current: TaskSource | undefined;
  let scope: Scope = 'none';

  for (let i = 0; i < src.lines.length; i++) {
    const line = src.lines[i];
    const lineNo = i + 1;
    const box = inside[i] ? null : parseCheckboxLine(line);
    if (box) {
      const problem = checkboxProblem(box, line, lineNo, seen);
      if (problem) {
        diagnostics.push(problem);
        (current ? current.body : preamble).push(line);
        scope = 'skipped';
        continue;
      }
      const task = makeTask(box, line, lineNo);
      if (!task.title) diagnostics.push(lineDiagnostic(lineNo, line, 'warning', 'task-no-title', `Task ${task.id} has no title: say what the task does after the number`));
      seen.set(task.id, { line: lineNo, idStart: box.idStart });
      tasks.push(task);
      current = task.source;
      scope = 'task';
      continue;
    }
    (current ? current.body : preamble).push(line);
    if (inside[i] || !line.trim()) continue;
    const heading = parseHeading(line);
    if (heading) {
      if (!current && title === undefined && heading.level === 1) title = heading.text;
      scope = 'none';
      continue;
    }
    const refs = requirementRefs(line);
    const attached = /^\s/.test(line) || /^[-*+]\s/.test(line) || refs !== null;
    if (!attached) scope = 'none';
    else if (scope === 'task' && current) current.detailLines = current.body.length;
    else if (scope === 'none' && refs) {
      diagnostics.push(lineDiagnostic(lineNo, line, 'warning', 'task-requirements-outside', `"${clip(line.trim())}" is not under any task: indent it under the task it belongs to, or remove it`));
    }
  }

  for (const task of tasks) {
    const d = readDetails(task.source ? task.source.body.slice(0, task.source.detailLines) : []);
    task.details = d.details;
    task.requirements = d.requirements;
    if (task.parent && !tasks.some((t) => t.level === 1 && t.id === task.parent)) {
      const at = seen.get(task.id)?.idStart ?? 0;
      diagnostics.push(makeDiagnostic({
        line: task.line, column: at + 1, endColumn: at + task.id.length + 1, severity: 'warning', code: 'task-orphan',
        message: `Sub-task ${task.id} has no parent task ${task.parent}: add "- [ ] ${task.parent}. …" above it, or renumber it`,
      }));
    }
  }
  if (tasks.length === 0) {
    diagnostics.push(makeDiagnostic({ line: 1, column: 1, endColumn: 2, severity: 'info', code: 'task-none', message: 'No tasks found: a task is a line like "- [ ] 1. Set up project structure"' }));
  }
  diagnostics.sort(compareDiagnostics);
  return { title, preamble, tasks, diagnostics, eol: src.eol, finalNewline: src.finalNewline, bom: src.bom };
}

function makeTask(box: CheckboxLine, line: string, lineNo: number): SpecTask {
  const id = box.id ?? '';
  const parts = id.split('.');
  const task: SpecTask = {
    id, title: box.title, status: box.status ?? 'todo', optional: box.optional, line: lineNo,
    level: parts.length === 2 ? 2 : 1, requirements: [], details: [], source: { head: line, body: [], detailLines: 0 },
  };
  if (parts.length === 2) task.parent = parts[0];
  return task;
}

/** Why a checkbox line cannot be a task, or undefined when it can. */
function checkboxProblem(box: CheckboxLine, line: string, lineNo: number, seen: Map<string, { line: number }>): SpecDiagnostic | undefined {
  if (box.status === undefined) {
    const fixed = `${line.slice(0, box.open + 1)} ${line.slice(box.open + 1 + box.marker.length)}`;
    return makeDiagnostic({
      line: lineNo, column: box.open + 1, endColumn: box.open + box.marker.length + 3, severity: 'error', code: 'task-marker',
      message: `Unknown task marker "[${box.marker}]": use [ ] not started, [~] queued, [-] in progress or [x] done`,
      fix: { title: 'Mark as not started ([ ])', line: lineNo, text: fixed },
    });
  }
  if (box.id === undefined) {
    const what = box.title ? `Task "${clip(box.title)}" has no number` : 'Empty task line';
    return lineDiagnostic(lineNo, line, 'error', 'task-no-number', `${what}: write it as "- [ ] N. Title" (or "N.M Title" for a sub-task)`);
  }
  const at = { line: lineNo, column: box.idStart + 1, endColumn: box.idStart + box.id.length + 1, severity: 'error' as const };
  const depth = box.id.split('.').length;
  if (depth > 2) {
    const parent = box.id.split('.').slice(0, 2).join('.');
    return makeDiagnostic({ ...at, code: 'task-depth', message: `Task ${box.id} is nested ${depth} levels deep, but Kiro plans have two (N and N.M): renumber it, or make it a detail line of task ${parent}` });
  }
  const prev = seen.get(box.id);
  if (prev) return makeDiagnostic({ ...at, code: 'task-duplicate', message: `Task number ${box.id} is already used on line ${prev.line}: renumber this task` });
  return undefined;
}

/** Returns text with only that task's checkbox changed (all other bytes identical, CRLF kept). Throws an Error naming the known ids when the id is not found. */
export function setTaskStatus(text: string, id: string, status: TaskStatus): string {
  if (!isTaskStatus(status)) throw new Error(`Unknown task status "${String(status)}": expected todo, queued, inProgress or done`);
  const parsed = parseTasks(text);
  const task = parsed.tasks.find((t) => t.id === id);
  const box = task?.source ? parseCheckboxLine(task.source.head) : null;
  if (!task || !box) {
    const known = parsed.tasks.map((t) => t.id);
    const list = known.length ? `its tasks are ${known.slice(0, 15).join(', ')}${known.length > 15 ? ', …' : ''}` : 'it has no numbered tasks';
    throw new Error(`tasks.md has no task "${String(id)}" (${list})`);
  }
  let offset = parsed.bom ? 1 : 0;
  for (let l = 1; l < task.line; l++) offset = text.indexOf('\n', offset) + 1;
  const at = offset + box.open + 1;
  // "[X]" is already done: leave it as written
  return box.status === status ? text : text.slice(0, at) + statusMarker(status) + text.slice(at + 1);
}
