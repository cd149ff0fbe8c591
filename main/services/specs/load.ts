/**
 * Reading a spec: everything its summary and detail are made from, and whether the code has
 * moved on since its newest approval. The phase flow and the task runner are in service.ts.
 */
import type { SpecDetail } from '../../../shared/ipc/contract';
import { parseTasks } from '../../../shared/model/specs';
import type { GitService } from '../git/git';
import type { Workspace } from '../workspace/workspace';
import type { SpecHistoryStore } from './history';
import { DOC_FILES, phaseOrder, readConfig, readDoc, workflowOf, type DocKind, type SpecConfig } from './store';
import type { Activity, LoadedSpec } from './summary';

/**
 * One spec, read once. The caller takes `activity` before the files are read: a spec that was
 * busy while they were read is reported busy, never idle with what its files said half-way (a
 * poller waiting for idle would take a document written but not yet recorded as a Kiro spec's
 * approved one).
 */
export async function loadSpec(ws: Workspace, name: string, histories: SpecHistoryStore, activity: Activity | undefined): Promise<LoadedSpec> {
  const { config, problem } = await readConfig(ws, name);
  const workflow = workflowOf(config);
  const order = phaseOrder(workflow);
  const docs: Partial<Record<DocKind, string>> = {};
  // a document that is there but unreadable is a problem to show, not a missing one
  const unreadable: DocKind[] = [];
  const reasons = await Promise.all(
    order.map((k) =>
      readDoc(ws, name, k).then(
        (text) => void (docs[k] = text ?? undefined),
        (err: Error) => (unreadable.push(k), err.message),
      ),
    ),
  );
  const problems = [problem, ...reasons].filter((p): p is string => !!p);
  const parsed = docs.tasks ? parseTasks(docs.tasks) : null;
  return { config, problem: problems.length ? problems.join(' ') : undefined, workflow, order, docs, unreadable, parsed, history: await histories.get(name), activity };
}

/** Whether the code moved on since the newest approval: commits and files changed since its commit. */
export async function driftSince(git: GitService | undefined, config: SpecConfig): Promise<SpecDetail['drift']> {
  const records = Object.entries(config.specwright?.docs ?? {}).filter(([, r]) => r?.approved && r.commit);
  if (!records.length || !git) return null;
  const [kind, newest] = records.sort((x, y) => (y[1]!.at ?? 0) - (x[1]!.at ?? 0))[0];
  const since = await git.since(newest!.commit!);
  if (!since || since.commits === 0) return null;
  const short = newest!.commit!.slice(0, 7);
  return {
    base: newest!.commit!,
    commits: since.commits,
    files: since.files.length,
    message: `The code has moved on since ${DOC_FILES[kind as DocKind]} was approved at ${short}: ${since.commits} commit${since.commits === 1 ? '' : 's'}, ${since.files.length} file${since.files.length === 1 ? '' : 's'} changed.`,
  };
}
