import { describe, expect, it } from 'vitest';
import { holdViewportWithSynchronizedOutput, skipIdleSelectionRedraws } from './xterm-fixes';

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

describe('holdViewportWithSynchronizedOutput', () => {
  function fakeTerm() {
    const calls: string[] = [];
    const listeners = { render: [] as (() => void)[], parsed: [] as (() => void)[] };
    const modes = { synchronizedOutput: false };
    const core = {
      coreService: { decPrivateModes: modes },
      _syncTextArea() {
        calls.push('textarea');
      },
      _viewport: {
        _sync(ydisp?: number) {
          calls.push(`viewport ${ydisp ?? 'now'}`);
        },
      },
    };
    const on = (list: (() => void)[]) => (fn: () => void) => {
      list.push(fn);
      return { dispose: () => undefined };
    };
    const term = { _core: core, onRender: on(listeners.render), onWriteParsed: on(listeners.parsed) };
    const fire = (which: 'render' | 'parsed') => listeners[which].forEach((fn) => fn());
    return { term, core, modes, calls, fire };
  }

  it('passes the scrollbar and textarea updates through while nothing is held', () => {
    const { term, core, calls } = fakeTerm();
    expect(holdViewportWithSynchronizedOutput(term)).toBe(true);
    core._viewport._sync(7);
    core._syncTextArea();
    expect(calls).toEqual(['viewport 7', 'textarea']);
  });

  it('holds them back while synchronized output is on, and makes each once when xterm next renders or parses with it off', () => {
    const { term, core, modes, calls, fire } = fakeTerm();
    holdViewportWithSynchronizedOutput(term);
    modes.synchronizedOutput = true; // a flood being paced: a line feed per line, a cursor move per chunk
    for (let i = 0; i < 1000; i++) core._viewport._sync();
    core._syncTextArea();
    core._syncTextArea();
    fire('parsed');
    fire('render');
    expect(calls).toEqual([]);
    modes.synchronizedOutput = false; // released
    fire('parsed');
    expect(calls).toEqual(['viewport now', 'textarea']); // the viewport first: the textarea is placed in the rows it shows
    fire('render');
    fire('parsed');
    expect(calls).toHaveLength(2); // nothing more was due
    // a render after a hold that only moved the viewport makes just that
    modes.synchronizedOutput = true;
    core._viewport._sync(3);
    modes.synchronizedOutput = false;
    fire('render');
    expect(calls).toEqual(['viewport now', 'textarea', 'viewport now']);
  });

  it('changes nothing when xterm does not have the internals it expects', () => {
    const on = () => ({ dispose: () => undefined });
    expect(holdViewportWithSynchronizedOutput({ onRender: on, onWriteParsed: on })).toBe(false);
    const partial = { _core: { coreService: { decPrivateModes: { synchronizedOutput: false } }, _syncTextArea: () => undefined }, onRender: on, onWriteParsed: on };
    expect(holdViewportWithSynchronizedOutput(partial)).toBe(false);
  });
});
