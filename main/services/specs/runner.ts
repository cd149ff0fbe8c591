import { ContractError } from '../../../shared/ipc/protocol';
import { parseBugfix, parseRequirements, type SpecTask } from '../../../shared/model/specs';
import type { Tool } from '../agent/tools';
import { toolset } from '../agent/tools';
import { taskPrompt } from './prompts';
import type { RunnerHost } from './service';

const childrenOf = (tasks: SpecTask[], id: string) => tasks.filter((t) => t.parent === id);

/**
 * What "Start task" runs: the task itself, or, for a task with sub-tasks, its required
 * sub-tasks that are not done (the parent is checked off when they are).
 */
export function planOne(tasks: SpecTask[], id: string): string[] {
  const task = tasks.find((t) => t.id === id);
  if (!task) throw new ContractError('NOT_FOUND', `tasks.md has no task ${id}.`);
  const children = childrenOf(tasks, id);
  if (!children.length) return [id];
  const open = children.filter((c) => c.status !== 'done' && !c.optional).map((c) => c.id);
  if (open.length) return open;
  // only optional sub-tasks are left: the person asked for this task, so they run
  const optional = children.filter((c) => c.status !== 'done').map((c) => c.id);
  if (!optional.length) throw new ContractError('INVALID_INPUT', `Every sub-task of task ${id} is done.`);
  return optional;
}

/** What "Run all tasks" runs, in order: sub-tasks before their parent's check-off; optional and done tasks are skipped. */
export function planAll(tasks: SpecTask[]): string[] {
  const out: string[] = [];
  for (const t of tasks.filter((x) => x.level === 1 || !x.parent)) {
    const children = childrenOf(tasks, t.id);
    if (children.length) out.push(...children.filter((c) => c.status !== 'done' && !c.optional).map((c) => c.id));
    else if (t.status !== 'done' && !t.optional) out.push(t.id);
  }
  return out;
}

/** The criteria a task cites, with their text, from requirements.md or bugfix.md. */
function citedCriteria(task: SpecTask, docs: Awaited<ReturnType<RunnerHost['docs']>>): { id: string; text: string }[] {
  const all =
    docs.specType === 'bugfix' && docs.docs.bugfix
      ? (() => {
          const b = parseBugfix(docs.docs.bugfix);
          return [...b.current, ...b.expected, ...b.unchanged];
        })()
      : docs.docs.requirements
        ? parseRequirements(docs.docs.requirements).requirements.flatMap((r) => r.criteria)
        : [];
  return task.requirements.map((ref) => all.find((c) => c.id === ref)).filter((c): c is { id: string; text: string } & typeof all[number] => !!c).map((c) => ({ id: c.id, text: c.text }));
}

/** The tool through which the agent says it has finished (or failed) the task; the app writes the status. */
function statusTool(taskId: string, report: (r: { status: 'done' | 'failed'; summary: string }) => void): Tool {
  return {
    category: 'spec',
    spec: {
      name: 'update_task_status',
      description: 'Report the outcome of the spec task you were asked to implement. Call it once, at the end: status "done" when the task is complete and checked (tests pass), or "failed" with the reason when you cannot complete it. Specwright then updates tasks.md; do not edit its checkboxes yourself.',
      inputSchema: {
        type: 'object',
        properties: { task_id: { type: 'string' }, status: { type: 'string', enum: ['done', 'failed'] }, summary: { type: 'string' } },
        required: ['task_id', 'status'],
      },
    },
    async run(input) {
      if (input.task_id !== taskId) return { isError: true, content: `You are working on task ${taskId}, not ${String(input.task_id)}. Report task ${taskId}.` };
      if (input.status !== 'done' && input.status !== 'failed') return { isError: true, content: 'status must be "done" or "failed".' };
      report({ status: input.status, summary: typeof input.summary === 'string' ? input.summary : '' });
      return { isError: false, content: `Recorded: task ${taskId} ${input.status}. Specwright updates tasks.md when this request ends; stop here.` };
    },
  };
}

/** Runs one task as one agent request and decides, from what the agent reported and how the request ended, whether it is done. */
async function runOne(host: RunnerHost, task: SpecTask): Promise<{ ok: boolean; error?: string; files: string[] }> {
  const docs = await host.docs();
  const prompt = taskPrompt({ specName: host.spec, task, criteria: citedCriteria(task, docs), docs: docs.docs });
  let report: { status: 'done' | 'failed'; summary: string } | null = null;
  const outcome = await host.request(prompt.text, { toolset: toolset({ extra: [statusTool(task.id, (r) => (report = r))] }), context: prompt.context });
  const reported = report as { status: 'done' | 'failed'; summary: string } | null;
  if (outcome.reason === 'budget' || outcome.budgetHit) return { ok: false, error: outcome.message ?? 'The budget is used up.', files: outcome.changed };
  if (outcome.reason === 'cancelled') return { ok: false, error: 'Stopped before the task was finished.', files: outcome.changed };
  if (reported?.status === 'failed') return { ok: false, error: reported.summary || 'The agent reported that it could not finish the task.', files: outcome.changed };
  if (outcome.reason !== 'end_turn') return { ok: false, error: outcome.message ?? `The request ended early (${outcome.reason}).`, files: outcome.changed };
  if (reported?.status !== 'done') return { ok: false, error: 'The agent ended without reporting the task complete (update_task_status was not called).', files: outcome.changed };
  return { ok: true, files: outcome.changed };
}

/**
 * Runs tasks in order, one agent request each, and stops at the first failure. Status is
 * written to tasks.md as each starts and ends; tasks.md is read again before each task, so
 * a checkbox the person ticked by hand is respected.
 */
export async function runQueue(host: RunnerHost, queue: string[], markQueued: boolean): Promise<void> {
  const initial = await host.read();
  if (markQueued) for (const id of queue) if (initial.find((t) => t.id === id)?.status !== 'done') await host.setStatus(id, 'queued');
  const resetRest = async (from: number) => {
    const now = await host.read();
    for (const id of queue.slice(from)) if (now.find((t) => t.id === id)?.status === 'queued') await host.setStatus(id, 'todo');
  };
  for (let i = 0; i < queue.length; i++) {
    if (host.stopped()) return resetRest(i);
    const tasks = await host.read();
    const task = tasks.find((t) => t.id === queue[i]);
    if (!task) {
      await host.recordResult(queue[i], { error: `Task ${queue[i]} is no longer in tasks.md.`, files: [] });
      return resetRest(i + 1);
    }
    if (task.status === 'done') continue;
    host.setCurrent(task.id);
    await host.setStatus(task.id, 'inProgress');
    await host.taskEvent({ phase: 'pre', taskId: task.id, title: task.title });
    const result = await runOne(host, task).catch((err: Error) => ({ ok: false, error: err.message, files: [] as string[] }));
    await host.setStatus(task.id, result.ok ? 'done' : 'todo');
    await host.recordResult(task.id, result);
    await host.taskEvent({ phase: 'post', taskId: task.id, title: task.title, ok: result.ok, error: result.error });
    if (!result.ok) return resetRest(i + 1);
    await checkOffParents(host, task);
  }
}

/** A parent task is done when all its required sub-tasks are. */
async function checkOffParents(host: RunnerHost, task: SpecTask): Promise<void> {
  if (!task.parent) return;
  const tasks = await host.read();
  const parent = tasks.find((t) => t.id === task.parent);
  if (!parent || parent.status === 'done') return;
  const required = childrenOf(tasks, parent.id).filter((c) => !c.optional);
  if (required.every((c) => c.status === 'done')) await host.setStatus(parent.id, 'done');
}
