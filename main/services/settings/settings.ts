import { type FSWatcher, promises as fsp, mkdirSync, realpathSync, watch } from 'node:fs';
import path from 'node:path';
import { Settings } from '../../../shared/ipc/contract';
import { ContractError, Emitter, type Disposable } from '../../../shared/ipc/protocol';
import { throughLink, writeAtomic } from '../workspace/atomic';

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

/** What settings.json says, read and checked. */
interface ReadResult {
  /** The file's text; undefined when there is no file. */
  text: string | undefined;
  raw: Record<string, unknown>;
  /** Why the file cannot be used or written back (unreadable, not a JSON object); undefined when it can. */
  damaged: string | undefined;
}

/** How long the file must be quiet after a change on disk before it is read again. */
const RELOAD_DELAY_MS = 100;

/**
 * User settings in `<configDir>/settings.json`. Unknown keys are kept on disk; invalid
 * values fall back to defaults one key at a time and are reported, so one typo does not
 * reset everything. Edits made to the file by hand apply as soon as it is saved (watch()).
 */
export class SettingsService {
  private readonly emitter = new Emitter<Settings>();
  readonly onDidChange = this.emitter.event;
  private readonly problemEmitter = new Emitter<SettingsProblem[]>();
  /** Problems found when the file changed on disk after start (the ones at start are in `problems`). */
  readonly onProblems = this.problemEmitter.event;
  private current: Settings = { ...DEFAULT_SETTINGS };
  problems: SettingsProblem[] = [];
  /** Why the file cannot be written back (it is there but unreadable or not a JSON object); undefined when it can. */
  private damaged: string | undefined;
  /** The text last read or written, so a change event for what is already in use does nothing. */
  private lastText: string | undefined;
  /** Reads and updates one at a time, so two changes made together both land. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {}

  get value(): Settings {
    return this.current;
  }

  private async read(): Promise<ReadResult> {
    let text: string | undefined;
    try {
      text = await fsp.readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return { text: undefined, raw: {}, damaged: `settings.json cannot be read: ${(err as Error).message}` };
    }
    if (text === undefined || !text.trim()) return { text, raw: {}, damaged: undefined };
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { text, raw: parsed as Record<string, unknown>, damaged: undefined };
      return { text, raw: {}, damaged: 'settings.json must contain a JSON object' };
    } catch (err) {
      return { text, raw: {}, damaged: `settings.json is not valid JSON: ${(err as Error).message}` };
    }
  }

  /** Reads the file at start: a damaged file means the defaults until it is fixed. */
  async load(): Promise<Settings> {
    const read = await this.read();
    this.lastText = read.text;
    this.damaged = read.damaged;
    this.problems = read.damaged ? [{ file: this.file, message: `${read.damaged}; using the defaults until it is fixed.` }] : [];
    this.current = this.merge(read.raw, this.problems);
    return this.current;
  }

  /** Runs `fn` after the reads and updates before it, so each sees the file the last one left. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Reads the file again after it changed on disk. New values apply at once (onDidChange); a
   * file that became damaged (a half-typed edit) keeps the settings in use, and what is wrong
   * is reported (onProblems).
   */
  reload(): Promise<Settings> {
    return this.serial(async () => {
      const read = await this.read();
      if (read.text === this.lastText && read.damaged === this.damaged) return this.current;
      this.lastText = read.text;
      this.damaged = read.damaged;
      const problems: SettingsProblem[] = read.damaged ? [{ file: this.file, message: `${read.damaged}; keeping the settings in use until it is fixed.` }] : [];
      if (!read.damaged) {
        const next = this.merge(read.raw, problems);
        if (JSON.stringify(next) !== JSON.stringify(this.current)) {
          this.current = next;
          this.emitter.fire(this.current);
        }
      }
      this.problems = problems;
      if (problems.length) this.problemEmitter.fire(problems);
      return this.current;
    });
  }

  /**
   * Reloads when the file changes on disk. Its folder is watched, so an editor that saves by
   * writing a new file and renaming it over the old one is seen too; when settings.json is a
   * link (a dotfiles checkout), the folder of the file it points to is watched as well.
   * Without a watch (the system's limit reached) changes apply at the next start.
   */
  watch(): Disposable {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const watchers: FSWatcher[] = [];
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void this.reload().catch(() => undefined), RELOAD_DELAY_MS);
    };
    const watchFolderOf = (file: string) => {
      const name = path.basename(file);
      try {
        const watcher = watch(path.dirname(file), (_event, changed) => {
          if (!changed || changed === name) schedule();
        });
        watcher.on('error', () => watcher.close());
        watchers.push(watcher);
      } catch {
        // cannot watch: changes apply at the next start
      }
    };
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
    } catch {
      // the folder cannot be made; watching it fails below, quietly
    }
    watchFolderOf(this.file);
    try {
      const target = realpathSync(this.file);
      if (target !== path.resolve(this.file)) watchFolderOf(target);
    } catch {
      // no file yet, or a dangling link: its own folder is watched
    }
    return {
      dispose() {
        clearTimeout(timer);
        watchers.forEach((w) => w.close());
      },
    };
  }

  private merge(raw: Record<string, unknown>, problems: SettingsProblem[]): Settings {
    const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      if (!(key in raw)) continue;
      const check = Settings.shape[key].safeParse(raw[key]);
      if (check.success) out[key] = check.data;
      else problems.push({ file: this.file, message: `"${key}": ${check.error.issues[0]?.message ?? 'invalid value'}; using the default.` });
    }
    return out as Settings;
  }

  /**
   * Writes a change into the file as it is now (so what was edited by hand since it was read
   * stays), or refuses while the file is damaged: writing would replace what the person wrote.
   */
  update(patch: Partial<Settings>): Promise<Settings> {
    return this.serial(async () => {
      const read = await this.read();
      if (read.damaged) {
        this.damaged = read.damaged;
        throw new ContractError('INVALID_INPUT', `${this.file}: ${read.damaged}. Specwright will not write over it: fix the file, then try again.`);
      }
      this.damaged = undefined;
      const raw = { ...read.raw, ...patch };
      const text = JSON.stringify(raw, null, 2) + '\n';
      await fsp.mkdir(path.dirname(this.file), { recursive: true });
      // a settings.json that is a link (dotfiles) is written where it points, and stays a link
      await writeAtomic(await throughLink(this.file), Buffer.from(text));
      this.lastText = text;
      this.problems = [];
      this.current = this.merge(raw, this.problems);
      this.emitter.fire(this.current);
      return this.current;
    });
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
