/**
 * How a spec is reported: its summary (documents and their states, task counts, what it is
 * doing) and its task rows, made from what was read of it once (loadSpec, load.ts). Pure: no
 * I/O here, so a summary and a detail read from the same snapshot always agree.
 */
import type { SpecDetail, SpecSummary } from '../../../shared/ipc/contract';
import type { SpecTask, parseTasks } from '../../../shared/model/specs';
import { DOC_FILES, specPath, type DocKind, type SpecConfig, type Workflow } from './store';

export type Activity = { kind: 'generate'; doc: DocKind } | { kind: 'tasks'; current: string | null };

/** Per spec, kept outside the workspace: its chat session, money spent, and each task's last run. */
export interface SpecHistory {
  sessionId?: string;
  spent: number;
  errors: Record<string, string>;
  files: Record<string, string[]>;
  lastError?: string;
}

/** Everything about one spec that its summary and detail are made from. */
export interface LoadedSpec {
  config: SpecConfig;
  problem: SpecSummary['problem'];
  workflow: Workflow;
  order: DocKind[];
  docs: Partial<Record<DocKind, string>>;
  /** Documents that are there but cannot be read as text (binary, too large, no permission). */
  unreadable: DocKind[];
  parsed: ReturnType<typeof parseTasks> | null;
  history: SpecHistory;
  activity: Activity | undefined;
}

export function docState(config: SpecConfig, kind: DocKind, exists: boolean, a: Activity | undefined, unreadable = false): SpecSummary['docs'][number]['state'] {
  if (a?.kind === 'generate' && a.doc === kind) return 'generating';
  if (unreadable) return 'unreadable';
  if (!exists) return 'missing';
  const rec = config.specwright?.docs?.[kind];
  // a spec made with Kiro has no record of ours: its documents count as approved
  if (!config.specwright?.docs || !rec) return 'approved';
  if (rec.stale) return 'stale';
  return rec.approved ? 'approved' : 'draft';
}

export function activityText(a: Activity | undefined, tasks: SpecTask[]): string | null {
  if (!a) return null;
  if (a.kind === 'generate') return `Writing ${DOC_FILES[a.doc]}…`;
  const t = tasks.find((x) => x.id === a.current);
  return t ? `Running task ${t.id}: ${t.title}` : 'Running tasks…';
}

export function summaryOf(name: string, l: LoadedSpec): SpecSummary {
  const tasks = l.parsed?.tasks ?? [];
  return {
    name,
    workflow: l.workflow,
    docs: l.order.map((kind) => ({ kind, path: specPath(name, DOC_FILES[kind]), state: docState(l.config, kind, l.docs[kind] !== undefined, l.activity, l.unreadable.includes(kind)) })),
    tasks: { total: tasks.length, done: tasks.filter((t) => t.status === 'done').length, inProgress: tasks.filter((t) => t.status === 'inProgress').length },
    activity: activityText(l.activity, tasks),
    error: l.history.lastError,
    problem: l.problem,
  };
}

/** The detail's task rows: each task with its last run's error and files, and whether it is running. */
export function taskRows(l: LoadedSpec): SpecDetail['taskList'] {
  const { history: h, activity: a } = l;
  return (l.parsed?.tasks ?? []).map((t) => ({
    id: t.id,
    title: t.title,
    status: t.status,
    optional: t.optional,
    level: t.level,
    parent: t.parent,
    line: t.line,
    requirements: t.requirements,
    error: h.errors[t.id],
    files: h.files[t.id] ?? [],
    running: a?.kind === 'tasks' && a.current === t.id,
  }));
}
