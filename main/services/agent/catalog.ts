import { MODELS } from './models';

export interface ModelChoice {
  id: string;
  label: string;
}

const cache = new Map<string, { at: number; models: ModelChoice[] }>();
/** The account's model list changes rarely; ask again after this long. */
const CACHE_MS = 10 * 60 * 1000;

/**
 * The models this account can call in `region`: its inference profiles (the cross-region
 * ids such as `us.anthropic.…`) and on-demand text models that stream. Falls back to the
 * built-in list when the account cannot be asked (no permission, offline).
 */
export async function listAccountModels(region: string, opts: { endpoint?: string; timeoutMs?: number } = {}): Promise<{ models: ModelChoice[]; fromAccount: boolean }> {
  const hit = cache.get(region);
  if (hit && Date.now() - hit.at < CACHE_MS) return { models: hit.models, fromAccount: true };
  // loaded on first use: the control-plane SDK is only needed to list the account's models
  const { BedrockClient, ListFoundationModelsCommand, ListInferenceProfilesCommand } = await import('@aws-sdk/client-bedrock');
  const client = new BedrockClient({ region, endpoint: opts.endpoint, maxAttempts: 1 });
  const signal = AbortSignal.timeout(opts.timeoutMs ?? 4000);
  try {
    const [profiles, foundation] = await Promise.all([
      client.send(new ListInferenceProfilesCommand({ maxResults: 1000 }), { abortSignal: signal }).catch(() => null),
      client.send(new ListFoundationModelsCommand({ byOutputModality: 'TEXT', byInferenceType: 'ON_DEMAND' }), { abortSignal: signal }),
    ]);
    const models: ModelChoice[] = [];
    for (const p of profiles?.inferenceProfileSummaries ?? []) {
      if (p.status === 'ACTIVE' && p.inferenceProfileId) models.push({ id: p.inferenceProfileId, label: p.inferenceProfileName ?? p.inferenceProfileId });
    }
    for (const m of foundation.modelSummaries ?? []) {
      if (!m.modelId || m.responseStreamingSupported === false || m.modelLifecycle?.status === 'LEGACY') continue;
      if (models.some((x) => x.id === m.modelId)) continue;
      models.push({ id: m.modelId, label: `${m.providerName ?? ''} ${m.modelName ?? m.modelId}`.trim() });
    }
    if (!models.length) throw new Error('empty list');
    cache.set(region, { at: Date.now(), models });
    return { models, fromAccount: true };
  } catch {
    return { models: MODELS.map((m) => ({ id: m.id, label: m.label })), fromAccount: false };
  } finally {
    client.destroy();
  }
}
