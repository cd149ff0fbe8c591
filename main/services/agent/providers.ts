import type { SecretStore } from '../settings/secrets';
import type { SettingsService } from '../settings/settings';
import { BedrockProvider } from './bedrock';
import { listAccountModels } from './catalog';
import { MODELS } from './models';
import { OpenAICompatibleProvider } from './openai';
import { ProviderError, type ModelProvider } from './provider';

type ModelChoice = { id: string; label: string };

/**
 * The model provider the settings name (Bedrock or an OpenAI-compatible server), kept while
 * the settings stay the same (an SDK client is not free to build), and what the chat shows
 * about it. Requests and status checks share the one client.
 */
export class ModelProviders {
  private cached: { key: string; provider: ModelProvider } | null = null;
  /** Bedrock's list of the account's models per region, once read. */
  private accountModels = new Map<string, ModelChoice[]>();
  private loadingModels = new Set<string>();

  constructor(
    private readonly settings: SettingsService,
    private readonly secrets: SecretStore,
  ) {}

  private async openaiKey(): Promise<string | undefined> {
    return process.env.SPECWRIGHT_OPENAI_API_KEY || process.env.OPENAI_API_KEY || (await this.secrets.get('openai.apiKey'));
  }

  /** The provider and model id for the next request. */
  async current(): Promise<{ provider: ModelProvider; modelId: string }> {
    const s = this.settings.value;
    if (s['agent.provider'] === 'openai') {
      const apiKey = await this.openaiKey();
      const key = `openai\0${s['agent.openaiBaseUrl']}\0${apiKey ?? ''}`;
      if (this.cached?.key !== key) this.cached = { key, provider: new OpenAICompatibleProvider({ baseUrl: s['agent.openaiBaseUrl'], apiKey }) };
      return { provider: this.cached.provider, modelId: s['agent.openaiModel'] };
    }
    return { provider: this.bedrock(), modelId: s['agent.model'] };
  }

  /** After a failed request (credentials fixed since, a region changed), the next one builds a fresh client. */
  forget(): void {
    this.cached = null;
  }

  private bedrock(): BedrockProvider {
    const region = this.settings.value['agent.region'];
    const key = `bedrock\0${region}`;
    const cached = this.cached;
    if (cached?.key === key && cached.provider instanceof BedrockProvider) return cached.provider;
    const provider = new BedrockProvider({ region: region || undefined });
    this.cached = { key, provider };
    return provider;
  }

  /** Loads the provider's client (the lazily imported SDK) ahead of a request. */
  async prepare(): Promise<void> {
    const { provider } = await this.current();
    await provider.prepare?.();
  }

  /** Which provider and model, the models to choose from, and whether it can be used. Never credentials. */
  async status() {
    const s = this.settings.value;
    if (s['agent.provider'] === 'openai') {
      const base = s['agent.openaiBaseUrl'];
      let models: ModelChoice[] = [];
      let problem: string | undefined;
      try {
        const key = await this.openaiKey();
        const res = await fetch(`${base.replace(/\/+$/, '')}/models`, { signal: AbortSignal.timeout(3000), headers: key ? { authorization: `Bearer ${key}` } : {} });
        if (res.status === 401 || res.status === 403) problem = `${base} refused the API key. Set it with "Agent: Set API Key".`;
        else if (res.ok) models = (((await res.json()) as { data?: { id: string }[] }).data ?? []).map((m) => ({ id: m.id, label: m.id }));
      } catch {
        problem = `Cannot reach ${base}. Start the server (Ollama, LM Studio, vLLM) or change "agent.openaiBaseUrl".`;
      }
      if (!problem && !s['agent.openaiModel']) problem = `Choose a model for ${base} ("agent.openaiModel").`;
      return { provider: 'OpenAI-compatible', region: base, model: s['agent.openaiModel'], models, configured: !problem, problem };
    }
    const provider = this.bedrock();
    let problem: string | undefined;
    try {
      await provider.checkCredentials();
    } catch (err) {
      problem = err instanceof ProviderError ? err.message : String(err);
    }
    // the account's own list when it has been read; it loads in the background so a slow or
    // offline control plane never holds up the chat
    const known = this.accountModels.get(provider.region);
    if (!problem && !known && !this.loadingModels.has(provider.region)) {
      this.loadingModels.add(provider.region);
      void listAccountModels(provider.region)
        .then((r) => r.fromAccount && this.accountModels.set(provider.region, r.models))
        .finally(() => this.loadingModels.delete(provider.region));
    }
    const models = known ?? MODELS.map((m) => ({ id: m.id, label: m.label }));
    return { provider: 'Amazon Bedrock', region: provider.region, model: s['agent.model'], models, configured: !problem, problem };
  }
}
