import { promises as fsp, mkdtempSync, realpathSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeAtomicFs, writeAtomic } from './atomic';
import type { ReadStreamEvent } from '../../../shared/ipc/contract';
import { FIRST_PIECE_BYTES, READ_CHUNK_BYTES, Workspace } from './workspace';

let tmp: string;
let root: string;
let ws: Workspace;

beforeEach(async () => {
  tmp = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sw-ws-')));
  root = path.join(tmp, 'project');
  await fsp.mkdir(path.join(root, 'src'), { recursive: true });
  await fsp.writeFile(path.join(root, 'src', 'index.ts'), 'export const a = 1;\n');
  await fsp.writeFile(path.join(tmp, 'secret.txt'), 'top secret');
  ws = await Workspace.open(root, { exclude: () => ['**/node_modules'] });
});

afterEach(async () => {
  await fsp.rm(tmp, { recursive: true, force: true });
});

describe('path confinement', () => {
  it.each(['../secret.txt', 'src/../../secret.txt', '../../etc/passwd'])('refuses %s', async (p) => {
    await expect(ws.read(p)).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
  });

  it('refuses absolute paths', async () => {
    await expect(ws.read(path.join(tmp, 'secret.txt'))).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
    await expect(ws.read('/etc/passwd')).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
  });

  it('refuses a symlink that leads outside, for reading and for writing through it', async () => {
    await fsp.symlink(path.join(tmp, 'secret.txt'), path.join(root, 'leak.txt'));
    await fsp.symlink(tmp, path.join(root, 'outdir'));
    await expect(ws.read('leak.txt')).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
    await expect(ws.write('outdir/new.txt', 'x')).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
    await expect(fsp.access(path.join(tmp, 'new.txt'))).rejects.toThrow();
    expect(await fsp.readFile(path.join(tmp, 'secret.txt'), 'utf8')).toBe('top secret');
  });

  it('follows a symlink that stays inside', async () => {
    await fsp.symlink(path.join(root, 'src', 'index.ts'), path.join(root, 'alias.ts'));
    await expect(ws.read('alias.ts')).resolves.toMatchObject({ kind: 'text', content: 'export const a = 1;\n' });
  });

  it('deletes a link that points outside without touching its target', async () => {
    await fsp.symlink(path.join(tmp, 'secret.txt'), path.join(root, 'leak.txt'));
    await ws.delete('leak.txt', true);
    expect(await fsp.readFile(path.join(tmp, 'secret.txt'), 'utf8')).toBe('top secret');
  });

  it('reports a symlink loop instead of hanging', async () => {
    await fsp.symlink(path.join(root, 'b'), path.join(root, 'a'));
    await fsp.symlink(path.join(root, 'a'), path.join(root, 'b'));
    await expect(ws.read('a')).rejects.toMatchObject({ code: 'PERMISSION' });
    const entries = await ws.list('');
    expect(entries.find((e) => e.name === 'a')).toMatchObject({ kind: 'symlink', target: 'broken' });
  });
});

describe('listing', () => {
  it('puts folders first, sorts naturally, hides .git and excluded globs', async () => {
    await fsp.mkdir(path.join(root, '.git'));
    await fsp.mkdir(path.join(root, 'node_modules'));
    await fsp.mkdir(path.join(root, 'b-dir'));
    for (const f of ['file10.txt', 'file2.txt', 'A.md']) await fsp.writeFile(path.join(root, f), '');
    const names = (await ws.list('')).map((e) => e.name);
    expect(names).toEqual(['b-dir', 'src', 'A.md', 'file2.txt', 'file10.txt']);
  });
});

describe('reading and writing', () => {
  it('writes atomically and keeps permissions', async () => {
    const file = path.join(root, 'run.sh');
    await fsp.writeFile(file, '#!/bin/sh\n');
    await fsp.chmod(file, 0o750);
    await ws.write('run.sh', '#!/bin/sh\necho hi\n');
    expect(await fsp.readFile(file, 'utf8')).toBe('#!/bin/sh\necho hi\n');
    expect((await fsp.stat(file)).mode & 0o777).toBe(0o750);
    expect((await fsp.readdir(root)).filter((n) => n.includes('sw-tmp'))).toEqual([]);
  });

  it('leaves the old file intact and no temp file when the write fails', async () => {
    const file = path.join(root, 'keep.txt');
    await fsp.writeFile(file, 'precious');
    const failing = {
      ...nodeAtomicFs,
      async writeFile(f: string, data: Uint8Array, o: { mode?: number; flag: string }) {
        await nodeAtomicFs.writeFile(f, data.subarray(0, 2), o);
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
    };
    await expect(writeAtomic(file, Buffer.from('new content'), failing)).rejects.toThrow(/ENOSPC/);
    expect(await fsp.readFile(file, 'utf8')).toBe('precious');
    expect((await fsp.readdir(root)).filter((n) => n.includes('sw-tmp'))).toEqual([]);
  });

  it('detects binary files and reports their size', async () => {
    await fsp.writeFile(path.join(root, 'img.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3]));
    await expect(ws.read('img.png')).resolves.toMatchObject({ kind: 'binary', size: 11 });
  });

  it('preserves a non-UTF-8 encoding and CRLF line endings on save', async () => {
    const file = path.join(root, 'legacy.txt');
    const original = 'Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e, na\u00efve fa\u00e7ade, \u00e0 la carte\r\nd\u00e9j\u00e0 vu\r\n';
    await fsp.writeFile(file, iconv.encode(original, 'latin1'));
    const read = await ws.read('legacy.txt');
    expect(read.kind).toBe('text');
    if (read.kind !== 'text') return;
    expect(read.content).toBe(original);
    expect(read.eol).toBe('\r\n');
    expect(read.encoding).not.toBe('utf8');
    await ws.write('legacy.txt', read.content.replace('vu', 'lu'), read.encoding);
    const bytes = await fsp.readFile(file);
    expect(iconv.decode(bytes, 'latin1')).toBe(original.replace('vu', 'lu'));
    expect(bytes.includes(Buffer.from('\u00e9', 'utf8'))).toBe(false);
  });

  it('refuses to save characters the file\'s encoding cannot hold, instead of writing "?" for them', async () => {
    const file = path.join(root, 'legacy.txt');
    const original = 'Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e, na\u00efve fa\u00e7ade\r\n';
    await fsp.writeFile(file, iconv.encode(original, 'latin1'));
    const read = await ws.read('legacy.txt');
    if (read.kind !== 'text') throw new Error('not text');
    const before = await fsp.readFile(file);
    await expect(ws.write('legacy.txt', `${read.content}tr\u00e8s \u{1F600} bien\r\n`, read.encoding)).rejects.toMatchObject({
      code: 'UNREPRESENTABLE',
      message: expect.stringMatching(/^Windows 1252 cannot hold "\u{1F600}" \(line 2, column 6\), so saving would change it\. Save the file as UTF-8/u),
    });
    expect(await fsp.readFile(file)).toEqual(before);
    // what the code page has is saved as ever; as UTF-8, anything is
    await ws.write('legacy.txt', `${read.content}tr\u00e8s bien \u20ac\r\n`, read.encoding);
    expect(iconv.decode(await fsp.readFile(file), 'windows1252')).toBe(`${original}tr\u00e8s bien \u20ac\r\n`);
    await ws.write('legacy.txt', `${read.content}\u{1F600}\r\n`, 'utf8');
    expect(await fsp.readFile(file, 'utf8')).toBe(`${original}\u{1F600}\r\n`);
  });

  it('keeps a UTF-8 BOM and reads UTF-16 as text', async () => {
    await fsp.writeFile(path.join(root, 'bom.txt'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('hello')]));
    const r = await ws.read('bom.txt');
    expect(r).toMatchObject({ kind: 'text', content: 'hello', encoding: 'utf8bom' });
    await ws.write('bom.txt', 'bye', 'utf8bom');
    expect([...(await fsp.readFile(path.join(root, 'bom.txt'))).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    await fsp.writeFile(path.join(root, 'wide.txt'), iconv.encode('wide text', 'utf16le', { addBOM: true }));
    await expect(ws.read('wide.txt')).resolves.toMatchObject({ kind: 'text', content: 'wide text', encoding: 'utf16le' });
  });

  it.skipIf(process.platform === 'win32')('refuses a named pipe instead of waiting for a writer', async () => {
    const fifo = path.join(root, 'events.pipe');
    execFileSync('mkfifo', [fifo]);
    // were the read to block in open(2) (the whole process with it), only this writer would free it, 5 s later
    const writer = spawn('sh', ['-c', `sleep 5; echo unblocked > '${fifo}'`], { stdio: 'ignore' });
    try {
      const started = Date.now();
      await expect(ws.read('events.pipe')).rejects.toMatchObject({ code: 'UNSUPPORTED' });
      expect(Date.now() - started).toBeLessThan(2500);
      await expect(ws.write('events.pipe', 'text')).rejects.toMatchObject({ code: 'UNSUPPORTED', message: expect.stringContaining('not a regular file') });
      await expect(ws.write('src', 'text')).rejects.toMatchObject({ code: 'IS_DIRECTORY' });
      const events: ReadStreamEvent[] = [];
      await expect(ws.readStream('events.pipe', (e) => events.push(e), new AbortController().signal)).rejects.toMatchObject({ code: 'UNSUPPORTED' });
      expect(events).toEqual([]);
    } finally {
      writer.kill('SIGKILL');
    }
  }, 15_000);

  it('marks files over the threshold as large', async () => {
    const small = await Workspace.open(root, { largeFileThreshold: () => 10 });
    await fsp.writeFile(path.join(root, 'big.log'), 'x'.repeat(100));
    await expect(small.read('big.log')).resolves.toMatchObject({ kind: 'text', large: true });
    await expect(small.read('src/index.ts')).resolves.toMatchObject({ large: true });
    await expect(ws.read('src/index.ts')).resolves.toMatchObject({ large: false });
  });
});

describe('create, rename, delete', () => {
  it('creates files and folders and refuses to clobber', async () => {
    await ws.create('docs/notes.md', 'file');
    await ws.create('assets', 'dir');
    expect((await fsp.stat(path.join(root, 'docs/notes.md'))).isFile()).toBe(true);
    await expect(ws.create('docs/notes.md', 'file')).rejects.toMatchObject({ code: 'EXISTS' });
  });

  it('renames, refusing to overwrite or to move a folder into itself', async () => {
    await ws.rename('src/index.ts', 'src/main.ts');
    expect(await fsp.readFile(path.join(root, 'src/main.ts'), 'utf8')).toContain('export');
    await ws.create('src/other.ts', 'file');
    await expect(ws.rename('src/other.ts', 'src/main.ts')).rejects.toMatchObject({ code: 'EXISTS' });
    await expect(ws.rename('src', 'src/inner')).rejects.toMatchObject({ code: 'UNSUPPORTED' });
  });

  it('deletes permanently only when asked, and trashes through the host otherwise', async () => {
    const trashed: string[] = [];
    const withTrash = await Workspace.open(root, { trash: async (p) => void trashed.push(p) });
    await expect(withTrash.delete('src/index.ts', false)).resolves.toEqual({ trashed: true });
    expect(trashed).toEqual([path.join(root, 'src/index.ts')]);
    await expect(ws.delete('src', false)).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    await ws.delete('src', true);
    await expect(fsp.access(path.join(root, 'src'))).rejects.toThrow();
    await expect(ws.delete('', true)).rejects.toMatchObject({ code: 'PERMISSION' });
  });
});

describe('streamed reads (the editor opening a large file)', () => {
  async function streamed(rel: string) {
    const events: ReadStreamEvent[] = [];
    await ws.readStream(rel, (e) => events.push(e), new AbortController().signal);
    return events;
  }
  const textOf = (events: ReadStreamEvent[]) =>
    events.map((e) => (e.type === 'start' && e.result.kind === 'text' ? e.result.content : e.type === 'chunk' ? e.text : '')).join('');

  it('sends a small file whole, in the start event', async () => {
    const events = await streamed('src/index.ts');
    expect(events).toEqual([{ type: 'start', more: false, result: expect.objectContaining({ kind: 'text', content: 'export const a = 1;\n', encoding: 'utf8' }) }]);
  });

  it('sends a large file in pieces that end on line breaks and join back to the exact text', async () => {
    // CRLF lines and multi-byte characters, so piece boundaries fall next to both
    const line = (i: number) => `line ${i} — ünïcödé 🙂 ${'x'.repeat(i % 97)}\r\n`;
    let text = '';
    for (let i = 0; text.length < 3.5 * READ_CHUNK_BYTES; i++) text += line(i);
    await fsp.writeFile(path.join(root, 'big.txt'), text);
    const events = await streamed('big.txt');
    expect(events[0]).toMatchObject({ type: 'start', more: true, result: { kind: 'text', encoding: 'utf8', eol: '\r\n', size: Buffer.byteLength(text) } });
    expect(events.at(-1)).toEqual({ type: 'end' });
    expect(events.filter((e) => e.type === 'chunk').length).toBeGreaterThanOrEqual(3);
    for (const e of events.slice(0, -2)) {
      const piece = e.type === 'start' && e.result.kind === 'text' ? e.result.content : e.type === 'chunk' ? e.text : '';
      expect(piece.endsWith('\r\n')).toBe(true);
    }
    // the first piece is small: it is what the first screen waits for
    const first = events[0].type === 'start' && events[0].result.kind === 'text' ? events[0].result.content : '';
    expect(Buffer.byteLength(first)).toBeLessThanOrEqual(FIRST_PIECE_BYTES);
    expect(textOf(events)).toBe(text);
  });

  it('keeps a legacy encoding and a line that is longer than a piece intact', async () => {
    const long = 'é'.repeat(READ_CHUNK_BYTES + 123);
    const text = `début\n${long}\nfin\n`;
    await fsp.writeFile(path.join(root, 'latin.txt'), iconv.encode(text, 'latin1'));
    const events = await streamed('latin.txt');
    expect(events[0]).toMatchObject({ type: 'start', more: true, result: { kind: 'text', encoding: 'windows1252' } });
    expect(textOf(events)).toBe(text);
  });

  it('reports a binary file, and stops when the reader goes away', async () => {
    const bin = Buffer.alloc(2 * READ_CHUNK_BYTES, 0);
    await fsp.writeFile(path.join(root, 'blob.bin'), bin);
    expect(await streamed('blob.bin')).toEqual([{ type: 'start', more: false, result: expect.objectContaining({ kind: 'binary' }) }]);

    await fsp.writeFile(path.join(root, 'big.txt'), 'a line of text\n'.repeat(400_000));
    const controller = new AbortController();
    const events: ReadStreamEvent[] = [];
    await ws.readStream('big.txt', (e) => {
      events.push(e);
      if (events.length === 2) controller.abort();
    }, controller.signal);
    expect(events).toHaveLength(2);
  });
});
