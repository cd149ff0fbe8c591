/** Schemas of the agent and review channels (`agent.*`, `review.*`, `checkpoints.*`, `permissions.*`): the chat's events, the pending change set, checkpoints, policy rules. */
import { z } from 'zod';

export const AgentMode = z.enum(['supervised', 'autopilot']);

export const ChangedFile = z.object({ path: z.string(), kind: z.enum(['create', 'modify', 'delete']), by: z.enum(['agent', 'command', 'mcp', 'restore']) });

export const UsageReport = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  cacheWriteTokens: z.number(),
  cost: z.number().nullable(),
});
export const AgentEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), text: z.string(), images: z.number().optional() }),
  z.object({ type: z.literal('assistantStart') }),
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('toolCall'), id: z.string(), name: z.string(), input: z.unknown() }),
  z.object({ type: z.literal('toolResult'), id: z.string(), isError: z.boolean(), content: z.string(), changed: z.array(z.string()).optional() }),
  z.object({ type: z.literal('usage'), turn: UsageReport, session: UsageReport, contextPercent: z.number() }),
  z.object({ type: z.literal('notice'), text: z.string() }),
  /** An approval card: `command` is what is asked about (a command, a path, a URL or an MCP tool, by `tool`). */
  z.object({
    type: z.literal('approval'),
    id: z.string(),
    command: z.string(),
    reason: z.string(),
    tool: z.enum(['shell', 'write', 'web', 'mcp']).optional(),
    /** Whether "always allow" may be offered (never for destructive commands or the policy files). */
    canAlways: z.boolean().optional(),
  }),
  z.object({ type: z.literal('approvalResult'), id: z.string(), approved: z.boolean(), command: z.string().optional(), always: z.boolean().optional() }),
  /** The checkpoint taken before a request, with what the request changed on disk. */
  z.object({ type: z.literal('checkpoint'), id: z.string(), label: z.string(), changed: z.array(ChangedFile), incomplete: z.string().optional() }),
  z.object({ type: z.literal('done'), reason: z.enum(['end_turn', 'cancelled', 'error', 'budget', 'max_turns', 'loop']), message: z.string().optional() }),
]);
export type AgentEvent = z.infer<typeof AgentEvent>;
export const SessionId = z.object({ id: z.string().min(1).max(100) });

export const PendingFile = z.object({
  path: z.string(),
  kind: z.enum(['create', 'modify', 'delete']),
  added: z.number(),
  removed: z.number(),
  hunks: z.number(),
  conflict: z.string().optional(),
  /** The person has unsaved edits in this file; accepting waits until they save or revert. */
  dirty: z.boolean(),
});
export type PendingFile = z.infer<typeof PendingFile>;
export const ReviewState = z.object({ mode: AgentMode, pending: z.array(PendingFile) });
export type ReviewState = z.infer<typeof ReviewState>;
export const HunkInfo = z.object({ id: z.string(), oldStart: z.number(), oldLines: z.number(), newStart: z.number(), newLines: z.number() });
export const CheckpointInfo = z.object({
  id: z.string(),
  label: z.string(),
  sessionId: z.string().optional(),
  createdAt: z.number(),
  files: z.number(),
  incomplete: z.string().optional(),
  changed: z.array(ChangedFile),
});
export type CheckpointInfo = z.infer<typeof CheckpointInfo>;
export const PermissionRuleSchema = z.object({
  tool: z.enum(['shell', 'write', 'web', 'mcp']),
  match: z.string().min(1).max(10_000),
  action: z.enum(['allow', 'ask', 'deny']),
});
export const PolicyInfo = z.object({ file: z.string(), rules: z.array(PermissionRuleSchema), problems: z.array(z.string()) });
export const Diagnostic = z.object({ path: z.string(), severity: z.string(), message: z.string(), line: z.number(), column: z.number() });
