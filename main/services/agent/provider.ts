/** What a model can be sent and what it streams back, whatever the vendor. */

export type ImageMediaType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

export type ContentBlock =
  | { type: 'text'; text: string }
  /** An image the person pasted; `data` is base64. */
  | { type: 'image'; mediaType: ImageMediaType; data: string }
  | { type: 'toolUse'; id: string; name: string; input: unknown }
  | { type: 'toolResult'; toolUseId: string; content: string; isError: boolean };

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: ContentBlock[];
}

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the input object. */
  inputSchema: Record<string, unknown>;
}

export interface ModelRequest {
  modelId: string;
  /** The stable prefix (instructions, steering) first, so it can be cached; then what changes. */
  system: { stable: string; dynamic: string };
  messages: ChatMessage[];
  tools: ToolSpec[];
  maxTokens: number;
  /** Put cache points on the stable prefix and the conversation so far. */
  cache: boolean;
  signal: AbortSignal;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export type StreamEvent =
  | { type: 'text'; text: string }
  /** A complete tool call (emitted only once its input has fully arrived). */
  | { type: 'toolUse'; id: string; name: string; input: unknown }
  | { type: 'usage'; usage: Usage }
  | { type: 'stop'; reason: string }
  /** The provider is retrying after throttling. */
  | { type: 'retry'; attempt: number; delayMs: number; reason: string };

export type ProviderErrorKind = 'credentials' | 'access' | 'throttled' | 'cut' | 'network' | 'invalid' | 'cancelled' | 'unknown';

/** A model failure with a message that says what to do about it. */
export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export interface ModelProvider {
  readonly name: string;
  stream(request: ModelRequest): AsyncIterable<StreamEvent>;
  /** Loads what the first request needs (an SDK, a client) ahead of it; optional. */
  prepare?(): Promise<void>;
}

/**
 * Runs one streaming attempt at a time and retries, with doubling backoff, only what is
 * safe to retry: throttling that happened before anything reached the caller.
 */
export async function* withThrottleRetry(
  req: ModelRequest,
  attempt: () => AsyncIterable<StreamEvent>,
  describe: (err: unknown) => ProviderError,
  opts: { maxRetries?: number; backoffMs?: number } = {},
): AsyncIterable<StreamEvent> {
  const maxRetries = opts.maxRetries ?? 3;
  let delay = opts.backoffMs ?? 1000;
  for (let n = 0; ; n++) {
    let produced = false;
    try {
      for await (const event of attempt()) {
        produced = true;
        yield event;
      }
      return;
    } catch (err) {
      if (req.signal.aborted) throw new ProviderError('cancelled', 'Stopped.');
      const pe = describe(err);
      if (pe.kind !== 'throttled' || produced || n >= maxRetries) throw pe;
      yield { type: 'retry', attempt: n + 1, delayMs: delay, reason: pe.message };
      await new Promise((r) => setTimeout(r, delay));
      delay *= 2;
    }
  }
}
