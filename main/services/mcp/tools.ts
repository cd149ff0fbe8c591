import type { Tool } from '../agent/tools';
import type { McpManager } from './manager';

/** MCP tools clipped for the model like the built-in ones. */
const MAX_OUTPUT = 30_000;

/**
 * The connected servers' tools as agent tools. Each call passes the permission policy as
 * `server/tool` (auto-approved tools are allowed unless a rule asks or denies).
 */
export function mcpTools(manager: McpManager): Tool[] {
  return manager.tools().map((t) => ({
    category: 'mcp' as const,
    server: t.server,
    spec: { name: t.qualifiedName, description: `[MCP ${t.server}] ${t.description}`.slice(0, 1024), inputSchema: t.inputSchema },
    async run(input, ctx) {
      const subject = `${t.server}/${t.name}`;
      const permit = await ctx.permit({ tool: 'mcp', subject, autoApproved: t.autoApprove });
      if (!permit.allowed) return { isError: true, content: `${subject} was not called: ${permit.reason}` };
      const r = await manager.callTool(t.qualifiedName, input, ctx.signal);
      const content = r.content.length > MAX_OUTPUT ? `${r.content.slice(0, MAX_OUTPUT)}\n… (${r.content.length - MAX_OUTPUT} more characters not shown)` : r.content;
      return { isError: r.isError, content };
    },
  }));
}
