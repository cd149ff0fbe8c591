import { decodeMessage, encodeMessage } from '../../shared/ipc/frames';
import { Emitter, type Message, type Transport } from '../../shared/ipc/protocol';
import type { SocketCommand, SocketReport } from './socket-protocol';

/** What the Electron preload exposes: one fixed channel, nothing else. */
export interface PreloadBridge {
  send(msg: unknown): void;
  onMessage(fn: (msg: unknown) => void): () => void;
}

declare global {
  interface Window {
    specwrightBridge?: PreloadBridge;
  }
}

/** The Electron transport, over the preload bridge. */
export function bridgeTransport(bridge: PreloadBridge): Transport {
  const messages = new Emitter<Message>();
  const closes = new Emitter<void>();
  const off = bridge.onMessage((msg) => messages.fire(msg as Message));
  return {
    send: (msg) => bridge.send(msg),
    onMessage: messages.event,
    onClose: closes.event,
    close() {
      off();
      closes.fire();
    },
  };
}

const TOKEN_KEY = 'specwright.token';

/** Reads the serve token from the URL once, then keeps it for reloads and removes it from the address bar. */
export function takeServeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function serveSocketUrl(token: string): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/ws?token=${encodeURIComponent(token)}`;
}

const CONNECT_FAILED = 'Could not connect to the Specwright server (wrong or expired token?).';
const CLOSED = 'The connection to Specwright is closed.';

/**
 * The serve-mode transport: a WebSocket to the page's own origin, held by a worker
 * (socket.worker.ts) so that receiving and decoding run off the main thread. Where the worker
 * cannot start, the socket is opened in the page instead.
 */
export async function webSocketTransport(token: string): Promise<Transport> {
  const url = serveSocketUrl(token);
  let worker: Worker;
  try {
    worker = new Worker(new URL('./socket.worker.ts', import.meta.url), { type: 'module', name: 'specwright-socket' });
  } catch {
    return pageSocketTransport(url);
  }
  const started = await workerSocketTransport(worker, url);
  return started ?? pageSocketTransport(url);
}

/** Null when the worker itself failed to load (the socket is then opened in the page). */
function workerSocketTransport(worker: Worker, url: string): Promise<Transport | null> {
  const messages = new Emitter<Message>();
  const closes = new Emitter<void>();
  let open = false;
  const command = (cmd: SocketCommand, transfer: Transferable[] = []) => worker.postMessage(cmd, transfer);
  return new Promise((resolve, reject) => {
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      if (!open) {
        worker.terminate();
        resolve(null);
      }
    });
    worker.addEventListener('message', (e: MessageEvent<SocketReport>) => {
      const report = e.data;
      switch (report.k) {
        case 'msg':
          messages.fire(report.msg as Message);
          break;
        case 'open':
          open = true;
          resolve({
            send(msg) {
              if (!open) throw new Error(CLOSED);
              const data = encodeMessage(msg);
              // a binary frame is a fresh buffer of its own: hand it over rather than copy it
              command({ k: 'send', data }, typeof data === 'string' ? [] : [data.buffer]);
            },
            onMessage: messages.event,
            onClose: closes.event,
            close: () => command({ k: 'close' }),
          });
          break;
        case 'error':
          if (!open) reject(new Error(CONNECT_FAILED));
          break;
        case 'close':
          if (!open) reject(new Error(CONNECT_FAILED));
          open = false;
          worker.terminate();
          closes.fire();
          break;
      }
    });
    command({ k: 'open', url });
  });
}

/** The same WebSocket opened in the page itself. */
function pageSocketTransport(url: string): Promise<Transport> {
  const socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer'; // long strings come as binary frames (shared/ipc/frames)
  const messages = new Emitter<Message>();
  const closes = new Emitter<void>();
  socket.addEventListener('message', (e: MessageEvent<string | ArrayBuffer>) => {
    try {
      messages.fire(decodeMessage(e.data) as Message);
    } catch {
      // not ours
    }
  });
  socket.addEventListener('close', () => closes.fire());
  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () =>
      resolve({
        send(msg) {
          if (socket.readyState !== WebSocket.OPEN) throw new Error(CLOSED);
          socket.send(encodeMessage(msg));
        },
        onMessage: messages.event,
        onClose: closes.event,
        close: () => socket.close(),
      }),
    );
    socket.addEventListener('error', () => reject(new Error(CONNECT_FAILED)));
  });
}
