import type { AgentEvent } from '../../../shared/ipc/contract';
import { Emitter } from '../../../shared/ipc/protocol';
import { ZERO_USAGE, addUsage, costOf, modelInfo } from './models';
import { ProviderError, type ChatMessage, type ContentBlock, type ImageMediaType, type ModelProvider, type Usage } from './provider';
import { TOOLS, runTool, type Tool, type ToolContext, type ToolResult } from './tools';

export interface UsageReport extends Usage {
  cost: number | null;
}

/** What the chat shows; also the saved transcript of a session (defined by the contract). */
export type { AgentEvent };

export interface Limits {
  maxTurns: number;
  /** 0 means no cap. */
  maxCostPerTurn: number;
  maxCostPerSession: number;
  maxTokensPerTurn: number;
  maxTokensPerSession: number;
}

/** The same tool call with the same input this many times in one request means the agent is stuck. */
export const REPEAT_LIMIT = 3;
/** What the chat shows of a tool's output (the model gets more). */
const UI_RESULT_MAX = 4000;

export interface RunOptions {
  provider: ModelProvider;
  modelId: string;
  system: { stable: string; dynamic: string };
  limits: Limits;
  tools: Omit<ToolContext, 'signal'>;
  /** The tools offered to the model (all built-in tools by default). */
  toolset?: Tool[];
  /** Waited for before each tool call (the request's checkpoint must exist before anything changes). */
  beforeTool?: () => Promise<void>;
  /** preToolUse / postToolUse hooks: may block a call, or add text to its result for the model. */
  toolHooks?: {
    pre(tool: Tool, input: unknown): Promise<{ block?: string; context: string[] }>;
    post(tool: Tool, input: unknown, result: string): Promise<{ context: string[] }>;
  };
}

/** One chat session: the model-facing history, the transcript, totals, and the loop that drives it. */
export class AgentSession {
  messages: ChatMessage[] = [];
  transcript: AgentEvent[] = [];
  totals: Usage = { ...ZERO_USAGE };
  /** The text of the last model turn that ended the request (no tool calls): what a document request produced. */
  lastAnswer = '';
  private controller: AbortController | null = null;
  private readonly emitter = new Emitter<AgentEvent>();
  readonly onEvent = this.emitter.event;

  constructor(
    readonly id: string,
    public title: string,
    public updatedAt = Date.now(),
  ) {}

  get running(): boolean {
    return this.controller !== null;
  }

  private cancelListeners = new Set<() => void>();

  /** Runs `fn` once when this request is stopped. */
  onCancel(fn: () => void): void {
    this.cancelListeners.add(fn);
  }

  /** Adds an event from outside the loop (approval cards) to the transcript and the stream. */
  record(e: AgentEvent): void {
    this.emit(e);
  }

  private emit(e: AgentEvent) {
    // text deltas are merged in the saved transcript; the live stream still sees each one
    const last = this.transcript[this.transcript.length - 1];
    if (e.type === 'text' && last?.type === 'text') last.text += e.text;
    else this.transcript.push(e.type === 'text' ? { ...e } : e);
    this.updatedAt = Date.now();
    this.emitter.fire(e);
  }

  /** Stops the model stream and any command the agent is running. */
  cancel(): void {
    this.controller?.abort();
    for (const fn of [...this.cancelListeners]) fn();
    this.cancelListeners.clear();
  }

  /** One tool call with its hooks around it: a preToolUse hook can block it; hooks' output is added to the result. */
  private async callTool(call: { name: string; input: unknown }, opts: RunOptions, tools: Tool[], signal: AbortSignal): Promise<ToolResult> {
    await opts.beforeTool?.();
    const tool = tools.find((t) => t.spec.name === call.name);
    const hooks = tool ? opts.toolHooks : undefined;
    const pre = hooks ? await hooks.pre(tool!, call.input) : { context: [] };
    if (pre.block) return { content: pre.block, isError: true };
    const r = await runTool(call.name, call.input, { ...opts.tools, signal }, tools);
    const post = hooks ? await hooks.post(tool!, call.input, r.content) : { context: [] };
    const extra = [...pre.context, ...post.context];
    return extra.length ? { ...r, content: `${r.content}\n\n${extra.join('\n\n')}` } : r;
  }

  /** Runs one request to completion: model turns and tool calls until the model stops, a limit hits, or it is cancelled. */
  async run(text: string, opts: RunOptions & { attachments?: string[]; context?: string[]; images?: { mediaType: ImageMediaType; data: string }[]; preamble?: string }): Promise<void> {
    if (this.controller) throw new Error('This session is already working; stop it first.');
    const controller = new AbortController();
    this.controller = controller;
    const model = modelInfo(opts.modelId);
    const tools = opts.toolset ?? TOOLS;
    this.lastAnswer = '';
    const seen = new Map<string, number>();
    let sessionCost = costOf(this.totals, model) ?? 0;
    if (this.messages.length === 0 && this.title.startsWith('New session')) this.title = text.slice(0, 60);
    const attached = opts.attachments?.length ? [{ type: 'text' as const, text: `Context the person attached with # mentions:\n${opts.attachments.join('\n\n')}` }] : [];
    // context the app supplies (a spec's documents for a task) goes to the model, not into the chat's echo of the request
    const supplied = opts.context?.length ? [{ type: 'text' as const, text: opts.context.join('\n\n') }] : [];
    const images = (opts.images ?? []).map((i) => ({ type: 'image' as const, ...i }));
    // what the app has to tell the model before the request (review feedback) comes first
    const preamble = opts.preamble ? [{ type: 'text' as const, text: opts.preamble }] : [];
    this.messages.push({ role: 'user', content: [...preamble, { type: 'text', text }, ...images, ...attached, ...supplied] });
    this.emit(images.length ? { type: 'user', text, images: images.length } : { type: 'user', text });
    try {
      for (let turn = 1; ; turn++) {
        if (turn > opts.limits.maxTurns) return this.emit({ type: 'done', reason: 'max_turns', message: `Stopped after ${opts.limits.maxTurns} model turns (agent.maxTurns).` });
        if (opts.limits.maxCostPerSession > 0 && sessionCost >= opts.limits.maxCostPerSession) {
          return this.emit({ type: 'done', reason: 'budget', message: `Stopped: this session reached its cost cap of $${opts.limits.maxCostPerSession.toFixed(2)} (agent.maxCostPerSession).` });
        }
        if (opts.limits.maxTokensPerSession > 0 && this.totals.inputTokens + this.totals.outputTokens >= opts.limits.maxTokensPerSession) {
          return this.emit({ type: 'done', reason: 'budget', message: `Stopped: this session reached its token cap of ${opts.limits.maxTokensPerSession} (agent.maxTokensPerSession).` });
        }
        this.emit({ type: 'assistantStart' });
        const content: ContentBlock[] = [];
        let usage: Usage = { ...ZERO_USAGE };
        let textSoFar = '';
        try {
          for await (const ev of opts.provider.stream({
            modelId: opts.modelId,
            system: opts.system,
            messages: this.messages,
            tools: tools.map((t) => t.spec),
            maxTokens: 8192,
            cache: true,
            signal: controller.signal,
          })) {
            if (ev.type === 'text') {
              textSoFar += ev.text;
              this.emit({ type: 'text', text: ev.text });
            } else if (ev.type === 'toolUse') content.push({ type: 'toolUse', id: ev.id, name: ev.name, input: ev.input });
            else if (ev.type === 'usage') usage = ev.usage;
            else if (ev.type === 'retry') this.emit({ type: 'notice', text: `Throttled by Bedrock; retrying in ${Math.round(ev.delayMs / 1000)}s (attempt ${ev.attempt}).` });
          }
        } catch (err) {
          const pe = err instanceof ProviderError ? err : new ProviderError('unknown', (err as Error).message);
          // keep the history valid for the next request: the unfinished answer is kept as text only, no tool calls
          if (textSoFar) this.messages.push({ role: 'assistant', content: [{ type: 'text', text: textSoFar }] });
          else this.messages.pop();
          return this.emit(pe.kind === 'cancelled' ? { type: 'done', reason: 'cancelled', message: 'Stopped.' } : { type: 'done', reason: 'error', message: pe.message });
        }
        if (textSoFar) content.unshift({ type: 'text', text: textSoFar });
        this.messages.push({ role: 'assistant', content: content.length ? content : [{ type: 'text', text: '(no answer)' }] });
        this.totals = addUsage(this.totals, usage);
        const turnCost = costOf(usage, model);
        sessionCost = costOf(this.totals, model) ?? 0;
        this.emit({
          type: 'usage',
          turn: { ...usage, cost: turnCost },
          session: { ...this.totals, cost: costOf(this.totals, model) },
          contextPercent: Math.min(100, Math.round(((usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens + usage.outputTokens) / model.contextWindow) * 1000) / 10),
        });

        const calls = content.filter((b): b is Extract<ContentBlock, { type: 'toolUse' }> => b.type === 'toolUse');
        if (!calls.length) {
          this.lastAnswer = textSoFar;
          return this.emit({ type: 'done', reason: 'end_turn' });
        }
        if (opts.limits.maxCostPerTurn > 0 && (turnCost ?? 0) >= opts.limits.maxCostPerTurn) {
          this.messages.pop(); // its tool calls will not run
          return this.emit({ type: 'done', reason: 'budget', message: `Stopped: one model turn cost $${(turnCost ?? 0).toFixed(4)}, over the cap of $${opts.limits.maxCostPerTurn.toFixed(2)} (agent.maxCostPerTurn).` });
        }
        if (opts.limits.maxTokensPerTurn > 0 && usage.inputTokens + usage.outputTokens >= opts.limits.maxTokensPerTurn) {
          this.messages.pop();
          return this.emit({ type: 'done', reason: 'budget', message: `Stopped: one model turn used ${usage.inputTokens + usage.outputTokens} tokens, over the cap of ${opts.limits.maxTokensPerTurn} (agent.maxTokensPerTurn).` });
        }

        const results: ContentBlock[] = [];
        for (const call of calls) {
          const key = `${call.name}:${JSON.stringify(call.input)}`;
          const count = (seen.get(key) ?? 0) + 1;
          seen.set(key, count);
          this.emit({ type: 'toolCall', id: call.id, name: call.name, input: call.input });
          if (count >= REPEAT_LIMIT) {
            const message = `Stopped: the agent called ${call.name} with the same input ${count} times; it looks stuck.`;
            this.emit({ type: 'toolResult', id: call.id, isError: true, content: message });
            this.messages.pop();
            return this.emit({ type: 'done', reason: 'loop', message });
          }
          const r = controller.signal.aborted ? { content: 'Cancelled before it ran.', isError: true } : await this.callTool(call, opts, tools, controller.signal);
          this.emit({ type: 'toolResult', id: call.id, isError: r.isError, content: r.content.slice(0, UI_RESULT_MAX), changed: 'changed' in r ? r.changed : undefined });
          results.push({ type: 'toolResult', toolUseId: call.id, content: r.content, isError: r.isError });
        }
        this.messages.push({ role: 'user', content: results });
        if (controller.signal.aborted) return this.emit({ type: 'done', reason: 'cancelled', message: 'Stopped.' });
      }
    } finally {
      this.controller = null;
      this.cancelListeners.clear();
    }
  }
}
