import { describe, expect, it } from 'vitest';
import { skipIdleSelectionRedraws } from './xterm-fixes';

describe('skipIdleSelectionRedraws', () => {
  function fakeTerm() {
    const calls: unknown[][] = [];
    const sel = {
      hasSelection: false,
      refresh(...args: unknown[]) {
        calls.push(args);
      },
    };
    return { term: { _core: { _selectionService: sel } }, sel, calls };
  }

  it('skips redraws with no selection before or now, and keeps those that draw or erase one', () => {
    const { term, sel, calls } = fakeTerm();
    expect(skipIdleSelectionRedraws(term)).toBe(true);
    sel.refresh(); // output scrolled, nothing selected
    sel.refresh();
    expect(calls).toHaveLength(0);
    sel.hasSelection = true; // a word double-clicked
    sel.refresh(true);
    expect(calls).toEqual([[true]]);
    sel.refresh(); // scrolled with the selection on screen
    sel.hasSelection = false; // cleared: the highlight must be erased once
    sel.refresh();
    sel.refresh();
    expect(calls).toHaveLength(3);
  });

  it('changes nothing when xterm does not have the internals it expects', () => {
    expect(skipIdleSelectionRedraws({})).toBe(false);
    expect(skipIdleSelectionRedraws({ _core: { _selectionService: { refresh: 1 } } })).toBe(false);
  });
});
