/**
 * Names under which MCP tools are offered to a model. Bedrock and OpenAI-compatible APIs
 * accept tool names matching `^[a-zA-Z0-9_-]{1,64}$`, while MCP server and tool names may
 * hold dots, spaces or anything else, so each tool gets a qualified name:
 *
 *   `mcp__<server>__<tool>`, every character outside [a-zA-Z0-9_-] replaced by `_`.
 *
 * When that is longer than 64 characters, or two tools would get the same name (`a.b` and
 * `a_b`, or server `x__y` + tool `z` and server `x` + tool `y__z`), each affected name is cut
 * to 55 characters and suffixed with `_` and 8 hex digits of a hash of the exact server and
 * tool names. The result depends only on the set of tools, not on their order.
 */
import { createHash } from 'node:crypto';

const MAX_NAME = 64;
const HASH_LEN = 8;

function sanitize(s: string): string {
  return s.replace(/[^a-zA-Z0-9_-]/g, '_');
}

function hashed(base: string, server: string, tool: string): string {
  const digest = createHash('sha256').update(`${server}\0${tool}`).digest('hex').slice(0, HASH_LEN);
  return `${base.slice(0, MAX_NAME - HASH_LEN - 1)}_${digest}`;
}

/** The plain qualified name, before length and uniqueness are settled. */
export function baseToolName(server: string, tool: string): string {
  return `mcp__${sanitize(server)}__${sanitize(tool)}`;
}

/** Qualified names for `tools`, in the same order: valid model tool names, unique among themselves. */
export function qualifyToolNames(tools: ReadonlyArray<{ server: string; name: string }>): string[] {
  const bases = tools.map((t) => baseToolName(t.server, t.name));
  const count = new Map<string, number>();
  for (const b of bases) count.set(b, (count.get(b) ?? 0) + 1);
  return bases.map((b, i) => (b.length > MAX_NAME || count.get(b)! > 1 ? hashed(b, tools[i].server, tools[i].name) : b));
}
