import { createHash, randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ContractError, Emitter, type Disposable } from '../../../shared/ipc/protocol';
import { defaultShell, type PtyService } from '../pty/service';
import type { TerminalSession } from '../pty/session';
import type { SearchService } from '../search/service';
import type { SettingsService } from '../settings/settings';
import { writeAtomic } from '../workspace/atomic';
import type { WorkspaceManager } from '../workspace/manager';
import { assembleSystem } from './context';
import { expandMentions, findMentions, terminalText } from './mentions';
import { AgentSession, type AgentEvent, type Limits } from './loop';
import { ZERO_USAGE, costOf, modelInfo } from './models';
import type { ImageMediaType } from './provider';
import { ModelProviders } from './providers';
import type { SecretStore } from '../settings/secrets';
import { WORKSPACE_POLICY_PATH, preciseRule, type PermissionRequest } from '../../../shared/model/permissions/rules';
import type { PermissionService } from '../permissions/service';
import type { ChangedFile } from '../review/checkpoints';
import type { ReviewService } from '../review/service';
import { TOOLS, type Permit, type Tool } from './tools';
import type { AgentHooks } from '../hooks/engine';
import type { McpManager } from '../mcp/manager';
import { mcpTools } from '../mcp/tools';

/** The latest a request's checkpoint starts when the model has sent nothing yet. */
const CHECKPOINT_DEFER_MS = 500;

/** What the app adds to a request it starts itself (a spec phase, a task): the tools offered and context for the model. */
export interface RequestExtras {
  toolset?: Tool[];
  /** Text given to the model with the request but not shown as the person's message. */
  context?: string[];
  /** Caps that replace the settings' for this request (a spec's runs are capped by the spec's budget instead). */
  limits?: Partial<Limits>;
  /** No MCP tools (a request that must only read). */
  noMcp?: boolean;
  /** Paths the app itself writes while the request runs (a spec document): not counted as the request's changes. */
  ownWrites?: (path: string) => boolean;
}

/** How a request ended, and the text of its last answer. */
export interface RequestOutcome {
  reason: Extract<AgentEvent, { type: 'done' }>['reason'];
  message?: string;
  answer: string;
}

interface ApprovalAnswer {
  approved: boolean;
  command?: string;
  always?: boolean;
}

export interface AgentDeps {
  workspaces: WorkspaceManager;
  settings: SettingsService;
  search: SearchService;
  pty: PtyService;
  configDir: string;
  secrets: SecretStore;
  review: ReviewService;
  permissions: PermissionService;
  mcp?: McpManager;
}

interface SavedSession {
  id: string;
  title: string;
  updatedAt: number;
  messages: AgentSession['messages'];
  transcript: AgentEvent[];
  totals: AgentSession['totals'];
}

/** Chat sessions of the open workspace, saved under the config folder, and the provider behind them. */
export class AgentService implements Disposable {
  private sessions = new Map<string, AgentSession>();
  private loadedFor: string | null = null;
  private readonly events = new Emitter<{ sessionId: string; event: AgentEvent }>();
  readonly onEvent = this.events.event;
  private terminals = new Map<string, TerminalSession>();
  /** Sessions with a request under way, from start until its checkpoint is recorded. */
  private busy = new Set<string>();
  /** Approval cards waiting for the person, by session and approval id. */
  private approvals = new Map<string, { sessionId: string; resolve(r: ApprovalAnswer): void }>();
  private diagnostics: { path: string; severity: string; message: string; line: number; column: number }[] = [];

  private hooks: AgentHooks | undefined;

  private readonly providers: ModelProviders;

  constructor(private readonly deps: AgentDeps) {
    this.providers = new ModelProviders(deps.settings, deps.secrets);
  }

  /** The hook engine, set once it exists (it needs this service to start its own turns). */
  setHooks(hooks: AgentHooks): void {
    this.hooks = hooks;
  }

  /**
   * The person is writing a request: load the model's client now (the AWS SDK is loaded on
   * first use, ~20 MiB and a noticeable pause on a slow machine) so the request does not wait for it.
   */
  prepare(): Promise<void> {
    return this.providers.prepare();
  }

  /** What the chat needs to know: which provider and model, and whether it can be used. Never credentials. */
  status() {
    return this.providers.status();
  }

  setDiagnostics(d: AgentService['diagnostics']): void {
    this.diagnostics = d;
  }

  private dir(): string {
    const root = this.deps.workspaces.current.root;
    return path.join(this.deps.configDir, 'workspaces', createHash('sha1').update(root).digest('hex').slice(0, 16), 'agent');
  }

  private async ensureLoaded() {
    const root = this.deps.workspaces.current.root;
    if (this.loadedFor === root) return;
    this.sessions.clear();
    this.loadedFor = root;
    try {
      for (const name of await fsp.readdir(this.dir())) {
        if (!name.endsWith('.json')) continue;
        try {
          const saved = JSON.parse(await fsp.readFile(path.join(this.dir(), name), 'utf8')) as SavedSession;
          const s = new AgentSession(saved.id, saved.title, saved.updatedAt);
          s.messages = saved.messages ?? [];
          s.transcript = saved.transcript ?? [];
          s.totals = saved.totals ?? { ...ZERO_USAGE };
          this.sessions.set(s.id, s);
        } catch {
          // a damaged session file is skipped, not fatal
        }
      }
    } catch {
      // no sessions yet
    }
  }

  private async save(s: AgentSession) {
    const saved: SavedSession = { id: s.id, title: s.title, updatedAt: s.updatedAt, messages: s.messages, transcript: s.transcript, totals: s.totals };
    await fsp.mkdir(this.dir(), { recursive: true });
    await writeAtomic(path.join(this.dir(), `${s.id}.json`), Buffer.from(JSON.stringify(saved)));
  }

  private async get(id: string): Promise<AgentSession> {
    await this.ensureLoaded();
    const s = this.sessions.get(id);
    if (!s) throw new ContractError('NOT_FOUND', 'That chat session no longer exists.');
    return s;
  }

  async list() {
    await this.ensureLoaded();
    return [...this.sessions.values()].sort((a, b) => b.updatedAt - a.updatedAt).map((s) => ({ id: s.id, title: s.title, updatedAt: s.updatedAt, running: s.running }));
  }

  async create(title?: string): Promise<{ id: string }> {
    await this.ensureLoaded();
    const s = new AgentSession(randomUUID(), title ?? `New session ${this.sessions.size + 1}`);
    this.sessions.set(s.id, s);
    await this.save(s);
    return { id: s.id };
  }

  async load(id: string) {
    const s = await this.get(id);
    const model = modelInfo(this.deps.settings.value['agent.model']);
    return { id: s.id, title: s.title, transcript: s.transcript, totals: { ...s.totals, cost: costOf(s.totals, model) }, running: s.running };
  }

  /**
   * Starts a request and returns once it is under way; progress and its end arrive on
   * onEvent. `finished` resolves when the request is over (tests and the CLI wait on it).
   */
  async start(
    id: string,
    text: string,
    terminalId?: number,
    activeFile?: string,
    images: { mediaType: ImageMediaType; data: string }[] = [],
    extras: RequestExtras = {},
  ): Promise<{ finished: Promise<RequestOutcome> }> {
    const s = await this.get(id);
    if (s.running || this.busy.has(id)) throw new ContractError('CONFLICT', 'This session is still working. Stop it or wait.');
    this.busy.add(id);
    const finished = this.run(s, text, terminalId, activeFile, images, extras)
      .catch((err: Error): RequestOutcome => {
        this.events.fire({ sessionId: id, event: { type: 'done', reason: 'error', message: err.message } });
        return { reason: 'error', message: err.message, answer: '' };
      })
      .finally(() => this.busy.delete(id));
    return { finished };
  }

  /** Whether a session has a request under way. */
  isBusy(id: string): boolean {
    return this.busy.has(id) || !!this.sessions.get(id)?.running;
  }

  private async run(
    s: AgentSession,
    text: string,
    terminalId?: number,
    activeFile?: string,
    images: { mediaType: ImageMediaType; data: string }[] = [],
    extras: RequestExtras = {},
  ): Promise<RequestOutcome> {
    const id = s.id;
    const ws = this.deps.workspaces.current;
    const settings = this.deps.settings.value;
    // 'done' is passed on last, after the turn's checkpoint is recorded, so the next request never overlaps this one
    let done: Extract<AgentEvent, { type: 'done' }> | null = null;
    const sub = s.onEvent((event) => {
      if (event.type === 'done') done = event;
      else this.events.fire({ sessionId: id, event });
    });
    try {
      // started now, awaited below: the first token waits for each of these (the checkpoint store opens its index on first use)
      const providerReady = this.providers.current();
      const storeReady = this.deps.review.checkpoints();
      providerReady.catch(() => undefined);
      storeReady.catch(() => undefined);
      // files in play decide fileMatch steering: the open file, mentioned files, files the session touched
      const touched = s.transcript.flatMap((e) => (e.type === 'toolResult' ? (e.changed ?? []) : e.type === 'toolCall' && typeof (e.input as { path?: unknown })?.path === 'string' ? [(e.input as { path: string }).path] : []));
      const mentioned = findMentions(text).filter((m) => (m.kind === 'File' || m.kind === 'Folder') && m.arg).map((m) => m.arg!);
      const system = await assembleSystem(ws, text, [...(activeFile ? [activeFile] : []), ...mentioned, ...touched]);
      if (system.included.length) this.events.fire({ sessionId: id, event: { type: 'notice', text: `Steering: ${system.included.join(', ')}` } });
      const mentions = await expandMentions(text, {
        workspace: ws,
        search: this.deps.search,
        diagnostics: () => this.diagnostics,
        terminalOutput: () => {
          if (terminalId === undefined) return null;
          try {
            return terminalText(this.deps.pty.get(terminalId).recentOutput());
          } catch {
            return null;
          }
        },
        signal: AbortSignal.timeout(60_000),
      });
      if (mentions.included.length) this.events.fire({ sessionId: id, event: { type: 'notice', text: `Attached: ${mentions.included.join(', ')}` } });
      const { provider, modelId } = await providerReady;
      const review = this.deps.review;
      // a checkpoint before anything the request does: it is taken while the model starts
      // answering (a first snapshot of a large folder takes a while) and no tool runs before
      // it is done; what the request changes is recorded against it from now on
      const changedBy = new Map<string, ChangedFile['by']>();
      const store = await storeReady;
      const recording = store.record();
      // the snapshot starts once the first answer event has gone out (or a tool is about to
      // run, or after CHECKPOINT_DEFER_MS): its hashing then never delays the first token
      let taking: Promise<{ id: string; label: string; incomplete?: string } | null> | undefined;
      const takeCheckpoint = () =>
        (taking ??= store.create(text.slice(0, 80), id).catch((err: Error) => {
          this.events.fire({ sessionId: id, event: { type: 'notice', text: `No checkpoint was taken before this request: ${err.message}` } });
          return null;
        }));
      const deferTimer = setTimeout(takeCheckpoint, CHECKPOINT_DEFER_MS);
      const firstEvent = s.onEvent((event) => {
        if (event.type === 'user' || event.type === 'assistantStart') return;
        firstEvent.dispose();
        setImmediate(takeCheckpoint);
      });
      const transcriptStart = s.transcript.length;
      const files = await review.filesFor(id, (p) => changedBy.set(p, 'agent'));
      const feedback = (await review.pendingChanges()).takeFeedback(id);
      // promptSubmit hooks add to the request; hooks that ran since the last one (a save, a task) report here
      const submitted = this.hooks ? await this.hooks.promptSubmit(id, text) : { append: [], context: [], notices: [] };
      for (const n of submitted.notices) this.events.fire({ sessionId: id, event: { type: 'notice', text: n } });
      const hookContext = [...(this.hooks?.takeContext() ?? []), ...submitted.context, ...submitted.append.map((a) => `Added by a promptSubmit hook: ${a}`)];
      const hooks = this.hooks;
      try {
        await s.run(text, {
          preamble: feedback ?? undefined,
          attachments: mentions.blocks,
          context: [...(extras.context ?? []), ...hookContext],
          beforeTool: () => takeCheckpoint().then(() => undefined),
          toolset: [...(extras.toolset ?? TOOLS), ...(extras.noMcp || !this.deps.mcp ? [] : mcpTools(this.deps.mcp))],
          toolHooks: hooks
            ? {
                pre: (tool, input) => hooks.toolUse('pre', id, { name: tool.spec.name, category: tool.category, server: tool.server }, input),
                post: (tool, input, result) => hooks.toolUse('post', id, { name: tool.spec.name, category: tool.category, server: tool.server }, input, result),
              }
            : undefined,
          images,
          provider,
          modelId,
          system,
          limits: {
            maxTurns: settings['agent.maxTurns'],
            maxCostPerTurn: settings['agent.maxCostPerTurn'],
            maxCostPerSession: settings['agent.maxCostPerSession'],
            maxTokensPerTurn: settings['agent.maxTokensPerTurn'],
            maxTokensPerSession: settings['agent.maxTokensPerSession'],
            ...extras.limits,
          },
          tools: {
            permit: (request) => this.permit(id, s, request),
            files,
            search: this.deps.search,
            terminal: () => this.terminalFor(id, s.title),
            diagnostics: () => this.diagnostics,
          },
        });
      } finally {
        clearTimeout(deferTimer);
        firstEvent.dispose();
        const checkpoint = await takeCheckpoint();
        if (!checkpoint) recording.stop();
        else {
          await review.settle();
          recording.stop();
          // the policy file changes when the person answers "always allow": that is theirs, not the turn's
          // changes the file tools did not make came from commands, or from MCP tools when the request ran no command
          const ran = new Set(s.transcript.slice(transcriptStart).flatMap((e) => (e.type === 'toolCall' ? [e.name] : [])));
          const other: ChangedFile['by'] = !ran.has('run_command') && [...ran].some((n) => n.startsWith('mcp__')) ? 'mcp' : 'command';
          for (const p of recording.paths) if (!changedBy.has(p) && p !== WORKSPACE_POLICY_PATH && !extras.ownWrites?.(p)) changedBy.set(p, other);
          const changed = await review.finishTurn(checkpoint.id, changedBy).catch(() => []);
          s.record({ type: 'checkpoint', id: checkpoint.id, label: checkpoint.label, changed, incomplete: checkpoint.incomplete });
        }
      }
    } finally {
      sub.dispose();
      await this.save(s).catch(() => undefined);
      if (done) {
        // after a failure (credentials fixed since, a region changed) the next request builds a fresh client
        if ((done as Extract<AgentEvent, { type: 'done' }>).reason === 'error') this.providers.forget();
        this.events.fire({ sessionId: id, event: done });
        this.hooks?.agentStop(id, (done as Extract<AgentEvent, { type: 'done' }>).reason);
      }
    }
    const end = done as Extract<AgentEvent, { type: 'done' }> | null;
    return { reason: end?.reason ?? 'error', message: end?.message, answer: s.lastAnswer };
  }

  /** The permission policy for one request: allowed, denied, or an approval card. */
  private async permit(sessionId: string, s: AgentSession, request: PermissionRequest): Promise<Permit> {
    const decision = await this.deps.permissions.decide(request, await this.deps.review.mode());
    if (decision.action === 'allow') return { allowed: true, reason: decision.reason };
    if (decision.action === 'deny') return { allowed: false, reason: decision.reason };
    const answer = await this.askApproval(sessionId, s, request, decision.reason, !decision.alwaysAsks);
    if (!answer.approved) return { allowed: false, reason: `The person did not allow it (${decision.reason})` };
    const subject = request.tool === 'shell' ? answer.command?.trim() || request.subject : request.subject;
    if (answer.always && !decision.alwaysAsks) await this.deps.permissions.add('workspace', preciseRule({ tool: request.tool, subject }));
    return { allowed: true, subject, reason: 'The person allowed it.' };
  }

  /** Shows an approval card and waits; Stop (or the session going away) answers no. */
  private askApproval(sessionId: string, s: AgentSession, request: PermissionRequest, reason: string, canAlways: boolean): Promise<ApprovalAnswer> {
    const approvalId = randomUUID();
    return new Promise((resolve) => {
      const finish = (r: ApprovalAnswer) => {
        if (!this.approvals.delete(approvalId)) return;
        stop.dispose();
        s.record({ type: 'approvalResult', id: approvalId, approved: r.approved, command: r.command ?? request.subject, always: r.always });
        resolve(r);
      };
      this.approvals.set(approvalId, { sessionId, resolve: finish });
      const stop = s.onEvent((e) => e.type === 'done' && finish({ approved: false }));
      s.onCancel(() => finish({ approved: false }));
      s.record({ type: 'approval', id: approvalId, command: request.subject, reason, tool: request.tool, canAlways });
    });
  }

  /** The person answered an approval card. */
  approve(sessionId: string, approvalId: string, approved: boolean, command?: string, always?: boolean): void {
    const pending = this.approvals.get(approvalId);
    if (!pending || pending.sessionId !== sessionId) throw new ContractError('NOT_FOUND', 'That approval is no longer waiting (the turn ended or was stopped).');
    pending.resolve({ approved, command, always });
  }

  /**
   * One visible terminal per chat session for its commands. Completion must be known, not
   * guessed, so it is a shell with integration: the user's bash or zsh, else bash.
   */
  private async terminalFor(id: string, title: string): Promise<TerminalSession> {
    const existing = this.terminals.get(id);
    if (existing && !existing.exited) return existing;
    const preferred = defaultShell(this.deps.settings.value['terminal.shell']);
    const shell = /(^|\/)(bash|zsh)$/.test(preferred) ? preferred : '/bin/bash';
    const t = await this.deps.pty.spawn({ cols: 120, rows: 30, cwd: this.deps.workspaces.current.root, title: `Agent: ${title.slice(0, 24)}`, shell });
    if (!(await t.ready(10_000))) {
      this.deps.pty.close(t.id);
      throw new Error(`The shell ${shell} did not start with shell integration, so Specwright cannot tell when a command finishes. Set "terminal.shell" to bash or zsh.`);
    }
    this.terminals.set(id, t);
    return t;
  }

  async cancel(id: string) {
    (await this.get(id)).cancel();
  }

  async rename(id: string, title: string) {
    const s = await this.get(id);
    s.title = title;
    await this.save(s);
  }

  async remove(id: string) {
    const s = await this.get(id);
    s.cancel();
    this.sessions.delete(id);
    await fsp.rm(path.join(this.dir(), `${id}.json`), { force: true });
  }

  /** The session as Markdown, for sharing or keeping. */
  async exportMarkdown(id: string): Promise<string> {
    const s = await this.get(id);
    const out = [`# ${s.title}`, ''];
    for (const e of s.transcript) {
      if (e.type === 'user') out.push(`## You`, '', e.text, '');
      else if (e.type === 'assistantStart') out.push('## Agent', '');
      else if (e.type === 'text') out.push(e.text, '');
      else if (e.type === 'toolCall') out.push(`**Tool:** \`${e.name}\` \`${JSON.stringify(e.input)}\``, '');
      else if (e.type === 'toolResult') out.push('```', e.content, '```', '');
      else if (e.type === 'done' && e.message) out.push(`_${e.message}_`, '');
    }
    return out.join('\n');
  }

  dispose(): void {
    for (const s of this.sessions.values()) s.cancel();
    this.events.dispose();
  }
}
