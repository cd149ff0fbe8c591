import { decodeMessage, encodeMessage } from '../../shared/ipc/frames';
import { Emitter, type Message, type Transport } from '../../shared/ipc/protocol';

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

/** The serve-mode transport: a WebSocket to the page's own origin. */
export function webSocketTransport(token: string): Promise<Transport> {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${window.location.host}/ws?token=${encodeURIComponent(token)}`);
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
          if (socket.readyState !== WebSocket.OPEN) throw new Error('The connection to Specwright is closed.');
          socket.send(encodeMessage(msg));
        },
        onMessage: messages.event,
        onClose: closes.event,
        close: () => socket.close(),
      }),
    );
    socket.addEventListener('error', () => reject(new Error('Could not connect to the Specwright server (wrong or expired token?).')));
  });
}
