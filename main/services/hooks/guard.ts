/**
 * Limits that keep hooks from feeding themselves: an agent turn a hook started editing the
 * files that hook watches, hooks triggering one another in a chain, or a command whose own
 * output trips its trigger again. The engine asks `canRun` before every run and calls
 * `recordRun` when it starts one; refusals carry a sentence for the hooks panel.
 */

/** A chain user → hook → hook → hook is as deep as real workflows go; deeper is a loop. */
export const DEFAULT_MAX_HOOK_DEPTH = 3;
/** One run every two seconds, sustained for a minute, is far past any save-triggered hook. */
export const DEFAULT_MAX_RUNS_PER_MINUTE = 30;
const WINDOW_MS = 60_000;

export interface HookGuardOptions {
  maxDepth?: number;
  maxRunsPerMinute?: number;
  now?: () => number;
}

/** What set off a run: how many hooks deep it is (0 = the user) and the hook behind the current agent turn. */
export interface HookOrigin {
  depth: number;
  startedByHook?: string;
}

export type GuardVerdict = { ok: true } | { ok: false; reason: string };

export class HookGuard {
  private readonly maxDepth: number;
  private readonly maxRunsPerMinute: number;
  private readonly now: () => number;
  /** Start times per hook within the last minute, oldest first. */
  private readonly runs = new Map<string, number[]>();

  constructor({ maxDepth = DEFAULT_MAX_HOOK_DEPTH, maxRunsPerMinute = DEFAULT_MAX_RUNS_PER_MINUTE, now = () => Date.now() }: HookGuardOptions = {}) {
    this.maxDepth = maxDepth;
    this.maxRunsPerMinute = maxRunsPerMinute;
    this.now = now;
  }

  canRun(hookId: string, origin: HookOrigin): GuardVerdict {
    if (origin.startedByHook === hookId) {
      return { ok: false, reason: `Hook "${hookId}" did not run: the agent turn making this change was started by the same hook, and a hook does not re-trigger on its own edits.` };
    }
    if (origin.depth > this.maxDepth) {
      return {
        ok: false,
        reason: `Hook "${hookId}" did not run: it was triggered ${origin.depth} hooks deep, past the limit of ${this.maxDepth}. Check for hooks whose actions trigger each other.`,
      };
    }
    const recent = this.recent(hookId);
    if (recent.length >= this.maxRunsPerMinute) {
      return {
        ok: false,
        reason: `Hook "${hookId}" did not run: it already ran ${recent.length} times in the last minute (the limit is ${this.maxRunsPerMinute}). Check whether its own action triggers it again.`,
      };
    }
    return { ok: true };
  }

  recordRun(hookId: string): void {
    const recent = this.recent(hookId);
    recent.push(this.now());
    this.runs.set(hookId, recent);
  }

  /** Forgets a hook's history, e.g. when its file is deleted or edited. */
  reset(hookId: string): void {
    this.runs.delete(hookId);
  }

  private recent(hookId: string): number[] {
    const since = this.now() - WINDOW_MS;
    const times = (this.runs.get(hookId) ?? []).filter((t) => t > since);
    if (times.length) this.runs.set(hookId, times);
    else this.runs.delete(hookId);
    return times;
  }
}

/** Runs at most `maxConcurrent` tasks at once; the rest wait their turn in call order. */
export class RunLimiter {
  private readonly max: number;
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(maxConcurrent: number) {
    // A limit below one (or NaN) would queue forever; Infinity means no limit.
    this.max = maxConcurrent >= 1 ? Math.floor(maxConcurrent) : 1;
  }

  /** Tasks running now. */
  get active(): number {
    return this.running;
  }

  /** Tasks waiting for a slot. */
  get pending(): number {
    return this.waiting.length;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      // hand the slot straight to the next task, so a new caller cannot jump the queue
      if (next) next();
      else this.running--;
    }
  }
}
