import { describe, expect, it } from 'vitest';
import { parseBugfix } from './bugfix';
import { parseDesign } from './design';
import { classifyEars, lintRequirements } from './ears';
import { parseRequirements, writeRequirements } from './requirements';
import { parseTasks, writeTasks } from './tasks';
import { CORPUS } from './test-corpus';

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['- [ ] ', '- [x]* ', '- [?] ', '  - ', '1.', '2.1 ', '1.2.3 ', '_Requirements: 1.1_', '### Requirement 1', '## Introduction', '## Glossary', '#### Acceptance Criteria',
  '**User Story:** ', 'WHEN ', 'THEN ', 'THE ', 'SHALL ', ', ', 'IF ', 'WHILE ', 'WHERE ', '```', '~~~', '# ', '**', '_', '\t', ' ', '\n', '\n', 'x', 'é', '\u0000', '\uFFFD', '\u202E', '### Property 2: ', '**Validates: Requirements 1.x**', '## Current Behavior (Defect)', '9999999999999999999999. '];

function garbage(rand: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rand() * PIECES.length)];
  return s;
}

/** Runs every parser, lint and writer on the text; returns the parse results. */
function everything(text: string) {
  const tasks = parseTasks(text);
  const reqs = parseRequirements(text);
  const results = { tasks, reqs, bugfix: parseBugfix(text), design: parseDesign(text), lint: lintRequirements(text) };
  for (const d of [...tasks.diagnostics, ...reqs.diagnostics, ...results.bugfix.diagnostics, ...results.design.diagnostics, ...results.lint]) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.endColumn).toBeGreaterThan(d.column);
    expect(d.message.length).toBeGreaterThan(10);
  }
  return results;
}

const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

describe('malformed input', () => {
  it.each([
    ['empty', ''],
    ['garbage', 'lorem ipsum ### ]]] [[[ - [ ] ** __ `'],
    ['binary-looking', '\u0000\u0001\u0002PK\u0003\u0004\uFFFD\uFFFD\u0000\n\u0000- [\u0000] 1.\u0000\n'],
    ['only newlines', '\n\n\r\n\n'],
  ])('%s text gives diagnostics, never an exception', (_name, text) => {
    const r = everything(text);
    expect(r.tasks.diagnostics.length).toBeGreaterThan(0);
    expect(r.reqs.diagnostics.length).toBeGreaterThan(0);
    expect(r.bugfix.diagnostics.length).toBeGreaterThan(0);
    expect(r.design.diagnostics.length).toBeGreaterThan(0);
  });

  it('half a file (every prefix of every fixture) parses, lints and round-trips', () => {
    for (const text of Object.values(CORPUS)) {
      for (let cut = 0; cut <= text.length; cut += 7) {
        const half = text.slice(0, cut);
        if (half.endsWith('\r')) continue; // a CR cut from its LF is a mixed-EOL file
        everything(half);
        expect(writeTasks(parseTasks(half))).toBe(half);
        expect(writeRequirements(parseRequirements(half))).toBe(half);
      }
    }
  });

  it('random text never throws and round-trips, in LF and CRLF', () => {
    const rand = random(20240611);
    for (let i = 0; i < 300; i++) {
      const text = garbage(rand, 5 + Math.floor(rand() * 80));
      for (const t of [text, crlf(text)]) {
        everything(t);
        expect(writeTasks(parseTasks(t))).toBe(t);
        expect(writeRequirements(parseRequirements(t))).toBe(t);
      }
    }
  });

  it('random sentences never throw in the classifier', () => {
    const rand = random(7);
    for (let i = 0; i < 500; i++) {
      const r = classifyEars(garbage(rand, 1 + Math.floor(rand() * 12)));
      expect(r.problems).toEqual(r.issues.map((x) => x.message));
    }
    expect(classifyEars(undefined as never).pattern).toBeNull();
  });

  it('long lines do not make the parsers slow (no quadratic regexes)', () => {
    const sp = ' '.repeat(60_000);
    const lines = [
      ' '.repeat(100_000), `# ${'#'.repeat(50_000)} ${' '.repeat(50_000)}x`, `- [ ] 1. ${'a, '.repeat(30_000)}`, `- [ ] 1. ${'_'.repeat(60_000)}x`,
      `  - _Requirements: 1${sp}x`, `## Glossary\n- a${sp}b`, `### Property 1\n**Validates: 1${sp}x`, `### Requirement 1 ${sp}x`,
      `### Requirement 1\n1. WHEN ${'the, '.repeat(20_000)} SHALL`, `### Requirement 1\n1. WHEN a${' ,'.repeat(30_000)}x THE S SHALL y`,
      `### Requirement 1\n1. WHEN a${sp}b${sp}THE S SHALL y${sp}fast`, `### Requirement 1\n1. THE S WILL${sp}x, ${sp}, THEN THE x${sp}y`,
    ];
    for (const line of lines) {
      const started = Date.now();
      everything(line);
      expect(Date.now() - started, line.slice(0, 40)).toBeLessThan(1500);
    }
  });

  it('writers tolerate documents missing optional fields', () => {
    expect(() => writeTasks({ tasks: [{ id: '1', title: 'T', status: 'todo', optional: false, line: 1, level: 1 } as never] })).not.toThrow();
    expect(() => writeRequirements({ requirements: [{ number: 1, title: '', line: 1 } as never] })).not.toThrow();
  });
});
