import { describe, expect, it } from 'vitest';
import { parseTasks, setTaskStatus, statusMarker, writeTasks, type SpecTask } from './tasks';
import { TASKS_CRLF, TASKS_KIRO, TASKS_NESTED, TASKS_ODD } from './test-corpus';

const codes = (text: string) => parseTasks(text).diagnostics.map((d) => d.code);
const brief = (t: SpecTask) => [t.id, t.status, t.optional, t.level, t.parent ?? null];

describe('parseTasks', () => {
  it('reads the Kiro layout: ids, titles, statuses, levels, parents, details and requirements', () => {
    const { tasks, diagnostics, eol, title } = parseTasks(TASKS_KIRO);
    expect(diagnostics).toEqual([]);
    expect(eol).toBe('\n');
    expect(title).toBe('Implementation Plan');
    expect(tasks.map(brief)).toEqual([
      ['1', 'todo', false, 1, null],
      ['2', 'todo', false, 1, null],
      ['2.1', 'todo', false, 2, '2'],
      ['2.2', 'todo', true, 2, '2'],
      ['3', 'done', false, 1, null],
    ]);
    expect(tasks[0]).toMatchObject({
      title: 'Set up project structure', line: 3,
      details: ['Create directories for models, services and API'], requirements: ['1.1', '2.3'],
    });
    expect(tasks[2]).toMatchObject({ title: 'Create model interfaces', line: 7, requirements: ['2.1'], details: [] });
    expect(tasks[3].title).toBe('Write property test for the model');
    expect(tasks[4].title).toBe('Checkpoint - ensure all tests pass');
  });

  it('reads indented sub-tasks, every marker, "2.1." ids and [X]', () => {
    const { tasks, diagnostics } = parseTasks(TASKS_NESTED);
    expect(diagnostics).toEqual([]);
    expect(tasks.map(brief)).toEqual([
      ['1', 'done', false, 1, null],
      ['1.1', 'done', false, 2, '1'],
      ['1.2', 'inProgress', false, 2, '1'],
      ['2', 'queued', false, 1, null],
      ['2.1', 'todo', false, 2, '2'],
      ['2.2', 'todo', true, 2, '2'],
      ['3', 'todo', false, 1, null],
    ]);
    expect(tasks[1]).toMatchObject({ title: 'Add the config loader', details: ['Read .kiro/settings/mcp.json'], requirements: ['1.1'] });
    // a parent's details are its own lines, not its sub-tasks'
    expect(tasks[0]).toMatchObject({ details: [], requirements: [] });
    expect(tasks[4]).toMatchObject({ title: 'Tokenizer', details: ['Handles CRLF'] });
  });

  it('is lenient about spacing, dots, bullets and emphasis', () => {
    const { tasks, diagnostics } = parseTasks(TASKS_ODD);
    expect(diagnostics).toEqual([]);
    expect(tasks.map((t) => [t.id, t.title, t.status, t.optional])).toEqual([
      ['1', 'Wire   the  service', 'todo', false],
      ['2', 'Second task', 'done', false],
      ['2.1', 'Star bullet sub-task', 'todo', false],
      ['3', 'Optional top-level task', 'todo', true],
    ]);
    expect(tasks[0].requirements).toEqual(['3.1', '3.2']);
    expect(tasks[0].details).toEqual(['detail with  extra   spaces']);
    expect(tasks[2].requirements).toEqual(['4.1']);
  });

  it('reports CRLF', () => {
    const parsed = parseTasks(TASKS_CRLF);
    expect(parsed.eol).toBe('\r\n');
    expect(parsed.tasks.map((t) => t.title)).toEqual(['Write a test that fails on the unfixed code', 'Write preservation tests', 'Fix the defect']);
    expect(parsed.tasks[2].details).toEqual(['Change the save path']);
  });

  it('turns each malformed line into a diagnostic and skips it', () => {
    const text = [
      '# Implementation Plan',
      '- _Requirements: 9.9_',
      '- [ ] Task without a number',
      '- [ ] 1. First',
      '  - kept detail',
      '- [?] 2. Unknown marker',
      '  - detail of the skipped task',
      '- [ ] 1. Duplicate',
      '- [ ] 4.1 Orphan',
      '- [ ] 1.2.3 Too deep',
      '- [ ] 5. Last',
    ].join('\n');
    const parsed = parseTasks(text);
    expect(parsed.tasks.map((t) => t.id)).toEqual(['1', '4.1', '5']);
    expect(parsed.tasks[0].details).toEqual(['kept detail']);
    expect(parsed.diagnostics.map((d) => [d.line, d.code, d.severity])).toEqual([
      [2, 'task-requirements-outside', 'warning'],
      [3, 'task-no-number', 'error'],
      [6, 'task-marker', 'error'],
      [8, 'task-duplicate', 'error'],
      [9, 'task-orphan', 'warning'],
      [10, 'task-depth', 'error'],
    ]);
    const marker = parsed.diagnostics.find((d) => d.code === 'task-marker');
    expect(marker).toMatchObject({ column: 3, endColumn: 6, fix: { line: 6, text: '- [ ] 2. Unknown marker' } });
    expect(marker?.message).toContain('"[?]"');
    expect(parsed.diagnostics.find((d) => d.code === 'task-duplicate')?.message).toBe('Task number 1 is already used on line 4: renumber this task');
    expect(parsed.diagnostics.find((d) => d.code === 'task-depth')).toMatchObject({ column: 7, endColumn: 12 });
  });

  it('does not read checkboxes inside code blocks', () => {
    expect(parseTasks('- [ ] 1. Real\n  ```md\n  - [ ] 2. Example\n  ```\n').tasks.map((t) => t.id)).toEqual(['1']);
  });

  it('does not report a clean file', () => {
    for (const t of [TASKS_KIRO, TASKS_NESTED, TASKS_ODD, TASKS_CRLF]) expect(codes(t)).toEqual([]);
  });
});

describe('setTaskStatus', () => {
  it('changes exactly the one box character', () => {
    const next = setTaskStatus(TASKS_KIRO, '2.1', 'inProgress');
    expect(next.length).toBe(TASKS_KIRO.length);
    const diff = [...next].map((ch, i) => (ch === TASKS_KIRO[i] ? -1 : i)).filter((i) => i >= 0);
    expect(diff).toHaveLength(1);
    expect(next.split('\n')[6]).toBe('- [-] 2.1 Create model interfaces');
    expect(parseTasks(next).tasks.find((t) => t.id === '2.1')?.status).toBe('inProgress');
  });

  it('keeps CRLF, indentation and optional stars, and every status round-trips', () => {
    const next = setTaskStatus(TASKS_CRLF, '3', 'done');
    expect(next).toBe(TASKS_CRLF.replace('- [ ] 3.', '- [x] 3.'));
    expect(next.match(/\r\n/g)?.length).toBe(TASKS_CRLF.match(/\r\n/g)?.length);
    for (const status of ['todo', 'queued', 'inProgress', 'done'] as const) {
      const t = setTaskStatus(TASKS_NESTED, '2.2', status);
      expect(t.split('\n')[15]).toBe(`  - [${statusMarker(status)}]* 2.2. Property tests`);
    }
    expect(setTaskStatus(TASKS_NESTED, '1.1', 'done')).toBe(TASKS_NESTED); // [X] is already done
  });

  it('keeps a BOM and a missing final newline', () => {
    const text = '\uFEFF- [ ] 1. A\n- [ ] 2. B';
    expect(setTaskStatus(text, '2', 'done')).toBe('\uFEFF- [ ] 1. A\n- [x] 2. B');
  });

  it('throws a clear error for an unknown id or status', () => {
    expect(() => setTaskStatus(TASKS_KIRO, '9', 'done')).toThrow('tasks.md has no task "9" (its tasks are 1, 2, 2.1, 2.2, 3)');
    expect(() => setTaskStatus('', '1', 'done')).toThrow('it has no numbered tasks');
    expect(() => setTaskStatus(TASKS_KIRO, '1', 'finished' as never)).toThrow('Unknown task status "finished"');
  });
});

describe('writeTasks', () => {
  it('round-trips every fixture byte for byte', () => {
    for (const t of [TASKS_KIRO, TASKS_NESTED, TASKS_ODD, TASKS_CRLF]) expect(writeTasks(parseTasks(t))).toBe(t);
  });

  it('rewrites only the edited task', () => {
    const doc = parseTasks(TASKS_NESTED);
    doc.tasks[4].status = 'done';
    doc.tasks[4].requirements = ['2.1', '2.3'];
    const lines = writeTasks(doc).split('\n');
    const before = TASKS_NESTED.split('\n');
    expect(lines.slice(0, 12)).toEqual(before.slice(0, 12));
    expect(lines.slice(12, 15)).toEqual(['  - [x] 2.1. Tokenizer', '    - Handles CRLF', '    - _Requirements: 2.1, 2.3_']);
    expect(lines.slice(15)).toEqual(before.slice(15));
  });

  it('renders new tasks in the canonical layout, with the document EOL', () => {
    const doc = parseTasks(TASKS_CRLF);
    doc.tasks.push({ id: '4', title: 'Checkpoint', status: 'todo', optional: false, line: 0, level: 1, requirements: [], details: [] });
    doc.tasks.push({ id: '4.1', title: 'Extra test', status: 'todo', optional: true, line: 0, level: 2, parent: '4', requirements: ['3.1'], details: ['Covers LF'] });
    expect(writeTasks(doc)).toBe(`${TASKS_CRLF}- [ ] 4. Checkpoint\r\n- [ ]* 4.1 Extra test\r\n  - Covers LF\r\n  - _Requirements: 3.1_\r\n`);
  });

  it('writes a document built in code as Kiro does, and parses it back', () => {
    const expected = TASKS_KIRO.replace('  - Create directories for models, services and API\n', '');
    const tasks = parseTasks(TASKS_KIRO).tasks.map(({ source: _source, ...t }) => ({ ...t, details: [] }));
    expect(writeTasks({ title: 'Implementation Plan', tasks })).toBe(expected);
    expect(writeTasks({ tasks: [] }, '\r\n')).toBe('# Implementation Plan\r\n\r\n');
  });

  it('changes the title line only when the title changes', () => {
    const doc = parseTasks(TASKS_KIRO);
    doc.title = 'Plan';
    expect(writeTasks(doc)).toBe(TASKS_KIRO.replace('# Implementation Plan', '# Plan'));
  });
});
