import { describe, expect, it } from 'vitest';
import { formatJsonPath, positionAt, scanJson } from './json-position';

describe('scanJson', () => {
  it('locates keys and values by path, arrays included', () => {
    const text = '{\n  "when": { "type": "x", "patterns": ["a", "b"] }\n}';
    const { locations, errorOffset } = scanJson(text);
    expect(errorOffset).toBeUndefined();
    expect(locations.get('when')).toEqual({ key: 4, value: 12 });
    expect(text.slice(locations.get('when.type')!.value)).toMatch(/^"x"/);
    expect(text.slice(locations.get('when.patterns[1]')!.value)).toMatch(/^"b"/);
    expect(locations.get('')).toEqual({ value: 0 });
  });

  it('uses the last of duplicate keys, as JSON.parse does', () => {
    const text = '{"a": 1, "a": 2}';
    expect(scanJson(text).locations.get('a')).toEqual({ key: 9, value: 14 });
  });

  it.each([
    '{}',
    '[]',
    ' {"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]} ',
    '"just a string"',
    '{"nested": {"deep": [[{}]]}}',
  ])('accepts valid JSON %s', (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(scanJson(text).errorOffset).toBeUndefined();
  });

  it.each([
    ['{"a":}', 5],
    ['{"a":1,}', 7],
    ['{"a" 1}', 5],
    ['[1,2', 4],
    ['{"a":tru}', 8],
    ['{"a":"x\nb"}', 7],
    ['{"a":01}', 6],
    ['{"a":"\\q"}', 7],
    ['', 0],
    ['{} x', 3],
  ])('finds the error in %j at offset %i, where JSON.parse also fails', (text, offset) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(scanJson(text).errorOffset).toBe(offset);
  });
});

describe('positionAt and formatJsonPath', () => {
  it('counts 1-based lines and columns', () => {
    expect(positionAt('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(positionAt('ab\r\ncd', 5)).toEqual({ line: 2, column: 2 });
    expect(positionAt('ab', 99)).toEqual({ line: 1, column: 3 });
  });

  it('spells paths the way problems quote them', () => {
    expect(formatJsonPath(['when', 'toolTypes', 0])).toBe('when.toolTypes[0]');
    expect(formatJsonPath([])).toBe('');
  });

  it('scans very deep nesting: the error where the text ends, shallow locations kept, deep ones not', () => {
    expect(scanJson('['.repeat(3000))).toMatchObject({ errorOffset: 3000 });
    const deep = `{"when": {"patterns": ${'['.repeat(100)}${']'.repeat(100)}}}`;
    const scan = scanJson(deep);
    expect(scan.errorOffset).toBeUndefined();
    expect(scan.locations.get('when.patterns')).toEqual({ key: 10, value: 22 });
    expect(scan.locations.has(`when.patterns${'[0]'.repeat(40)}`)).toBe(false);
  });
});
