import type { WebSocket } from 'ws';
import { Emitter, type Message, type Transport } from '../../shared/ipc/protocol';

/** Largest message accepted from a browser (a big file save fits; a runaway client does not). */
export const MAX_MESSAGE_BYTES = 512 * 1024 * 1024;

/** Wraps a server-side WebSocket as a Transport; malformed JSON is dropped, not fatal. */
export function wsTransport(socket: WebSocket): Transport {
  const messages = new Emitter<Message>();
  const closes = new Emitter<void>();
  let closed = false;
  socket.on('message', (data, isBinary) => {
    if (isBinary) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      return;
    }
    messages.fire(parsed as Message);
  });
  socket.on('close', () => {
    if (closed) return;
    closed = true;
    closes.fire();
  });
  socket.on('error', () => socket.close());
  return {
    send(msg) {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(msg));
    },
    onMessage: messages.event,
    onClose: closes.event,
    close: () => socket.close(),
  };
}
