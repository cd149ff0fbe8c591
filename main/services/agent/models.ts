import type { Usage } from './provider';

export interface ModelInfo {
  id: string;
  label: string;
  contextWindow: number;
  /** US dollars per million tokens (on-demand list prices; an estimate, not a bill). */
  price: { input: number; output: number; cacheRead: number; cacheWrite: number } | null;
}

/** Defaults offered when the account's list cannot be read; any other Bedrock model id can be set in settings. */
export const MODELS: ModelInfo[] = [
  { id: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', label: 'Claude Sonnet 4.5', contextWindow: 200_000, price: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 } },
  { id: 'us.anthropic.claude-opus-4-1-20250805-v1:0', label: 'Claude Opus 4.1', contextWindow: 200_000, price: { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 } },
  { id: 'us.anthropic.claude-haiku-4-5-20251001-v1:0', label: 'Claude Haiku 4.5', contextWindow: 200_000, price: { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 } },
  { id: 'openai.gpt-oss-120b-1:0', label: 'gpt-oss-120b (open weights)', contextWindow: 128_000, price: { input: 0.15, output: 0.6, cacheRead: 0, cacheWrite: 0 } },
  { id: 'qwen.qwen3-coder-480b-a35b-v1:0', label: 'Qwen3 Coder 480B (open weights)', contextWindow: 256_000, price: { input: 0.22, output: 1.8, cacheRead: 0, cacheWrite: 0 } },
];

export const DEFAULT_MODEL = MODELS[0].id;

export function modelInfo(id: string): ModelInfo {
  return MODELS.find((m) => m.id === id) ?? { id, label: id, contextWindow: 200_000, price: null };
}

/** Estimated cost in dollars; null when the model's price is unknown. */
export function costOf(usage: Usage, model: ModelInfo): number | null {
  if (!model.price) return null;
  const p = model.price;
  return (usage.inputTokens * p.input + usage.outputTokens * p.output + usage.cacheReadTokens * p.cacheRead + usage.cacheWriteTokens * p.cacheWrite) / 1e6;
}

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
  };
}

export const ZERO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
