import type { z } from 'zod';

/** A request/response channel: the router validates `input` before the handler and `output` after. */
export interface CallDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  kind: 'call';
  input: I;
  output: O;
}

/** A stream channel: subscribing with `input` yields `payload` events until disposed. */
export interface StreamDef<I extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType> {
  kind: 'stream';
  input: I;
  payload: P;
}

export type ChannelDef = CallDef | StreamDef;
export type ContractShape = Record<string, ChannelDef>;

/** Declares a call channel. */
export function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CallDef<I, O> {
  return { kind: 'call', input, output };
}

/** Declares a stream channel. */
export function stream<I extends z.ZodType, P extends z.ZodType>(input: I, payload: P): StreamDef<I, P> {
  return { kind: 'stream', input, payload };
}

export type CallNames<C extends ContractShape> = {
  [K in keyof C]: C[K] extends CallDef ? K : never;
}[keyof C] &
  string;
export type StreamNames<C extends ContractShape> = {
  [K in keyof C]: C[K] extends StreamDef ? K : never;
}[keyof C] &
  string;

export type InputOf<D extends ChannelDef> = z.input<D['input']>;
export type ParsedInputOf<D extends ChannelDef> = z.output<D['input']>;
export type OutputOf<D> = D extends CallDef<z.ZodType, infer O> ? z.output<O> : never;
export type PayloadOf<D> = D extends StreamDef<z.ZodType, infer P> ? z.output<P> : never;

/** What a stream handler returns: the subscription, released when the client unsubscribes or disconnects. */
export interface StreamSubscription {
  dispose(): void;
}

/** Per-connection facts handed to every handler. */
export interface CallContext {
  /** Identifies the connection (one window or one browser tab). */
  connectionId: number;
  /** Runs `fn` when this connection closes (window closed, tab gone, socket dropped). */
  onDidClose(fn: () => void): { dispose(): void };
}

/** The full set of handlers a host must supply: a missing one is a type error. */
export type Handlers<C extends ContractShape> = {
  [K in keyof C]: C[K] extends CallDef
    ? (input: ParsedInputOf<C[K]>, ctx: CallContext) => Promise<OutputOf<C[K]>> | OutputOf<C[K]>
    : C[K] extends StreamDef
      ? (input: ParsedInputOf<C[K]>, emit: (payload: PayloadOf<C[K]>) => void, ctx: CallContext) => StreamSubscription
      : never;
};
