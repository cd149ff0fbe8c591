/**
 * Test support: spec files as Kiro writes them (and as people edit them), for the parser,
 * writer and lint tests. Not imported by product code.
 */

const crlf = (s: string) => s.replace(/\n/g, '\r\n');

/** The brief's layout: flat sub-tasks, details, an optional sub-task. */
export const TASKS_KIRO = `# Implementation Plan

- [ ] 1. Set up project structure
  - Create directories for models, services and API
  - _Requirements: 1.1, 2.3_
- [ ] 2. Implement data models
- [ ] 2.1 Create model interfaces
  - _Requirements: 2.1_
- [ ]* 2.2 Write property test for the model
- [x] 3. Checkpoint - ensure all tests pass
`;

/** Sub-tasks indented under their parent, blank lines between groups, every marker. */
export const TASKS_NESTED = `# Implementation Plan

Tasks run in order; optional ones are marked with *.

- [x] 1. Set up the workspace
  - [X] 1.1 Add the config loader
    - Read .kiro/settings/mcp.json
    - _Requirements: 1.1_
  - [-] 1.2 Add the watcher
    - _Requirements: 1.2, 1.3_

- [~] 2. Build the parser
  - [ ] 2.1. Tokenizer
    - Handles CRLF
    - _Requirements: 2.1_
  - [ ]* 2.2. Property tests
    - _Requirements: 2.1, 2.2_

- [ ] 3. Final checkpoint
`;

/** Odd spacing, numbers without dots, bold requirement lines, no final newline. */
export const TASKS_ODD = `# Plan
- [ ]   1    Wire   the  service
    - detail with  extra   spaces
    -   _Requirements:  3.1 ,3.2 _
-  [x] 2 Second task
* [ ] 2.1 Star bullet sub-task
  * **Requirements:** 4.1
- [ ]*3. Optional top-level task`;

/** A Kiro bugfix plan with CRLF line endings. */
export const TASKS_CRLF = crlf(`# Implementation Plan

- [ ] 1. Write a test that fails on the unfixed code
  - _Requirements: 1.1, 2.1_
- [ ] 2. Write preservation tests
  - _Requirements: 3.1_
- [ ] 3. Fix the defect
  - Change the save path
  - _Requirements: 2.1_
`);

/** A Kiro-generated requirements.md with a glossary and titled requirements. */
export const REQUIREMENTS_KIRO = `# Requirements Document

## Introduction

Specwright lets people write Kiro specs and run their tasks with an agent.
This document covers the tasks view.

## Glossary

- **Task_Runner**: the service that runs spec tasks one agent request at a time
- **Spec**: a folder under .kiro/specs with requirements, design and tasks

## Requirements

### Requirement 1: Run a task

**User Story:** As a developer, I want to start a task from tasks.md, so that the agent implements it.

#### Acceptance Criteria

1. WHEN the user clicks "Start task", THE Task_Runner SHALL send the task to the agent within 1 second.
2. WHILE a task runs, THE Task_Runner SHALL show its status as in progress.
3. IF the agent reports a failure, THEN THE Task_Runner SHALL set the task back to not started.
4. WHERE autopilot is enabled, THE Task_Runner SHALL run the next task without asking.
5. THE Task_Runner SHALL write every status change to tasks.md.

### Requirement 2: Queue tasks

**User Story:** As a developer, I want to run all tasks, so that the plan is done in one go.

#### Acceptance Criteria

1. WHERE autopilot is enabled, WHILE the queue is not empty, WHEN a task finishes, THE Task_Runner SHALL start the next task.
2. WHEN the user stops the queue, THE Task_Runner SHALL mark the queued tasks as not started.
`;

/** The older form: WHEN … THEN … SHALL, no glossary, untitled requirements, wrapped criteria. */
export const REQUIREMENTS_LEGACY = `# Requirements Document

## Introduction

A small CLI.

## Requirements

### Requirement 1

**User Story:** As a user, I want to export a report, so that I can share it.

#### Acceptance Criteria

1. WHEN the user runs export THEN the system SHALL write report.csv
2. WHEN the report has more than 10000 rows
   THEN the system SHALL split it into files of 10000 rows
3. IF the disk is full THEN the system SHALL exit with code 2

### Requirement 2

**User Story:** As a user, I want help, so that I learn the flags.

#### Acceptance Criteria

1. WHEN the user passes --help THEN the system SHALL print the usage
`;

/** CRLF, no final newline. */
export const REQUIREMENTS_CRLF = crlf(`# Requirements Document

## Introduction

Windows-edited file.

## Requirements

### Requirement 1: Save

**User Story:** As a writer, I want autosave, so that I never lose work.

#### Acceptance Criteria

1. WHILE a document has unsaved edits, THE Editor SHALL save it every 30 seconds.
2. WHEN saving fails, THE Editor SHALL show the error in the status bar.`);

/** A design with Mermaid (whose lines look like headings) and correctness properties. */
export const DESIGN_KIRO = `# Design Document

## Overview

The parser reads Kiro spec files.

## Architecture

\`\`\`mermaid
graph TD
  A[Editor] --> B[Parser]
# not a heading: inside the fence
  B --> C[Writer]
\`\`\`

## Components and Interfaces

### Parser

## Correctness Properties

*A property is a characteristic that should hold across all valid executions.*

### Property 1: Round trip
*For any* well-formed tasks file, writing what was parsed gives the same text.
**Validates: Requirements 1.2, 3.1**

### Property 2: Status edits are local
*For any* task and status, setTaskStatus changes only that task's box.
**Validates: Requirements 2.1**

**Property 3: Lint never throws**
*For any* text, the lint returns diagnostics.
_Validates: Requirements 4.1_

## Error Handling

## Testing Strategy
`;

/** A Kiro bugfix.md. */
export const BUGFIX_KIRO = `# Bugfix Requirements Document

## Introduction

Saving a file with CRLF line endings converts it to LF.

## Bug Analysis

### Current Behavior (Defect)

1.1 WHEN the user saves a CRLF file THEN the system writes LF line endings
1.2 WHEN the file is saved again THEN the system reports it as changed

### Expected Behavior (Correct)

2.1 WHEN the user saves a CRLF file THEN the system SHALL keep CRLF line endings
2.2 WHEN the file is saved again
    THEN the system SHALL report no change

### Unchanged Behavior (Regression Prevention)

3.1 WHEN the user saves an LF file THEN the system SHALL CONTINUE TO write LF line endings
`;

/** Every fixture, for round-trip and robustness tests. */
export const CORPUS: Record<string, string> = {
  TASKS_KIRO, TASKS_NESTED, TASKS_ODD, TASKS_CRLF, REQUIREMENTS_KIRO, REQUIREMENTS_LEGACY, REQUIREMENTS_CRLF, DESIGN_KIRO, BUGFIX_KIRO,
};
