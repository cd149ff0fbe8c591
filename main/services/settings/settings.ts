import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { Settings } from '../../../shared/ipc/contract';
import { ContractError, Emitter } from '../../../shared/ipc/protocol';
import { writeAtomic } from '../workspace/atomic';

export const DEFAULT_SETTINGS: Settings = {
  'workbench.colorTheme': 'system',
  'files.exclude': ['**/node_modules', '**/.DS_Store', '**/__pycache__'],
  'editor.fontSize': 14,
  'editor.tabSize': 2,
  'editor.wordWrap': 'off',
  'files.largeFileThreshold': 20 * 1024 * 1024,
  'terminal.shell': '',
  'terminal.fontSize': 13,
  'terminal.gpuAcceleration': 'auto',
  'search.ripgrepPath': '',
  'agent.provider': 'bedrock',
  'agent.model': 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
  'agent.openaiBaseUrl': 'http://localhost:11434/v1',
  'agent.openaiModel': '',
  'agent.region': '',
  'agent.maxTurns': 40,
  'agent.maxCostPerTurn': 0,
  'agent.maxCostPerSession': 5,
  'agent.maxTokensPerTurn': 0,
  'agent.maxTokensPerSession': 0,
  'agent.defaultMode': 'supervised',
  'specs.maxCostPerSpec': 10,
};

export interface SettingsProblem {
  file: string;
  message: string;
}

/**
 * User settings in `<configDir>/settings.json`. Unknown keys are kept on disk; invalid
 * values fall back to defaults one key at a time and are reported, so one typo does not
 * reset everything.
 */
export class SettingsService {
  private readonly emitter = new Emitter<Settings>();
  readonly onDidChange = this.emitter.event;
  private current: Settings = { ...DEFAULT_SETTINGS };
  private raw: Record<string, unknown> = {};
  problems: SettingsProblem[] = [];
  /** Why the file cannot be written back (it is there but unreadable or not a JSON object); undefined when it can. */
  private damaged: string | undefined;
  /** Updates one at a time, so two changes made together both land. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {}

  get value(): Settings {
    return this.current;
  }

  async load(): Promise<Settings> {
    this.problems = [];
    this.damaged = undefined;
    const damage = (message: string) => {
      this.damaged = message;
      this.problems.push({ file: this.file, message: `${message}; using the defaults until it is fixed.` });
    };
    let text: string | undefined;
    try {
      text = await fsp.readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') damage(`settings.json cannot be read: ${(err as Error).message}`);
    }
    this.raw = {};
    if (text !== undefined && text.trim()) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) this.raw = parsed as Record<string, unknown>;
        else damage('settings.json must contain a JSON object');
      } catch (err) {
        damage(`settings.json is not valid JSON: ${(err as Error).message}`);
      }
    }
    this.current = this.merge(this.raw);
    return this.current;
  }

  private merge(raw: Record<string, unknown>): Settings {
    const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      if (!(key in raw)) continue;
      const check = Settings.shape[key].safeParse(raw[key]);
      if (check.success) out[key] = check.data;
      else this.problems.push({ file: this.file, message: `"${key}": ${check.error.issues[0]?.message ?? 'invalid value'}; using the default.` });
    }
    return out as Settings;
  }

  /**
   * Writes a change into the file as it is now (so what was edited by hand since it was read
   * stays), or refuses while the file is damaged: writing would replace what the person wrote.
   */
  update(patch: Partial<Settings>): Promise<Settings> {
    const run = this.queue.then(async () => {
      await this.load();
      if (this.damaged) throw new ContractError('INVALID_INPUT', `${this.file}: ${this.damaged}. Specwright will not write over it: fix the file, then try again.`);
      this.raw = { ...this.raw, ...patch };
      await fsp.mkdir(path.dirname(this.file), { recursive: true });
      await writeAtomic(this.file, Buffer.from(JSON.stringify(this.raw, null, 2) + '\n'));
      this.problems = [];
      this.current = this.merge(this.raw);
      this.emitter.fire(this.current);
      return this.current;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** Reads `<configDir>/keybindings.json` (a JSON array of { key, command }); problems are reported, not thrown. */
export async function readKeybindings(file: string): Promise<{ bindings: { key: string; command: string }[]; problems: string[]; file: string }> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch {
    return { bindings: [], problems: [], file };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { bindings: [], problems: [`keybindings.json is not valid JSON: ${(err as Error).message}`], file };
  }
  if (!Array.isArray(parsed)) return { bindings: [], problems: ['keybindings.json must contain an array of { "key": …, "command": … } entries.'], file };
  const bindings: { key: string; command: string }[] = [];
  const problems: string[] = [];
  parsed.forEach((entry, i) => {
    const e = entry as { key?: unknown; command?: unknown };
    if (typeof e?.key === 'string' && typeof e?.command === 'string') bindings.push({ key: e.key.toLowerCase().replace(/\s+/g, ''), command: e.command });
    else problems.push(`keybindings.json entry ${i + 1} needs a string "key" and "command".`);
  });
  return { bindings, problems, file };
}
