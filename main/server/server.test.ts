import { randomBytes } from 'node:crypto';
import { mkdtempSync, promises as fsp, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../compose';
import { startServer } from './server';

let dir: string;
let server: Awaited<ReturnType<typeof startServer>>;
const files: Record<string, Buffer> = {};

beforeAll(async () => {
  dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sw-static-')));
  await fsp.mkdir(path.join(dir, 'assets'));
  files['index.html'] = Buffer.from('<!doctype html><title>x</title>');
  files['assets/empty.css'] = Buffer.alloc(0);
  // larger than a send chunk, and not a multiple of it; more of them than buffers are kept
  for (let i = 0; i < 8; i++) files[`assets/chunk-${i}.js`] = randomBytes(700_001 + i * 12_345);
  files['assets/huge.js'] = randomBytes(48 * 1024 * 1024); // more than the sockets buffer: the server is still sending when the client leaves
  for (const [rel, bytes] of Object.entries(files)) await fsp.writeFile(path.join(dir, rel), bytes);
  await fsp.writeFile(path.join(os.tmpdir(), 'sw-static-outside.txt'), 'secret');
  // the HTTP side only: no WebSocket is opened here
  server = await startServer({ app: { router: { attach() {} } } as unknown as App, staticDir: dir });
});
afterAll(async () => {
  await server.close();
  await fsp.rm(dir, { recursive: true, force: true });
});

const url = (p: string) => `http://127.0.0.1:${server.port}${p}`;

describe('serve: the built workbench over HTTP', () => {
  it('sends every file whole, also many large ones at once', async () => {
    const got = await Promise.all(
      Object.keys(files)
        .filter((rel) => rel !== 'assets/huge.js')
        .map(async (rel) => {
        const res = await fetch(url(`/${rel}`));
        return { rel, status: res.status, length: res.headers.get('content-length'), body: Buffer.from(await res.arrayBuffer()) };
      }),
    );
    for (const { rel, status, length, body } of got) {
      expect(status, rel).toBe(200);
      expect(Number(length), rel).toBe(files[rel]!.length);
      expect(body.equals(files[rel]!), rel).toBe(true);
    }
  });

  it.runIf(process.platform === 'linux')('stops sending to a client that goes away mid-file, and lets go of the file', async () => {
    const openFds = () =>
      readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`).endsWith('huge.js');
        } catch {
          return false;
        }
      }).length;
    const abort = new AbortController();
    const res = await fetch(url('/assets/huge.js'), { signal: abort.signal });
    const reader = res.body!.getReader();
    await reader.read();
    expect(openFds()).toBe(1); // the server is in the middle of it
    abort.abort();
    await reader.read().catch(() => undefined);
    for (let i = 0; i < 100 && openFds() > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(openFds()).toBe(0);
    // and it goes on serving
    const again = Buffer.from(await (await fetch(url('/assets/chunk-3.js'))).arrayBuffer());
    expect(again.equals(files['assets/chunk-3.js']!)).toBe(true);
  });

  it('serves index.html at / with the content security policy, and HEAD without a body', async () => {
    const res = await fetch(url('/'));
    expect(await res.text()).toBe(files['index.html']!.toString());
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const head = await fetch(url('/assets/chunk-0.js'), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBe(files['assets/chunk-0.js']!.length);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it('answers 404 for missing files, folders and paths that leave the folder, 405 for other methods', async () => {
    expect((await fetch(url('/assets/nope.js'))).status).toBe(404);
    expect((await fetch(url('/assets'))).status).toBe(404);
    expect((await fetch(url('/%2e%2e/sw-static-outside.txt'))).status).toBe(404);
    expect((await fetch(url('/index.html'), { method: 'POST' })).status).toBe(405);
  });
});
