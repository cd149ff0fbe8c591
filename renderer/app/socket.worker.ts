/**
 * serve mode's WebSocket, held in a dedicated worker so that receiving and decoding messages
 * does not run on the page's main thread. Chrome spends most of a WebSocket message's cost
 * (reading it from the network service, building its ArrayBuffer, the event) on the thread
 * that owns the socket; during a terminal flood that was a third of the page's time, beside
 * xterm's parse and its frames. Here the worker decodes each frame (shared/ipc/frames) and
 * hands the page plain messages. The page still encodes what it sends (so it keeps throwing
 * where a call is made) and passes the bytes over.
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

function receive(data: string | ArrayBuffer): void {
  let msg: unknown;
  try {
    msg = decodeMessage(data);
  } catch {
    return; // not ours
  }
  // at once, one by one: holding messages back to hand several over together saved the page
  // nothing measurable and cost an agent's first token a task's wait here
  scope.postMessage({ k: 'msg', msg });
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
      ws.addEventListener('close', () => scope.postMessage({ k: 'close' }));
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
