import { afterEach, describe, expect, it, vi } from 'vitest';
import { HOOK_TRIGGERS, parseHookFile, serializeHook, type Hook } from './schema';

const FILE = 'lint.kiro.hook';
const TRIGGERS = HOOK_TRIGGERS.join(', ');

/** A hook text from an object, pretty-printed like files people write. */
const text = (value: unknown) => JSON.stringify(value, null, 2);
const lintHook = {
  enabled: true,
  name: 'Lint on save',
  description: 'Runs the linter',
  version: '1',
  when: { type: 'fileEdited', patterns: ['src/**/*.ts', '!**/*.test.ts'] },
  then: { type: 'runCommand', command: 'npm run lint', timeout: 60 },
};
const withWhen = (when: unknown) => text({ name: 'h', when, then: { type: 'askAgent', prompt: 'Review it' } });
const withThen = (then: unknown) => text({ name: 'h', when: { type: 'agentStop' }, then });

/** Problems as `line:column message`, the way the editor shows them. */
function problems(source: string): string[] {
  return parseHookFile(FILE, source).problems.map((p) => `${p.line}:${p.column} ${p.message}`);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('parseHookFile: valid hooks', () => {
  it('parses the documented example', () => {
    const { hook, problems: found } = parseHookFile(FILE, text(lintHook));
    expect(found).toEqual([]);
    expect(hook).toEqual(lintHook);
  });

  it('defaults enabled to true and timeout to 60 seconds', () => {
    const { hook } = parseHookFile(FILE, withThen({ type: 'runCommand', command: 'make' }));
    expect(hook?.enabled).toBe(true);
    expect(hook?.then).toEqual({ type: 'runCommand', command: 'make', timeout: 60 });
  });

  it('keeps a disabled hook disabled', () => {
    const { hook } = parseHookFile(FILE, text({ ...lintHook, enabled: false }));
    expect(hook?.enabled).toBe(false);
  });

  it('keeps unknown keys at every level', () => {
    const source = text({
      ...lintHook,
      shortName: 'lint',
      when: { ...lintHook.when, debounceMs: 500 },
      then: { ...lintHook.then, shell: 'bash' },
    });
    const { hook } = parseHookFile(FILE, source);
    expect(hook?.shortName).toBe('lint');
    expect(hook?.when.debounceMs).toBe(500);
    expect(hook?.then.shell).toBe('bash');
  });

  it.each(HOOK_TRIGGERS.filter((t) => !t.startsWith('file') && !t.endsWith('ToolUse')))('accepts %s without extra keys', (type) => {
    expect(parseHookFile(FILE, withWhen({ type })).problems).toEqual([]);
  });

  it('accepts every kind of toolTypes entry', () => {
    const toolTypes = ['read', 'write', 'shell', 'web', 'spec', '*', '@mcp', '@mcp.github', '@github.create_issue', '/^git_/i'];
    const { hook, problems: found } = parseHookFile(FILE, withWhen({ type: 'preToolUse', toolTypes }));
    expect(found).toEqual([]);
    expect(hook?.when).toEqual({ type: 'preToolUse', toolTypes });
  });

  it('ignores a byte order mark', () => {
    expect(parseHookFile(FILE, `\uFEFF${text(lintHook)}`).problems).toEqual([]);
  });
});

describe('parseHookFile: invalid JSON', () => {
  it('reports the position V8 gives as "at position N"', () => {
    expect(problems('{\n  "name": "x",\n}')).toEqual([
      `3:1 ${FILE}: not valid JSON at line 3 column 1: Expected double-quoted property name`,
    ]);
  });

  it('finds the position itself when V8 gives none', () => {
    expect(problems('{\n  "name": "x",\n  "when": }')).toEqual([`3:11 ${FILE}: not valid JSON at line 3 column 11: Unexpected token '}'`]);
  });

  it('points past the end of a truncated file', () => {
    expect(problems('{\n  "name": ')).toEqual([`2:11 ${FILE}: not valid JSON at line 2 column 11: Unexpected end of JSON input`]);
  });

  it('reads "(line L column C)" from newer V8 messages', () => {
    vi.spyOn(JSON, 'parse').mockImplementationOnce(() => {
      throw new SyntaxError("Expected ',' or '}' after property value in JSON at position 20 (line 2 column 7)");
    });
    expect(problems('{ "name": "x"\n  "when" }')).toEqual([
      `2:7 ${FILE}: not valid JSON at line 2 column 7: Expected ',' or '}' after property value`,
    ]);
  });

  it('says an empty file is not a hook', () => {
    expect(problems('')).toEqual([`1:1 ${FILE}: not valid JSON at line 1 column 1: Unexpected end of JSON input`]);
  });
});

describe('parseHookFile: invalid hooks', () => {
  it('names the allowed triggers for an unknown when.type, at its value', () => {
    expect(problems(withWhen({ type: 'onSave' }))).toEqual([`4:13 ${FILE}: "when.type" must be one of ${TRIGGERS}, got "onSave"`]);
  });

  it('asks for patterns on file triggers, at the "when" key', () => {
    expect(problems(withWhen({ type: 'fileEdited' }))).toEqual([
      `3:3 ${FILE}: "when.patterns" is required for fileEdited hooks: a list of globs like ["src/**/*.ts"]`,
    ]);
  });

  it('rejects empty pattern lists and non-string patterns', () => {
    expect(problems(withWhen({ type: 'fileDeleted', patterns: [] }))).toEqual([
      `5:17 ${FILE}: "when.patterns" must be a non-empty list of globs like ["src/**/*.ts"], got []`,
    ]);
    expect(problems(withWhen({ type: 'fileCreated', patterns: ['src/**', 3, ' '] }))).toEqual([
      `7:7 ${FILE}: "when.patterns[1]" must be a glob string like "src/**/*.ts", got 3`,
      `8:7 ${FILE}: "when.patterns[2]" must not be empty`,
    ]);
  });

  it('asks for toolTypes on tool triggers', () => {
    expect(problems(withWhen({ type: 'postToolUse' }))).toEqual([
      `3:3 ${FILE}: "when.toolTypes" is required for postToolUse hooks: a list like ["write"], ["shell", "@mcp"] or ["/^git/"]`,
    ]);
  });

  it('reports a bad toolTypes regex, an unknown tool type and a bare "@"', () => {
    const unterminated = '([';
    let reason = '';
    try {
      new RegExp(unterminated);
    } catch (e) {
      reason = (e as Error).message;
    }
    expect(problems(withWhen({ type: 'preToolUse', toolTypes: ['/([/', 'exec', '@'] }))).toEqual([
      `6:7 ${FILE}: "when.toolTypes[0]" is not a valid regular expression (${reason}), got "/([/"`,
      `7:7 ${FILE}: "when.toolTypes[1]" must be one of read, write, shell, web, spec, *, an "@mcp…" prefix or a /regex/, got "exec"`,
      `8:7 ${FILE}: "when.toolTypes[2]" must name an MCP server after "@", like "@mcp", "@mcp.github" or "@github", got "@"`,
    ]);
  });

  it('names the allowed actions for an unknown then.type', () => {
    expect(problems(withThen({ type: 'notify', message: 'hi' }))).toEqual([
      `7:13 ${FILE}: "then.type" must be one of askAgent, runCommand, got "notify"`,
    ]);
    expect(problems(withThen({ prompt: 'hi' }))).toEqual([`6:3 ${FILE}: "then.type" is required: one of askAgent, runCommand`]);
  });

  it('asks for the prompt or the command the action needs', () => {
    expect(problems(withThen({ type: 'askAgent' }))).toEqual([`6:3 ${FILE}: "then.prompt" is required`]);
    expect(problems(withThen({ type: 'runCommand', command: '  ' }))).toEqual([`8:16 ${FILE}: "then.command" must not be empty`]);
  });

  it('reports wrong types with what was found', () => {
    const source = text({ enabled: 'yes', name: 5, when: { type: 'agentStop' }, then: { type: 'runCommand', command: 'make', timeout: '60' } });
    expect(problems(source)).toEqual([
      `2:14 ${FILE}: "enabled" must be true or false, got "yes"`,
      `3:11 ${FILE}: "name" must be a string (the name the hooks panel shows), got 5`,
      `10:16 ${FILE}: "then.timeout" must be a positive number of seconds, got "60"`,
    ]);
    expect(problems(withThen({ type: 'runCommand', command: 'make', timeout: -5 }))).toEqual([
      `9:16 ${FILE}: "then.timeout" must be a positive number of seconds, got -5`,
    ]);
    expect(problems(withWhen('fileEdited'))).toEqual([
      `3:11 ${FILE}: "when" must be an object like { "type": "fileEdited", "patterns": ["src/**"] }, got "fileEdited"`,
    ]);
  });

  it('reports missing top-level keys at the start of the file', () => {
    expect(problems('{ "name": "h" }')).toEqual([`1:1 ${FILE}: "when" is required`, `1:1 ${FILE}: "then" is required`]);
  });

  it('says when the file is not an object', () => {
    expect(problems('[]')).toEqual([`1:1 ${FILE}: must be a JSON object like { "name": …, "when": { … }, "then": { … } }, got []`]);
  });
});

describe('serializeHook', () => {
  it('writes 2-space JSON in a stable key order with a trailing newline', () => {
    const hook = {
      then: { timeout: 30, command: 'npm test', type: 'runCommand' },
      when: { patterns: ['src/**'], type: 'fileEdited' },
      name: 'Test on save',
      enabled: false,
    } as Hook;
    expect(serializeHook(hook)).toBe(
      [
        '{',
        '  "enabled": false,',
        '  "name": "Test on save",',
        '  "when": {',
        '    "type": "fileEdited",',
        '    "patterns": [',
        '      "src/**"',
        '    ]',
        '  },',
        '  "then": {',
        '    "type": "runCommand",',
        '    "command": "npm test",',
        '    "timeout": 30',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('round-trips a parsed hook, unknown keys included', () => {
    const source = text({ ...lintHook, when: { ...lintHook.when, debounceMs: 500 }, kiroExtra: { a: 1 } });
    const { hook } = parseHookFile(FILE, source);
    const written = serializeHook(hook!);
    expect(parseHookFile(FILE, written).hook).toEqual(hook);
    expect(written.indexOf('"kiroExtra"')).toBeGreaterThan(written.indexOf('"then"'));
    expect(written.indexOf('"debounceMs"')).toBeGreaterThan(written.indexOf('"patterns"'));
  });
});
