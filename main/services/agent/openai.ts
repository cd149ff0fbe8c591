import { ProviderError, withThrottleRetry, type ChatMessage, type ModelProvider, type ModelRequest, type StreamEvent } from './provider';

export interface OpenAIOptions {
  /** e.g. http://localhost:11434/v1 (Ollama), http://localhost:1234/v1 (LM Studio). */
  baseUrl: string;
  apiKey?: string;
  maxThrottleRetries?: number;
  backoffMs?: number;
}

type OAIContent = string | null | ({ type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } })[];

interface OAIMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: OAIContent;
  tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
}

function toOpenAI(system: string, messages: ChatMessage[]): OAIMessage[] {
  const out: OAIMessage[] = [{ role: 'system', content: system }];
  for (const m of messages) {
    const text = m.content.filter((b) => b.type === 'text').map((b) => (b as { text: string }).text).join('\n');
    if (m.role === 'assistant') {
      const calls = m.content.filter((b): b is Extract<typeof b, { type: 'toolUse' }> => b.type === 'toolUse');
      out.push({
        role: 'assistant',
        content: text || null,
        ...(calls.length ? { tool_calls: calls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: JSON.stringify(c.input) } })) } : {}),
      });
    } else {
      for (const b of m.content) if (b.type === 'toolResult') out.push({ role: 'tool', tool_call_id: b.toolUseId, content: b.isError ? `ERROR: ${b.content}` : b.content });
      const images = m.content.filter((b): b is Extract<typeof b, { type: 'image' }> => b.type === 'image');
      if (images.length) {
        out.push({ role: 'user', content: [{ type: 'text', text }, ...images.map((i) => ({ type: 'image_url' as const, image_url: { url: `data:${i.mediaType};base64,${i.data}` } }))] });
      } else if (text) out.push({ role: 'user', content: text });
    }
  }
  return out;
}

/** fetch reports failures as TypeError('fetch failed' | 'terminated') with the reason in `cause`. */
function describeFetchError(err: unknown, baseUrl: string): ProviderError {
  if (err instanceof ProviderError) return err;
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e?.cause?.code ?? '';
  const text = `${e?.message ?? ''} ${code} ${e?.cause?.message ?? ''}`;
  if (e?.name === 'AbortError') return new ProviderError('cancelled', 'Stopped.');
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ETIMEDOUT/.test(text)) {
    return new ProviderError('network', `Cannot reach ${baseUrl} (is the server, e.g. Ollama or LM Studio, running?) [${code || e?.message}]`);
  }
  if (/terminated|other side closed|ECONNRESET|UND_ERR_SOCKET/i.test(text)) {
    return new ProviderError('cut', `The model's answer was cut off mid-stream (${text.trim()}). Nothing from the unfinished part was applied.`);
  }
  return new ProviderError('unknown', `The model endpoint failed: ${text.trim()}`);
}

/** Any OpenAI-compatible chat-completions endpoint: Ollama, LM Studio, vLLM, or a hosted one with a key. */
export class OpenAICompatibleProvider implements ModelProvider {
  readonly name = 'openai-compatible';

  constructor(private readonly options: OpenAIOptions) {}

  stream(req: ModelRequest): AsyncIterable<StreamEvent> {
    return withThrottleRetry(req, () => this.once(req), (err) => describeFetchError(err, this.options.baseUrl), {
      maxRetries: this.options.maxThrottleRetries,
      backoffMs: this.options.backoffMs,
    });
  }

  private async *once(req: ModelRequest): AsyncIterable<StreamEvent> {
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
    const res = await fetch(url, {
      method: 'POST',
      signal: req.signal,
      headers: { 'content-type': 'application/json', ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}) },
      body: JSON.stringify({
        model: req.modelId,
        stream: true,
        stream_options: { include_usage: true },
        max_tokens: req.maxTokens,
        messages: toOpenAI([req.system.stable, req.system.dynamic].filter(Boolean).join('\n\n'), req.messages),
        ...(req.tools.length ? { tools: req.tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.inputSchema } })) } : {}),
      }),
    });
    if (!res.ok || !res.body) {
      const text = await res.text().catch(() => '');
      if (res.status === 401 || res.status === 403) throw new ProviderError('credentials', `${url} refused the API key (HTTP ${res.status}). Set it with "Agent: Set API Key" or SPECWRIGHT_OPENAI_API_KEY.`);
      if (res.status === 429) throw new ProviderError('throttled', `${url} is rate-limiting requests (HTTP 429).`);
      if (res.status === 404) throw new ProviderError('invalid', `${url} does not know the model "${req.modelId}" (HTTP 404): ${text.slice(0, 300)}`);
      throw new ProviderError('invalid', `${url} answered HTTP ${res.status}: ${text.slice(0, 300)}`);
    }
    const tools = new Map<number, { id: string; name: string; args: string }>();
    let finish: string | null = null;
    let buffer = '';
    const decoder = new TextDecoder();
    const reader = res.body.getReader();
    let done = false;
    while (!done) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch (err) {
        if (req.signal.aborted) throw new ProviderError('cancelled', 'Stopped.');
        const pe = describeFetchError(err, this.options.baseUrl);
        throw pe.kind === 'unknown' ? new ProviderError('cut', `The model's answer was cut off mid-stream (${pe.message}).`) : pe;
      }
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      let nl: number;
      while ((nl = buffer.indexOf('\n')) !== -1) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (!line.startsWith('data:')) continue;
        const data = line.slice(5).trim();
        if (data === '[DONE]') {
          done = true;
          break;
        }
        let json: {
          choices?: { delta?: { content?: string; tool_calls?: { index: number; id?: string; function?: { name?: string; arguments?: string } }[] }; finish_reason?: string | null }[];
          usage?: { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } };
          error?: { message?: string };
        };
        try {
          json = JSON.parse(data);
        } catch {
          continue;
        }
        if (json.error) throw new ProviderError('cut', `The model's stream failed: ${json.error.message ?? 'unknown error'}`);
        const choice = json.choices?.[0];
        if (choice?.delta?.content) yield { type: 'text', text: choice.delta.content };
        for (const tc of choice?.delta?.tool_calls ?? []) {
          const t = tools.get(tc.index) ?? { id: tc.id ?? `call_${tc.index}`, name: '', args: '' };
          if (tc.id) t.id = tc.id;
          if (tc.function?.name) t.name += tc.function.name;
          if (tc.function?.arguments) t.args += tc.function.arguments;
          tools.set(tc.index, t);
        }
        if (choice?.finish_reason) finish = choice.finish_reason;
        if (json.usage) {
          const cached = json.usage.prompt_tokens_details?.cached_tokens ?? 0;
          yield { type: 'usage', usage: { inputTokens: (json.usage.prompt_tokens ?? 0) - cached, outputTokens: json.usage.completion_tokens ?? 0, cacheReadTokens: cached, cacheWriteTokens: 0 } };
        }
      }
    }
    if (req.signal.aborted) throw new ProviderError('cancelled', 'Stopped.');
    if (!finish) throw new ProviderError('cut', "The model's answer was cut off before it finished. Nothing from the unfinished part was applied.");
    // tool calls are complete only now that the stream has finished
    for (const t of [...tools.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t)) {
      let input: unknown;
      try {
        input = t.args ? JSON.parse(t.args) : {};
      } catch {
        throw new ProviderError('cut', `The model sent an incomplete call to ${t.name}; it was not run.`);
      }
      yield { type: 'toolUse', id: t.id, name: t.name, input };
    }
    yield { type: 'stop', reason: finish === 'tool_calls' ? 'tool_use' : finish === 'length' ? 'max_tokens' : 'end_turn' };
  }
}
