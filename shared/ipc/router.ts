import type { z } from 'zod';
import type { CallContext, ContractShape, Handlers, StreamSubscription } from './define';
import { ContractError, DisposableStore, type Disposable, type Message, NOTIFY_ID, type Transport, type WireError, isMessage } from './protocol';

let nextConnectionId = 1;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(input)'}: ${issue.message}`)
    .join('; ');
}

/** Turns anything thrown by a handler into a wire error a caller can show. */
export function toWireError(err: unknown): WireError {
  if (err instanceof ContractError) return { code: err.code, message: err.message };
  if (err instanceof Error) return { code: 'INTERNAL', message: err.message || String(err) };
  return { code: 'INTERNAL', message: String(err) };
}

/**
 * Serves a contract over any number of transports. Every inbound message is checked against
 * the contract before a handler runs; handler errors become typed error replies; a closed
 * transport disposes every subscription it opened.
 */
export class Router<C extends ContractShape> {
  constructor(
    private readonly contract: C,
    private readonly handlers: Handlers<C>,
    private readonly options: { validateOutput?: boolean; onError?: (channel: string, err: unknown) => void } = {},
  ) {}

  /** Starts serving one connection; disposing it (or the transport closing) releases its subscriptions. */
  attach(transport: Transport): Disposable {
    const store = new DisposableStore();
    const subs = new Map<number, StreamSubscription>();
    const closeListeners = new Set<() => void>();
    const ctx: CallContext = {
      connectionId: nextConnectionId++,
      onDidClose(fn) {
        closeListeners.add(fn);
        return { dispose: () => closeListeners.delete(fn) };
      },
    };
    let closed = false;

    const send = (msg: Message) => {
      if (!closed) transport.send(msg);
    };

    store.add({
      dispose: () => {
        closed = true;
        for (const sub of subs.values()) safeDispose(sub);
        subs.clear();
        for (const fn of [...closeListeners]) {
          try {
            fn();
          } catch {
            // one failing listener must not keep the rest from running
          }
        }
        closeListeners.clear();
      },
    });
    store.add(transport.onClose(() => store.dispose()));
    store.add(
      transport.onMessage((raw) => {
        if (!isMessage(raw)) return; // not ours: nothing to answer to
        if (raw.t === 'req') void this.handleCall(raw.id, raw.ch, raw.input, ctx, send);
        else if (raw.t === 'sub') this.handleSub(raw.id, raw.ch, raw.input, ctx, send, subs);
        else if (raw.t === 'unsub') {
          const sub = subs.get(raw.id);
          subs.delete(raw.id);
          if (sub) safeDispose(sub);
        }
      }),
    );
    return store;
  }

  private channel(ch: string) {
    return Object.prototype.hasOwnProperty.call(this.contract, ch) ? this.contract[ch] : undefined;
  }

  private async handleCall(id: number, ch: string, input: unknown, ctx: CallContext, sendTo: (m: Message) => void) {
    // a one-way call is answered by no one: refusals and results alike are dropped
    const send = id === NOTIFY_ID ? () => undefined : sendTo;
    const def = this.channel(ch);
    if (!def || def.kind !== 'call') {
      send({ t: 'res', id, ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown call channel "${ch}".` } });
      return;
    }
    const parsed = def.input.safeParse(input);
    if (!parsed.success) {
      send({ t: 'res', id, ok: false, error: { code: 'INVALID_INPUT', message: `${ch}: ${describeIssues(parsed.error)}` } });
      return;
    }
    try {
      const handler = this.handlers[ch] as (i: unknown, c: CallContext) => unknown;
      let output = await handler(parsed.data, ctx);
      if (this.options.validateOutput) {
        const out = def.output.safeParse(output);
        if (!out.success) throw new ContractError('INVALID_OUTPUT', `${ch} produced invalid output: ${describeIssues(out.error)}`);
        output = out.data;
      }
      send({ t: 'res', id, ok: true, output });
    } catch (err) {
      if (!(err instanceof ContractError)) this.options.onError?.(ch, err);
      send({ t: 'res', id, ok: false, error: toWireError(err) });
    }
  }

  private handleSub(
    id: number,
    ch: string,
    input: unknown,
    ctx: CallContext,
    send: (m: Message) => void,
    subs: Map<number, StreamSubscription>,
  ) {
    const def = this.channel(ch);
    if (!def || def.kind !== 'stream') {
      send({ t: 'end', id, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown stream channel "${ch}".` } });
      return;
    }
    const parsed = def.input.safeParse(input);
    if (!parsed.success) {
      send({ t: 'end', id, error: { code: 'INVALID_INPUT', message: `${ch}: ${describeIssues(parsed.error)}` } });
      return;
    }
    if (subs.has(id)) return;
    try {
      const handler = this.handlers[ch] as (i: unknown, emit: (p: unknown) => void, c: CallContext) => StreamSubscription;
      const sub = handler(parsed.data, (payload) => send({ t: 'evt', id, payload }), ctx);
      subs.set(id, sub);
    } catch (err) {
      send({ t: 'end', id, error: toWireError(err) });
    }
  }
}

function safeDispose(sub: StreamSubscription) {
  try {
    sub.dispose();
  } catch {
    // a failing disposer must not keep other subscriptions alive
  }
}
