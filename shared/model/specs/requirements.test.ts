import { describe, expect, it } from 'vitest';
import { parseRequirements, writeRequirements, type Requirement } from './requirements';
import { REQUIREMENTS_CRLF, REQUIREMENTS_KIRO, REQUIREMENTS_LEGACY } from './test-corpus';

const codes = (text: string) => parseRequirements(text).diagnostics.map((d) => [d.line, d.code, d.severity]);

describe('parseRequirements', () => {
  it('reads a Kiro-generated document: title, introduction, glossary, requirements and criteria', () => {
    const doc = parseRequirements(REQUIREMENTS_KIRO);
    expect(doc.diagnostics).toEqual([]);
    expect(doc.title).toBe('Requirements Document');
    expect(doc.introduction).toBe('Specwright lets people write Kiro specs and run their tasks with an agent.\nThis document covers the tasks view.');
    expect(doc.glossary).toEqual([
      { term: 'Task_Runner', definition: 'the service that runs spec tasks one agent request at a time' },
      { term: 'Spec', definition: 'a folder under .kiro/specs with requirements, design and tasks' },
    ]);
    expect(doc.requirements.map((r) => [r.number, r.title, r.line, r.criteria.map((c) => c.id)])).toEqual([
      [1, ': Run a task', 15, ['1.1', '1.2', '1.3', '1.4', '1.5']],
      [2, ': Queue tasks', 27, ['2.1', '2.2']],
    ]);
    expect(doc.requirements[0].userStory).toBe('As a developer, I want to start a task from tasks.md, so that the agent implements it.');
    expect(doc.requirements[0].criteria[1]).toMatchObject({ id: '1.2', number: 2, line: 22, column: 4, text: 'WHILE a task runs, THE Task_Runner SHALL show its status as in progress.' });
  });

  it('reads untitled requirements and joins wrapped criteria', () => {
    const doc = parseRequirements(REQUIREMENTS_LEGACY);
    expect(doc.diagnostics).toEqual([]);
    expect(doc.glossary).toEqual([]);
    expect(doc.requirements.map((r) => r.title)).toEqual(['', '']);
    const wrapped = doc.requirements[0].criteria[1];
    expect(wrapped.text).toBe('WHEN the report has more than 10000 rows THEN the system SHALL split it into files of 10000 rows');
    expect(wrapped.parts).toEqual([{ line: 16, column: 4, offset: 0 }, { line: 17, column: 4, offset: 41 }]);
  });

  it('reads CRLF without a final newline', () => {
    const doc = parseRequirements(REQUIREMENTS_CRLF);
    expect(doc.layout.eol).toBe('\r\n');
    expect(doc.requirements[0].criteria.map((c) => c.text)).toEqual([
      'WHILE a document has unsaved edits, THE Editor SHALL save it every 30 seconds.',
      'WHEN saving fails, THE Editor SHALL show the error in the status bar.',
    ]);
  });

  it('reports duplicates, gaps, missing criteria and missing user stories', () => {
    const text = [
      '# Requirements Document', '', '## Requirements', '',
      '### Requirement 1', '', '**User Story:** As a user, I want x, so that y.', '', '#### Acceptance Criteria', '',
      '1. THE System SHALL do a.', '1. THE System SHALL do b.', '4. THE System SHALL do c.', '',
      '### Requirement 1: Again', '', '#### Acceptance Criteria', '', '1. THE System SHALL do d.', '',
      '### Requirement 3', '', '**User Story:** As a user, I want z, so that w.', '',
    ].join('\n');
    expect(codes(text)).toEqual([
      [12, 'ears-numbering', 'error'],
      [13, 'spec-numbering-gap', 'info'],
      [15, 'spec-no-user-story', 'warning'],
      [15, 'ears-numbering', 'error'],
      [21, 'spec-no-criteria', 'warning'],
      [21, 'spec-numbering-gap', 'info'],
    ]);
    const d = parseRequirements(text).diagnostics;
    expect(d[0]).toMatchObject({ column: 1, endColumn: 3, message: 'Criterion 1.1 is numbered twice (first on line 11): renumber one of them' });
    expect(d[1].message).toBe('Criterion 1.2 to Criterion 1.3 are missing before Criterion 1.4: renumber, or add the missing criterion');
    expect(d[3]).toMatchObject({ column: 17, endColumn: 18, message: 'Requirement 1 is numbered twice (first on line 5): renumber one of them' });
  });

  it('does not report a clean file', () => {
    for (const t of [REQUIREMENTS_KIRO, REQUIREMENTS_LEGACY, REQUIREMENTS_CRLF]) expect(codes(t)).toEqual([]);
  });
});

describe('writeRequirements', () => {
  it('round-trips every fixture byte for byte', () => {
    for (const t of [REQUIREMENTS_KIRO, REQUIREMENTS_LEGACY, REQUIREMENTS_CRLF]) expect(writeRequirements(parseRequirements(t))).toBe(t);
  });

  it('re-renders only the edited requirement', () => {
    const doc = parseRequirements(REQUIREMENTS_LEGACY);
    doc.requirements[1].criteria[0].text = 'WHEN the user passes --help, THE CLI SHALL print the usage';
    const out = writeRequirements(doc);
    const [before, after] = [REQUIREMENTS_LEGACY.split('\n'), out.split('\n')];
    expect(after.slice(0, 25)).toEqual(before.slice(0, 25));
    expect(after[25]).toBe('1. WHEN the user passes --help, THE CLI SHALL print the usage');
    expect(parseRequirements(out).requirements[1].criteria[0].text).toBe('WHEN the user passes --help, THE CLI SHALL print the usage');
  });

  it('edits the introduction and glossary in place, and adds requirements at the end', () => {
    const doc = parseRequirements(REQUIREMENTS_CRLF);
    doc.introduction = 'Edited.';
    doc.glossary = [{ term: 'Editor', definition: 'the text editor' }];
    const added: Requirement = { number: 2, title: 'Undo', userStory: 'As a writer, I want undo, so that mistakes are cheap.', line: 0, criteria: [{ id: '2.1', number: 1, text: 'WHEN the user presses Ctrl+Z, THE Editor SHALL undo the last edit.', line: 0 }] };
    doc.requirements.push(added);
    const out = writeRequirements(doc);
    expect(out).toContain('## Introduction\r\n\r\nEdited.\r\n\r\n## Glossary\r\n\r\n- **Editor**: the text editor\r\n\r\n## Requirements');
    expect(out.endsWith('status bar.\r\n\r\n### Requirement 2: Undo\r\n\r\n**User Story:** As a writer, I want undo, so that mistakes are cheap.\r\n\r\n#### Acceptance Criteria\r\n\r\n1. WHEN the user presses Ctrl+Z, THE Editor SHALL undo the last edit.')).toBe(true);
    const again = parseRequirements(out);
    expect(again.glossary).toEqual(doc.glossary);
    expect(again.requirements.map((r) => r.number)).toEqual([1, 2]);
  });

  it('writes a document built in code in the Kiro layout', () => {
    const text = writeRequirements({
      title: 'Requirements Document', introduction: 'Intro.', glossary: [{ term: 'System', definition: 'the app' }],
      requirements: [{ number: 1, title: 'Login', userStory: 'As a user, I want to log in, so that I see my files.', line: 0, criteria: [{ id: '1.1', number: 1, text: 'THE System SHALL ask for a password.', line: 0 }] }],
    });
    expect(text).toBe([
      '# Requirements Document', '', '## Introduction', '', 'Intro.', '', '## Glossary', '', '- **System**: the app', '',
      '## Requirements', '', '### Requirement 1: Login', '', '**User Story:** As a user, I want to log in, so that I see my files.', '',
      '#### Acceptance Criteria', '', '1. THE System SHALL ask for a password.', '',
    ].join('\n'));
    expect(writeRequirements({ requirements: [] }, '\r\n')).toBe('# Requirements Document\r\n\r\n## Introduction\r\n\r\n## Requirements\r\n');
    const parsed = parseRequirements(text);
    expect(parsed.diagnostics).toEqual([]);
    expect(writeRequirements(parsed)).toBe(text);
  });
});
