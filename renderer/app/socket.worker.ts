/**
 * serve mode's WebSocket, held in a dedicated worker so that receiving and decoding messages
 * does not run on the page's main thread. Chrome spends most of a WebSocket message's cost
 * (reading it from the network service, building its ArrayBuffer, the event) on the thread
 * that owns the socket; during a terminal flood that was a third of the page's time, beside
 * xterm's parse and its frames. Here the worker decodes each frame (shared/ipc/frames) and
 * hands the page plain messages, several at once when they arrive faster than the page takes
 * them. The page still encodes what it sends (so it keeps throwing where a call is made) and
 * passes the bytes over.
 *
 * Page → worker: SocketCommand. Worker → page: SocketReport.
 */
import { decodeMessage } from '../../shared/ipc/frames';
import type { SocketCommand, SocketReport } from './socket-protocol';

interface WorkerScope {
  postMessage(msg: SocketReport): void;
  addEventListener(type: 'message', fn: (e: MessageEvent<SocketCommand>) => void): void;
  close(): void;
}
const scope = self as unknown as WorkerScope;

let socket: WebSocket | undefined;
/**
 * Messages decoded but not yet handed to the page; flushed by one task behind them, or at once
 * when they add up to BATCH_BYTES: the page copies a hand-over in one task, so a burst of large
 * pieces (a big file streaming in) must not become one long task there.
 */
let queue: unknown[] = [];
let queuedBytes = 0;
const BATCH_BYTES = 256 * 1024;
const flusher = new MessageChannel();
function flush(): void {
  const msgs = queue;
  queue = [];
  queuedBytes = 0;
  if (msgs.length) scope.postMessage({ k: 'msgs', msgs });
}
flusher.port1.onmessage = flush;

function receive(data: string | ArrayBuffer): void {
  let msg: unknown;
  try {
    msg = decodeMessage(data);
  } catch {
    return; // not ours
  }
  // The first message of a turn schedules the hand-over; any that arrive before it runs ride along.
  queuedBytes += typeof data === 'string' ? data.length : data.byteLength;
  if (queue.push(msg) === 1 && queuedBytes < BATCH_BYTES) flusher.port2.postMessage(null);
  else if (queuedBytes >= BATCH_BYTES) flush();
}

scope.addEventListener('message', (e) => {
  const cmd = e.data;
  switch (cmd.k) {
    case 'open': {
      const ws = new WebSocket(cmd.url);
      socket = ws;
      ws.binaryType = 'arraybuffer';
      ws.addEventListener('open', () => scope.postMessage({ k: 'open' }));
      ws.addEventListener('message', (ev: MessageEvent<string | ArrayBuffer>) => receive(ev.data));
      ws.addEventListener('error', () => scope.postMessage({ k: 'error' }));
      ws.addEventListener('close', () => {
        flush(); // whatever arrived before the close goes first
        scope.postMessage({ k: 'close' });
      });
      break;
    }
    case 'send':
      if (socket?.readyState === WebSocket.OPEN) socket.send(cmd.data);
      break;
    case 'close':
      socket?.close();
      break;
  }
});
