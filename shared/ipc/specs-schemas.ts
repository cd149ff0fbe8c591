/** Schemas of the specs channels (`specs.*`): a spec's summary and its detail for the Specs view. */
import { z } from 'zod';

export const SpecDocKind = z.enum(['requirements', 'bugfix', 'design', 'tasks']);
export const SpecWorkflow = z.enum(['requirements-first', 'design-first', 'bugfix', 'quick']);
export const TaskStatusSchema = z.enum(['todo', 'queued', 'inProgress', 'done']);
export const SpecName = z.string().min(1).max(100).regex(/^[a-z0-9][a-z0-9._-]*$/i, 'A spec name is letters, digits, ".", "_" and "-".');
export const SpecSummary = z.object({
  name: z.string(),
  workflow: SpecWorkflow,
  /** The documents in the order they are written and approved. */
  docs: z.array(z.object({ kind: SpecDocKind, path: z.string(), state: z.enum(['missing', 'unreadable', 'generating', 'draft', 'approved', 'stale']) })),
  tasks: z.object({ total: z.number(), done: z.number(), inProgress: z.number() }),
  /** What the agent is doing for this spec right now, in words. */
  activity: z.string().nullable(),
  /** Why the last document or task run failed. */
  error: z.string().optional(),
  /** A damaged `.config.kiro`. */
  problem: z.string().optional(),
});
export type SpecSummary = z.infer<typeof SpecSummary>;
export const SpecTaskInfo = z.object({
  id: z.string(),
  title: z.string(),
  status: TaskStatusSchema,
  optional: z.boolean(),
  level: z.number(),
  parent: z.string().optional(),
  line: z.number(),
  requirements: z.array(z.string()),
  /** Why its last run failed. */
  error: z.string().optional(),
  /** Files its runs changed (on disk or pending review). */
  files: z.array(z.string()),
  running: z.boolean(),
});
export type SpecTaskInfo = z.infer<typeof SpecTaskInfo>;
export const SpecDetail = SpecSummary.extend({
  idea: z.string(),
  sessionId: z.string().nullable(),
  taskList: z.array(SpecTaskInfo),
  trace: z.object({
    criteria: z.array(z.object({ id: z.string(), text: z.string(), tasks: z.array(z.string()), files: z.array(z.string()), tests: z.array(z.string()) })),
    uncovered: z.array(z.string()),
    unknownRefs: z.array(z.object({ task: z.string(), ref: z.string() })),
  }),
  /** Set when the code has moved on since the spec was approved. */
  drift: z.object({ base: z.string(), commits: z.number(), files: z.number(), message: z.string() }).nullable(),
  budget: z.object({ limit: z.number(), spent: z.number() }),
  diagnostics: z.array(z.object({ path: z.string(), line: z.number(), severity: z.string(), message: z.string() })),
});
export type SpecDetail = z.infer<typeof SpecDetail>;
