import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OpenAICompatibleProvider } from './openai';
import type { ModelRequest, StreamEvent } from './provider';
import { startScriptedOpenAI, type OpenAITurn } from './test-support/scripted-openai';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function setup(script: OpenAITurn[], apiKey?: string) {
  const s = await startScriptedOpenAI(script);
  closers.push(s.close);
  return { s, provider: new OpenAICompatibleProvider({ baseUrl: s.baseUrl, apiKey, backoffMs: 5 }) };
}

const req = (over: Partial<ModelRequest> = {}): ModelRequest => ({
  modelId: 'qwen2.5-coder:7b',
  system: { stable: 'stable', dynamic: 'dynamic' },
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'hi' }] },
    { role: 'assistant', content: [{ type: 'toolUse', id: 'c1', name: 'read_file', input: { path: 'a' } }] },
    { role: 'user', content: [{ type: 'toolResult', toolUseId: 'c1', content: 'contents', isError: false }] },
  ],
  tools: [{ name: 'read_file', description: 'read', inputSchema: { type: 'object' } }],
  maxTokens: 100,
  cache: false,
  signal: new AbortController().signal,
  ...over,
});

async function collect(it: AsyncIterable<StreamEvent>) {
  const out: StreamEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}

describe('OpenAICompatibleProvider (scripted SSE server)', () => {
  it('streams text and tool calls, sends history in OpenAI form with the key', async () => {
    const { s, provider } = await setup([{ text: ['Hi ', 'there'], toolCalls: [{ name: 'read_file', arguments: { path: 'src/x.ts' } }], usage: { prompt: 30, completion: 4 } }], 'sk-test');
    const events = await collect(provider.stream(req()));
    expect(events.filter((e) => e.type === 'text').map((e) => (e as { text: string }).text).join('')).toBe('Hi there');
    expect(events.find((e) => e.type === 'toolUse')).toMatchObject({ name: 'read_file', input: { path: 'src/x.ts' } });
    expect(events.find((e) => e.type === 'usage')).toMatchObject({ usage: { inputTokens: 30, outputTokens: 4 } });
    expect(events.at(-1)).toEqual({ type: 'stop', reason: 'tool_use' });
    const body = s.requests[0].body as { messages: { role: string; tool_calls?: unknown; tool_call_id?: string }[] };
    expect(s.requests[0].headers.authorization).toBe('Bearer sk-test');
    expect(body.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(body.messages[3].tool_call_id).toBe('c1');
  });

  it('retries on 429 and explains a refused key', async () => {
    const { provider } = await setup([{ status: 429 }, { text: ['ok'] }]);
    const events = await collect(provider.stream(req()));
    expect(events.some((e) => e.type === 'retry')).toBe(true);
    const { provider: p2 } = await setup([{ status: 401 }]);
    await expect(collect(p2.stream(req()))).rejects.toMatchObject({ kind: 'credentials' });
  });

  it('a cut stream runs no half tool call', async () => {
    const { provider } = await setup([{ toolCalls: [{ name: 'read_file', arguments: { path: 'x' } }], cutAfterChunks: 1 }]);
    const events: StreamEvent[] = [];
    await expect(
      (async () => {
        for await (const e of provider.stream(req())) events.push(e);
      })(),
    ).rejects.toMatchObject({ kind: 'cut' });
    expect(events.some((e) => e.type === 'toolUse')).toBe(false);
  });

  it('says the local server is not running', async () => {
    // a port that was just freed: nothing listens there
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as net.AddressInfo).port;
    await new Promise((r) => srv.close(r));
    const provider = new OpenAICompatibleProvider({ baseUrl: `http://127.0.0.1:${port}/v1` });
    await expect(collect(provider.stream(req()))).rejects.toMatchObject({ kind: 'network', message: expect.stringContaining('is the server') });
  });
});
