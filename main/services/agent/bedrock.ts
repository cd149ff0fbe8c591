import type {
  BedrockRuntimeClient,
  ContentBlock as BedrockBlock,
  ConverseStreamCommandInput,
  Message as BedrockMessage,
  SystemContentBlock,
  Tool,
} from '@aws-sdk/client-bedrock-runtime';
import { ProviderError, withThrottleRetry, type ChatMessage, type ModelProvider, type ModelRequest, type StreamEvent } from './provider';

export interface BedrockOptions {
  region?: string;
  /** Overrides the endpoint; the SDK also honours AWS_ENDPOINT_URL_BEDROCK_RUNTIME by itself. */
  endpoint?: string;
  /** Retries of a throttled stream before giving up (the SDK retries HTTP 429s on its own first). */
  maxThrottleRetries?: number;
  /** First backoff delay; doubles each retry. */
  backoffMs?: number;
}

const CACHE_POINT = { cachePoint: { type: 'default' } } as const;

function toBedrockMessages(messages: ChatMessage[], cache: boolean): BedrockMessage[] {
  const out = messages.map(
    (m): BedrockMessage => ({
      role: m.role,
      content: m.content.map((b): BedrockBlock => {
        if (b.type === 'text') return { text: b.text };
        if (b.type === 'image') return { image: { format: b.mediaType.slice(6) as 'png', source: { bytes: Buffer.from(b.data, 'base64') } } };
        if (b.type === 'toolUse') return { toolUse: { toolUseId: b.id, name: b.name, input: b.input as never } };
        return { toolResult: { toolUseId: b.toolUseId, content: [{ text: b.content }], status: b.isError ? 'error' : 'success' } };
      }),
    }),
  );
  // A cache point after the conversation so far: the next turn re-reads all of it from cache.
  if (cache && out.length > 1) {
    const lastUser = [...out].reverse().find((m) => m.role === 'user');
    lastUser?.content?.push(CACHE_POINT as BedrockBlock);
  }
  return out;
}

/** Turns SDK and network failures into messages a person can act on. */
export function describeError(err: unknown, modelId: string, region: string): ProviderError {
  if (err instanceof ProviderError) return err;
  const e = err as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const name = e?.name ?? '';
  const msg = e?.message ?? String(err);
  if (name === 'AbortError' || /aborted/i.test(msg)) return new ProviderError('cancelled', 'Stopped.');
  if (name === 'CredentialsProviderError' || /Could not load credentials|credential/i.test(msg)) {
    return new ProviderError(
      'credentials',
      'No AWS credentials were found. Set AWS_PROFILE (and run `aws sso login` for SSO profiles), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, then restart Specwright.',
    );
  }
  if (/Region is missing/i.test(msg)) return new ProviderError('credentials', 'No AWS region is set. Set AWS_REGION or the "agent.region" setting (for example us-east-1).');
  if (name === 'UnrecognizedClientException' || name === 'ExpiredTokenException' || name === 'InvalidSignatureException') {
    return new ProviderError('credentials', `AWS rejected the credentials (${name}). Refresh them (for SSO: \`aws sso login\`) and try again.`);
  }
  if (name === 'AccessDeniedException') {
    return new ProviderError('access', `This AWS account has no access to ${modelId} in ${region}. Enable the model under "Model access" in the Bedrock console, or pick another model. (${msg})`);
  }
  if (name === 'ThrottlingException' || name === 'ServiceUnavailableException' || /throttl|too many requests/i.test(msg)) {
    return new ProviderError('throttled', `Bedrock is throttling requests (${msg}). Wait a moment and try again.`);
  }
  if (name === 'ValidationException') return new ProviderError('invalid', `Bedrock refused the request: ${msg}`);
  if (name === 'ResourceNotFoundException') return new ProviderError('invalid', `The model ${modelId} was not found in ${region}: ${msg}`);
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|getaddrinfo|socket hang up|network/i.test(`${e?.code ?? ''} ${msg}`)) {
    return new ProviderError('network', `Cannot reach Bedrock in ${region} (${e?.code ?? msg}). Check the network connection.`);
  }
  if (/ERR_HTTP2_STREAM_ERROR|stream.*(reset|closed|error)|premature|terminated/i.test(`${e?.code ?? ''} ${msg}`)) {
    return new ProviderError('cut', `The model's answer was cut off mid-stream (${e?.code ?? msg}). Nothing from the unfinished part was applied.`);
  }
  return new ProviderError('unknown', `Bedrock failed: ${name ? `${name}: ` : ''}${msg}`);
}

/** Amazon Bedrock through `ConverseStream`, with the standard AWS credential chain and region. */
export class BedrockProvider implements ModelProvider {
  readonly name = 'bedrock';
  private client?: Promise<{ client: BedrockRuntimeClient; sdk: typeof import('@aws-sdk/client-bedrock-runtime') }>;
  readonly region: string;

  constructor(private readonly options: BedrockOptions = {}) {
    this.region = options.region || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || 'us-east-1';
  }

  /** The SDK (~20 MiB resident) is loaded when the agent is first used, not when the app starts. */
  private getClient() {
    this.client ??= import('@aws-sdk/client-bedrock-runtime').then((sdk) => ({
      sdk,
      client: new sdk.BedrockRuntimeClient({ region: this.region, endpoint: this.options.endpoint, maxAttempts: 4 }),
    }));
    return this.client;
  }

  async prepare(): Promise<void> {
    await this.getClient();
  }

  /** Resolves credentials without calling a model; throws a ProviderError saying what is missing. */
  async checkCredentials(): Promise<void> {
    try {
      await (await this.getClient()).client.config.credentials();
    } catch (err) {
      throw describeError(err, '', this.region);
    }
  }

  stream(req: ModelRequest): AsyncIterable<StreamEvent> {
    return withThrottleRetry(req, () => this.once(req), (err) => describeError(err, req.modelId, this.region), {
      maxRetries: this.options.maxThrottleRetries,
      backoffMs: this.options.backoffMs,
    });
  }

  private async *once(req: ModelRequest): AsyncIterable<StreamEvent> {
    const system: SystemContentBlock[] = [{ text: req.system.stable }];
    if (req.cache) system.push(CACHE_POINT as SystemContentBlock);
    if (req.system.dynamic) system.push({ text: req.system.dynamic });
    const tools: Tool[] = req.tools.map((t) => ({ toolSpec: { name: t.name, description: t.description, inputSchema: { json: t.inputSchema as never } } }));
    if (req.cache && tools.length) tools.push(CACHE_POINT as Tool);
    const input: ConverseStreamCommandInput = {
      modelId: req.modelId,
      system,
      messages: toBedrockMessages(req.messages, req.cache),
      inferenceConfig: { maxTokens: req.maxTokens },
      ...(tools.length ? { toolConfig: { tools } } : {}),
    };
    const { client, sdk } = await this.getClient();
    const response = await client.send(new sdk.ConverseStreamCommand(input), { abortSignal: req.signal });
    if (!response.stream) throw new ProviderError('cut', 'Bedrock answered without a stream.');
    const pendingTools = new Map<number, { id: string; name: string; json: string }>();
    let stopped = false;
    for await (const ev of response.stream) {
      if (ev.contentBlockStart?.start?.toolUse) {
        const t = ev.contentBlockStart.start.toolUse;
        pendingTools.set(ev.contentBlockStart.contentBlockIndex ?? 0, { id: t.toolUseId ?? '', name: t.name ?? '', json: '' });
      } else if (ev.contentBlockDelta) {
        const d = ev.contentBlockDelta.delta;
        if (d?.text) yield { type: 'text', text: d.text };
        else if (d?.toolUse?.input !== undefined) {
          const t = pendingTools.get(ev.contentBlockDelta.contentBlockIndex ?? 0);
          if (t) t.json += d.toolUse.input;
        }
      } else if (ev.contentBlockStop) {
        const i = ev.contentBlockStop.contentBlockIndex ?? 0;
        const t = pendingTools.get(i);
        if (t) {
          pendingTools.delete(i);
          let parsed: unknown;
          try {
            parsed = t.json ? JSON.parse(t.json) : {};
          } catch {
            throw new ProviderError('cut', `The model sent an incomplete call to ${t.name}; it was not run.`);
          }
          yield { type: 'toolUse', id: t.id, name: t.name, input: parsed };
        }
      } else if (ev.messageStop) {
        stopped = true;
        yield { type: 'stop', reason: ev.messageStop.stopReason ?? 'end_turn' };
      } else if (ev.metadata?.usage) {
        const u = ev.metadata.usage;
        yield {
          type: 'usage',
          usage: {
            inputTokens: u.inputTokens ?? 0,
            outputTokens: u.outputTokens ?? 0,
            cacheReadTokens: u.cacheReadInputTokens ?? 0,
            cacheWriteTokens: u.cacheWriteInputTokens ?? 0,
          },
        };
      } else if (ev.throttlingException || ev.serviceUnavailableException) {
        throw new ProviderError('throttled', `Bedrock is throttling requests (${(ev.throttlingException ?? ev.serviceUnavailableException)?.message}).`);
      } else if (ev.internalServerException || ev.modelStreamErrorException || ev.validationException) {
        const x = ev.internalServerException ?? ev.modelStreamErrorException ?? ev.validationException;
        throw new ProviderError('cut', `The model's stream failed: ${x?.message ?? 'unknown error'}`);
      }
    }
    if (req.signal.aborted) throw new ProviderError('cancelled', 'Stopped.');
    if (!stopped) throw new ProviderError('cut', "The model's answer was cut off before it finished. Nothing from the unfinished part was applied.");
  }
}
