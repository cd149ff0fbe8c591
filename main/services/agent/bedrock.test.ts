import { afterEach, describe, expect, it } from 'vitest';
import { BedrockProvider } from './bedrock';
import type { ModelRequest, StreamEvent } from './provider';
import { startScriptedBedrock, type ScriptedTurn } from './test-support/scripted-bedrock';

process.env.AWS_ACCESS_KEY_ID = 'AKIDTESTFIXTURE';
process.env.AWS_SECRET_ACCESS_KEY = 'fixture-secret';

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function setup(script: ScriptedTurn[]) {
  const server = await startScriptedBedrock(script);
  servers.push(server);
  const provider = new BedrockProvider({ region: 'us-east-1', endpoint: server.endpoint, backoffMs: 10 });
  return { server, provider };
}

const request = (over: Partial<ModelRequest> = {}): ModelRequest => ({
  modelId: 'anthropic.claude-test',
  system: { stable: 'You are a coding agent.', dynamic: 'Workspace: demo' },
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  tools: [{ name: 'read_file', description: 'Read a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } } } }],
  maxTokens: 1000,
  cache: true,
  signal: new AbortController().signal,
  ...over,
});

async function collect(it: AsyncIterable<StreamEvent>) {
  const out: StreamEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}

describe('BedrockProvider (the real AWS SDK client against a scripted ConverseStream server)', () => {
  it('streams text deltas, a complete tool call, the stop reason and usage', async () => {
    const { provider } = await setup([
      { text: ['Hel', 'lo'], toolUses: [{ name: 'read_file', input: { path: 'src/a.ts' }, chunks: 3 }], usage: { inputTokens: 50, outputTokens: 7, cacheReadTokens: 0 } as never },
    ]);
    const events = await collect(provider.stream(request()));
    expect(events.filter((e) => e.type === 'text').map((e) => (e as { text: string }).text)).toEqual(['Hel', 'lo']);
    expect(events.find((e) => e.type === 'toolUse')).toMatchObject({ name: 'read_file', input: { path: 'src/a.ts' } });
    expect(events.find((e) => e.type === 'stop')).toEqual({ type: 'stop', reason: 'tool_use' });
    expect(events.find((e) => e.type === 'usage')).toMatchObject({ usage: { inputTokens: 50, outputTokens: 7 } });
  });

  it('sends the system prompt and tools with cache points', async () => {
    const { provider, server } = await setup([{ text: ['ok'] }]);
    await collect(
      provider.stream(
        request({
          messages: [
            { role: 'user', content: [{ type: 'text', text: 'first' }] },
            { role: 'assistant', content: [{ type: 'text', text: 'answer' }] },
            { role: 'user', content: [{ type: 'text', text: 'second' }] },
          ],
        }),
      ),
    );
    const body = server.requests[0].body;
    expect(body.system).toEqual([{ text: 'You are a coding agent.' }, { cachePoint: { type: 'default' } }, { text: 'Workspace: demo' }]);
    expect(body.toolConfig?.tools?.at(-1)).toEqual({ cachePoint: { type: 'default' } });
    expect(body.messages?.at(-1)?.content.at(-1)).toEqual({ cachePoint: { type: 'default' } });
  });

  it('retries when throttled (HTTP 429 and a throttling frame mid-stream), then succeeds', async () => {
    const { provider, server } = await setup([{ error: 'throttling' }, { error: 'throttlingMidStream' }, { text: ['finally'] }]);
    const events = await collect(provider.stream(request()));
    expect(events.some((e) => e.type === 'retry')).toBe(true);
    expect(events.filter((e) => e.type === 'text')).toEqual([{ type: 'text', text: 'finally' }]);
    expect(server.requests.length).toBe(3);
  });

  it('ends a stream cut mid-answer with a clear error and no half tool call', async () => {
    const { provider } = await setup([{ text: ['partial'], toolUses: [{ name: 'read_file', input: { path: 'x' } }], cutAfterFrames: 4 }]);
    const events: StreamEvent[] = [];
    await expect(
      (async () => {
        for await (const e of provider.stream(request())) events.push(e);
      })(),
    ).rejects.toMatchObject({ kind: 'cut' });
    expect(events.some((e) => e.type === 'toolUse')).toBe(false);
  });

  it('says what to do when the account has no access to the model', async () => {
    const { provider } = await setup([{ error: 'accessDenied', message: 'You do not have access' }]);
    await expect(collect(provider.stream(request()))).rejects.toMatchObject({ kind: 'access', message: expect.stringContaining('Model access') });
  });

  it('stops when cancelled', async () => {
    const { provider } = await setup([{ text: Array.from({ length: 50 }, (_, i) => `t${i} `), delayMs: 20 }]);
    const ac = new AbortController();
    const events: StreamEvent[] = [];
    setTimeout(() => ac.abort(), 100);
    await expect(
      (async () => {
        for await (const e of provider.stream(request({ signal: ac.signal }))) events.push(e);
      })(),
    ).rejects.toMatchObject({ kind: 'cancelled' });
    expect(events.length).toBeLessThan(20);
  });
});
