import type { WebSocket } from 'ws';
import { decodeMessage, encodeMessage } from '../../shared/ipc/frames';
import { Emitter, type Message, type Transport } from '../../shared/ipc/protocol';

/** A frame's buffer: not zero-filled first (encodeMessage writes every byte). */
const unfilled = (n: number): Uint8Array => Buffer.allocUnsafe(n);

/** Largest message accepted from a browser (a big file save fits; a runaway client does not). */
export const MAX_MESSAGE_BYTES = 512 * 1024 * 1024;

/** Wraps a server-side WebSocket as a Transport (frames as in shared/ipc/frames); a malformed message is dropped, not fatal. */
export function wsTransport(socket: WebSocket): Transport {
  const messages = new Emitter<Message>();
  const closes = new Emitter<void>();
  let closed = false;
  socket.on('message', (data, isBinary) => {
    let parsed: unknown;
    try {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
      parsed = isBinary ? decodeMessage(bytes) : JSON.parse(bytes.toString());
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
      if (socket.readyState === socket.OPEN) socket.send(encodeMessage(msg, unfilled));
    },
    onMessage: messages.event,
    onClose: closes.event,
    close: () => socket.close(),
  };
}
