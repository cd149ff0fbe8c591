import { mkdtempSync, promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretStore } from './secrets';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await fsp.rm(d, { recursive: true, force: true });
});

describe('SecretStore', () => {
  it('keeps secrets in a 0600 file and encrypts them when it can', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-secret-'));
    dirs.push(dir);
    const file = path.join(dir, 'secrets.json');
    const cipher = { encrypt: (s: string) => Buffer.from([...s].reverse().join('')), decrypt: (b: Buffer) => [...b.toString()].reverse().join('') };
    const store = new SecretStore(file, cipher);
    await store.set('openai', 'sk-123');
    expect((await fsp.stat(file)).mode & 0o777).toBe(0o600);
    expect(await fsp.readFile(file, 'utf8')).not.toContain('sk-123');
    expect(await store.get('openai')).toBe('sk-123');
    // without the cipher (serve mode on the same folder) an encrypted value is not readable
    expect(await new SecretStore(file).get('openai')).toBeUndefined();
    await store.set('openai', null);
    expect(await store.has('openai')).toBe(false);
  });
});
