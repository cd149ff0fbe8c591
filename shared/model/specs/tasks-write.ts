/**
 * The tasks.md writer. Tasks read by parseTasks keep their original lines wherever their
 * fields still match them (a status change rewrites only the box character); other tasks
 * get the canonical Kiro layout: `- [ ] 1. Title` for a task, `- [ ] 1.1 Title` for a
 * sub-task (flat, like Kiro writes them), `  - detail` and then `  - _Requirements: …_`.
 */

import { documentTitle, joinLines, type Eol } from './lines';
import { parseCheckboxLine, readDetails, statusMarker } from './task-line';
import type { SpecTask, TasksDocument } from './tasks';

/** Renders a tasks document; parse → write is byte-identical and unedited tasks keep their lines. */
export function writeTasks(doc: TasksDocument, eol?: Eol): string {
  const out = preambleLines(doc);
  for (const task of doc.tasks ?? []) out.push(...taskLines(task));
  return joinLines(out, eol ?? doc.eol ?? '\n', doc.finalNewline ?? true, doc.bom ?? false);
}

function preambleLines(doc: TasksDocument): string[] {
  if (!doc.preamble) return [`# ${doc.title ?? 'Implementation Plan'}`, ''];
  const lines = [...doc.preamble];
  if (doc.title === undefined) return lines;
  const found = documentTitle(lines);
  if (found?.text === doc.title) return lines;
  if (found) lines[found.index] = `# ${doc.title}`;
  else lines.unshift(`# ${doc.title}`, '');
  return lines;
}

function taskLines(task: SpecTask): string[] {
  const src = task.source;
  if (!src) return [canonicalHead(task, ''), ...canonicalDetails(task, '')];
  const box = parseCheckboxLine(src.head);
  const indent = box ? src.head.slice(0, box.indent) : '';
  let head: string;
  if (box && box.status !== undefined && box.id === task.id && box.title === task.title && box.optional === task.optional) {
    head = box.status === task.status ? src.head : src.head.slice(0, box.open + 1) + statusMarker(task.status) + src.head.slice(box.open + 2);
  } else {
    head = canonicalHead(task, indent);
  }
  const region = src.body.slice(0, src.detailLines);
  const read = readDetails(region);
  const same = sameList(read.details, task.details ?? []) && sameList(read.requirements, task.requirements ?? []);
  return [head, ...(same ? region : canonicalDetails(task, indent)), ...src.body.slice(src.detailLines)];
}

function canonicalHead(task: SpecTask, indent: string): string {
  const number = task.id.includes('.') ? task.id : `${task.id}.`;
  return `${indent}- [${statusMarker(task.status)}]${task.optional ? '*' : ''} ${number}${task.title ? ` ${task.title}` : ''}`;
}

function canonicalDetails(task: SpecTask, indent: string): string[] {
  const lines = (task.details ?? []).map((d) => `${indent}  - ${d}`);
  if (task.requirements?.length) lines.push(`${indent}  - _Requirements: ${task.requirements.join(', ')}_`);
  return lines;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
