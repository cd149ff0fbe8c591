import { Emitter, type Message, type Transport, toDisposable } from './protocol';

/**
 * Two connected in-memory transports, for unit tests and in-process hosts. Messages are
 * delivered asynchronously and structurally cloned, as they would be over a real pipe.
 */
export function createMemoryPair(): [Transport, Transport] {
  const make = () => ({ messages: new Emitter<Message>(), closes: new Emitter<void>(), closed: false });
  const a = make();
  const b = make();
  const endpoint = (self: ReturnType<typeof make>, peer: ReturnType<typeof make>): Transport => ({
    send(msg) {
      if (self.closed) throw new Error('transport closed');
      const copy = structuredClone(msg);
      queueMicrotask(() => {
        if (!peer.closed) peer.messages.fire(copy);
      });
    },
    onMessage: (fn) => self.messages.event(fn),
    onClose: (fn) => {
      if (self.closed) {
        queueMicrotask(fn);
        return toDisposable(() => undefined);
      }
      return self.closes.event(fn);
    },
    close() {
      for (const side of [self, peer]) {
        if (side.closed) continue;
        side.closed = true;
        side.closes.fire();
      }
    },
  });
  return [endpoint(a, b), endpoint(b, a)];
}
