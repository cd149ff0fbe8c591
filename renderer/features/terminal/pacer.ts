/**
 * Paces how often a terminal repaints during a flood of output (`cat` of a big file, a noisy
 * build, `yes`). xterm repaints on every animation frame in which rows changed; a frame of the
 * workbench with a full screen of changed rows (DOM renderer) costs ~6–8 ms here, so during a
 * flood at 60 frames a second half of the page's time went to frames nobody can read, and
 * xterm parsed at half the rate it can. Terminals pace their repaints during floods; here, once
 * a burst of output has gone past FLOOD_CHARS, the view is repainted about every HOLD_MS instead
 * of every frame, using xterm's own synchronized output mode (DEC private mode 2026: rows are
 * kept back until the mode is reset).
 *
 * Nothing is held back from the person when it matters:
 * - the first FLOOD_CHARS of a burst paint as they come (a command's result, an echo, a prompt),
 *   and so does output after a pause of QUIET_MS with xterm caught up;
 * - a held view is released as soon as output has stopped for QUIET_MS and xterm has parsed it
 *   all, and at least every HOLD_MS;
 * - after a keystroke (INPUT_GRACE_MS), it is released each time xterm has parsed all that has
 *   arrived, and at least every INPUT_HOLD_MS: what the keystroke did (Ctrl+C's `^C`, the prompt
 *   after it) shows once xterm reaches it, and the backlog in front of it is parsed without a
 *   repaint per frame in between;
 * - a program that drives the screen itself (the alternate screen: vim, less, htop) or uses
 *   mode 2026 on its own is never paced.
 */
export const FLOOD_CHARS = 128 * 1024;
export const HOLD_MS = 100;
export const QUIET_MS = 20;
export const INPUT_GRACE_MS = 1000;
export const INPUT_HOLD_MS = 33;

const HOLD = '\x1b[?2026h';
const RELEASE = '\x1b[?2026l';

/** The part of xterm's Terminal the pacer uses. */
export interface PacedTerminal {
  write(data: string, callback?: () => void): void;
  readonly buffer: { readonly active: { readonly type: 'normal' | 'alternate' } };
  readonly modes: { readonly synchronizedOutputMode: boolean };
}

export interface PacerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Runs `fn` after the next repaint (requestAnimationFrame runs xterm's render first). */
  afterFrame(fn: () => void): void;
}

const browserClock: PacerClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => window.setTimeout(fn, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
  afterFrame: (fn) => void window.requestAnimationFrame(() => fn()),
};

export class OutputPacer {
  private burstChars = 0;
  /** Characters written to xterm and not yet parsed. */
  private unparsed = 0;
  private lastData = -Infinity;
  private holdingSince: number | null = null;
  private timer: unknown = null;
  private inputUntil = -Infinity;
  /**
   * A release is shown by xterm's next frame only if the mode is still off then: xterm checks it
   * again when it renders. So after a release nothing is held until xterm has parsed it and a
   * frame has gone by.
   */
  private releasing = false;

  constructor(
    private readonly term: PacedTerminal,
    private readonly clock: PacerClock = browserClock,
  ) {}

  /** Writes output from the pty; `parsed` runs once xterm has parsed it (for flow control). */
  write(data: string, parsed?: () => void): void {
    const now = this.clock.now();
    // A burst goes on while xterm is still behind, however long the page took to deliver this.
    if (this.unparsed === 0 && now - this.lastData >= QUIET_MS) this.burstChars = 0;
    this.lastData = now;
    this.burstChars += data.length;
    this.unparsed += data.length;
    if (this.holdingSince === null && this.burstChars > FLOOD_CHARS && this.mayHold()) {
      this.term.write(HOLD);
      this.holdingSince = now;
      this.schedule(QUIET_MS);
    }
    this.term.write(data, () => {
      this.unparsed -= data.length;
      if (this.unparsed === 0 && this.holdingSince !== null && this.clock.now() < this.inputUntil) this.release();
      parsed?.();
    });
  }

  /** The person typed: for a while, what arrives is shown as soon as xterm has caught up with it. */
  input(): void {
    const now = this.clock.now();
    this.inputUntil = now + INPUT_GRACE_MS;
    if (this.holdingSince === null) return;
    if (this.unparsed === 0 || now - this.holdingSince >= INPUT_HOLD_MS) this.release();
    else this.check();
  }

  /** True while output is being held back (for tests and diagnostics). */
  get holding(): boolean {
    return this.holdingSince !== null;
  }

  dispose(): void {
    this.cancelCheck();
    this.holdingSince = null;
    this.releasing = false;
  }

  private cancelCheck(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private mayHold(): boolean {
    return !this.releasing && this.term.buffer.active.type === 'normal' && !this.term.modes.synchronizedOutputMode;
  }

  private schedule(ms: number): void {
    this.cancelCheck();
    this.timer = this.clock.setTimeout(() => this.check(), ms);
  }

  private check(): void {
    this.timer = null;
    if (this.holdingSince === null) return;
    const now = this.clock.now();
    const quietFor = now - this.lastData;
    const heldFor = now - this.holdingSince;
    const limit = now < this.inputUntil ? INPUT_HOLD_MS : HOLD_MS;
    if ((quietFor >= QUIET_MS && this.unparsed === 0) || heldFor >= limit) return this.release();
    // look again when output will have been quiet long enough (or, quiet but not yet parsed, a while later), or at the limit
    const untilQuiet = quietFor < QUIET_MS ? QUIET_MS - quietFor : QUIET_MS;
    this.schedule(Math.max(1, Math.min(untilQuiet, limit - heldFor)));
  }

  private release(): void {
    this.cancelCheck();
    if (this.holdingSince === null) return;
    this.holdingSince = null;
    this.releasing = true;
    // after everything already written: the view shows it all once xterm has parsed that far
    this.term.write(RELEASE, () => this.clock.afterFrame(() => (this.releasing = false)));
  }
}
