import type { StateStore } from '../settings/state';
import type { SpecHistory } from './summary';

/**
 * Per spec, what is kept outside the workspace (in the app's state, keyed by the workspace's
 * root): its chat session, the money spent, and each task's last run.
 */
export class SpecHistoryStore {
  constructor(
    private readonly state: StateStore,
    private readonly root: () => string,
  ) {}

  async get(name: string): Promise<SpecHistory> {
    const saved = (await this.state.get(this.root(), key(name))) as Partial<SpecHistory> | undefined;
    return { spent: 0, errors: {}, files: {}, ...(saved && typeof saved === 'object' ? saved : {}) };
  }

  async update(name: string, fn: (h: SpecHistory) => void): Promise<SpecHistory> {
    const h = await this.get(name);
    fn(h);
    await this.state.set(this.root(), key(name), h);
    return h;
  }
}

const key = (name: string) => `spec:${name}`;

/**
 * Records how a task's run ended: its error (also the spec's last error) or none, and the files
 * it changed, added to those of its earlier runs.
 */
export function recordTaskResult(h: SpecHistory, id: string, r: { error?: string; files: string[] }): void {
  if (r.error) {
    h.errors[id] = r.error;
    h.lastError = `Task ${id}: ${r.error}`;
  } else {
    delete h.errors[id];
    delete h.lastError;
  }
  h.files[id] = [...new Set([...(h.files[id] ?? []), ...r.files])].sort();
}
