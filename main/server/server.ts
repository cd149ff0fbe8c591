import { randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import type { App } from '../compose';
import { RENDERER_CSP } from '../csp';
import { MAX_MESSAGE_BYTES, wsTransport } from './ws-transport';

export interface ServeOptions {
  app: App;
  /** The built renderer (index.html and assets). */
  staticDir: string;
  host?: string;
  port?: number;
  /** Fixed token (tests); a random one otherwise. */
  token?: string;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};


function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** True for loopback addresses, where binding is safe by default. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/**
 * `specwright serve`: the built renderer over HTTP and the contract over a WebSocket on
 * the same port. The socket requires the random token from the printed URL and an Origin
 * equal to the page's own, so other local pages and processes cannot drive it.
 */
export async function startServer(options: ServeOptions) {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const host = options.host ?? '127.0.0.1';
  const staticRoot = path.resolve(options.staticDir);

  const server = http.createServer((req, res) => {
    void serveStatic(staticRoot, req, res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const given = url.searchParams.get('token') ?? '';
    const origin = req.headers.origin;
    const expectedOrigins = new Set([`http://${req.headers.host}`]);
    if (url.pathname !== '/ws' || !tokensEqual(given, token) || (origin !== undefined && !expectedOrigins.has(origin))) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      options.app.router.attach(wsTransport(ws));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}/?token=${token}`;

  return {
    url,
    port,
    token,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // browsers keep idle HTTP connections open; close() alone would wait for them
      server.closeAllConnections();
      await closed;
    },
  };
}

async function serveStatic(root: string, req: http.IncomingMessage, res: http.ServerResponse) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://placeholder').pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const file = path.resolve(root, '.' + pathname);
  if (!file.startsWith(root + path.sep)) {
    res.writeHead(404).end();
    return;
  }
  try {
    const st = await fsp.stat(file);
    if (!st.isFile()) throw new Error('not a file');
    const headers: Record<string, string | number> = {
      'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': st.size,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': pathname === '/index.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
    };
    if (file.endsWith('.html')) {
      headers['Content-Security-Policy'] = RENDERER_CSP;
      headers['Referrer-Policy'] = 'no-referrer';
    }
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else await sendFile(file, res);
  } catch {
    if (!res.headersSent) res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    else res.destroy();
  }
}

/**
 * Buffers the static files are sent through, reused from one request to the next. A read
 * stream allocates a new 64 KB buffer per chunk, which stays resident until a GC: loading the
 * workbench (~15 MB of scripts) left ~13 MB of dead buffers in serve's memory.
 */
const spareBuffers: Buffer[] = [];
const SEND_CHUNK = 256 * 1024;

/** Writes the file to `res` one chunk at a time through a reused buffer, then ends it. */
async function sendFile(file: string, res: http.ServerResponse): Promise<void> {
  const fh = await fsp.open(file, 'r');
  const buf = spareBuffers.pop() ?? Buffer.allocUnsafe(SEND_CHUNK);
  // a client that goes away mid-file: stop there (its socket may still hold the last chunk)
  const gone = new Promise<false>((resolve) => res.once('close', () => resolve(false)));
  let reusable = true;
  try {
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      // the socket holds on to the chunk until it is written: wait for that before refilling
      const written = await Promise.race([new Promise<boolean>((resolve) => res.write(buf.subarray(0, bytesRead), (err) => resolve(!err))), gone]);
      if (!written) {
        reusable = false;
        res.destroy();
        return;
      }
    }
    res.end();
  } finally {
    await fh.close();
    if (reusable && spareBuffers.length < 4) spareBuffers.push(buf);
  }
}
