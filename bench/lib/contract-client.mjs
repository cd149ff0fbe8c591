// A minimal client for the serve-mode WebSocket, for benchmarks that watch main's side.
import { WebSocket } from 'ws';
import { decodeFrame } from './frames.mjs';

export async function connect(port, token) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let id = 1000;
  const pending = new Map();
  const streams = new Map();
  ws.on('message', (raw, isBinary) => {
    const msg = decodeFrame(isBinary ? raw : raw.toString());
    if (msg.t === 'res') {
      pending.get(msg.id)?.(msg);
      pending.delete(msg.id);
    } else if (msg.t === 'evt') streams.get(msg.id)?.(msg.payload);
  });
  return {
    call(ch, input) {
      const i = id++;
      return new Promise((resolve, reject) => {
        pending.set(i, (m) => (m.ok ? resolve(m.output) : reject(new Error(m.error.message))));
        ws.send(JSON.stringify({ t: 'req', id: i, ch, input }));
      });
    },
    subscribe(ch, input, fn) {
      const i = id++;
      streams.set(i, fn);
      ws.send(JSON.stringify({ t: 'sub', id: i, ch, input }));
    },
    close: () => ws.close(),
  };
}
