import { stripAnsi, splitSafe } from '../../../shared/model/ansi';
import { Emitter, type Disposable } from '../../../shared/ipc/protocol';
import type { PtyProcess } from './backend';
import { MarkerParser } from './markers';

/**
 * Output is sent in batches: at most every BATCH_MS (one frame at 200 Hz, well under a
 * 60 Hz repaint, so typing still feels immediate) or as soon as BATCH_MAX characters are
 * waiting (large enough to amortise a message, small enough that one message never
 * stalls the renderer).
 */
export const BATCH_MS = 5;
export const BATCH_MAX = 64 * 1024;

/**
 * Flow control, as in VS Code: the renderer acknowledges characters after xterm has parsed
 * them, and main pauses the pty while the view is too far behind (its writer then blocks in
 * the kernel, so `yes` cannot fill our memory).
 *
 * "Behind" is measured in the view's work, not in characters: what is in flight is what
 * Ctrl+C's `^C` waits behind on screen, and xterm's time goes mostly to characters and line
 * feeds (each one a scroll). Measured here with xterm 6 and the DOM renderer: ~120–135 ns a
 * character on long lines, and a line feed about five characters more, so `yes` (3 characters a
 * line) costs the view nearly three times as much per character as `cat` of source code. With
 * the window in characters it had to be small enough for `yes` (100k), which left `cat` with a
 * window the view parses in ~12 ms; in work, `cat` gets ~2.4× the characters and `yes` about
 * the same as before. Measured (bench #4, four runs each, this machine's noise is wide): a
 * 250k-character window took `cat` from 0.62–0.76× to 0.65–0.87× the in-page rate, but `^C` on
 * screen during `yes` from 66–103 to 142–165 ms; the window in work gave 0.62–0.81× with `^C`
 * at 66–106 ms.
 *
 * Above HIGH_WATERMARK units of work in flight the pty is paused; below LOW_WATERMARK it
 * resumes. So at most HIGH_WATERMARK + one batch is in flight. LOW_WATERMARK is above the
 * work of one batch of long lines, so the pty resumes while the view still has that much to
 * parse: with VS Code's 5k it resumed only once the view had parsed everything, and xterm sat
 * idle for the round trip (ack → main → pty read → the page) after every window.
 */
export const HIGH_WATERMARK = 250_000;
export const LOW_WATERMARK = 230_000;
/** What a line feed costs the view, in characters' worth of work (see above). */
export const LINE_FEED_COST = 5;

/** The view's work for a piece of output, in characters' worth (see HIGH_WATERMARK). */
export function viewCost(text: string): number {
  let feeds = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) feeds++;
  return text.length + LINE_FEED_COST * feeds;
}

/**
 * Ctrl+C while the view is behind (the pty paused): main reads on so the shell's "command
 * finished" marker is seen at once (the agent and the status learn that the command ended),
 * holding up to HOLD_MAX characters the view has no room for yet; they go out as it acks.
 */
export const HOLD_MAX = 1024 * 1024;

/** Output kept for a view that attaches late (panel opened, page reloaded). */
export const REPLAY_MAX = 512 * 1024;
/** Output kept for one command's result (what the agent reads): its start, and its end (errors come last). */
export const COMMAND_OUTPUT_MAX = 1024 * 1024;
export const COMMAND_TAIL_MAX = 256 * 1024;

/** What a command printed: the first COMMAND_OUTPUT_MAX characters, then the last ~COMMAND_TAIL_MAX. */
class CommandCapture {
  private head = '';
  private tail: string[] = [];
  private tailLength = 0;
  private dropped = 0;

  add(text: string): void {
    const room = COMMAND_OUTPUT_MAX - this.head.length;
    if (room > 0) {
      // never between the halves of a surrogate pair
      const last = text.charCodeAt(room - 1);
      const cut = room < text.length && last >= 0xd800 && last <= 0xdbff ? room - 1 : room;
      this.head += text.slice(0, cut);
      text = text.slice(cut);
    }
    if (!text) return;
    this.tail.push(text);
    this.tailLength += text.length;
    while (this.tail.length > 1 && this.tailLength - this.tail[0]!.length >= COMMAND_TAIL_MAX) {
      const gone = this.tail.shift()!;
      this.tailLength -= gone.length;
      this.dropped += gone.length;
    }
  }

  get text(): string {
    const tail = this.tail.join('');
    return this.dropped ? `${this.head}\n… (${this.dropped} characters of output not kept) …\n${tail}` : this.head + tail;
  }
}

export type TerminalEvent =
  | { type: 'exit'; exitCode: number; signal?: number }
  | { type: 'command'; command: string; exitCode: number | null; output: string; seq: number }
  | { type: 'cwd'; cwd: string }
  | { type: 'title'; title: string }
  | { type: 'spawned'; title: string };

/**
 * A finished command. Its `output` (escapes stripped, up to COMMAND_OUTPUT_MAX) is worked out
 * on first read: stripping a megabyte of `yes` takes tens of milliseconds, and most listeners
 * (the views) only want the exit code.
 */
function commandEvent(command: string, exitCode: number | null, seq: number, raw: string): Extract<TerminalEvent, { type: 'command' }> {
  let output: string | undefined;
  return {
    type: 'command',
    command,
    exitCode,
    seq,
    get output() {
      // a marker split across chunks leaves its head at the end of what was captured
      // eslint-disable-next-line no-control-regex
      output ??= stripAnsi(raw.replace(/\x1b(?:\][^\x07]*)?$/, '')).trimEnd();
      return output;
    },
  };
}

export interface CommandResult {
  exitCode: number | null;
  output: string;
  timedOut: boolean;
}

/** One terminal: a pty plus batching, flow control, replay and shell-integration tracking. */
export class TerminalSession implements Disposable {
  private readonly dataEmitter = new Emitter<string>();
  private readonly eventEmitter = new Emitter<TerminalEvent>();
  readonly onEvent = this.eventEmitter.event;
  private pending: string[] = [];
  private pendingLength = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFlush = 0;
  private replay: string[] = [];
  private replayLength = 0;
  /** Characters sent and not yet acknowledged, and the view's work they stand for (viewCost). */
  private unacked = 0;
  private backlog = 0;
  /** What is in flight, oldest first: each sent piece's length and cost, so an ack can say how much work it retires. */
  private inFlight: { chars: number; cost: number }[] = [];
  private paused = false;
  /** Set by Ctrl+C while paused: output is read on and held (see HOLD_MAX). */
  private draining = false;
  private held: string[] = [];
  private heldLength = 0;
  private readonly parser = new MarkerParser();
  private commandLine = '';
  /** Counts commands started (C markers), so a caller can tell its own command from an earlier one. */
  private commandSeq = 0;
  private capturing = false;
  private capture = new CommandCapture();
  private subs: Disposable[] = [];
  exited: { exitCode: number; signal?: number } | undefined;
  cwd: string;
  /** True once the shell has reported a prompt through shell integration. */
  integrationActive = false;

  constructor(
    readonly id: number,
    public title: string,
    readonly shell: string,
    private readonly proc: PtyProcess,
    cwd: string,
  ) {
    this.cwd = cwd;
    this.subs.push(
      proc.onData((d) => this.onPtyData(d)),
      proc.onExit((e) => {
        this.flush();
        this.exited = e;
        this.eventEmitter.fire({ type: 'exit', ...e });
      }),
    );
  }

  get pid(): number {
    return this.proc.pid;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Characters sent to the view and not yet acknowledged. */
  get unacknowledged(): number {
    return this.unacked;
  }

  /** The view's work still in flight, in characters' worth (what the watermarks compare). */
  get viewBacklog(): number {
    return this.backlog;
  }

  /** Subscribes to output. The replay of recent output is delivered first, so nothing is lost. */
  onData(fn: (data: string) => void, opts: { replay?: boolean } = {}): Disposable {
    this.flush(); // what is still batched goes to current viewers and into the replay first
    this.sendHeld(Infinity); // so do held pieces: the replay below already has them
    if (opts.replay !== false) for (const chunk of this.replay) fn(chunk);
    return this.dataEmitter.event(fn);
  }

  /** Recent output (what a late view would be replayed), as one string. */
  recentOutput(): string {
    return this.replay.join('');
  }

  get viewers(): number {
    return this.dataEmitter.size;
  }

  private onPtyData(data: string) {
    // where, in this chunk, the current command's output starts (0 if it started earlier)
    let from: number | null = this.capturing ? 0 : null;
    for (const { marker, start, end } of this.parser.feed(data)) {
      switch (marker.type) {
        case 'promptStart':
          this.integrationActive = true;
          break;
        case 'commandLine':
          this.commandLine = marker.command;
          break;
        case 'commandStart':
          this.commandSeq++;
          this.capturing = true;
          this.capture = new CommandCapture();
          from = end;
          break;
        case 'commandEnd':
          if (this.capturing) {
            this.capture.add(data.slice(from ?? 0, Math.max(from ?? 0, start)));
            this.eventEmitter.fire(commandEvent(this.commandLine, marker.exitCode, this.commandSeq, this.capture.text));
          }
          this.capturing = false;
          this.capture = new CommandCapture();
          from = null;
          break;
        case 'cwd':
          this.cwd = marker.cwd;
          this.eventEmitter.fire({ type: 'cwd', cwd: marker.cwd });
          break;
        default:
          break;
      }
    }
    if (this.capturing && from !== null) this.capture.add(data.slice(from));
    this.pending.push(data);
    this.pendingLength += data.length;
    if (this.pendingLength >= BATCH_MAX) this.flush(true);
    else if (!this.timer) {
      // Leading edge: after a quiet spell the first output (a keystroke's echo) goes out at
      // once; whatever follows within BATCH_MS is batched behind it.
      const quiet = performance.now() - this.lastFlush >= BATCH_MS;
      if (quiet) this.flush();
      this.timer = setTimeout(() => this.flush(), BATCH_MS);
    }
  }

  /**
   * Sends what is batched. A flush because the batch is full sends whole BATCH_MAX pieces only:
   * the few characters past the last one wait for the next batch, instead of going out as a
   * message of their own (during `cat` that was every other message: each one costs the page
   * nearly as much to receive as a full one).
   */
  private flush(full = false) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pendingLength) return;
    this.lastFlush = performance.now();
    const pieces = splitSafe(this.pending.join(''), BATCH_MAX);
    const rest = full && pieces.length > 1 && pieces[pieces.length - 1]!.length < BATCH_MAX ? pieces.pop()! : '';
    this.pending = rest ? [rest] : [];
    this.pendingLength = rest.length;
    if (rest) this.timer = setTimeout(() => this.flush(), BATCH_MS);
    for (const piece of pieces) {
      this.remember(piece);
      if (this.viewers === 0) continue;
      if (this.draining && (this.heldLength > 0 || this.backlog > HIGH_WATERMARK)) {
        this.held.push(piece);
        this.heldLength += piece.length;
      } else this.send(piece);
    }
    const noRoom = this.draining ? this.heldLength > HOLD_MAX : this.backlog > HIGH_WATERMARK;
    if (noRoom && !this.paused && !this.exited) {
      this.paused = true;
      this.proc.pause();
    }
  }

  /** Sends held pieces while the view has room (all of them for `room` = Infinity). */
  private sendHeld(room: number) {
    while (this.held.length && (room === Infinity || this.backlog <= room)) {
      const piece = this.held.shift()!;
      this.heldLength -= piece.length;
      this.send(piece);
    }
    if (!this.held.length) this.draining = false;
  }

  private send(piece: string) {
    const cost = viewCost(piece);
    this.unacked += piece.length;
    this.backlog += cost;
    this.inFlight.push({ chars: piece.length, cost });
    this.dataEmitter.fire(piece);
  }

  private remember(piece: string) {
    this.replay.push(piece);
    this.replayLength += piece.length;
    while (this.replayLength > REPLAY_MAX && this.replay.length > 1) {
      this.replayLength -= this.replay.shift()!.length;
    }
  }

  /** Resolves once the shell has shown its first prompt (shell integration), or after `timeoutMs`. */
  async ready(timeoutMs = 5000): Promise<boolean> {
    const end = Date.now() + timeoutMs;
    while (!this.integrationActive && !this.exited && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    return this.integrationActive;
  }

  /** The renderer has parsed `chars` more characters. */
  ack(chars: number): void {
    this.unacked = Math.max(0, this.unacked - chars);
    // retire the oldest pieces' work; a piece parsed in part retires its share
    let left = chars;
    while (left > 0 && this.inFlight.length) {
      const oldest = this.inFlight[0]!;
      if (oldest.chars <= left) {
        left -= oldest.chars;
        this.backlog -= oldest.cost;
        this.inFlight.shift();
      } else {
        const share = Math.round((oldest.cost * left) / oldest.chars);
        oldest.chars -= left;
        oldest.cost -= share;
        this.backlog -= share;
        left = 0;
      }
    }
    if (!this.inFlight.length) this.backlog = 0; // no rounding left over from the shares
    this.sendHeld(chars === Number.MAX_SAFE_INTEGER ? Infinity : HIGH_WATERMARK);
    if (this.paused && this.backlog < LOW_WATERMARK && this.heldLength <= HOLD_MAX) {
      this.paused = false;
      this.proc.resume();
    }
  }

  /** A view went away without acking what it had: forget its debt so the pty is not stuck. */
  resetFlowControl(): void {
    this.ack(Number.MAX_SAFE_INTEGER);
  }

  write(data: string): void {
    if (this.exited) return;
    this.proc.write(data);
    if (data.includes('\x03') && this.paused && this.viewers > 0) {
      this.draining = true;
      this.paused = false;
      this.proc.resume();
    }
  }

  resize(cols: number, rows: number): void {
    if (!this.exited) this.proc.resize(Math.max(2, cols), Math.max(1, rows));
  }

  /**
   * Runs a command line and resolves when shell integration reports that this command (not
   * an earlier one) finished. A command still running after `timeoutMs` is interrupted with
   * Ctrl+C; the result says it timed out, once the shell is back at its prompt.
   */
  run(command: string, timeoutMs: number): Promise<CommandResult> {
    const seqAtStart = this.commandSeq;
    return new Promise((resolve) => {
      let done = false;
      let timedOut = false;
      let graceTimer: ReturnType<typeof setTimeout> | undefined;
      const finish = (r: Omit<CommandResult, 'timedOut'>) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        clearTimeout(graceTimer);
        sub.dispose();
        resolve({ ...r, exitCode: timedOut ? null : r.exitCode, timedOut });
      };
      const sub = this.onEvent((e) => {
        if (e.type === 'command' && e.seq > seqAtStart) finish({ exitCode: e.exitCode, output: e.output });
        if (e.type === 'exit') finish({ exitCode: e.exitCode, output: stripAnsi(this.capture.text) });
      });
      const timer = setTimeout(() => {
        timedOut = true;
        const partial = stripAnsi(this.capture.text);
        this.write('\x03');
        // give the shell a moment to come back to its prompt, so the next command starts clean
        graceTimer = setTimeout(() => finish({ exitCode: null, output: partial }), 2000);
      }, timeoutMs);
      this.write(command.replace(/\r?\n$/, '') + '\r');
    });
  }

  kill(): void {
    if (this.exited) return;
    try {
      // the whole process group, so children of the shell do not outlive it
      process.kill(-this.proc.pid, 'SIGHUP');
    } catch {
      this.proc.kill();
    }
    setTimeout(() => this.killNow(), 2000).unref();
  }

  /** SIGKILL for the shell's whole process group, for a shell that ignored the hangup. */
  killNow(): void {
    if (this.exited) return;
    try {
      process.kill(-this.proc.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }

  dispose(): void {
    this.kill();
    if (this.timer) clearTimeout(this.timer);
    this.dataEmitter.dispose();
    if (this.exited) this.release();
    // keep listening until the shell has really gone, so its exit is still reported
    else this.eventEmitter.event((e) => e.type === 'exit' && this.release());
  }

  private release(): void {
    this.subs.forEach((s) => s.dispose());
    this.eventEmitter.dispose();
  }
}
