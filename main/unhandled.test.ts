import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { keepRunningOnUnhandledRejection } from './unhandled';

describe('unhandled rejections', () => {
  it('are reported on stderr and the process keeps running', () => {
    const script = `(${keepRunningOnUnhandledRejection.toString()})('serve'); Promise.reject(new Error('boom')); setTimeout(() => console.log('still here'), 100);`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 10_000 });
    expect(r.stderr).toContain('specwright: unexpected error, serve keeps running: Error: boom');
    expect(r.stdout).toBe('still here\n');
    expect(r.status).toBe(0);
    // without it, Node's default ends the process
    expect(spawnSync(process.execPath, ['-e', "Promise.reject(new Error('boom')); setTimeout(() => console.log('still here'), 100);"], { encoding: 'utf8' }).status).not.toBe(0);
  });
});
