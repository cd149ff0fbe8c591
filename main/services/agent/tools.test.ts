import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FETCH_MAX_BYTES, MAX_TOOL_OUTPUT, clipCommandOutput, fetchText, htmlText, numberedLines } from './tools';

describe('run_command output for the model', () => {
  it('keeps short output whole', () => {
    expect(clipCommandOutput('ok\n')).toBe('ok\n');
  });

  it("keeps a long output's start and its end, where the error is, and says how much is left out", () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `compiling module ${i}`);
    const text = `${lines.join('\n')}\nerror TS2304: Cannot find name 'foo'.`;
    const clipped = clipCommandOutput(text);
    expect(clipped.startsWith('compiling module 0\ncompiling module 1\n')).toBe(true);
    expect(clipped.endsWith("error TS2304: Cannot find name 'foo'.")).toBe(true);
    const shown = clipped.match(/… \((\d+) characters not shown\) …/);
    expect(shown).not.toBeNull();
    // what is shown plus what is said to be left out is the whole output
    expect(clipped.length - shown![0].length - 2 + Number(shown![1])).toBe(text.length);
    expect(clipped.length).toBeLessThan(MAX_TOOL_OUTPUT + 100);
  });
});

describe('fetch_url', () => {
  const servers: Server[] = [];
  afterEach(() => servers.splice(0).forEach((s) => s.close()));
  async function serveOnce(handler: (res: ServerResponse) => void): Promise<string> {
    const server = createServer((_req, res) => handler(res));
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }

  it('reads at most FETCH_MAX_BYTES of an endless body and says it was cut', async () => {
    let sent = 0;
    const url = await serveOnce((res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = () => {
        for (;;) {
          if (res.destroyed) return;
          if ((sent += chunk.length) > 64 * 1024 * 1024) return res.end();
          if (!res.write(chunk)) return res.once('drain', pump);
        }
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    });
    const page = await fetchText(url, AbortSignal.timeout(10_000));
    expect(page.text.length).toBeLessThan(FETCH_MAX_BYTES + 200);
    expect(page.text.startsWith('x'.repeat(1000))).toBe(true);
    expect(page.text.endsWith('x\n… (the response was cut after 2 MB)')).toBe(true);
    expect(sent).toBeLessThan(32 * 1024 * 1024); // the rest was never asked for
  });

  it('names a binary body instead of decoding it', async () => {
    const url = await serveOnce((res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': '4' });
      res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    });
    expect(await fetchText(url, AbortSignal.timeout(5000))).toEqual({ status: 200, ok: true, text: '(image/png content, 4 bytes: not text, not shown)' });
  });

  it('reduces HTML to its text, scripts and styles dropped, and stays linear on broken markup', () => {
    expect(htmlText('<html><head><style>p{color:red}</style><script>var a = "<b>";</script></head><body><h1>Title</h1><p>Some <b>bold</b> text.</p></body></html>')).toBe(
      'Title Some bold text.',
    );
    expect(htmlText('before <script>never closed <p>lost</p>')).toBe('before');
    const broken = '<'.repeat(200_000) + '<script'.repeat(20_000) + 'tail';
    expect(htmlText(broken)).toBe('<'.repeat(200_000));
  });
});

describe('read_file lines', () => {
  it('numbers the lines asked for, CRLF or LF, as the split it replaces did', () => {
    expect(numberedLines('a\r\nb\r\nc', 1, Infinity)).toBe('1: a\n2: b\n3: c');
    expect(numberedLines('a\nb\nc\nd\n', 2, 3)).toBe('2: b\n3: c');
    expect(numberedLines('a\nb\n', 1, Infinity)).toBe('1: a\n2: b\n3: ');
    expect(numberedLines('a\nb', 7, 9)).toBe('(the file has 2 lines; there is no line 7)');
  });

  it('stops a long file at what the model is shown, saying how many lines there are and where to read on', () => {
    const text = Array.from({ length: 200_000 }, (_, i) => `log line ${i}`).join('\n');
    const out = numberedLines(text, 10, Infinity);
    expect(out.length).toBeLessThanOrEqual(MAX_TOOL_OUTPUT);
    expect(out.startsWith('10: log line 9\n11: log line 10\n')).toBe(true);
    const last = out.split('\n').pop()!;
    const shownUpTo = Number(out.split('\n').at(-2)!.split(':')[0]);
    expect(last).toBe(`… (200000 lines in all; lines ${shownUpTo + 1}–200000 not shown: read on with start_line=${shownUpTo + 1})`);
  });
});
