import { describe, expect, it } from 'vitest';
import { FLOOD_CHARS, HOLD_MS, INPUT_HOLD_MS, OutputPacer, QUIET_MS, type PacedTerminal, type PacerClock } from './pacer';

const HOLD = '\x1b[?2026h';
const RELEASE = '\x1b[?2026l';

/**
 * A terminal that parses when told to (as xterm does, later than write() returns) and keeps
 * what it was given, with mode 2026 tracked the way xterm's parser sets it.
 */
class FakeTerminal implements PacedTerminal {
  written: string[] = [];
  private queue: { data: string; cb?: () => void }[] = [];
  buffer = { active: { type: 'normal' as 'normal' | 'alternate' } };
  modes = { synchronizedOutputMode: false };
  write(data: string, cb?: () => void): void {
    this.written.push(data);
    this.queue.push({ data, cb });
  }
  /** Parses everything written so far. */
  parse(): void {
    while (this.queue.length) {
      const { data, cb } = this.queue.shift()!;
      if (data.includes(HOLD)) this.modes.synchronizedOutputMode = true;
      if (data.includes(RELEASE)) this.modes.synchronizedOutputMode = false;
      cb?.();
    }
  }
  get markers(): string[] {
    return this.written.filter((w) => w === HOLD || w === RELEASE).map((w) => (w === HOLD ? 'hold' : 'release'));
  }
}

class FakeClock implements PacerClock {
  t = 1000;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private frames: (() => void)[] = [];
  private next = 1;
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.next++;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  };
  clearTimeout = (id: unknown) => void this.timers.delete(id as number);
  afterFrame = (fn: () => void) => void this.frames.push(fn);
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = due[1].at;
      due[1].fn();
    }
    this.t = end;
  }
  frame(): void {
    const fns = this.frames;
    this.frames = [];
    fns.forEach((fn) => fn());
  }
}

const chunk = (n: number) => 'x'.repeat(n);

function setup() {
  const term = new FakeTerminal();
  const clock = new FakeClock();
  return { term, clock, pacer: new OutputPacer(term, clock) };
}

/** Output arriving every 5 ms in 64 KB pieces for `ms`, parsed as it comes, with a frame every 15 ms (or none). */
function flood(s: ReturnType<typeof setup>, ms: number, frames = true) {
  for (let t = 0; t < ms; t += 5) {
    s.pacer.write(chunk(64 * 1024));
    s.term.parse();
    s.clock.advance(5);
    if (frames && t % 15 === 10) s.clock.frame();
  }
}

describe('OutputPacer', () => {
  it('writes ordinary output straight through, with its parsed callback', () => {
    const s = setup();
    let parsed = 0;
    s.pacer.write('$ ls\r\n', () => parsed++);
    s.pacer.write('a.txt  b.txt\r\n', () => parsed++);
    expect(s.term.written).toEqual(['$ ls\r\n', 'a.txt  b.txt\r\n']);
    expect(parsed).toBe(0); // not before xterm has parsed it (flow control acks then)
    s.term.parse();
    expect(parsed).toBe(2);
    expect(s.pacer.holding).toBe(false);
  });

  it('lets the first FLOOD_CHARS of a burst paint, then holds repaints and releases at least every HOLD_MS', () => {
    const s = setup();
    s.pacer.write(chunk(FLOOD_CHARS));
    expect(s.term.markers).toEqual([]);
    s.pacer.write(chunk(10));
    expect(s.term.markers).toEqual(['hold']);
    expect(s.term.written.at(-1)).toBe(chunk(10)); // the data goes after the hold
    s.term.parse();
    flood(s, HOLD_MS + 10, false);
    expect(s.term.markers).toEqual(['hold', 'release']);
    // not held again until xterm has parsed the release and a frame has shown it
    flood(s, 20, false);
    expect(s.term.markers).toEqual(['hold', 'release']);
    s.clock.frame();
    flood(s, 10, false);
    expect(s.term.markers).toEqual(['hold', 'release', 'hold']);
    // about one release per HOLD_MS over a long flood, not one per frame
    flood(s, 1000);
    const releases = s.term.markers.filter((m) => m === 'release').length;
    expect(releases).toBeGreaterThanOrEqual(1000 / HOLD_MS - 1);
    expect(releases).toBeLessThanOrEqual(1000 / HOLD_MS + 2);
  });

  it('releases as soon as output stops and xterm has parsed it all', () => {
    const s = setup();
    s.pacer.write(chunk(FLOOD_CHARS + 1));
    expect(s.pacer.holding).toBe(true);
    s.clock.advance(QUIET_MS * 3);
    expect(s.pacer.holding).toBe(true); // xterm is still behind: nothing to show yet
    s.term.parse();
    s.clock.advance(QUIET_MS);
    expect(s.pacer.holding).toBe(false);
    expect(s.term.markers).toEqual(['hold', 'release']);
  });

  it('a burst goes on while xterm is behind, even across a gap in delivery', () => {
    const s = setup();
    s.pacer.write(chunk(FLOOD_CHARS / 2));
    s.clock.advance(QUIET_MS * 2); // the page was busy; xterm has not parsed the first piece
    s.pacer.write(chunk(FLOOD_CHARS / 2 + 1));
    expect(s.pacer.holding).toBe(true);
  });

  it('a pause with xterm caught up starts a new burst that paints at once', () => {
    const s = setup();
    s.pacer.write(chunk(FLOOD_CHARS / 2));
    s.term.parse();
    s.clock.advance(QUIET_MS);
    s.pacer.write(chunk(FLOOD_CHARS / 2 + 1));
    expect(s.pacer.holding).toBe(false);
  });

  it('never holds a program on the alternate screen or one that uses mode 2026 itself', () => {
    const alt = setup();
    alt.term.buffer.active.type = 'alternate';
    flood(alt, 500);
    expect(alt.term.markers).toEqual([]);
    const own = setup();
    own.term.modes.synchronizedOutputMode = true;
    flood(own, 500);
    expect(own.term.markers).toEqual([]);
  });

  it('after a keystroke, shows what has arrived as soon as xterm has parsed it', () => {
    const s = setup();
    s.pacer.write(chunk(FLOOD_CHARS + 1));
    s.pacer.write(chunk(64 * 1024));
    expect(s.pacer.holding).toBe(true);
    s.pacer.input(); // Ctrl+C while the view is behind: nothing to show before xterm catches up
    expect(s.pacer.holding).toBe(true);
    s.pacer.write('^C\r\n$ ');
    s.term.parse();
    expect(s.pacer.holding).toBe(false);
    expect(s.term.written.slice(-2)).toEqual(['^C\r\n$ ', RELEASE]);
  });

  it('after a keystroke, a flood that goes on is shown at least every INPUT_HOLD_MS', () => {
    const s = setup();
    s.pacer.write(chunk(FLOOD_CHARS + 1));
    s.pacer.input();
    s.clock.frame();
    // xterm never quite catches up: each piece arrives before the last is parsed
    for (let t = 0; t < 200; t += 5) {
      s.pacer.write(chunk(64 * 1024));
      s.clock.advance(5);
      s.term.parse();
      s.pacer.write(chunk(1)); // still behind
      s.clock.frame();
    }
    const releases = s.term.markers.filter((m) => m === 'release').length;
    expect(releases).toBeGreaterThanOrEqual(200 / INPUT_HOLD_MS - 1);
  });
});
