import { describe, expect, it } from 'vitest';
import { HookGuard, RunLimiter } from './guard';

const user = { depth: 0 };

describe('HookGuard', () => {
  it('lets a hook run when nothing stands against it', () => {
    expect(new HookGuard().canRun('lint', user)).toEqual({ ok: true });
  });

  it('does not re-fire a hook on edits of the agent turn it started', () => {
    const guard = new HookGuard();
    expect(guard.canRun('review', { depth: 1, startedByHook: 'review' })).toEqual({
      ok: false,
      reason: 'Hook "review" did not run: the agent turn making this change was started by the same hook, and a hook does not re-trigger on its own edits.',
    });
    expect(guard.canRun('lint', { depth: 1, startedByHook: 'review' })).toEqual({ ok: true });
  });

  it('refuses chains deeper than maxDepth', () => {
    const guard = new HookGuard({ maxDepth: 2 });
    expect(guard.canRun('a', { depth: 2 })).toEqual({ ok: true });
    expect(guard.canRun('a', { depth: 3 })).toEqual({
      ok: false,
      reason: 'Hook "a" did not run: it was triggered 3 hooks deep, past the limit of 2. Check for hooks whose actions trigger each other.',
    });
  });

  it('defaults to a depth limit of 3', () => {
    const guard = new HookGuard();
    expect(guard.canRun('a', { depth: 3 }).ok).toBe(true);
    expect(guard.canRun('a', { depth: 4 }).ok).toBe(false);
  });

  it('refuses runs past the per-minute limit in a sliding window, per hook', () => {
    let now = 1_000_000;
    const guard = new HookGuard({ maxRunsPerMinute: 3, now: () => now });
    for (const at of [0, 10_000, 20_000]) {
      now = 1_000_000 + at;
      expect(guard.canRun('fmt', user).ok).toBe(true);
      guard.recordRun('fmt');
    }
    now = 1_000_000 + 59_999;
    expect(guard.canRun('fmt', user)).toEqual({
      ok: false,
      reason: 'Hook "fmt" did not run: it already ran 3 times in the last minute (the limit is 3). Check whether its own action triggers it again.',
    });
    expect(guard.canRun('lint', user).ok).toBe(true);
    // the first run leaves the window exactly a minute later
    now = 1_000_000 + 60_000;
    expect(guard.canRun('fmt', user).ok).toBe(true);
    guard.recordRun('fmt');
    expect(guard.canRun('fmt', user).ok).toBe(false);
  });

  it('defaults to 30 runs a minute', () => {
    const guard = new HookGuard({ now: () => 0 });
    for (let i = 0; i < 30; i++) guard.recordRun('x');
    expect(guard.canRun('x', user).ok).toBe(false);
    guard.reset('x');
    expect(guard.canRun('x', user).ok).toBe(true);
  });
});

/** A promise with its resolve function, to finish tasks in a chosen order. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('RunLimiter', () => {
  it('runs at most maxConcurrent tasks at once and starts queued ones in order', async () => {
    const limiter = new RunLimiter(2);
    const gates = [deferred<void>(), deferred<void>(), deferred<void>(), deferred<void>()];
    const started: number[] = [];
    let inFlight = 0;
    let peak = 0;
    const results = gates.map((gate, i) =>
      limiter.run(async () => {
        started.push(i);
        peak = Math.max(peak, ++inFlight);
        await gate.promise;
        inFlight--;
        return i * 10;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect(limiter.pending).toBe(2);
    gates[1].resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[0].resolve();
    gates[2].resolve();
    gates[3].resolve();
    expect(await Promise.all(results)).toEqual([0, 10, 20, 30]);
    expect(peak).toBe(2);
    expect(limiter.active).toBe(0);
  });

  it('frees the slot when a task fails, and passes the failure on', async () => {
    const limiter = new RunLimiter(1);
    const failing = limiter.run(async () => {
      throw new Error('boom');
    });
    const next = limiter.run(async () => 'ran');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });

  it('turns a synchronous throw into a rejection', async () => {
    const limiter = new RunLimiter(1);
    const fn = (() => {
      throw new Error('sync');
    }) as () => Promise<never>;
    await expect(limiter.run(fn)).rejects.toThrow('sync');
    await expect(limiter.run(async () => 1)).resolves.toBe(1);
  });

  it('treats a limit below one as one instead of never running', async () => {
    await expect(new RunLimiter(0).run(async () => 'ok')).resolves.toBe('ok');
  });
});
