import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createClient } from './client';
import { call, stream, type Handlers } from './define';
import { createMemoryPair } from './memory';
import { ContractError, Emitter, type Message, NOTIFY_ID } from './protocol';
import { Router } from './router';

const testContract = {
  'math.add': call(z.object({ a: z.number(), b: z.number() }), z.object({ sum: z.number() })),
  'math.fail': call(z.object({}), z.object({})),
  'math.refuse': call(z.object({}), z.object({})),
  'ticks.onDidTick': stream(z.object({ every: z.number().int().positive() }), z.object({ n: z.number() })),
};
type TestContract = typeof testContract;

function setup() {
  const ticks = new Emitter<number>();
  const handlers: Handlers<TestContract> = {
    'math.add': vi.fn(({ a, b }) => ({ sum: a + b })),
    'math.fail': () => {
      throw new Error('disk on fire');
    },
    'math.refuse': () => {
      throw new ContractError('OUTSIDE_WORKSPACE', 'no');
    },
    'ticks.onDidTick': (_input, emit) => ticks.event((n) => emit({ n })),
  };
  const [serverSide, clientSide] = createMemoryPair();
  const router = new Router(testContract, handlers);
  const conn = router.attach(serverSide);
  const client = createClient<TestContract>(clientSide);
  return { handlers, client, clientSide, serverSide, ticks, conn };
}

/** Sends a raw message and resolves with the first reply carrying the same id. */
function rawRequest(transport: ReturnType<typeof createMemoryPair>[1], msg: Message): Promise<Message> {
  return new Promise((resolve) => {
    const sub = transport.onMessage((reply) => {
      if (reply.id === msg.id) {
        sub.dispose();
        resolve(reply);
      }
    });
    transport.send(msg);
  });
}

describe('Router', () => {
  it('answers a valid call with the handler output', async () => {
    const { client } = setup();
    await expect(client.call('math.add', { a: 2, b: 3 })).resolves.toEqual({ sum: 5 });
  });

  it('rejects an unknown channel with a typed error and calls no handler', async () => {
    const { clientSide, handlers } = setup();
    const reply = await rawRequest(clientSide, { t: 'req', id: 7, ch: 'fs.readAnything', input: {} });
    expect(reply).toMatchObject({ t: 'res', id: 7, ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(handlers['math.add']).not.toHaveBeenCalled();
  });

  it('rejects inherited object keys as channels', async () => {
    const { clientSide } = setup();
    const reply = await rawRequest(clientSide, { t: 'req', id: 8, ch: 'constructor', input: {} });
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('rejects invalid input with INVALID_INPUT naming the field and never calls the handler', async () => {
    const { clientSide, handlers } = setup();
    const reply = await rawRequest(clientSide, { t: 'req', id: 9, ch: 'math.add', input: { a: 'two', b: 3 } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((reply as { error: { message: string } }).error.message).toContain('a');
    expect(handlers['math.add']).not.toHaveBeenCalled();
  });

  it('turns a thrown handler error into an error reply', async () => {
    const { client } = setup();
    await expect(client.call('math.fail', {})).rejects.toMatchObject({ code: 'INTERNAL', message: 'disk on fire' });
    await expect(client.call('math.refuse', {})).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
    // the connection still works afterwards
    await expect(client.call('math.add', { a: 1, b: 1 })).resolves.toEqual({ sum: 2 });
  });

  it('delivers stream events and stops after dispose', async () => {
    const { client, ticks } = setup();
    const seen: number[] = [];
    const sub = client.subscribe('ticks.onDidTick', { every: 1 }, (p) => seen.push(p.n));
    await new Promise((r) => setTimeout(r, 5));
    ticks.fire(1);
    ticks.fire(2);
    await new Promise((r) => setTimeout(r, 5));
    sub.dispose();
    await new Promise((r) => setTimeout(r, 5));
    ticks.fire(3);
    await new Promise((r) => setTimeout(r, 5));
    expect(seen).toEqual([1, 2]);
    expect(ticks.size).toBe(0);
  });

  it('refuses a subscription with invalid input', async () => {
    const { client } = setup();
    const ended = await new Promise<ContractError | undefined>((resolve) => {
      client.subscribe('ticks.onDidTick', { every: -1 }, () => undefined, resolve);
    });
    expect(ended?.code).toBe('INVALID_INPUT');
  });

  it('disposes every subscription when the transport closes', async () => {
    const { client, ticks, clientSide } = setup();
    client.subscribe('ticks.onDidTick', { every: 1 }, () => undefined);
    client.subscribe('ticks.onDidTick', { every: 2 }, () => undefined);
    await new Promise((r) => setTimeout(r, 5));
    expect(ticks.size).toBe(2);
    clientSide.close();
    expect(ticks.size).toBe(0);
  });

  it('rejects pending calls when the connection drops', async () => {
    const [serverSide, clientSide] = createMemoryPair();
    const slow = {
      'slow.call': call(z.object({}), z.object({})),
    };
    new Router(slow, { 'slow.call': () => new Promise<Record<string, never>>(() => undefined) }).attach(serverSide);
    const client = createClient<typeof slow>(clientSide);
    const pending = client.call('slow.call', {});
    await new Promise((r) => setTimeout(r, 5));
    clientSide.close();
    await expect(pending).rejects.toMatchObject({ code: 'DISCONNECTED' });
  });

  it('ignores messages that are not protocol envelopes', async () => {
    const { clientSide, client } = setup();
    clientSide.send({ nonsense: true } as unknown as Message);
    await expect(client.call('math.add', { a: 1, b: 2 })).resolves.toEqual({ sum: 3 });
  });
  it('runs a one-way call (notify) and sends nothing back, not even a refusal', async () => {
    const { handlers, client, clientSide } = setup();
    const seen: Message[] = [];
    clientSide.onMessage((m) => seen.push(m));
    client.notify('math.add', { a: 2, b: 3 });
    client.notify('math.refuse', {});
    clientSide.send({ t: 'req', id: NOTIFY_ID, ch: 'math.add', input: { a: 'not a number' } });
    clientSide.send({ t: 'req', id: NOTIFY_ID, ch: 'no.such.channel', input: {} });
    // a call that wants an answer still gets one, after the one-way calls
    await expect(client.call('math.add', { a: 1, b: 1 })).resolves.toEqual({ sum: 2 });
    expect(handlers['math.add']).toHaveBeenCalledTimes(2);
    expect(handlers['math.add']).toHaveBeenCalledWith({ a: 2, b: 3 }, expect.anything());
    expect(seen.filter((m) => m.t === 'res')).toHaveLength(1);
  });

  it('notify on a closed connection does not throw', () => {
    const { client, clientSide } = setup();
    clientSide.close();
    expect(() => client.notify('math.add', { a: 1, b: 2 })).not.toThrow();
  });
});
