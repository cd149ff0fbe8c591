import { describe, expect, it } from 'vitest';
import { parseBugfix } from './bugfix';
import { BUGFIX_KIRO } from './test-corpus';

describe('parseBugfix', () => {
  it('reads the three sections with their numbered items', () => {
    const b = parseBugfix(BUGFIX_KIRO);
    expect(b.diagnostics).toEqual([]);
    expect(b.current.map((c) => c.id)).toEqual(['1.1', '1.2']);
    expect(b.expected.map((c) => [c.id, c.number, c.line])).toEqual([['2.1', 1, 16], ['2.2', 2, 17]]);
    expect(b.expected[1].text).toBe('WHEN the file is saved again THEN the system SHALL report no change');
    expect(b.unchanged[0]).toMatchObject({ id: '3.1', text: 'WHEN the user saves an LF file THEN the system SHALL CONTINUE TO write LF line endings', column: 5 });
  });

  it('accepts ## sections and plain numbered lists', () => {
    const b = parseBugfix('## Current Behavior (Defect)\n1. WHEN x THEN y\n## Expected Behavior (Correct)\n- 2.1. WHEN x THEN the system SHALL z\n## Unchanged Behavior (Regression Prevention)\n**3.1** the system SHALL CONTINUE TO w\n');
    expect(b.diagnostics).toEqual([]);
    expect([...b.current, ...b.expected, ...b.unchanged].map((c) => c.id)).toEqual(['1.1', '2.1', '3.1']);
  });

  it('reports missing and empty sections, misnumbered and duplicate items, and a missing SHALL', () => {
    const b = parseBugfix('## Current Behavior (Defect)\n2.1 WHEN x THEN y\n1.1 WHEN a THEN b\n## Expected Behavior (Correct)\n2.1 WHEN x THEN it works\n');
    expect(b.diagnostics.map((d) => [d.line, d.code, d.severity])).toEqual([
      [1, 'bugfix-missing-section', 'error'],
      [2, 'bugfix-numbering', 'warning'],
      [3, 'bugfix-numbering', 'error'],
      [5, 'bugfix-shall', 'info'],
    ]);
    expect(b.diagnostics[0].message).toContain('"## Unchanged Behavior (Regression Prevention)"');
    expect(parseBugfix('## Current Behavior\n\n## Expected Behavior\n2.1 x SHALL y\n## Unchanged Behavior\n3.1 SHALL CONTINUE TO z').diagnostics.map((d) => d.code)).toEqual(['bugfix-empty-section']);
  });
});
