import { describe, expect, it } from 'vitest';
import { activityText, docState } from './summary';
import type { SpecConfig } from './store';

describe('spec summaries', () => {
  it('gives each document its state: generating, missing, Kiro-made (approved), stale, draft, approved', () => {
    const ours = { specwright: { docs: { requirements: { approved: true }, design: { approved: false }, tasks: { approved: true, stale: true } } } } as unknown as SpecConfig;
    expect(docState(ours, 'design', true, { kind: 'generate', doc: 'design' })).toBe('generating');
    expect(docState(ours, 'design', false, undefined)).toBe('missing');
    expect(docState(ours, 'design', false, undefined, true)).toBe('unreadable'); // there, but not text: never "not written"
    expect(docState({} as SpecConfig, 'requirements', true, undefined)).toBe('approved'); // made with Kiro: no record of ours
    expect(docState(ours, 'tasks', true, undefined)).toBe('stale');
    expect(docState(ours, 'design', true, undefined)).toBe('draft');
    expect(docState(ours, 'requirements', true, undefined)).toBe('approved');
  });

  it('says what the spec is doing', () => {
    const tasks = [{ id: '2.1', title: 'Add the parser' }] as Parameters<typeof activityText>[1];
    expect(activityText(undefined, tasks)).toBeNull();
    expect(activityText({ kind: 'generate', doc: 'design' }, tasks)).toBe('Writing design.md…');
    expect(activityText({ kind: 'tasks', current: '2.1' }, tasks)).toBe('Running task 2.1: Add the parser');
    expect(activityText({ kind: 'tasks', current: null }, tasks)).toBe('Running tasks…');
  });
});
