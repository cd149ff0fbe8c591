/**
 * TEST FIXTURE / DEVELOPER TOOL — not a model. A local server that speaks Bedrock's
 * ConverseStream wire protocol (HTTP/2 cleartext, AWS event-stream frames) and plays
 * scripted turns, so the real AWS SDK client can be tested without a network, and a
 * recorded session can be replayed. Each request takes the next scripted turn.
 */
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { EventStreamCodec } from '@smithy/core/event-streams';

export type ScriptedTurn =
  | {
      /** Text deltas streamed in order. */
      text?: string[];
      /** Tool calls, each streamed as a toolUse block; `input` is sent in `chunks` pieces. */
      toolUses?: { id?: string; name: string; input: unknown; chunks?: number }[];
      stopReason?: 'end_turn' | 'tool_use' | 'max_tokens';
      usage?: { inputTokens: number; outputTokens: number; cacheReadInputTokens?: number; cacheWriteInputTokens?: number };
      /** Milliseconds between frames (to exercise streaming). */
      delayMs?: number;
      /** Cut the HTTP/2 stream after this many frames (a dropped connection). */
      cutAfterFrames?: number;
    }
  | { error: 'throttling' | 'accessDenied' | 'validation' | 'throttlingMidStream'; message?: string };

export interface RecordedRequest {
  modelId: string;
  /** The SigV4 Authorization header (it names the access key that signed the request). */
  authorization: string;
  body: {
    system?: unknown[];
    messages?: { role: string; content: Record<string, unknown>[] }[];
    toolConfig?: { tools?: unknown[] };
    [k: string]: unknown;
  };
}

const utf8 = new TextEncoder();
const codec = new EventStreamCodec(
  (bytes) => new TextDecoder().decode(bytes),
  (text) => utf8.encode(text),
);

function frame(eventType: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: {
      ':message-type': { type: 'string', value: 'event' },
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: 'application/json' },
    },
    body: utf8.encode(JSON.stringify(payload)),
  });
}

function exceptionFrame(type: string, message: string): Uint8Array {
  return codec.encode({
    headers: {
      ':message-type': { type: 'string', value: 'exception' },
      ':exception-type': { type: 'string', value: type },
      ':content-type': { type: 'string', value: 'application/json' },
    },
    body: utf8.encode(JSON.stringify({ message })),
  });
}

function framesFor(turn: Extract<ScriptedTurn, { text?: string[] }>): Uint8Array[] {
  const frames: Uint8Array[] = [frame('messageStart', { role: 'assistant' })];
  let index = 0;
  if (turn.text?.length) {
    for (const t of turn.text) frames.push(frame('contentBlockDelta', { contentBlockIndex: index, delta: { text: t } }));
    frames.push(frame('contentBlockStop', { contentBlockIndex: index }));
    index++;
  }
  for (const [n, tool] of (turn.toolUses ?? []).entries()) {
    const toolUseId = tool.id ?? `tooluse_${n + 1}_${Math.random().toString(36).slice(2, 8)}`;
    frames.push(frame('contentBlockStart', { contentBlockIndex: index, start: { toolUse: { toolUseId, name: tool.name } } }));
    const json = JSON.stringify(tool.input);
    const pieces = Math.max(1, tool.chunks ?? 2);
    const size = Math.ceil(json.length / pieces);
    for (let i = 0; i < json.length; i += size) frames.push(frame('contentBlockDelta', { contentBlockIndex: index, delta: { toolUse: { input: json.slice(i, i + size) } } }));
    frames.push(frame('contentBlockStop', { contentBlockIndex: index }));
    index++;
  }
  frames.push(frame('messageStop', { stopReason: turn.stopReason ?? (turn.toolUses?.length ? 'tool_use' : 'end_turn') }));
  const usage = turn.usage ?? { inputTokens: 100, outputTokens: 20 };
  frames.push(
    frame('metadata', {
      usage: { ...usage, totalTokens: usage.inputTokens + usage.outputTokens },
      metrics: { latencyMs: 10 },
    }),
  );
  return frames;
}

/** Starts the scripted server on 127.0.0.1; point the SDK at `endpoint`. */
export async function startScriptedBedrock(script: ScriptedTurn[]) {
  const requests: RecordedRequest[] = [];
  const queue = [...script];
  const server = http2.createServer();
  server.on('stream', (stream, headers) => {
    // resetting a stream on purpose (cutAfterFrames) makes it emit an error on this side
    stream.on('error', () => undefined);
    const path = String(headers[':path'] ?? '');
    const m = path.match(/^\/model\/([^/]+)\/converse-stream$/);
    let raw = '';
    stream.on('data', (d: Buffer) => (raw += d.toString()));
    stream.on('end', () => {
      if (!m) {
        stream.respond({ ':status': 404, 'content-type': 'application/json' });
        stream.end(JSON.stringify({ message: `No scripted route for ${path}` }));
        return;
      }
      let body: RecordedRequest['body'] = {};
      try {
        body = JSON.parse(raw || '{}');
      } catch {
        // recorded as empty
      }
      requests.push({ modelId: decodeURIComponent(m[1]), authorization: String(headers.authorization ?? ''), body });
      const turn = queue.shift();
      if (!turn) {
        stream.respond({ ':status': 400, 'content-type': 'application/json', 'x-amzn-errortype': 'ValidationException' });
        stream.end(JSON.stringify({ message: 'The scripted session has no more turns.' }));
        return;
      }
      if ('error' in turn) {
        if (turn.error === 'throttlingMidStream') {
          stream.respond({ ':status': 200, 'content-type': 'application/vnd.amazon.eventstream' });
          stream.write(frame('messageStart', { role: 'assistant' }));
          stream.end(exceptionFrame('throttlingException', turn.message ?? 'Too many requests, please wait before trying again.'));
          return;
        }
        const [status, type] = turn.error === 'throttling' ? [429, 'ThrottlingException'] : turn.error === 'accessDenied' ? [403, 'AccessDeniedException'] : [400, 'ValidationException'];
        stream.respond({ ':status': status, 'content-type': 'application/json', 'x-amzn-errortype': type });
        stream.end(JSON.stringify({ message: turn.message ?? type }));
        return;
      }
      stream.respond({ ':status': 200, 'content-type': 'application/vnd.amazon.eventstream' });
      const frames = framesFor(turn);
      const limit = turn.cutAfterFrames ?? frames.length;
      let i = 0;
      const next = () => {
        if (stream.destroyed) return;
        if (i >= limit) {
          if (limit < frames.length) stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
          else stream.end();
          return;
        }
        stream.write(frames[i++]);
        if (turn.delayMs) setTimeout(next, turn.delayMs);
        else next();
      };
      next();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    /** Turns not yet played. */
    remaining: () => queue.length,
    push: (...turns: ScriptedTurn[]) => queue.push(...turns),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
