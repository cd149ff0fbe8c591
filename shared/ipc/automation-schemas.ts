/** Schemas of the `.kiro` automation channels: hooks, steering files and MCP servers. */
import { z } from 'zod';

const TextPos = z.object({ message: z.string(), line: z.number(), column: z.number() });
export const HookInfo = z.object({
  /** Workspace-relative path of the `.kiro.hook` file. */
  file: z.string(),
  name: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  /** `when.type`, or '' when the file is malformed. */
  trigger: z.string(),
  /** The trigger and action in words, e.g. "When a .ts file is edited: run npm run lint". */
  summary: z.string(),
  /** The parsed hook (for the edit form); null when the file is malformed. */
  hook: z.record(z.string(), z.unknown()).nullable(),
  problems: z.array(TextPos),
});
export type HookInfo = z.infer<typeof HookInfo>;
export const HookRun = z.object({
  id: z.string(),
  file: z.string(),
  name: z.string(),
  trigger: z.string(),
  /** What set it off, in words ("src/a.ts edited", "agent stopped", "Run button"). */
  cause: z.string(),
  action: z.enum(['askAgent', 'runCommand']),
  state: z.enum(['running', 'ok', 'failed', 'blocked', 'skipped']),
  startedAt: z.number(),
  durationMs: z.number().nullable(),
  exitCode: z.number().nullable(),
  output: z.string(),
  /** Why it failed or was skipped (loop guard, untrusted workspace, timeout). */
  message: z.string().optional(),
  /** The agent session an askAgent run started. */
  sessionId: z.string().optional(),
});
export type HookRun = z.infer<typeof HookRun>;
export const HooksState = z.object({
  hooks: z.array(HookInfo),
  runs: z.array(HookRun),
  /** Hooks the workspace brings run only once the person trusts it. */
  trusted: z.boolean(),
});
export type HooksState = z.infer<typeof HooksState>;
export const SteeringInfo = z.object({
  scope: z.enum(['workspace', 'user']),
  name: z.string(),
  /** Workspace-relative for workspace files; absolute for the user's (~/.kiro/steering). */
  path: z.string(),
  inclusion: z.enum(['always', 'fileMatch', 'manual']),
  pattern: z.string().optional(),
  problems: z.array(z.string()),
  /** The file could not be read (the problem says why), so the agent does not get it. */
  unreadable: z.boolean().optional(),
});
export type SteeringInfo = z.infer<typeof SteeringInfo>;
export const McpServerInfo = z.object({
  name: z.string(),
  scope: z.enum(['user', 'workspace']),
  kind: z.enum(['stdio', 'http']),
  state: z.enum(['disabled', 'starting', 'connected', 'failed']),
  tools: z.array(z.object({ name: z.string(), description: z.string(), disabled: z.boolean(), autoApprove: z.boolean() })),
  error: z.string().optional(),
  stderr: z.string(),
  restarts: z.number(),
});
export type McpServerInfo = z.infer<typeof McpServerInfo>;
export const McpState = z.object({ servers: z.array(McpServerInfo), problems: z.array(z.string()) });
export type McpState = z.infer<typeof McpState>;
