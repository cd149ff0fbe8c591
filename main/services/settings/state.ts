import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { writeAtomic } from '../workspace/atomic';

const MAX_RECENT = 10;

/**
 * Small JSON state kept outside the workspace: recent folders, and per-workspace UI state
 * (open editors) under `<configDir>/workspaces/<hash of the root>.json`.
 */
export class StateStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dir: string) {}

  private async readJson(file: string): Promise<Record<string, unknown>> {
    try {
      const parsed: unknown = JSON.parse(await fsp.readFile(file, 'utf8'));
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }

  /** Serialises read-modify-write cycles so concurrent updates do not lose each other. */
  private mutate(file: string, fn: (data: Record<string, unknown>) => void): Promise<void> {
    const run = this.queue.then(async () => {
      const data = await this.readJson(file);
      fn(data);
      await fsp.mkdir(path.dirname(file), { recursive: true });
      await writeAtomic(file, Buffer.from(JSON.stringify(data, null, 2)));
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private workspaceFile(root: string) {
    return path.join(this.dir, 'workspaces', createHash('sha1').update(root).digest('hex').slice(0, 16) + '.json');
  }

  async recent(): Promise<string[]> {
    const data = await this.readJson(path.join(this.dir, 'state.json'));
    return Array.isArray(data.recentFolders) ? data.recentFolders.filter((f): f is string => typeof f === 'string') : [];
  }

  addRecent(folder: string): Promise<void> {
    return this.mutate(path.join(this.dir, 'state.json'), (data) => {
      const prev = Array.isArray(data.recentFolders) ? (data.recentFolders as unknown[]) : [];
      data.recentFolders = [folder, ...prev.filter((f) => f !== folder)].slice(0, MAX_RECENT);
    });
  }

  async get(root: string, key: string): Promise<unknown> {
    await this.queue;
    const data = await this.readJson(this.workspaceFile(root));
    return data[key];
  }

  set(root: string, key: string, value: unknown): Promise<void> {
    return this.mutate(this.workspaceFile(root), (data) => {
      data.root = root;
      data[key] = value;
    });
  }
}
