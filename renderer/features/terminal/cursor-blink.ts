/**
 * The blinking cursor of xterm's DOM renderer, drawn with a timer instead of a CSS animation.
 *
 * xterm's DOM renderer blinks the cursor with an infinite CSS animation of `background-color`
 * (`box-shadow` for a bar, `border-bottom-style` for an underline). Chromium cannot run such an
 * animation on the compositor, so it services it on the main thread every frame, however
 * rarely the value changes: a focused, idle terminal cost a style recalculation per frame
 * (~300 in 5 s, ~9 % of a core here). And since a frame was always on its way, every keystroke
 * counted as input that had asked for one, so Chromium (its DeferRendererTasksAfterInput
 * scheduling) held back the page's other tasks, the echo's socket message among them, until that
 * frame had been produced; xterm then drew the echo in the frame after. Keystroke → echo in the
 * rows went from 28 ms to 8 ms (p50, stock headless Chromium) with the animation off.
 *
 * Here the animation is switched off (CSS: `.xterm.sw-timed-blink`) and the off phase is a class
 * on the terminal's element (`.sw-cursor-off`), toggled every BLINK_MS while the terminal has
 * focus, as xterm's WebGL renderer does it: one style change per phase instead of one per frame.
 * The cursor is shown again, and the phase restarted, whenever it moves (an echo, output) or the
 * terminal gains focus, so it stays visible while someone types. Which cursors blink is still
 * xterm's decision: it marks them `.xterm-cursor-blink` (the cursorBlink option, or a program's
 * DECSCUSR / mode 12), and only those are hidden in the off phase.
 *
 * Nothing is written to the DOM in the keystroke's own task (that would ask for a frame and bring
 * the deferral back): the cursor is shown again by the echo that moves it.
 */
export const BLINK_MS = 600;
export const TIMED_BLINK_CLASS = 'sw-timed-blink';
export const CURSOR_OFF_CLASS = 'sw-cursor-off';

export interface BlinkClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The part of a terminal the blinker needs. */
export interface BlinkTarget {
  /** The terminal's element (xterm's `.xterm`). */
  readonly element: { readonly classList: { toggle(name: string, force: boolean): unknown } };
  /** Where focus arrives and leaves (xterm's helper textarea). */
  readonly focusTarget: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  hasFocus(): boolean;
  onCursorMove(fn: () => void): { dispose(): void };
}

const windowClock: BlinkClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => window.setTimeout(fn, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
};

export class CursorBlinker {
  private active = false;
  private focused = false;
  private off = false;
  private lastMove = -Infinity;
  private timer: unknown = null;
  private readonly moveSub: { dispose(): void };
  private readonly onFocus = () => {
    this.focused = true;
    if (this.active) this.show();
  };
  private readonly onBlur = () => {
    this.focused = false;
    this.stopTimer();
    this.setOff(false);
  };

  constructor(
    private readonly target: BlinkTarget,
    private readonly clock: BlinkClock = windowClock,
  ) {
    this.moveSub = target.onCursorMove(() => {
      if (this.active && this.focused) this.show();
    });
    target.focusTarget.addEventListener('focus', this.onFocus);
    target.focusTarget.addEventListener('blur', this.onBlur);
  }

  /** Takes over the blink (the DOM renderer is drawing). */
  start(): void {
    if (this.active) return;
    this.active = true;
    this.target.element.classList.toggle(TIMED_BLINK_CLASS, true);
    this.focused = this.target.hasFocus();
    if (this.focused) this.show();
  }

  /** Hands the blink back to xterm (the WebGL renderer blinks with its own timer). */
  stop(): void {
    if (!this.active) return;
    this.active = false;
    this.stopTimer();
    this.setOff(false);
    this.target.element.classList.toggle(TIMED_BLINK_CLASS, false);
  }

  /** True while the cursor is in its off phase (for tests and diagnostics). */
  get hidden(): boolean {
    return this.off;
  }

  dispose(): void {
    this.stop();
    this.moveSub.dispose();
    this.target.focusTarget.removeEventListener('focus', this.onFocus);
    this.target.focusTarget.removeEventListener('blur', this.onBlur);
  }

  /** The cursor moved or focus came: visible now, the next off phase BLINK_MS after the last move. */
  private show(): void {
    this.lastMove = this.clock.now();
    this.setOff(false);
    // cursor moves come by the thousand during output: the timer is set once and, when it fires early, set again for the rest
    if (this.timer === null) this.schedule(BLINK_MS);
  }

  private tick(): void {
    this.timer = null;
    if (!this.active || !this.focused) return;
    const sinceMove = this.clock.now() - this.lastMove;
    if (!this.off && sinceMove < BLINK_MS) return this.schedule(BLINK_MS - sinceMove);
    this.setOff(!this.off);
    this.schedule(BLINK_MS);
  }

  private schedule(ms: number): void {
    this.timer = this.clock.setTimeout(() => this.tick(), ms);
  }

  private stopTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private setOff(off: boolean): void {
    if (this.off === off) return;
    this.off = off;
    this.target.element.classList.toggle(CURSOR_OFF_CLASS, off);
  }
}
