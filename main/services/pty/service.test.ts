import { execFileSync } from 'node:child_process';
import { mkdtempSync, promises as fsp, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PtyService } from './service';
import { HIGH_WATERMARK, BATCH_MAX, COMMAND_OUTPUT_MAX, COMMAND_TAIL_MAX, viewCost, type TerminalSession } from './session';

/** The view's work for one full batch of `yes` (the most a batch can cost: a line feed every third character). */
const YES_BATCH_COST = viewCost('y\r\n'.repeat(Math.ceil(BATCH_MAX / 3)));

let dir: string;
let service: PtyService;

beforeEach(() => {
  dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sw-pty-')));
  service = new PtyService({ scriptDir: path.join(dir, 'scripts') });
});
afterEach(async () => {
  await service.shutdown(); // shells write their history as they exit: wait for them
  await fsp.rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

/** A real bash in a real pty, with an empty HOME so the test does not depend on anyone's dotfiles. */
async function bash(cols = 80, rows = 24): Promise<{ term: TerminalSession; output: () => string }> {
  const term = await service.spawn({ cols, rows, cwd: dir, shell: '/bin/bash', env: { HOME: dir, PS1: '$ ' } });
  let out = '';
  term.onData((d) => {
    out += d;
    term.ack(d.length);
  });
  await waitFor(() => term.integrationActive, 'the first prompt');
  return { term, output: () => out };
}

async function waitFor(cond: () => unknown, what: string, ms = 8000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('PtyService (real node-pty, real bash)', () => {
  it('runs echo and shows its output', async () => {
    const { term, output } = await bash();
    term.write('echo hi-$((40+2))\r');
    await waitFor(() => output().includes('hi-42'), 'echo output');
  });

  it("keeps working with the user's own PROMPT_COMMAND, even one ending in ';'", async () => {
    await fsp.writeFile(path.join(dir, '.bashrc'), 'MARK=0\nPROMPT_COMMAND="MARK=$((MARK+1));"\n');
    const { term, output } = await bash();
    await expect(term.run('false', 5000)).resolves.toMatchObject({ exitCode: 1 });
    const r = await term.run('echo "mark=$MARK"', 5000);
    expect(Number(r.output.match(/mark=(\d+)/)?.[1])).toBeGreaterThan(0);
    expect(output()).not.toContain('syntax error');
  });

  it('starts in the requested folder', async () => {
    const { term } = await bash();
    const r = await term.run('pwd', 5000);
    expect(r.output.trim().split('\n').pop()).toBe(dir);
  });

  it('passes a resize through to the program (stty size)', async () => {
    const { term } = await bash(80, 24);
    term.resize(120, 40);
    const r = await term.run('stty size', 5000);
    expect(r.output).toContain('40 120');
  });

  it('reports the exit code of `false` as 1 through shell integration, and of `true` as 0', async () => {
    const { term } = await bash();
    await expect(term.run('false', 5000)).resolves.toMatchObject({ exitCode: 1, timedOut: false });
    await expect(term.run('true', 5000)).resolves.toMatchObject({ exitCode: 0 });
    const r = await term.run('printf "a\\nb\\n"; exit_code_test() { return 7; }; exit_code_test', 5000);
    expect(r.exitCode).toBe(7);
    expect(r.output).toContain('a\nb');
  });

  it('reports finished commands as events with their command line', async () => {
    const { term } = await bash();
    const events: { command: string; exitCode: number | null }[] = [];
    service.onEvent(({ id, event }) => id === term.id && event.type === 'command' && events.push({ command: event.command, exitCode: event.exitCode }));
    term.write('ls /nonexistent-dir-xyz\r');
    await waitFor(() => events.length > 0, 'command event');
    expect(events[0].command).toBe('ls /nonexistent-dir-xyz');
    expect(events[0].exitCode).not.toBe(0);
  });

  it('shutdown kills what ignores the hangup, once its wait is over, so nothing outlives the process', async () => {
    const { term } = await bash();
    // ignores SIGHUP and never reads its terminal, so neither the hangup nor a closed pty ends it
    term.write("trap '' HUP; exec sleep 60\r");
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    await service.shutdown(300);
    expect(Date.now() - t0).toBeLessThan(1500); // not the session's own 2 s SIGKILL timer
    await waitFor(() => term.exited, 'the program to be killed', 1000);
  });

  it('reports the shell exit code when the shell exits', async () => {
    const { term } = await bash();
    const exit = new Promise((resolve) => term.onEvent((e) => e.type === 'exit' && resolve(e)));
    term.write('exit 3\r');
    await expect(exit).resolves.toMatchObject({ exitCode: 3 });
  });

  it('pauses a flood (yes) when the view does not ack, keeping memory bounded, and resumes on ack', async () => {
    const term = await service.spawn({ cols: 80, rows: 24, cwd: dir, shell: '/bin/bash', env: { HOME: dir } });
    let received = 0;
    let acking = false;
    term.onData((d) => {
      received += d.length;
      if (acking) term.ack(d.length);
    }); // a view that stops acking, like a frozen renderer
    term.write('yes\r');
    await waitFor(() => term.isPaused, 'the pty to pause');
    const atPause = received;
    await new Promise((r) => setTimeout(r, 500));
    // paused: only what was already read arrives (unpaused, `yes` makes ~100 MB/s), and
    // what is unacknowledged stays near the watermark
    expect(received - atPause).toBeLessThan(BATCH_MAX * 8);
    expect(term.viewBacklog).toBeLessThan(HIGH_WATERMARK + YES_BATCH_COST * 8);
    acking = true;
    term.ack(term.unacknowledged);
    expect(term.isPaused).toBe(false);
    await waitFor(() => received > atPause + BATCH_MAX * 2, 'output to resume');
    term.write('\x03');
  });

  it('resumes a paused flood while the view still has a batch to parse, not only once it has parsed everything (so the view never waits empty)', async () => {
    const term = await service.spawn({ cols: 80, rows: 24, cwd: dir, shell: '/bin/bash', env: { HOME: dir } });
    const batches: number[] = [];
    term.onData((d) => batches.push(d.length));
    term.write('yes\r');
    await waitFor(() => term.isPaused, 'the pty to pause');
    await new Promise((r) => setTimeout(r, 100));
    expect(term.viewBacklog).toBeGreaterThan(HIGH_WATERMARK);
    // the view parses what it was sent, batch by batch: the pty goes on while it still has work
    let next = 0;
    while (term.isPaused && next < batches.length) term.ack(batches[next++]!);
    expect(term.isPaused).toBe(false);
    expect(term.viewBacklog).toBeGreaterThanOrEqual(YES_BATCH_COST / 2);
    // and it pauses again before the view is more than one batch past the high watermark
    await waitFor(() => term.isPaused, 'the pty to pause again');
    expect(term.viewBacklog).toBeLessThanOrEqual(HIGH_WATERMARK + YES_BATCH_COST);
    term.write('\x03');
  });

  it('measures what is in flight in the view\'s work: long lines get more characters in flight than `yes` before the pty pauses, and an ack retires the work of what it acknowledges', async () => {
    const long = 'x'.repeat(198) + '\n';
    await fsp.writeFile(path.join(dir, 'long.txt'), long.repeat(Math.ceil((4 * 1024 * 1024) / long.length)));
    const inFlightAtPause = async (command: string) => {
      const term = await service.spawn({ cols: 80, rows: 24, cwd: dir, shell: '/bin/bash', env: { HOME: dir, PS1: '$ ' } });
      const pieces: number[] = [];
      term.onData((d) => pieces.push(d.length)); // a view that does not ack
      await waitFor(() => term.integrationActive, 'the first prompt');
      term.ack(term.unacknowledged);
      pieces.length = 0;
      term.write(`${command}\r`);
      await waitFor(() => term.isPaused, `the pty to pause during ${command}`);
      await new Promise((r) => setTimeout(r, 100));
      const at = { chars: term.unacknowledged, work: term.viewBacklog };
      // with the pieces in front of the largest one acknowledged (the echo of the command among
      // them), acknowledging half of the largest retires about half of its work
      const k = pieces.indexOf(Math.max(...pieces));
      expect(pieces[k]).toBeGreaterThan(1000);
      term.ack(pieces.slice(0, k).reduce((a, n) => a + n, 0));
      const before = term.viewBacklog;
      const half = Math.floor(pieces[k]! / 2);
      term.ack(half);
      const retired = before - term.viewBacklog;
      term.write('\x03');
      return { ...at, retired, half };
    };
    const cat = await inFlightAtPause('cat long.txt');
    const yes = await inFlightAtPause('yes');
    expect(cat.work).toBeGreaterThan(HIGH_WATERMARK);
    expect(yes.work).toBeGreaterThan(HIGH_WATERMARK);
    expect(cat.chars).toBeGreaterThan(yes.chars * 1.3);
    expect(yes.chars).toBeLessThan(HIGH_WATERMARK);
    expect(cat.retired).toBeGreaterThanOrEqual(cat.half);
    expect(cat.retired).toBeLessThan(cat.half * 1.1);
    expect(yes.retired).toBeGreaterThan(yes.half * 2); // y\r\n: a line feed every third character
  });

  it('sends bulk output in full batches: what is past a full batch waits for the next one, it does not go out as a short message right behind it', async () => {
    const line = 'the quick brown fox jumps over the lazy dog 0123456789\n';
    await fsp.writeFile(path.join(dir, 'big.txt'), line.repeat(Math.ceil((4 * 1024 * 1024) / line.length)));
    const term = await service.spawn({ cols: 80, rows: 24, cwd: dir, shell: '/bin/bash', env: { HOME: dir, PS1: '$ ' } });
    let received = '';
    const pieces: number[] = [];
    let shortRightBehind = 0;
    let inTask = false; // another piece was delivered earlier in this same task (the same flush)
    term.onData((d) => {
      received += d;
      pieces.push(d.length);
      if (inTask && d.length < BATCH_MAX) shortRightBehind++;
      inTask = true;
      queueMicrotask(() => (inTask = false));
      term.ack(d.length);
    });
    await waitFor(() => term.integrationActive, 'the first prompt');
    const r = await term.run('cat big.txt', 20_000);
    expect(r.exitCode).toBe(0);
    await waitFor(() => received.includes('\x1b]633;D;0\x07'), 'the output to reach the view');
    expect(received.split('the quick brown fox').length - 1).toBe(Math.ceil((4 * 1024 * 1024) / line.length)); // nothing lost
    expect(pieces.filter((n) => n === BATCH_MAX).length).toBeGreaterThan(10);
    expect(shortRightBehind).toBe(0);
  });

  it('Ctrl+C during a flood the view is behind on: the end of the command is known at once, and the output still arrives whole, in order', async () => {
    const term = await service.spawn({ cols: 80, rows: 24, cwd: dir, shell: '/bin/bash', env: { HOME: dir } });
    let received = '';
    term.onData((d) => (received += d)); // a view that has stopped acking (busy parsing)
    await waitFor(() => term.integrationActive, 'the first prompt');
    term.ack(term.unacknowledged);
    const ended = new Promise<{ exitCode: number | null }>((resolve) => term.onEvent((e) => e.type === 'command' && e.command === 'yes' && resolve(e)));
    term.write('yes\r');
    await waitFor(() => term.isPaused, 'the pty to pause');
    const t0 = Date.now();
    term.write('\x03');
    // main reads on past the backlog, so the shell's marker is seen without the view acking anything
    await expect(ended).resolves.toMatchObject({ exitCode: 130 });
    expect(Date.now() - t0).toBeLessThan(1000);
    // the view then catches up: everything, prompt last, nothing twice
    for (let i = 0; i < 200 && term.unacknowledged > 0; i++) {
      term.ack(term.unacknowledged);
      await new Promise((r) => setTimeout(r, 10));
    }
    // the shell's next prompt (it ends with the prompt-end marker) is the last thing the view gets
    await waitFor(() => received.endsWith('\x1b]633;B\x07'), 'the prompt to reach the view');
    const body = received.slice(received.indexOf('y\r\n'), received.lastIndexOf('^C'));
    expect(body.replace(/y\r\n/g, '')).toMatch(/^(y\r?)?$/); // the interrupt may land inside a line
    expect(received).toContain('\x1b]633;D;130\x07');
    expect(term.isPaused).toBe(false);
  });

  it("keeps a long command's start and its end (where errors are), saying how much was left out", async () => {
    const { term } = await bash();
    // ~2.9 MB of output: more than the start (1 MB) and the end (256 KB) kept together
    const r = await term.run('seq 1 400000; echo "error: the last line"', 20_000);
    expect(r.exitCode).toBe(0);
    expect(r.output.startsWith('1\n2\n3\n')).toBe(true);
    expect(r.output).toContain('\n1000\n');
    expect(r.output).toMatch(/… \(\d+ characters of output not kept\) …/);
    expect(r.output.endsWith('399999\n400000\nerror: the last line')).toBe(true);
    expect(r.output.length).toBeLessThan(COMMAND_OUTPUT_MAX + COMMAND_TAIL_MAX + 70_000);
  });

  it('Ctrl+C stops a running command and the shell reports 130', async () => {
    const { term } = await bash();
    const done = new Promise((resolve) => term.onEvent((e) => e.type === 'command' && resolve(e)));
    term.write('sleep 30\r');
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    term.write('\x03');
    await expect(done).resolves.toMatchObject({ command: 'sleep 30', exitCode: 130 });
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('interrupts a command that never exits and says it timed out', async () => {
    const { term } = await bash();
    const r = await term.run('echo started; sleep 60', 600);
    expect(r).toMatchObject({ timedOut: true, exitCode: null });
    expect(r.output).toContain('started');
    await expect(term.run('echo still-usable', 5000)).resolves.toMatchObject({ exitCode: 0, output: expect.stringContaining('still-usable') });
  });

  it('replays output to a view that attaches late', async () => {
    const { term } = await bash();
    await term.run('echo early-output', 5000);
    let late = '';
    term.onData((d) => (late += d));
    expect(late).toContain('early-output');
  });

  it('closing a terminal kills its processes, background jobs included', async () => {
    const { term } = await bash();
    await term.run('sleep 1234 & echo bg=$!', 5000);
    const pids = () => {
      try {
        return execFileSync('pgrep', ['-f', 'sleep 1234']).toString().trim();
      } catch {
        return '';
      }
    };
    expect(pids()).not.toBe('');
    service.close(term.id);
    await waitFor(() => pids() === '', 'the background job to end', 5000);
  });

  it('refuses an unknown terminal id with NOT_FOUND', () => {
    expect(() => service.get(999)).toThrow(/does not exist/);
  });
});
