import { randomUUID } from 'node:crypto';
import type { FileChangeBatch, HookInfo, HookRun, HooksState } from '../../../shared/ipc/contract';
import { ContractError, Emitter, type Disposable } from '../../../shared/ipc/protocol';
import { matchesToolType, parseHookFile, serializeHook, type Hook, type HookProblem, type HookTool, type HookTrigger } from '../../../shared/model/hooks';
import type { StateStore } from '../settings/state';
import type { WorkspaceManager } from '../workspace/manager';
import { runCommandHook, type HookEvent } from './command';
import { HookGuard, RunLimiter, type HookOrigin } from './guard';
import { compilePatterns } from './patterns';
import { HOOK_FORMAT, describeHook } from './describe';

export const HOOKS_DIR = '.kiro/hooks';
/** File events for one hook are gathered this long, so a save of ten files runs it once. */
const FILE_DEBOUNCE_MS = 300;
/** A run counts as still going this long after it ends: the watcher reports its writes late. */
const ORIGIN_TAIL_MS = 1500;
/** Hooks running at once; more wait their turn. */
const MAX_CONCURRENT = 4;
const MAX_RUNS_KEPT = 100;

/** What the hook engine needs of the agent: to start a turn in a session of its own. */
export interface HookAgent {
  create(title: string): Promise<{ id: string }>;
  load(id: string): Promise<unknown>;
  isBusy(id: string): boolean;
  start(id: string, text: string): Promise<{ finished: Promise<{ reason: string; message?: string; answer: string }> }>;
}

/** What the agent asks of the hooks around a request and each tool call. */
export interface AgentHooks {
  promptSubmit(sessionId: string, text: string): Promise<{ append: string[]; context: string[]; notices: string[] }>;
  toolUse(phase: 'pre' | 'post', sessionId: string, tool: HookTool, input: unknown, result?: string): Promise<{ block?: string; context: string[] }>;
  agentStop(sessionId: string, reason: string): void;
  /** Output of hooks that ran outside a request (file saves, tasks), for the next request. */
  takeContext(): string[];
}

interface Loaded {
  file: string;
  hook?: Hook;
  problems: HookProblem[];
  match?: (p: string) => boolean;
}


const FILE_TRIGGER: Record<'create' | 'update' | 'delete', HookTrigger> = { create: 'fileCreated', update: 'fileEdited', delete: 'fileDeleted' };

/**
 * The `.kiro/hooks` automations of the open workspace: loads and watches the hook files,
 * fires them from the watcher, the agent and the task runner, runs their commands or agent
 * turns, and logs every run. A loop guard stops hooks that would feed themselves; hooks a
 * workspace brings run only after the person trusts it.
 */
export class HookEngine implements Disposable, AgentHooks {
  private hooks = new Map<string, Loaded>();
  private runs: HookRun[] = [];
  private trusted = false;
  private readonly guard = new HookGuard();
  private readonly limiter = new RunLimiter(MAX_CONCURRENT);
  /** Runs in progress (and just ended), by run id: what their writes count as. */
  private active = new Map<string, { file: string; depth: number }>();
  /** Agent sessions a hook started, and how deep in a chain they are. */
  private hookSessions = new Map<string, string>();
  private sessionOrigin = new Map<string, { file: string; depth: number }>();
  private queued: string[] = [];
  private pendingFiles = new Map<string, { files: Set<string>; trigger: HookTrigger; origin: HookOrigin; timer: ReturnType<typeof setTimeout> }>();
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private loaded: Promise<void> = Promise.resolve();
  private readonly changed = new Emitter<HooksState>();
  readonly onDidChange = this.changed.event;
  private subs: Disposable[] = [];
  private fireTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly deps: {
      workspaces: WorkspaceManager;
      state: StateStore;
      agent: HookAgent;
      /** Whether a path existed before this watcher batch: an atomic save (write + rename) arrives as 'create'. */
      existed?: (rel: string) => boolean;
    },
  ) {
    this.subs.push(
      deps.workspaces.onDidChange((info) => {
        this.hooks.clear();
        this.runs = [];
        this.hookSessions.clear();
        this.trusted = false;
        if (info.root) this.loaded = this.load();
        this.fire();
      }),
      deps.workspaces.onDidChangeFiles((batch) => this.onFiles(batch)),
    );
  }

  private get root(): string {
    return this.deps.workspaces.current.root;
  }

  // ── loading ───────────────────────────────────────────────────────────────
  private async load(): Promise<void> {
    const ws = this.deps.workspaces.maybeCurrent;
    if (!ws) return;
    this.trusted = (await this.deps.state.get(ws.root, 'hooks.trusted')) === true;
    const next = new Map<string, Loaded>();
    let entries: { name: string; path: string; kind: string }[] = [];
    try {
      entries = await ws.list(HOOKS_DIR);
    } catch {
      // no hooks folder
    }
    for (const e of entries.filter((x) => x.kind === 'file' && x.name.endsWith('.kiro.hook'))) {
      let text: string;
      try {
        const r = await ws.read(e.path);
        if (r.kind !== 'text') {
          next.set(e.path, { file: e.path, problems: [{ message: `${e.name} is not a text file.`, line: 1, column: 1 }] });
          continue;
        }
        text = r.content;
      } catch (err) {
        next.set(e.path, { file: e.path, problems: [{ message: `${e.name} cannot be read: ${(err as Error).message}`, line: 1, column: 1 }] });
        continue;
      }
      const { hook, problems } = parseHookFile(e.name, text);
      const patterns = hook && 'patterns' in hook.when ? (hook.when.patterns as string[]) : undefined;
      next.set(e.path, { file: e.path, hook, problems, match: patterns ? compilePatterns(patterns) : undefined });
    }
    this.hooks = next;
    this.fire();
  }

  /** Resolves once the hook files of the open workspace have been read. */
  ready(): Promise<void> {
    return this.loaded;
  }

  state(): HooksState {
    const hooks: HookInfo[] = [...this.hooks.values()]
      .sort((a, b) => a.file.localeCompare(b.file))
      .map((h) => ({
        file: h.file,
        name: h.hook?.name ?? h.file.split('/').pop()!.replace(/\.kiro\.hook$/, ''),
        description: h.hook?.description ?? '',
        enabled: h.hook?.enabled ?? false,
        trigger: h.hook?.when.type ?? '',
        summary: h.hook ? describeHook(h.hook) : 'Malformed: fix the file to use it.',
        hook: h.hook ? (JSON.parse(JSON.stringify(h.hook)) as Record<string, unknown>) : null,
        problems: h.problems,
      }));
    return { hooks, runs: [...this.runs].reverse(), trusted: this.trusted };
  }

  private fire() {
    clearTimeout(this.fireTimer);
    this.fireTimer = setTimeout(() => this.changed.fire(this.state()), 30);
  }

  // ── triggers ──────────────────────────────────────────────────────────────
  /** Where a file event came from: a hook's own run (and how deep the chain is), or the person. */
  private originFor(file: string): HookOrigin {
    if (!this.active.size) return { depth: 0 };
    const depths = [...this.active.values()];
    const own = depths.find((a) => a.file === file);
    return { depth: Math.max(...depths.map((a) => a.depth)) + 1, startedByHook: own ? file : undefined };
  }

  private onFiles(batch: FileChangeBatch) {
    if (!this.deps.workspaces.maybeCurrent) return;
    if (batch.changes.some((c) => c.path.startsWith(`${HOOKS_DIR}/`)) || batch.rescan) {
      clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => (this.loaded = this.load()), 100);
    }
    for (const c of batch.changes) {
      if (c.path.startsWith(`${HOOKS_DIR}/`)) continue;
      const trigger = c.type === 'create' && this.deps.existed?.(c.path) ? 'fileEdited' : FILE_TRIGGER[c.type];
      for (const h of this.hooks.values()) {
        if (h.hook?.when.type !== trigger || !h.match?.(c.path)) continue;
        const key = `${h.file}\0${trigger}`;
        const pending = this.pendingFiles.get(key);
        if (pending) pending.files.add(c.path);
        else {
          const origin = this.originFor(h.file);
          const entry = {
            files: new Set([c.path]),
            trigger,
            origin,
            timer: setTimeout(() => {
              this.pendingFiles.delete(key);
              const files = [...entry.files].sort();
              const verb = { fileEdited: 'edited', fileCreated: 'created', fileDeleted: 'deleted' }[trigger as 'fileEdited'];
              void this.runHook(h.file, `${files.slice(0, 3).join(', ')}${files.length > 3 ? ` and ${files.length - 3} more` : ''} ${verb}`, { files }, entry.origin);
            }, FILE_DEBOUNCE_MS),
          };
          this.pendingFiles.set(key, entry);
        }
      }
    }
  }

  private matching(trigger: HookTrigger, tool?: HookTool): Loaded[] {
    return [...this.hooks.values()].filter((h) => h.hook && h.hook.enabled && h.hook.when.type === trigger && (!tool || matchesToolType((h.hook.when as { toolTypes?: string[] }).toolTypes ?? [], tool)));
  }

  private sessionOriginFor(sessionId: string, file: string): HookOrigin {
    const o = this.sessionOrigin.get(sessionId);
    return o ? { depth: o.depth, startedByHook: o.file === file ? file : undefined } : { depth: 0 };
  }

  async promptSubmit(sessionId: string, text: string) {
    const out = { append: [] as string[], context: [] as string[], notices: [] as string[] };
    for (const h of this.matching('promptSubmit')) {
      if (h.hook!.then.type === 'askAgent') {
        // on promptSubmit an askAgent hook adds to the prompt instead of starting a turn
        if (!this.admit(h, this.sessionOriginFor(sessionId, h.file), 'prompt submitted')) continue;
        out.append.push(h.hook!.then.prompt as string);
        this.log(h, 'prompt submitted', { state: 'ok', output: 'Added to the prompt.', durationMs: 0 });
        continue;
      }
      const run = await this.runHook(h.file, 'prompt submitted', { prompt: text, sessionId }, this.sessionOriginFor(sessionId, h.file), { queue: false });
      if (!run) continue;
      if (run.state === 'ok' && run.output.trim()) out.context.push(`Output of hook "${run.name}":\n${run.output}`);
      if (run.state === 'failed') out.notices.push(`Hook "${run.name}" failed: ${run.message ?? ''}`.trim());
    }
    return out;
  }

  async toolUse(phase: 'pre' | 'post', sessionId: string, tool: HookTool, input: unknown, result?: string) {
    const out: { block?: string; context: string[] } = { context: [] };
    for (const h of this.matching(phase === 'pre' ? 'preToolUse' : 'postToolUse', tool)) {
      const cause = `${phase === 'pre' ? 'before' : 'after'} ${tool.name}`;
      if (h.hook!.then.type === 'askAgent') {
        if (!this.admit(h, this.sessionOriginFor(sessionId, h.file), cause)) continue;
        out.context.push(`Hook "${h.hook!.name}": ${h.hook!.then.prompt as string}`);
        this.log(h, cause, { state: 'ok', output: 'Added to the tool result for the agent.', durationMs: 0 });
        continue;
      }
      const run = await this.runHook(h.file, cause, { tool: { name: tool.name, input, result }, sessionId }, this.sessionOriginFor(sessionId, h.file), { queue: false });
      if (!run) continue;
      if (run.state === 'ok' && run.output.trim()) out.context.push(`Output of hook "${run.name}":\n${run.output}`);
      if (run.state === 'failed' && phase === 'pre') {
        out.block = `Blocked by hook "${run.name}": ${run.message ?? 'it exited non-zero'}`;
        run.state = 'blocked';
        this.fire();
        break;
      }
    }
    return out;
  }

  agentStop(sessionId: string, reason: string): void {
    for (const h of this.matching('agentStop')) void this.runHook(h.file, `agent stopped (${reason})`, { sessionId }, this.sessionOriginFor(sessionId, h.file));
  }

  /** A spec task starting or ending (preTaskExecution / postTaskExecution). */
  taskEvent(e: { phase: 'pre' | 'post'; spec: string; taskId: string; title: string; ok?: boolean; error?: string }): Promise<unknown> {
    const trigger = e.phase === 'pre' ? 'preTaskExecution' : 'postTaskExecution';
    return Promise.all(
      this.matching(trigger).map((h) => this.runHook(h.file, `task ${e.taskId} ${e.phase === 'pre' ? 'starting' : e.ok ? 'done' : 'failed'}`, { task: { spec: e.spec, id: e.taskId, title: e.title, ok: e.ok, error: e.error } }, { depth: 0 })),
    );
  }

  takeContext(): string[] {
    return this.queued.splice(0);
  }

  // ── running ───────────────────────────────────────────────────────────────
  private log(h: Loaded, cause: string, r: Partial<HookRun>): HookRun {
    const run: HookRun = {
      id: randomUUID(),
      file: h.file,
      name: h.hook?.name ?? h.file,
      trigger: h.hook?.when.type ?? '',
      cause,
      action: h.hook?.then.type === 'askAgent' ? 'askAgent' : 'runCommand',
      state: 'running',
      startedAt: Date.now(),
      durationMs: null,
      exitCode: null,
      output: '',
      ...r,
    };
    this.runs.push(run);
    if (this.runs.length > MAX_RUNS_KEPT) this.runs.splice(0, this.runs.length - MAX_RUNS_KEPT);
    this.fire();
    return run;
  }

  /** Trust, then the loop guard: false (and a skipped run in the log) when the hook may not run. */
  private admit(h: Loaded, origin: HookOrigin, cause: string): boolean {
    if (!this.trusted) {
      const last = this.runs[this.runs.length - 1];
      // one line in the log for a burst of untrusted triggers, not one per save
      if (!(last?.file === h.file && last.state === 'skipped' && last.message?.startsWith('Not run: this folder'))) {
        this.log(h, cause, { state: 'skipped', durationMs: 0, message: 'Not run: this folder is not trusted yet. Hooks that come with a workspace run only after you trust it (Hooks view).' });
      }
      return false;
    }
    const verdict = this.guard.canRun(h.file, origin);
    if (!verdict.ok) {
      this.log(h, cause, { state: 'skipped', durationMs: 0, message: verdict.reason });
      return false;
    }
    this.guard.recordRun(h.file);
    return true;
  }

  /** Runs one hook (command or agent turn) and logs it; null when it was not admitted. */
  private async runHook(file: string, cause: string, event: HookEvent, origin: HookOrigin, opts: { queue?: boolean; manual?: boolean } = {}): Promise<HookRun | null> {
    const h = this.hooks.get(file);
    if (!h?.hook || (!h.hook.enabled && !opts.manual)) return null;
    if (!this.admit(h, origin, cause)) return null;
    const hook = h.hook;
    const run = this.log(h, cause, {});
    const key = run.id;
    this.active.set(key, { file, depth: origin.depth });
    const endActive = () => setTimeout(() => this.active.delete(key), ORIGIN_TAIL_MS);
    try {
      await this.limiter.run(async () => {
        if (hook.then.type === 'runCommand') {
          const r = await runCommandHook(hook, event, this.root);
          Object.assign(run, r.run);
          if (r.run.state === 'ok' && opts.queue !== false && r.stdout.trim()) this.queued.push(`Output of hook "${hook.name}" (${cause}):\n${r.stdout.trim()}`);
        } else {
          const sessionId = await this.sessionFor(file, hook.name);
          run.sessionId = sessionId;
          if (this.deps.agent.isBusy(sessionId)) {
            Object.assign(run, { state: 'skipped', durationMs: 0, message: 'Skipped: this hook is still working on its previous request.' });
            return;
          }
          this.sessionOrigin.set(sessionId, { file, depth: origin.depth + 1 });
          const details = [event.files?.length ? `Files: ${event.files.join(', ')}` : '', event.task ? `Task ${event.task.id}: ${event.task.title}${event.task.error ? ` (failed: ${event.task.error})` : ''}` : ''].filter(Boolean);
          const started = Date.now();
          const { finished } = await this.deps.agent.start(sessionId, [hook.then.prompt as string, ...details].join('\n\n'));
          const outcome = await finished;
          run.durationMs = Date.now() - started;
          run.output = outcome.answer;
          if (outcome.reason === 'end_turn') run.state = 'ok';
          else Object.assign(run, { state: 'failed', message: outcome.message ?? outcome.reason });
          // its own agentStop arrives with this origin; then it is forgotten
          setTimeout(() => this.sessionOrigin.delete(sessionId), ORIGIN_TAIL_MS);
        }
      });
    } catch (err) {
      Object.assign(run, { state: 'failed', message: (err as Error).message });
    } finally {
      if (run.durationMs === null) run.durationMs = Date.now() - run.startedAt;
      endActive();
      this.fire();
    }
    return run;
  }

  private async sessionFor(file: string, name: string): Promise<string> {
    const known = this.hookSessions.get(file);
    if (known) {
      try {
        await this.deps.agent.load(known);
        return known;
      } catch {
        // removed from the chat
      }
    }
    const { id } = await this.deps.agent.create(`Hook: ${name}`);
    this.hookSessions.set(file, id);
    return id;
  }

  // ── what the panel does ───────────────────────────────────────────────────
  private async requireHook(file: string): Promise<Loaded> {
    await this.loaded;
    const h = this.hooks.get(file);
    if (!h) throw new ContractError('NOT_FOUND', `There is no hook ${file}.`);
    return h;
  }

  /** The Run button: runs the hook now, even a disabled one, once trusted. */
  async run(file: string): Promise<void> {
    const h = await this.requireHook(file);
    if (!h.hook) throw new ContractError('INVALID_INPUT', `${file} is malformed: ${h.problems[0]?.message ?? 'fix it first'}.`);
    if (!this.trusted) throw new ContractError('PERMISSION', 'Trust this folder first (Hooks view): hooks that come with a workspace do not run until you do.');
    void this.runHook(file, 'Run button', {}, { depth: 0 }, { manual: true });
  }

  async setEnabled(file: string, enabled: boolean): Promise<void> {
    const h = await this.requireHook(file);
    const ws = this.deps.workspaces.current;
    const r = await ws.read(file);
    if (r.kind !== 'text' || !h.hook) throw new ContractError('INVALID_INPUT', `${file} is malformed; fix it before switching it on or off.`);
    // only "enabled" changes: every other key and its order stay as the file has them
    const obj = JSON.parse(r.content) as Record<string, unknown>;
    obj.enabled = enabled;
    await ws.write(file, JSON.stringify(obj, null, 2) + '\n');
    h.hook.enabled = enabled;
    this.fire();
  }

  /** Writes a hook from the form; the first hook a person makes in a folder without hooks trusts it. */
  async save(file: string | undefined, input: Record<string, unknown>): Promise<{ file: string }> {
    await this.loaded;
    const name = typeof input.name === 'string' && input.name.trim() ? input.name.trim() : 'hook';
    const target = file ?? (await this.freeName(name));
    if (!target.startsWith(`${HOOKS_DIR}/`) || !target.endsWith('.kiro.hook')) throw new ContractError('INVALID_INPUT', `A hook file lives in ${HOOKS_DIR}/ and ends in .kiro.hook.`);
    const { hook, problems } = parseHookFile(target.split('/').pop()!, JSON.stringify(input));
    if (!hook) throw new ContractError('INVALID_INPUT', problems.map((p) => p.message).join('\n'));
    const hadHooks = this.hooks.size > 0;
    await this.deps.workspaces.current.write(target, serializeHook(hook), undefined, undefined, { createParents: true });
    if (!hadHooks && !this.trusted) await this.trust(true);
    this.loaded = this.load();
    await this.loaded;
    return { file: target };
  }

  private async freeName(name: string): Promise<string> {
    const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'hook';
    for (let i = 1; ; i++) {
      const file = `${HOOKS_DIR}/${i === 1 ? base : `${base}-${i}`}.kiro.hook`;
      if (!this.hooks.has(file)) {
        const exists = await this.deps.workspaces.current.read(file).then(
          () => true,
          () => false,
        );
        if (!exists) return file;
      }
    }
  }

  async trust(trusted: boolean): Promise<void> {
    await this.deps.state.set(this.root, 'hooks.trusted', trusted);
    this.trusted = trusted;
    this.fire();
  }

  /** "Create a hook" in plain words: the agent writes the file (pending review in Supervised mode). */
  async describe(description: string): Promise<{ sessionId: string }> {
    const { id } = await this.deps.agent.create('New hook');
    await this.deps.agent.start(id, `Create a Kiro hook file in ${HOOKS_DIR}/ (a short kebab-case name ending in .kiro.hook) for this: ${description}\n\n${HOOK_FORMAT}\n\nWrite the file with create_file, then say in one sentence what it does.`);
    return { sessionId: id };
  }

  dispose(): void {
    clearTimeout(this.reloadTimer);
    clearTimeout(this.fireTimer);
    for (const p of this.pendingFiles.values()) clearTimeout(p.timer);
    this.subs.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}
