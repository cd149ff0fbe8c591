import type { DocKind } from './store';

/** The formats, as Kiro writes them, so specs made here open in Kiro and the other way round. */
const FORMATS: Record<DocKind, string> = {
  requirements: `requirements.md format:
# Requirements Document

## Introduction
(what the feature is and why)

## Glossary
- **Term**: definition (name the system, e.g. **Login_Service**)

## Requirements

### Requirement 1
**User Story:** As a <role>, I want <capability>, so that <benefit>

#### Acceptance Criteria
1. WHEN <trigger>, THE <System_Name> SHALL <response>
2. IF <unwanted condition>, THEN THE <System_Name> SHALL <response>

Every acceptance criterion follows one EARS pattern: THE <system> SHALL …; WHEN …, THE <system> SHALL …; WHILE …, THE <system> SHALL …; IF …, THEN THE <system> SHALL …; WHERE …, THE <system> SHALL …; or clauses in the order WHERE, WHILE, WHEN/IF. Name the system (never "it" or "they"), one SHALL per criterion, measurable responses (no "fast", "user-friendly", "appropriate": give numbers).`,
  bugfix: `bugfix.md format:
# Bugfix Requirements Document

## Introduction
(the defect and its impact)

## Current Behavior (Defect)
1.1 WHEN <condition> THEN <the wrong result>

## Expected Behavior (Correct)
2.1 WHEN <condition> THEN the system SHALL <correct result>

## Unchanged Behavior (Regression Prevention)
3.1 WHEN <condition> THEN the system SHALL CONTINUE TO <behaviour that must not change>`,
  design: `design.md format:
# Design Document

## Overview
## Architecture
(a Mermaid diagram where it helps)
## Components and Interfaces
## Data Models
## Correctness Properties
### Property 1: <name>
*For any* <inputs>, <what must hold>.
**Validates: Requirements 1.2, 2.1**
## Error Handling
## Testing Strategy`,
  tasks: `tasks.md format:
# Implementation Plan

- [ ] 1. <task>
  - <what to do, concretely>
  - _Requirements: 1.1, 2.3_
- [ ] 2. <task with sub-tasks>
- [ ] 2.1 <sub-task>
  - _Requirements: 2.1_
- [ ]* 2.2 <optional sub-task, e.g. a property test>
- [ ] 3. Checkpoint - ensure all tests pass

At most two levels, decimal numbering, every task cites the acceptance criteria it implements (_Requirements: N.M_). Each task is one coding step an agent can do and check (write code and tests); no deployment or user testing tasks. Keep it short: as many tasks as the work needs, no more.`,
};

const PURPOSE: Record<DocKind, string> = {
  requirements: 'Write requirements.md for this feature: user stories with EARS acceptance criteria.',
  bugfix: 'Write bugfix.md for this defect: the current (wrong) behaviour, the expected behaviour, and the behaviour that must not change.',
  design: 'Write design.md: how the feature will be built in this codebase. Look at the relevant code first.',
  tasks: 'Write tasks.md: an implementation plan of small coding tasks, in the order they should be done.',
};

const TITLES: Record<DocKind, string> = { requirements: 'requirements.md', bugfix: 'bugfix.md', design: 'design.md', tasks: 'tasks.md' };

/** The request that writes (or revises) one spec document; the answer is the document itself. */
export function phasePrompt(opts: {
  kind: DocKind;
  idea: string;
  specName: string;
  /** The spec's other documents, by kind, as they are now. */
  others: Partial<Record<DocKind, string>>;
  /** The document as it is, when revising it. */
  current?: string | null;
  feedback?: string;
}): { text: string; context: string[] } {
  const { kind } = opts;
  const lines = [
    `${PURPOSE[kind]} Spec "${opts.specName}".`,
    opts.current ? `Revise the current ${TITLES[kind]} (given below)${opts.feedback ? ' as the person asks' : ' so it agrees with the documents it builds on and the code'}.` : '',
    opts.feedback ? `The person asks: ${opts.feedback}` : '',
    'You may read the workspace with the tools first. Then answer with the complete document in Markdown and nothing else: no preamble, no closing remarks, no code fence around it.',
  ].filter(Boolean);
  const context = [`The idea: ${opts.idea || opts.specName}`, FORMATS[kind]];
  for (const [k, text] of Object.entries(opts.others) as [DocKind, string][]) {
    if (k !== kind && text) context.push(`<document name="${TITLES[k]}">\n${text}\n</document>`);
  }
  if (opts.current) context.push(`<document name="${TITLES[kind]}" current="true">\n${opts.current}\n</document>`);
  return { text: lines.join('\n'), context };
}

/** The request that implements one task; it must end with update_task_status. */
export function taskPrompt(opts: {
  specName: string;
  task: { id: string; title: string; details: string[]; requirements: string[] };
  criteria: { id: string; text: string }[];
  docs: Partial<Record<DocKind, string>>;
}): { text: string; context: string[] } {
  const t = opts.task;
  const text = [
    `Implement task ${t.id} of spec "${opts.specName}": ${t.title}`,
    ...t.details.map((d) => `- ${d}`),
    '',
    'Do this task only (not later tasks). Read the code first, make the change, and run the relevant tests.',
    `When you are finished, call update_task_status with task_id "${t.id}" and status "done" and a one-line summary; if you cannot complete it, call it with status "failed" and the reason.`,
  ].join('\n');
  const context: string[] = [];
  if (opts.criteria.length) context.push(`Acceptance criteria this task implements:\n${opts.criteria.map((c) => `${c.id} ${c.text}`).join('\n')}`);
  for (const [k, doc] of Object.entries(opts.docs) as [DocKind, string][]) {
    if (doc) context.push(`<document name="${TITLES[k]}">\n${doc}\n</document>`);
  }
  return { text, context };
}

/** Strips what models add around a document despite being asked not to: a code fence, a preamble line. */
export function cleanDocument(answer: string): string {
  let text = answer.trim();
  const fenced = text.match(/^```(?:markdown|md)?\s*\n([\s\S]*?)\n```\s*$/);
  if (fenced) text = fenced[1].trim();
  const heading = text.search(/^#\s/m);
  if (heading > 0 && heading < 400) text = text.slice(heading);
  return text + '\n';
}
