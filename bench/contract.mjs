// Benchmark #6 of BENCHMARKS.md: a contract round trip at 1 KB / 64 KB / 1 MB, in the page and
// from Node, against a raw WebSocket server (the `ws` package) and a raw MessageChannel.
//
// Ours: `files.read` of a pre-written N-byte file, a real call through serve's router: the
// request envelope is parsed, Zod-checked, the path confined to the workspace (realpath), the
// file stat'ed and read (page cache), sniffed for binary, checked as UTF-8, decoded, scanned
// for its line ending, and the response encoded and sent: JSON text, or from 32 KB a binary
// frame with the text as UTF-8 beside a JSON header (shared/ipc/frames.ts). The caller decodes
// the reply as the app's transports do (lib/frames.mjs).
// Raw: the same request shape (a small message out, an N-byte JSON reply back, parsed by the
// caller) from a bare `ws` server in its own Node process that answers with the same text.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { WebSocket } from 'ws';
import { browser, repoRoot, serve, tempDir } from './lib/env.mjs';
import { connect } from './lib/contract-client.mjs';
import { decodeFrame } from './lib/frames.mjs';
import { median, report } from './lib/report.mjs';

const SIZES = [
  { n: 1024, label: '1 KB', batch: 50 },
  { n: 64 * 1024, label: '64 KB', batch: 10 },
  { n: 1024 * 1024, label: '1 MB', batch: 2 },
];

/** N bytes of source-like ASCII text with line breaks (so JSON has escapes to write, as real files do). */
function text(n) {
  const line = 'export const value = computeSomething(alpha, beta, gamma); // 0123456789\n';
  return line.repeat(Math.ceil(n / line.length)).slice(0, n);
}

/**
 * The raw baseline server, run in a child Node process as serve is: `{"id":i,"n":N}` is answered
 * with `{"t":"res","id":i,"ok":true,"output":{"content":<the N-byte text>}}` (body pre-stringified,
 * so this is the transport alone); any other message is echoed back unchanged.
 */
const RAW_SERVER = `
const { WebSocketServer } = require('ws');
const fs = require('fs');
const path = require('path');
const [dir, sizes] = [process.argv[1], JSON.parse(process.argv[2])];
const bodies = new Map(sizes.map((n) => [n, JSON.stringify({ content: fs.readFileSync(path.join(dir, 'p' + n + '.txt'), 'utf8') })]));
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 512 * 1024 * 1024 });
wss.on('listening', () => console.log(String(wss.address().port)));
wss.on('connection', (ws) => ws.on('message', (data, isBinary) => {
  if (data.length < 100 && data[0] === 0x7b) {
    const req = JSON.parse(data.toString());
    ws.send('{"t":"res","id":' + req.id + ',"ok":true,"output":' + bodies.get(req.n) + '}');
  } else ws.send(data, { binary: isBinary });
}));
`;

async function startRawServer(dir) {
  const child = spawn(process.execPath, ['-e', RAW_SERVER, dir, JSON.stringify(SIZES.map((s) => s.n))], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = await once(child.stdout, 'data');
  return { port: Number(String(chunk).trim()), stop: () => child.kill('SIGTERM') };
}

/** Page-side helpers: each returns per-call means of `batches` batches of `batch` sequential round trips. */
const PAGE_HELPERS = `
${decodeFrame.toString()}
window.bench = {
  sockets: {},
  open(name, url) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.binaryType = 'arraybuffer';
      ws.onopen = () => { this.sockets[name] = ws; resolve(); };
      ws.onerror = () => reject(new Error('cannot open ' + url));
    });
  },
  rt(ws, msg) {
    return new Promise((resolve) => {
      ws.onmessage = (e) => resolve(e.data);
      ws.send(msg);
    });
  },
  async batches(batches, batch, once) {
    const out = [];
    for (let b = 0; b < batches; b++) {
      const t0 = performance.now();
      for (let i = 0; i < batch; i++) await once();
      out.push((performance.now() - t0) / batch);
    }
    return out;
  },
  id: 1,
  contract(n, path, batches, batch) {
    const ws = this.sockets.contract;
    return this.batches(batches, batch, async () => {
      const id = this.id++;
      const m = decodeFrame(await this.rt(ws, JSON.stringify({ t: 'req', id, ch: 'files.read', input: { path } })));
      if (m.id !== id || !m.ok || m.output.content.length !== n) throw new Error('bad contract reply: ' + JSON.stringify(m).slice(0, 200));
    });
  },
  current(batches, batch) {
    const ws = this.sockets.contract;
    return this.batches(batches, batch, async () => {
      const id = this.id++;
      const m = JSON.parse(await this.rt(ws, JSON.stringify({ t: 'req', id, ch: 'workspace.current', input: {} })));
      if (m.id !== id || !m.ok) throw new Error('bad reply');
    });
  },
  raw(n, batches, batch) {
    const ws = this.sockets.raw;
    return this.batches(batches, batch, async () => {
      const id = this.id++;
      const m = JSON.parse(await this.rt(ws, JSON.stringify({ id, n })));
      if (m.id !== id || m.output.content.length !== n) throw new Error('bad raw reply');
    });
  },
  echo(n, batches, batch) {
    const ws = this.sockets.raw;
    const msg = JSON.stringify({ t: 'evt', id: 0, payload: { content: this.payloads[n] } });
    return this.batches(batches, batch, async () => {
      const m = JSON.parse(await this.rt(ws, msg));
      if (m.payload.content.length !== n) throw new Error('bad echo');
    });
  },
  payloads: {},
  channel(n, batches, batch) {
    const { port1, port2 } = new MessageChannel();
    const content = this.payloads[n];
    port2.onmessage = (e) => port2.postMessage({ t: 'res', id: e.data.id, ok: true, output: { content } });
    return this.batches(batches, batch, async () => {
      const id = this.id++;
      const m = await new Promise((resolve) => {
        port1.onmessage = (e) => resolve(e.data);
        port1.postMessage({ t: 'req', id, ch: 'files.read', input: { path: 'p' + n + '.txt' } });
      });
      if (m.id !== id || m.output.content.length !== n) throw new Error('bad channel reply');
    }).finally(() => { port1.close(); port2.close(); });
  },
};
`;

/** Node side: the same measures, with the `ws` client. */
async function nodeBatches(batches, batch, once) {
  const out = [];
  for (let b = 0; b < batches; b++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) await once();
    out.push((performance.now() - t0) / batch);
  }
  return out;
}

async function rawNodeClient(port) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/`);
  await once(ws, 'open');
  let id = 1;
  return {
    async call(n) {
      const i = id++;
      const [data] = await new Promise((resolve) => {
        ws.once('message', (...a) => resolve(a));
        ws.send(JSON.stringify({ id: i, n }));
      });
      const m = JSON.parse(data.toString());
      if (m.id !== i || m.output.content.length !== n) throw new Error('bad raw reply');
    },
    close: () => ws.close(),
  };
}

/** Node's own MessageChannel (structured clone, same thread), for reference. */
async function nodeChannel(n, content, batches, batch) {
  const { port1, port2 } = new MessageChannel();
  port2.on('message', (m) => port2.postMessage({ t: 'res', id: m.id, ok: true, output: { content } }));
  let id = 1;
  try {
    return await nodeBatches(batches, batch, async () => {
      const i = id++;
      const m = await new Promise((resolve) => {
        port1.once('message', resolve);
        port1.postMessage({ t: 'req', id: i, ch: 'files.read', input: { path: `p${n}.txt` } });
      });
      if (m.id !== i || m.output.content.length !== n) throw new Error('bad channel reply');
    });
  } finally {
    port1.close();
    port2.close();
  }
}

const ms = (x) => (x >= 10 ? x.toFixed(1) : x.toFixed(3));

export async function contractBenchmarks({ smoke }) {
  const results = [];
  const rounds = smoke ? 1 : 8;
  const batches = smoke ? 3 : 8;
  const dir = tempDir();
  const payloads = {};
  for (const { n } of SIZES) {
    payloads[n] = text(n);
    await writeFile(path.join(dir, `p${n}.txt`), payloads[n]);
  }
  const server = await serve(dir);
  const raw = await startRawServer(dir);
  const b = await browser();
  try {
    const page = await b.newPage();
    // any page of serve's origin will do (the socket checks Origin); a 404 keeps the workbench out of the way
    await page.goto(new URL('/bench-blank', server.url).href);
    await page.addScriptTag({ content: PAGE_HELPERS });
    await page.evaluate(
      async ({ contractUrl, rawUrl, payloads }) => {
        window.bench.payloads = payloads;
        await window.bench.open('contract', contractUrl);
        await window.bench.open('raw', rawUrl);
      },
      { contractUrl: `ws://127.0.0.1:${server.port}/ws?token=${server.token}`, rawUrl: `ws://127.0.0.1:${raw.port}/`, payloads },
    );
    const client = await connect(server.port, server.token);
    const rawClient = await rawNodeClient(raw.port);

    const kinds = ['page', 'pageRaw', 'pageEcho', 'pageChannel', 'pageCurrent', 'node', 'nodeRaw', 'nodeChannel', 'nodeCurrent'];
    const samples = Object.fromEntries(SIZES.map((s) => [s.n, Object.fromEntries(kinds.map((k) => [k, []]))]));
    const measure = async (warmUp, bs) => {
      for (const { n, batch } of SIZES) {
        const file = `p${n}.txt`;
        const s = samples[n];
        const add = (k, xs) => warmUp || s[k].push(...xs);
        // interleaved, so noise from the machine lands on ours and the baselines alike
        add('page', await page.evaluate(({ n, file, bs, batch }) => window.bench.contract(n, file, bs, batch), { n, file, bs, batch }));
        add('pageRaw', await page.evaluate(({ n, bs, batch }) => window.bench.raw(n, bs, batch), { n, bs, batch }));
        add('pageEcho', await page.evaluate(({ n, bs, batch }) => window.bench.echo(n, bs, batch), { n, bs, batch }));
        add('pageChannel', await page.evaluate(({ n, bs, batch }) => window.bench.channel(n, bs, batch), { n, bs, batch }));
        add('node', await nodeBatches(bs, batch, async () => {
          const r = await client.call('files.read', { path: file });
          if (r.content.length !== n) throw new Error('bad contract reply');
        }));
        add('nodeRaw', await nodeBatches(bs, batch, () => rawClient.call(n)));
        add('nodeChannel', await nodeChannel(n, payloads[n], bs, batch));
      }
      // the contract with no handler work and a tiny reply: what the envelope, router and socket cost
      const current = samples[SIZES[0].n];
      const pageCurrent = await page.evaluate((bs) => window.bench.current(bs, 50), bs);
      const nodeCurrent = await nodeBatches(bs, 50, () => client.call('workspace.current', {}));
      if (!warmUp) {
        current.pageCurrent.push(...pageCurrent);
        current.nodeCurrent.push(...nodeCurrent);
      }
    };
    await measure(true, 2); // warm-up: JIT, page cache, socket buffers
    for (let r = 0; r < rounds; r++) await measure(false, batches);

    const m = (n, k) => median(samples[n][k]);
    console.log(
      `  (no-op contract call, workspace.current: page ${ms(m(1024, 'pageCurrent'))} ms, node ${ms(m(1024, 'nodeCurrent'))} ms)`,
    );
    for (const { n, label } of SIZES) {
      console.log(
        `  (${label}: page raw ws echo ${ms(m(n, 'pageEcho'))} ms, page MessageChannel ${ms(m(n, 'pageChannel'))} ms, node MessageChannel ${ms(m(n, 'nodeChannel'))} ms)`,
      );
      for (const side of ['page', 'node']) {
        const ours = m(n, side);
        const base = m(n, `${side}Raw`);
        results.push(
          report({
            name: `6 contract ${label}, ${side} (ms)`,
            ours,
            baseline: base,
            unit: '',
            ratio: ours / base,
            target: '≤1.5× raw ws',
            ok: ours <= 1.5 * base,
          }),
        );
      }
    }
    client.close();
    rawClient.close();
  } finally {
    await b.close();
    raw.stop();
    await server.stop();
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
  return results;
}
