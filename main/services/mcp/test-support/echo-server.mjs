/**
 * TEST FIXTURE — not a product feature. A tiny MCP server over stdio, built with the
 * official SDK's server API, for the McpManager integration tests. Run with
 * `node echo-server.mjs [--fail-start] [--label <text>]`.
 *
 * Tools: `echo` ({ text }) returns the text; `add` ({ a, b }) returns the sum; `env`
 * ({ name }) returns that environment variable (to check `${VAR}` expansion); `crash`
 * writes "boom" to stderr and exits with code 3.
 * `--fail-start` (or ECHO_FAIL_START=1) exits at once with code 1 and the stderr line
 * "cannot start: missing TOKEN", like a server missing its credentials.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const argv = process.argv.slice(2);

if (argv.includes('--fail-start') || process.env.ECHO_FAIL_START === '1') {
  process.stderr.write('cannot start: missing TOKEN\n', () => process.exit(1));
} else {
  const labelAt = argv.indexOf('--label');
  const label = labelAt >= 0 ? argv[labelAt + 1] : 'echo';
  const server = new McpServer({ name: `echo-fixture-${label}`, version: '1.0.0' });
  const text = (value) => ({ content: [{ type: 'text', text: String(value) }] });

  server.registerTool('echo', { description: 'Returns the text it is given.', inputSchema: { text: z.string() } }, ({ text: t }) => text(t));
  server.registerTool('add', { description: 'Adds two numbers.', inputSchema: { a: z.number(), b: z.number() } }, ({ a, b }) => text(a + b));
  server.registerTool('env', { description: 'Returns an environment variable.', inputSchema: { name: z.string() } }, ({ name }) =>
    text(process.env[name] ?? '(unset)'),
  );
  server.registerTool('crash', { description: 'Exits the server process with code 3.' }, () => {
    process.stderr.write('boom\n', () => process.exit(3));
    return new Promise(() => {});
  });

  await server.connect(new StdioServerTransport());
  process.stderr.write(`echo fixture ${label} ready\n`);
}
