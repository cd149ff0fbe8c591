/**
 * TEST FIXTURE / DEVELOPER TOOL — not a model. Plays scripted turns over the
 * OpenAI-compatible `/v1/chat/completions` streaming protocol (server-sent events).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type OpenAITurn =
  | { text?: string[]; toolCalls?: { name: string; arguments: unknown }[]; usage?: { prompt: number; completion: number }; cutAfterChunks?: number }
  | { status: number; body?: string };

export async function startScriptedOpenAI(script: OpenAITurn[]) {
  const requests: { body: Record<string, unknown>; headers: http.IncomingHttpHeaders }[] = [];
  const queue = [...script];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      if (req.method === 'GET' && req.url?.endsWith('/models')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: [{ id: 'scripted-model', object: 'model' }] }));
        return;
      }
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404).end('{"error":{"message":"not found"}}');
        return;
      }
      requests.push({ body: JSON.parse(raw || '{}'), headers: req.headers });
      const turn = queue.shift();
      if (!turn) {
        res.writeHead(500).end('{"error":{"message":"no more scripted turns"}}');
        return;
      }
      if ('status' in turn) {
        res.writeHead(turn.status, { 'content-type': 'application/json' }).end(turn.body ?? '{"error":{"message":"scripted error"}}');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunks: unknown[] = [];
      for (const t of turn.text ?? []) chunks.push({ choices: [{ index: 0, delta: { content: t } }] });
      (turn.toolCalls ?? []).forEach((c, i) => {
        const args = JSON.stringify(c.arguments);
        chunks.push({ choices: [{ index: 0, delta: { tool_calls: [{ index: i, id: `call_${i}`, type: 'function', function: { name: c.name, arguments: args.slice(0, 5) } }] } }] });
        chunks.push({ choices: [{ index: 0, delta: { tool_calls: [{ index: i, function: { arguments: args.slice(5) } }] } }] });
      });
      chunks.push({ choices: [{ index: 0, delta: {}, finish_reason: turn.toolCalls?.length ? 'tool_calls' : 'stop' }] });
      chunks.push({ choices: [], usage: { prompt_tokens: turn.usage?.prompt ?? 10, completion_tokens: turn.usage?.completion ?? 5 } });
      const limit = turn.cutAfterChunks ?? chunks.length;
      for (const c of chunks.slice(0, limit)) res.write(`data: ${JSON.stringify(c)}\n\n`);
      if (limit < chunks.length) {
        res.socket?.destroy();
        return;
      }
      res.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/v1`, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}
