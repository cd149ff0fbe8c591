import type { CallNames, ContractShape, InputOf, OutputOf, PayloadOf, StreamNames } from './define';
import { ContractError, type Disposable, type Message, NOTIFY_ID, type Transport, isMessage } from './protocol';

interface Pending {
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

export interface Client<C extends ContractShape> {
  /** Calls a request channel; rejects with a ContractError carrying the server's code and message. */
  call<K extends CallNames<C>>(channel: K, input: InputOf<C[K]>): Promise<OutputOf<C[K]>>;
  /**
   * Calls a request channel one way: no answer comes back, so nothing tells the caller whether
   * it was refused or the connection is gone. For frequent calls whose answer nobody reads.
   */
  notify<K extends CallNames<C>>(channel: K, input: InputOf<C[K]>): void;
  /** Subscribes to a stream channel; `onEnd` reports a server-side end or refusal. */
  subscribe<K extends StreamNames<C>>(
    channel: K,
    input: InputOf<C[K]>,
    onEvent: (payload: PayloadOf<C[K]>) => void,
    onEnd?: (error?: ContractError) => void,
  ): Disposable;
  dispose(): void;
}

/** Creates the typed client over a transport. Types come from the contract alone. */
export function createClient<C extends ContractShape>(transport: Transport): Client<C> {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const streams = new Map<number, { onEvent(p: unknown): void; onEnd?(e?: ContractError): void }>();

  const messageSub = transport.onMessage((msg: Message) => {
    if (!isMessage(msg)) return;
    if (msg.t === 'res') {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.output);
      else p.reject(new ContractError(msg.error.code, msg.error.message));
    } else if (msg.t === 'evt') {
      streams.get(msg.id)?.onEvent(msg.payload);
    } else if (msg.t === 'end') {
      const s = streams.get(msg.id);
      streams.delete(msg.id);
      s?.onEnd?.(msg.error ? new ContractError(msg.error.code, msg.error.message) : undefined);
    }
  });

  const closeSub = transport.onClose(() => {
    const err = new ContractError('DISCONNECTED', 'The connection to Specwright was lost.');
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    for (const s of streams.values()) s.onEnd?.(err);
    streams.clear();
  });

  return {
    call(channel, input) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        try {
          transport.send({ t: 'req', id, ch: channel, input });
        } catch (err) {
          pending.delete(id);
          reject(err);
        }
      });
    },
    notify(channel, input) {
      try {
        transport.send({ t: 'req', id: NOTIFY_ID, ch: channel, input });
      } catch {
        // the connection is gone: a one-way call has no one to tell
      }
    },
    subscribe(channel, input, onEvent, onEnd) {
      const id = nextId++;
      streams.set(id, { onEvent: onEvent as (p: unknown) => void, onEnd });
      transport.send({ t: 'sub', id, ch: channel, input });
      return {
        dispose() {
          if (!streams.delete(id)) return;
          try {
            transport.send({ t: 'unsub', id });
          } catch {
            // the connection is already gone
          }
        },
      };
    },
    dispose() {
      messageSub.dispose();
      closeSub.dispose();
    },
  };
}
