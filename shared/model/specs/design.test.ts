import { describe, expect, it } from 'vitest';
import { parseDesign } from './design';
import { DESIGN_KIRO } from './test-corpus';

describe('parseDesign', () => {
  it('reads the outline, skipping lines inside the Mermaid block', () => {
    const { sections, diagnostics } = parseDesign(DESIGN_KIRO);
    expect(diagnostics).toEqual([]);
    expect(sections.map((s) => [s.level, s.title])).toEqual([
      [1, 'Design Document'], [2, 'Overview'], [2, 'Architecture'], [2, 'Components and Interfaces'], [3, 'Parser'],
      [2, 'Correctness Properties'], [3, 'Property 1: Round trip'], [3, 'Property 2: Status edits are local'],
      [2, 'Error Handling'], [2, 'Testing Strategy'],
    ]);
    expect(sections[2].line).toBe(7);
  });

  it('reads correctness properties as headings or bold lines, with what they validate', () => {
    expect(parseDesign(DESIGN_KIRO).properties).toEqual([
      { number: 1, title: 'Round trip', validates: ['1.2', '3.1'], line: 24 },
      { number: 2, title: 'Status edits are local', validates: ['2.1'], line: 28 },
      { number: 3, title: 'Lint never throws', validates: ['4.1'], line: 32 },
    ]);
    expect(parseDesign('**Property 7:** Idempotent **Validates: Requirements 2.2**').properties).toEqual([{ number: 7, title: 'Idempotent', validates: ['2.2'], line: 1 }]);
  });

  it('reports unvalidated and duplicate properties, bad ids, stray Validates and unclosed fences', () => {
    const text = [
      '# Design', '**Validates: Requirements 1.1**', '### Property 1: A', 'text', '### Property 1: B',
      '**Validates: Requirements 1.x, 2.1**', '```mermaid', 'graph TD',
    ].join('\n');
    const { diagnostics, properties } = parseDesign(text);
    expect(diagnostics.map((d) => [d.line, d.code, d.severity])).toEqual([
      [2, 'design-validates-orphan', 'info'],
      [3, 'design-property-unvalidated', 'warning'],
      [5, 'design-property-duplicate', 'error'],
      [6, 'design-validates', 'warning'],
      [7, 'design-fence', 'warning'],
    ]);
    expect(properties[1].validates).toEqual(['2.1']);
    expect(diagnostics[3].message).toContain('"1.x"');
  });
});
