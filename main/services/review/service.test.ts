import { execFileSync } from 'node:child_process';
import { mkdtempSync, promises as fsp, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gitIgnored } from './service';

let dir: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sw-ign-')));
});
afterEach(() => fsp.rm(dir, { recursive: true, force: true }));

describe('which watched paths git ignores', () => {
  it('asks git in one call', async () => {
    execFileSync('git', ['init', '-q'], { cwd: dir });
    await fsp.writeFile(path.join(dir, '.gitignore'), 'dist/\n*.log\n');
    expect(await gitIgnored(dir, ['dist/a.js', 'src/a.ts', 'x.log'])).toEqual(new Set(['dist/a.js', 'x.log']));
  });

  it('outside a repository ignores nothing, and a closed pipe does not crash the process', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `some/long/path/number/${i}.txt`);
    expect(await gitIgnored(dir, many)).toEqual(new Set());
  });
});
