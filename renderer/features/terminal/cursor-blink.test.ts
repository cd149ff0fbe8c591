import { describe, expect, it } from 'vitest';
import { BLINK_MS, CURSOR_OFF_CLASS, CursorBlinker, TIMED_BLINK_CLASS, type BlinkClock } from './cursor-blink';

function setup(focused = true) {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const clock: BlinkClock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      timers.set(next, { at: now + ms, fn });
      return next++;
    },
    clearTimeout: (h) => void timers.delete(h as number),
  };
  /** Moves the clock on, firing timers in order. */
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].fn();
    }
    now = end;
  };
  const classes = new Set<string>();
  /** Every change of the off class, as a person would see the cursor go (for counting DOM writes). */
  const writes: boolean[] = [];
  const element = {
    classList: {
      toggle(name: string, force: boolean) {
        if (name === CURSOR_OFF_CLASS && classes.has(name) !== force) writes.push(force);
        if (force) classes.add(name);
        else classes.delete(name);
      },
    },
  };
  const focusTarget = new EventTarget();
  const moves = new Set<() => void>();
  const blinker = new CursorBlinker(
    {
      element,
      focusTarget,
      hasFocus: () => focused,
      onCursorMove: (fn) => {
        moves.add(fn);
        return { dispose: () => moves.delete(fn) };
      },
    },
    clock,
  );
  const move = () => moves.forEach((fn) => fn());
  return { blinker, advance, classes, writes, focusTarget, move, timers, moves };
}

describe('CursorBlinker', () => {
  it('blinks every BLINK_MS while focused, the animation class on the terminal', () => {
    const { blinker, advance, classes } = setup();
    blinker.start();
    expect(classes.has(TIMED_BLINK_CLASS)).toBe(true);
    expect(blinker.hidden).toBe(false);
    advance(BLINK_MS - 1);
    expect(blinker.hidden).toBe(false);
    advance(1);
    expect(blinker.hidden).toBe(true);
    expect(classes.has(CURSOR_OFF_CLASS)).toBe(true);
    advance(BLINK_MS);
    expect(blinker.hidden).toBe(false);
    advance(BLINK_MS);
    expect(blinker.hidden).toBe(true);
  });

  it('keeps the cursor on while it moves (typing, output) and blinks again BLINK_MS after the last move', () => {
    const { blinker, advance, move, writes, timers } = setup();
    blinker.start();
    advance(BLINK_MS); // off
    expect(blinker.hidden).toBe(true);
    move(); // an echo
    expect(blinker.hidden).toBe(false);
    for (let i = 0; i < 10; i++) {
      advance(100);
      move(); // a key every 100 ms, each echoed
      expect(blinker.hidden).toBe(false);
    }
    // a flood moves the cursor thousands of times: no DOM write and no new timer for each
    const before = writes.length;
    for (let i = 0; i < 5000; i++) move();
    expect(writes.length).toBe(before);
    expect(timers.size).toBe(1);
    advance(BLINK_MS - 1);
    expect(blinker.hidden).toBe(false);
    advance(1);
    expect(blinker.hidden).toBe(true);
  });

  it('stops blinking, cursor on, when focus goes, and starts again when it comes back', () => {
    const { blinker, advance, focusTarget, timers } = setup();
    blinker.start();
    advance(BLINK_MS);
    expect(blinker.hidden).toBe(true);
    focusTarget.dispatchEvent(new Event('blur'));
    expect(blinker.hidden).toBe(false);
    expect(timers.size).toBe(0);
    advance(10 * BLINK_MS);
    expect(blinker.hidden).toBe(false);
    focusTarget.dispatchEvent(new Event('focus'));
    advance(BLINK_MS);
    expect(blinker.hidden).toBe(true);
  });

  it('does nothing until focused, and hands the blink back when stopped (WebGL draws)', () => {
    const { blinker, advance, focusTarget, move, classes, timers } = setup(false);
    blinker.start();
    move();
    advance(5 * BLINK_MS);
    expect(blinker.hidden).toBe(false);
    expect(timers.size).toBe(0);
    focusTarget.dispatchEvent(new Event('focus'));
    advance(BLINK_MS);
    expect(blinker.hidden).toBe(true);
    blinker.stop();
    expect(classes.has(TIMED_BLINK_CLASS)).toBe(false);
    expect(classes.has(CURSOR_OFF_CLASS)).toBe(false);
    expect(timers.size).toBe(0);
    move();
    focusTarget.dispatchEvent(new Event('blur'));
    focusTarget.dispatchEvent(new Event('focus'));
    expect(timers.size).toBe(0);
    advance(5 * BLINK_MS);
    expect(classes.size).toBe(0);
    blinker.start(); // the WebGL context was lost: the DOM renderer again
    expect(classes.has(TIMED_BLINK_CLASS)).toBe(true);
  });

  it('lets go of the terminal when disposed', () => {
    const { blinker, moves, timers } = setup();
    blinker.start();
    blinker.dispose();
    expect(moves.size).toBe(0);
    expect(timers.size).toBe(0);
  });
});
