import { describe, expect, it } from 'vitest';
import { checkDraft, draftFrom, hookFrom } from './form';

const lint = {
  enabled: true,
  name: 'Lint on save',
  description: 'Runs the linter',
  version: '1',
  kiroExtra: { keep: true },
  when: { type: 'fileEdited', patterns: ['src/**/*.ts', '!**/*.test.ts'], debounce: 200 },
  then: { type: 'runCommand', command: 'npm run lint', timeout: 60 },
};

describe('hook form', () => {
  it('round-trips a hook through the form without losing keys it does not show', () => {
    expect(hookFrom(draftFrom(lint), lint)).toEqual(lint);
  });

  it('drops the patterns and command of a trigger and action the person switched away from', () => {
    const draft = { ...draftFrom(lint), trigger: 'preToolUse' as const, toolTypes: 'write, @mcp', action: 'askAgent' as const, prompt: 'Check it' };
    const hook = hookFrom(draft, lint);
    expect(hook.when).toEqual({ type: 'preToolUse', toolTypes: ['write', '@mcp'], debounce: 200 });
    expect(hook.then).toEqual({ type: 'askAgent', prompt: 'Check it' });
  });

  it('gives a new hook version "1" and the default timeout', () => {
    const draft = { ...draftFrom(null), name: 'Test', action: 'runCommand' as const, command: 'npm test', timeout: '', patterns: 'src/**' };
    const { hook, problems } = checkDraft(draft, null);
    expect(problems).toEqual([]);
    expect(hook).toMatchObject({ version: '1', when: { patterns: ['src/**'] }, then: { timeout: 60 } });
  });

  it('places each problem at its field', () => {
    const draft = { ...draftFrom(null), name: ' ', patterns: '\n', action: 'runCommand' as const, command: 'x', timeout: 'soon' };
    const { problems } = checkDraft(draft, null);
    expect(problems.map((p) => p.field).sort()).toEqual(['name', 'patterns', 'timeout']);
    expect(problems.find((p) => p.field === 'timeout')?.message).toBe('"then.timeout" must be a positive number of seconds, got "soon"');
  });

  it('places a bad tool type at the tool types field', () => {
    const draft = { ...draftFrom(null), name: 'Guard', trigger: 'preToolUse' as const, toolTypes: 'write, exec', prompt: 'Check' };
    expect(checkDraft(draft, null).problems).toEqual([
      { field: 'toolTypes', message: expect.stringContaining('"when.toolTypes[1]" must be one of read, write') as unknown as string },
    ]);
  });
});
