/**
 * TEST FIXTURE — not a product feature. An in-process MCP server over Streamable HTTP
 * (the SDK's server API, stateless mode) with one tool, `echo`, that also reports the
 * Authorization header it was called with, so tests can check configured headers arrive.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

export async function startHttpEcho(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    // stateless: each request gets its own server and transport, as the SDK's examples do
    const mcp = new McpServer({ name: 'http-echo-fixture', version: '1.0.0' });
    const auth = req.headers.authorization ?? '(none)';
    mcp.registerTool('echo', { description: 'Returns the text and the Authorization header.', inputSchema: { text: z.string() } }, ({ text }) => ({
      content: [{ type: 'text', text: `${text} (auth: ${auth})` }],
    }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => void transport.close().then(() => mcp.close()));
    void mcp.connect(transport).then(() => transport.handleRequest(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // the client may hold a keep-alive or SSE connection open
        server.closeAllConnections();
      }),
  };
}
