import { describe, expect, it } from 'vitest';
import { classifyEars, lintRequirements } from './ears';
import { REQUIREMENTS_CRLF, REQUIREMENTS_KIRO, REQUIREMENTS_LEGACY } from './test-corpus';

/** A requirements.md with the given criteria under one requirement. */
const doc = (...criteria: string[]) => [
  '# Requirements Document', '', '## Requirements', '', '### Requirement 1', '',
  '**User Story:** As a user, I want x, so that y.', '', '#### Acceptance Criteria', '',
  ...criteria.map((c, i) => `${i + 1}. ${c}`), '',
].join('\n');
const FIRST = 11; // line of the first criterion in doc()
const lint = (...criteria: string[]) => lintRequirements(doc(...criteria));
const only = (code: string, ...criteria: string[]) => lint(...criteria).filter((d) => d.code === code);

describe('classifyEars', () => {
  it.each([
    ['THE Editor SHALL save files as UTF-8.', 'ubiquitous', 'Editor', 'save files as UTF-8'],
    ['WHEN the user presses Ctrl+S, THE Editor SHALL save the file.', 'event', 'Editor', 'save the file'],
    ['WHILE a file has unsaved edits, THE Editor SHALL show a dot on its tab.', 'state', 'Editor', 'show a dot on its tab'],
    ['IF the disk is full, THEN THE Editor SHALL show an error.', 'unwanted', 'Editor', 'show an error'],
    ['WHERE autosave is enabled, THE Editor SHALL save after each edit.', 'optional', 'Editor', 'save after each edit'],
    ['WHERE autosave is enabled, WHILE a file is open, WHEN focus leaves it, THE Editor SHALL save it.', 'complex', 'Editor', 'save it'],
    ['when the user clicks, the Task Runner shall start.', 'event', 'Task Runner', 'start'],
  ])('%s → %s', (sentence, pattern, system, response) => {
    const r = classifyEars(sentence);
    expect(r).toMatchObject({ pattern, system, response, problems: [] });
  });

  it('accepts the older WHEN … THEN … SHALL form as an event', () => {
    const r = classifyEars('WHEN the user runs export THEN the system SHALL write report.csv');
    expect(r).toMatchObject({ pattern: 'event', system: 'system', response: 'write report.csv', legacy: true, problems: [] });
    expect(classifyEars('WHEN the user saves, THEN the system SHALL keep CRLF').pattern).toBe('event');
  });

  it.each([
    ['The user can log in', 'it has no SHALL'],
    ['Users SHALL be able to log in.', 'has no THE before the system name'],
    ['After saving, THE Editor SHALL close the tab.', '"After saving" does not start with WHEN, WHILE, IF or WHERE'],
    ['WHEN the user saves, THE Editor SHALL', 'nothing follows SHALL'],
    ['', 'it is empty'],
    ['Fast and reliable.', 'it has no SHALL'],
  ])('%j follows no pattern', (sentence, why) => {
    const r = classifyEars(sentence);
    expect(r.pattern).toBeNull();
    expect(r.problems.join('\n')).toContain(why);
  });

  it('reports form problems without rejecting the pattern', () => {
    expect(classifyEars('IF the disk is full, THE Editor SHALL show an error.')).toMatchObject({ pattern: 'unwanted', problems: [expect.stringContaining('Write "THEN"')] });
    expect(classifyEars('WHEN the user saves THE Editor SHALL write the file.')).toMatchObject({ pattern: 'event', system: 'Editor', problems: [expect.stringContaining('Add a comma')] });
    const order = classifyEars('WHEN the user types, WHILE a file is open, THE Editor SHALL save.');
    expect(order).toMatchObject({ pattern: 'complex', issues: [{ code: 'ears-order', replacement: 'WHILE a file is open, WHEN the user types, ' }] });
  });
});

describe('lintRequirements', () => {
  it('finds nothing in clean files', () => {
    for (const t of [REQUIREMENTS_KIRO, REQUIREMENTS_LEGACY, REQUIREMENTS_CRLF]) expect(lintRequirements(t)).toEqual([]);
  });

  it('ears-pattern: names the patterns and covers the criterion', () => {
    const [d] = only('ears-pattern', 'After saving, THE System SHALL close the tab.');
    expect(d).toMatchObject({ line: FIRST, column: 4, endColumn: 4 + 'After saving, THE System SHALL close the tab.'.length, severity: 'warning' });
    expect(d.message).toContain('"After saving, THE System SHALL close the tab." follows no EARS pattern');
    expect(d.message).toContain('WHEN <trigger>');
    expect(only('ears-pattern', 'The user can log in')).toHaveLength(1);
  });

  it('ears-shall: an error, fixed when the statement reads THE X WILL/MUST/SHOULD/CAN', () => {
    const [d] = only('ears-shall', 'WHEN the user saves, THE System WILL write the file.');
    expect(d).toMatchObject({ line: FIRST, column: 36, endColumn: 40, severity: 'error' });
    expect(d.fix).toEqual({ title: 'Write "SHALL"', line: FIRST, text: '1. WHEN the user saves, THE System SHALL write the file.' });
    expect(only('ears-shall', 'The user can log in')[0].fix).toBeUndefined();
  });

  it('ears-vague: one diagnostic per vague word, quoting it', () => {
    const sentence = 'THE System SHALL respond fast and show some results, etc.';
    const col = (w: string) => 4 + sentence.indexOf(w);
    const ds = only('ears-vague', sentence);
    expect(ds.map((d) => [d.column, d.endColumn, d.message.split(':')[0]])).toEqual([
      [col('fast'), col('fast') + 4, '"fast" is vague'], [col('some'), col('some') + 4, '"some" is vague'], [col('etc.'), col('etc.') + 4, '"etc." leaves the list open'],
    ]);
    expect(ds[0].message).toBe('"fast" is vague: say how fast (a number with a unit, e.g. "within 200 ms")');
    expect(only('ears-vague', 'THE System SHALL show a "fast" badge and `some` code; steadfast is fine.')).toEqual([]);
  });

  it('ears-pronoun: fixed with the most common system name, or the one given', () => {
    const text = ['THE Editor SHALL open files.', 'WHEN the user saves, IT SHALL write the file.'];
    const [d] = only('ears-pronoun', ...text);
    expect(d).toMatchObject({ line: FIRST + 1, column: 25, endColumn: 27, severity: 'warning' });
    expect(d.message).toBe('"IT" stands where the system name should be: write "THE Editor"');
    expect(d.fix?.text).toBe('2. WHEN the user saves, THE Editor SHALL write the file.');
    const given = lintRequirements(doc(text[1]), { systemName: 'Specwright' }).find((x) => x.code === 'ears-pronoun');
    expect(given?.fix?.text).toBe('1. WHEN the user saves, THE Specwright SHALL write the file.');
    expect(only('ears-pronoun', 'WHEN the user saves a file, THE Editor SHALL write it to disk.')).toEqual([]);
  });

  it('ears-order: out-of-order clauses, with the reordered sentence as the fix', () => {
    const [d] = only('ears-order', 'WHEN the user types, WHILE a file is open, THE Editor SHALL save.');
    expect(d.severity).toBe('warning');
    expect(d.message).toContain('"WHILE a file is open" should come before "WHEN the user types"');
    expect(d.fix?.text).toBe('1. WHILE a file is open, WHEN the user types, THE Editor SHALL save.');
  });

  it('ears-numbering: duplicate criteria and requirements', () => {
    const text = doc('THE Editor SHALL a.', 'THE Editor SHALL b.').replace('2. THE Editor SHALL b.', '1. THE Editor SHALL b.');
    expect(lintRequirements(text).map((d) => [d.line, d.code, d.severity])).toEqual([[FIRST + 1, 'ears-numbering', 'error']]);
    const twice = `${doc('THE Editor SHALL a.')}\n${doc('THE Editor SHALL b.').split('\n').slice(4).join('\n')}`;
    expect(lintRequirements(twice).filter((d) => d.code === 'ears-numbering')).toHaveLength(1);
  });

  it('ears-system: a name that looks like a typo of the usual one', () => {
    const ds = only('ears-system', 'THE System SHALL a.', 'THE System SHALL b.', 'THE Sytem SHALL c.', 'THE Parser SHALL d.');
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ line: FIRST + 2, column: 8, endColumn: 13, severity: 'info' });
    expect(ds[0].fix?.text).toBe('3. THE System SHALL c.');
  });

  it('ears-form: a missing comma or THEN, with the insertion as the fix', () => {
    const [d] = only('ears-form', 'IF the disk is full, THE Editor SHALL show an error.');
    expect(d.fix?.text).toBe('1. IF the disk is full, THEN THE Editor SHALL show an error.');
    const [c] = only('ears-form', 'WHEN the user saves THE Editor SHALL write.');
    expect(c.fix?.text).toBe('1. WHEN the user saves, THE Editor SHALL write.');
  });

  it('locates problems on the continuation line of a wrapped criterion', () => {
    const text = doc('WHEN the user saves,').replace('WHEN the user saves,\n', 'WHEN the user saves,\n   THE Editor SHALL respond quickly.\n');
    const [d] = lintRequirements(text).filter((x) => x.code === 'ears-vague');
    expect(d).toMatchObject({ line: FIRST + 1, column: 29, endColumn: 36 });
  });
});
