/**
 * Wire envelopes shared by every transport. A connection carries requests (`req`) answered
 * by responses (`res`), and stream subscriptions (`sub`/`unsub`) that produce events (`evt`).
 */

/** Error codes a caller can branch on; `message` is always readable by a person. */
export type ErrorCode =
  | 'UNKNOWN_CHANNEL'
  | 'INVALID_INPUT'
  | 'INVALID_OUTPUT'
  | 'INTERNAL'
  | 'NOT_FOUND'
  | 'EXISTS'
  | 'OUTSIDE_WORKSPACE'
  | 'NO_WORKSPACE'
  | 'IS_DIRECTORY'
  | 'NOT_DIRECTORY'
  | 'PERMISSION'
  | 'CONFLICT'
  | 'UNSUPPORTED'
  /** The text has characters the file's encoding cannot hold: saving would replace them. */
  | 'UNREPRESENTABLE'
  | 'DISCONNECTED'
  | 'CANCELLED';

export interface WireError {
  code: ErrorCode;
  message: string;
}

/**
 * The wire messages. A `req` with id NOTIFY_ID (0) is one-way: the router runs the handler and
 * sends no `res` (the client's `notify`), for calls whose answer nobody reads and that are
 * frequent, such as a terminal view acknowledging output it has parsed.
 */
export type Message =
  | { t: 'req'; id: number; ch: string; input: unknown }
  | { t: 'res'; id: number; ok: true; output: unknown }
  | { t: 'res'; id: number; ok: false; error: WireError }
  | { t: 'sub'; id: number; ch: string; input: unknown }
  | { t: 'unsub'; id: number }
  | { t: 'evt'; id: number; payload: unknown }
  | { t: 'end'; id: number; error?: WireError };

/** The request id of a one-way call (see Message). Ids of calls that want an answer start at 1. */
export const NOTIFY_ID = 0;

export interface Disposable {
  dispose(): void;
}

/** A bidirectional message pipe: Electron IPC, WebSocket, or an in-memory pair. */
export interface Transport {
  send(msg: Message): void;
  onMessage(fn: (msg: Message) => void): Disposable;
  onClose(fn: () => void): Disposable;
  close(): void;
}

/** An error that crosses the contract with a code the caller can act on. */
export class ContractError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

/** Returns true when `value` looks like a protocol message (shape only; payloads are validated by the router). */
export function isMessage(value: unknown): value is Message {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'number' || !Number.isInteger(v.id)) return false;
  switch (v.t) {
    case 'req':
    case 'sub':
      return typeof v.ch === 'string';
    case 'res':
      return typeof v.ok === 'boolean';
    case 'unsub':
    case 'evt':
    case 'end':
      return true;
    default:
      return false;
  }
}

/** Collects disposables so a connection, window or session can release everything at once. */
export class DisposableStore implements Disposable {
  private items = new Set<Disposable>();
  private disposed = false;

  add<T extends Disposable>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.add(item);
    return item;
  }

  delete(item: Disposable): void {
    this.items.delete(item);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const item of [...this.items].reverse()) {
      try {
        item.dispose();
      } catch {
        // one failing disposer must not keep the rest alive
      }
    }
    this.items.clear();
  }
}

/** Wraps a function as a disposable. */
export function toDisposable(fn: () => void): Disposable {
  let done = false;
  return {
    dispose() {
      if (done) return;
      done = true;
      fn();
    },
  };
}

/** A small typed event emitter whose subscriptions are disposables. */
export class Emitter<T> {
  private listeners = new Set<(value: T) => void>();

  readonly event = (fn: (value: T) => void): Disposable => {
    this.listeners.add(fn);
    return toDisposable(() => this.listeners.delete(fn));
  };

  fire(value: T): void {
    for (const fn of [...this.listeners]) fn(value);
  }

  get size(): number {
    return this.listeners.size;
  }

  dispose(): void {
    this.listeners.clear();
  }
}
