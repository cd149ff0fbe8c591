import type { SpecDetail, SpecSummary } from '../../../shared/ipc/contract';
import { ContractError, Emitter, type Disposable } from '../../../shared/ipc/protocol';
import { parseTasks, setTaskStatus, type TaskStatus } from '../../../shared/model/specs';
import type { AgentService, RequestExtras, RequestOutcome } from '../agent/service';
import { READ_ONLY_TOOLS, toolset } from '../agent/tools';
import type { GitManager } from '../git/manager';
import type { SearchService } from '../search/service';
import type { SettingsService } from '../settings/settings';
import type { StateStore } from '../settings/state';
import type { WorkspaceManager } from '../workspace/manager';
import type { Workspace } from '../workspace/workspace';
import { StreamedDocument, placeholder } from './documents';
import { cleanDocument, phasePrompt } from './prompts';
import {
  DOC_FILES,
  SPECS_DIR,
  configFor,
  editableConfig,
  isSpecName,
  kebabName,
  listSpecNames,
  phaseOrder,
  readConfig,
  readDoc,
  specPath,
  workflowOf,
  writeConfig,
  type DocKind,
  type SpecConfig,
  type Workflow,
} from './store';
import { runQueue, planAll, planOne } from './runner';
import { recordTaskResult, SpecHistoryStore } from './history';
import { driftSince, loadSpec } from './load';
import { summaryOf, taskRows, type Activity } from './summary';
import { docDiagnostics, traceability } from './trace';

export interface SpecDeps {
  workspaces: WorkspaceManager;
  agent: AgentService;
  git: GitManager;
  settings: SettingsService;
  state: StateStore;
  search: SearchService;
}

/** A task run starting or ending: what hooks (preTaskExecution / postTaskExecution) listen to. */
export interface TaskEvent {
  phase: 'pre' | 'post';
  spec: string;
  taskId: string;
  title: string;
  ok?: boolean;
  error?: string;
}

/**
 * Spec mode for the open workspace: `.kiro/specs/<name>/` read and written in Kiro's
 * layout, the phase flow with approval gates, and the task runner on top of the agent.
 * Task status lives in tasks.md only; the app writes it when a run starts and ends.
 */
export class SpecService implements Disposable {
  private readonly changed = new Emitter<{ name: string | null }>();
  readonly onDidChange = this.changed.event;
  /** preTaskExecution / postTaskExecution hooks; awaited, so a hook's output reaches the task's request. */
  private taskHooks: ((e: TaskEvent) => Promise<unknown>) | undefined;
  private activity = new Map<string, Activity>();
  private stops = new Set<string>();
  private subs: Disposable[] = [];
  private readonly histories: SpecHistoryStore;

  constructor(private readonly deps: SpecDeps) {
    this.histories = new SpecHistoryStore(deps.state, () => deps.workspaces.current.root);
    this.subs.push(
      deps.workspaces.onDidChangeFiles((batch) => {
        if (batch.rescan) return this.changed.fire({ name: null });
        const names = new Set<string>();
        for (const c of batch.changes) {
          if (c.path.startsWith(`${SPECS_DIR}/`)) names.add(c.path.slice(SPECS_DIR.length + 1).split('/')[0]);
        }
        for (const name of names) this.changed.fire({ name });
      }),
      deps.workspaces.onDidChange(() => {
        this.activity.clear();
        this.changed.fire({ name: null });
      }),
    );
  }

  setTaskHooks(fn: (e: TaskEvent) => Promise<unknown>): void {
    this.taskHooks = fn;
  }

  private get ws(): Workspace {
    return this.deps.workspaces.current;
  }

  private fire(name: string) {
    this.changed.fire({ name });
  }

  private budgetOf(config: SpecConfig): number {
    return config.specwright?.budget ?? this.deps.settings.value['specs.maxCostPerSpec'];
  }

  // ── reading ───────────────────────────────────────────────────────────────
  async summary(name: string): Promise<SpecSummary> {
    return summaryOf(name, await loadSpec(this.ws, name, this.histories, this.activity.get(name)));
  }

  async list(): Promise<SpecSummary[]> {
    const names = await listSpecNames(this.ws);
    return Promise.all(names.sort().map((n) => this.summary(n)));
  }

  async detail(name: string): Promise<SpecDetail> {
    await this.requireSpec(name);
    const loaded = await loadSpec(this.ws, name, this.histories, this.activity.get(name));
    const summary = summaryOf(name, loaded);
    const { config, docs, parsed, history: h } = loaded;
    const trace = await traceability({ docs, specType: config.specType, tasks: parsed?.tasks ?? [], files: h.files, search: this.deps.search });
    return {
      ...summary,
      idea: config.specwright?.idea ?? '',
      sessionId: h.sessionId ?? null,
      taskList: taskRows(loaded),
      trace,
      drift: await driftSince(this.deps.git.current, config),
      budget: { limit: this.budgetOf(config), spent: h.spent },
      diagnostics: docDiagnostics(name, docs),
    };
  }

  private async requireSpec(name: string): Promise<SpecConfig> {
    if (!isSpecName(name)) throw new ContractError('INVALID_INPUT', `"${name}" is not a spec name.`);
    const { config, exists } = await readConfig(this.ws, name);
    if (!exists && !(await listSpecNames(this.ws)).includes(name)) throw new ContractError('NOT_FOUND', `There is no spec "${name}" in ${SPECS_DIR}.`);
    return config;
  }

  private requireIdle(name: string) {
    const a = this.activity.get(name);
    if (a) throw new ContractError('CONFLICT', `The spec "${name}" is busy (${a.kind === 'generate' ? `writing ${DOC_FILES[a.doc]}` : 'running tasks'}). Stop it or wait.`);
  }

  private async editConfig(name: string, fn: (c: SpecConfig) => void): Promise<SpecConfig> {
    const config = await editableConfig(this.ws, name);
    fn(config);
    await writeConfig(this.ws, name, config);
    return config;
  }

  // ── the chat session a spec works in ──────────────────────────────────────
  private async session(name: string): Promise<string> {
    const h = await this.histories.get(name);
    if (h.sessionId) {
      try {
        await this.deps.agent.load(h.sessionId);
        return h.sessionId;
      } catch {
        // deleted from the chat: a new one
      }
    }
    const { id } = await this.deps.agent.create(`Spec: ${name}`);
    await this.histories.update(name, (x) => (x.sessionId = id));
    return id;
  }

  /**
   * One agent request for this spec. Its cost counts against the spec's budget; when the
   * budget runs out mid-request the request is stopped.
   */
  async request(
    name: string,
    text: string,
    extras: RequestExtras,
    onEvent?: (e: Parameters<Parameters<AgentService['onEvent']>[0]>[0]['event']) => void,
  ): Promise<RequestOutcome & { changed: string[]; budgetHit: boolean }> {
    const config = await readConfig(this.ws, name).then((r) => r.config);
    const limit = this.budgetOf(config);
    const before = await this.histories.get(name);
    if (limit > 0 && before.spent >= limit) {
      return { reason: 'budget', message: budgetMessage(limit, before.spent), answer: '', changed: [], budgetHit: true };
    }
    const sessionId = await this.session(name);
    const changed = new Set<string>();
    let spent = before.spent;
    let budgetHit = false;
    const own = (p: string) => p.startsWith(`${specPath(name)}/`);
    const sub = this.deps.agent.onEvent(({ sessionId: sid, event }) => {
      if (sid !== sessionId) return;
      onEvent?.(event);
      if (event.type === 'toolResult') for (const p of event.changed ?? []) if (!own(p)) changed.add(p);
      if (event.type === 'checkpoint') for (const c of event.changed) if (!own(c.path)) changed.add(c.path);
      if (event.type === 'usage' && event.turn.cost) {
        spent += event.turn.cost;
        void this.histories.update(name, (h) => (h.spent = spent));
        if (limit > 0 && spent >= limit && !budgetHit) {
          budgetHit = true;
          void this.deps.agent.cancel(sessionId);
        }
      }
    });
    try {
      // the spec's budget is the cap for its runs, not the chat's per-session cap
      const { finished } = await this.deps.agent.start(sessionId, text, undefined, undefined, [], { ...extras, limits: { maxCostPerSession: 0, ...extras.limits }, ownWrites: own });
      const outcome = await finished;
      if (budgetHit) return { ...outcome, reason: 'budget', message: budgetMessage(limit, spent), changed: [...changed], budgetHit };
      return { ...outcome, changed: [...changed], budgetHit };
    } finally {
      sub.dispose();
    }
  }

  // ── documents ─────────────────────────────────────────────────────────────
  async create(idea: string, workflow: Workflow, requested?: string): Promise<{ name: string; path: string }> {
    const existing = new Set(await listSpecNames(this.ws));
    let name = requested ?? kebabName(idea);
    if (requested && existing.has(requested)) throw new ContractError('EXISTS', `A spec named "${requested}" already exists.`);
    for (let i = 2; existing.has(name); i++) name = `${kebabName(idea)}-${i}`;
    await writeConfig(this.ws, name, configFor(workflow, idea));
    const order = phaseOrder(workflow);
    const first = order[0];
    // the first document's file exists at once so its tab can open and follow the stream
    await this.ws.write(specPath(name, DOC_FILES[first]), placeholder(first));
    this.fire(name);
    this.startGenerating(name, workflow === 'quick' ? order : [first]);
    return { name, path: specPath(name, DOC_FILES[first]) };
  }

  /**
   * Keeps a background run's failure for the panel. When even that cannot be kept, the folder
   * has been closed under the run and no panel shows it: the failure must not become an
   * unhandled rejection that takes the process down.
   */
  private recordError(name: string, err: Error): Promise<unknown> {
    return this.histories.update(name, (h) => (h.lastError = err.message)).catch(() => undefined);
  }

  private startGenerating(name: string, kinds: DocKind[], feedback?: string) {
    this.activity.set(name, { kind: 'generate', doc: kinds[0] });
    this.fire(name);
    void this.generate(name, kinds, feedback)
      .catch((err: Error) => this.recordError(name, err))
      .finally(() => {
        this.activity.delete(name);
        this.stops.delete(name);
        this.fire(name);
      });
  }

  /** Writes documents one after another; each streams into its file, and a failure puts back what was there. */
  private async generate(name: string, kinds: DocKind[], feedback?: string): Promise<void> {
    await this.histories.update(name, (h) => delete h.lastError);
    for (const kind of kinds) {
      if (this.stops.has(name)) return;
      this.activity.set(name, { kind: 'generate', doc: kind });
      this.fire(name);
      // the document's record goes into .config.kiro afterwards: find out now, before any writing, whether it can be
      const config = await editableConfig(this.ws, name);
      const order = phaseOrder(workflowOf(config));
      const rel = specPath(name, DOC_FILES[kind]);
      const previous = await readDoc(this.ws, name, kind);
      const current = previous && previous !== placeholder(kind) ? previous : null;
      const others: Partial<Record<DocKind, string>> = {};
      for (const k of order) if (k !== kind) others[k] = (await readDoc(this.ws, name, k)) ?? undefined;
      const prompt = phasePrompt({ kind, idea: config.specwright?.idea ?? '', specName: name, others, current, feedback });
      if (!current) await this.ws.write(rel, placeholder(kind));

      const stream = new StreamedDocument((text) => this.ws.write(rel, text));
      const outcome = await this.request(name, prompt.text, { toolset: toolset({ only: READ_ONLY_TOOLS }), context: prompt.context, noMcp: true }, (e) => stream.onEvent(e));
      await stream.finish();
      const doc = outcome.reason === 'end_turn' ? cleanDocument(outcome.answer) : '';
      if (!doc.trim() || !doc.trimStart().startsWith('#')) {
        // nothing is lost: the document goes back to what it was (or away, if it is new)
        if (current) await this.ws.write(rel, current);
        else await this.ws.delete(rel, true).catch(() => undefined);
        const why = outcome.reason === 'end_turn' ? 'the answer was not a Markdown document' : (outcome.message ?? outcome.reason);
        await this.histories.update(name, (h) => (h.lastError = `${DOC_FILES[kind]} was not written: ${why}.`));
        return;
      }
      await this.ws.write(rel, doc);
      await this.editConfig(name, (c) => {
        const rec = (c.specwright ??= {});
        const docs = (rec.docs ??= {});
        // a spec from Kiro gets records now: what exists counts as approved
        for (const k of order) if (!docs[k] && k !== kind && others[k] !== undefined) docs[k] = { approved: true };
        docs[kind] = { approved: false };
        // what builds on this document is now out of date
        for (const k of order.slice(order.indexOf(kind) + 1)) if (docs[k] && !kinds.includes(k)) docs[k] = { ...docs[k]!, stale: true };
      });
      this.fire(name);
    }
  }

  async approve(name: string, kind: DocKind): Promise<void> {
    const config = await this.requireSpec(name);
    this.requireIdle(name);
    const workflow = workflowOf(config);
    const order = phaseOrder(workflow);
    if (!order.includes(kind)) throw new ContractError('INVALID_INPUT', `A ${workflow} spec has no ${DOC_FILES[kind]}.`);
    const exists = await Promise.all(order.map((k) => readDoc(this.ws, name, k).then((t) => t !== null)));
    if (!exists[order.indexOf(kind)]) throw new ContractError('NOT_FOUND', `${DOC_FILES[kind]} has not been written yet.`);
    const earlier = order.slice(0, order.indexOf(kind)).find((k, i) => !exists[i] || this.isUnapproved(config, k));
    if (earlier && workflow !== 'quick') throw new ContractError('INVALID_INPUT', `Approve ${DOC_FILES[earlier]} first.`);
    const commit = await this.deps.git.current?.head().catch(() => null);
    // a quick spec has one approval for all its documents
    const approving = workflow === 'quick' ? order.filter((_, i) => exists[i]) : [kind];
    await this.editConfig(name, (c) => {
      const docs = ((c.specwright ??= {}).docs ??= {});
      for (const k of order) if (!docs[k] && exists[order.indexOf(k)]) docs[k] = { approved: true };
      for (const k of approving) docs[k] = { approved: true, commit: commit ?? null, at: Date.now() };
    });
    this.fire(name);
    const next = order[order.indexOf(kind) + 1];
    if (next && workflow !== 'quick' && !exists[order.indexOf(next)]) {
      await this.ws.write(specPath(name, DOC_FILES[next]), placeholder(next));
      this.startGenerating(name, [next]);
    }
  }

  private isUnapproved(config: SpecConfig, kind: DocKind): boolean {
    const rec = config.specwright?.docs?.[kind];
    return !!config.specwright?.docs && !!rec && (!rec.approved || !!rec.stale);
  }

  async revise(name: string, kind: DocKind, feedback?: string): Promise<void> {
    const config = await this.requireSpec(name);
    this.requireIdle(name);
    if (!phaseOrder(workflowOf(config)).includes(kind)) throw new ContractError('INVALID_INPUT', `This spec has no ${DOC_FILES[kind]}.`);
    this.startGenerating(name, [kind], feedback?.trim() || undefined);
  }

  async setBudget(name: string, budget: number | null): Promise<void> {
    await this.requireSpec(name);
    await this.editConfig(name, (c) => {
      const rec = (c.specwright ??= {});
      if (budget === null) delete rec.budget;
      else rec.budget = budget;
    });
    this.fire(name);
  }

  // ── tasks ─────────────────────────────────────────────────────────────────
  private async tasksText(name: string): Promise<string> {
    const text = await readDoc(this.ws, name, 'tasks');
    if (text === null) throw new ContractError('NOT_FOUND', `${specPath(name, 'tasks.md')} does not exist yet.`);
    return text;
  }

  /** Writes one task's status into tasks.md, changing only its checkbox; what the person edited stays. */
  async setStatus(name: string, id: string, status: TaskStatus): Promise<void> {
    const text = await this.tasksText(name);
    const next = setTaskStatus(text, id, status);
    if (next !== text) await this.ws.write(specPath(name, 'tasks.md'), next);
    this.fire(name);
  }

  async startTask(name: string, taskId: string): Promise<void> {
    await this.requireSpec(name);
    this.requireIdle(name);
    const { tasks } = parseTasks(await this.tasksText(name));
    const queue = planOne(tasks, taskId);
    this.startRun(name, queue, false);
  }

  async runAll(name: string): Promise<void> {
    await this.requireSpec(name);
    this.requireIdle(name);
    const { tasks } = parseTasks(await this.tasksText(name));
    const queue = planAll(tasks);
    if (!queue.length) throw new ContractError('INVALID_INPUT', 'Every required task is done already.');
    this.startRun(name, queue, true);
  }

  private startRun(name: string, queue: string[], markQueued: boolean) {
    this.activity.set(name, { kind: 'tasks', current: null });
    this.fire(name);
    void runQueue(this.runnerHost(name), queue, markQueued)
      .catch((err: Error) => this.recordError(name, err))
      .finally(() => {
        this.activity.delete(name);
        this.stops.delete(name);
        this.fire(name);
      });
  }

  private runnerHost(name: string) {
    return {
      spec: name,
      read: async () => parseTasks(await this.tasksText(name)).tasks,
      docs: async () => {
        const { config } = await readConfig(this.ws, name);
        const out: Partial<Record<DocKind, string>> = {};
        for (const k of phaseOrder(workflowOf(config))) out[k] = (await readDoc(this.ws, name, k)) ?? undefined;
        return { docs: out, specType: config.specType };
      },
      setStatus: (id: string, status: TaskStatus) => this.setStatus(name, id, status),
      setCurrent: (id: string | null) => {
        this.activity.set(name, { kind: 'tasks', current: id });
        this.fire(name);
      },
      stopped: () => this.stops.has(name),
      request: (text: string, extras: RequestExtras) => this.request(name, text, extras),
      recordResult: (id: string, r: { error?: string; files: string[] }) => this.histories.update(name, (h) => recordTaskResult(h, id, r)),
      taskEvent: async (e: Omit<TaskEvent, 'spec'>) => {
        await this.taskHooks?.({ ...e, spec: name }).catch(() => undefined);
      },
    };
  }

  /** Stops what the spec is doing: the current request ends, queued tasks go back to not started. */
  async stop(name: string): Promise<void> {
    if (!this.activity.has(name)) return;
    this.stops.add(name);
    const h = await this.histories.get(name);
    if (h.sessionId) await this.deps.agent.cancel(h.sessionId).catch(() => undefined);
  }

  dispose(): void {
    for (const name of this.activity.keys()) void this.stop(name);
    this.subs.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}

export type RunnerHost = ReturnType<SpecService['runnerHost']>;

function budgetMessage(limit: number, spent: number): string {
  return `Stopped: this spec's budget of $${limit.toFixed(2)} is used up ($${spent.toFixed(2)} spent). Raise it in the Specs panel or the specs.maxCostPerSpec setting.`;
}
