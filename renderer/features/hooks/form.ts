/**
 * The hook form's model: a draft of plain strings (what the inputs hold), turned into a
 * hook object and checked with the same parser main uses, so the form refuses what main
 * would refuse and says so next to the field.
 */
import {
  DEFAULT_HOOK_TIMEOUT_SECONDS,
  FILE_TRIGGERS,
  HOOK_TRIGGERS,
  TOOL_TRIGGERS,
  parseHookFile,
  serializeHook,
  type Hook,
  type HookAction,
  type HookTrigger,
} from '../../../shared/model/hooks';

export const TRIGGER_LABELS: Record<HookTrigger, string> = {
  fileEdited: 'File edited',
  fileCreated: 'File created',
  fileDeleted: 'File deleted',
  userTriggered: 'Manual (Run button)',
  promptSubmit: 'Prompt submitted',
  agentStop: 'Agent stopped',
  preToolUse: 'Before a tool runs',
  postToolUse: 'After a tool runs',
  preTaskExecution: 'Before a spec task',
  postTaskExecution: 'After a spec task',
};

export const ACTION_LABELS: Record<HookAction, string> = { askAgent: 'Ask the agent', runCommand: 'Run a command' };

export interface HookDraft {
  name: string;
  description: string;
  enabled: boolean;
  trigger: HookTrigger;
  /** One glob per line. */
  patterns: string;
  /** Comma-separated. */
  toolTypes: string;
  action: HookAction;
  prompt: string;
  command: string;
  /** Seconds, as typed. */
  timeout: string;
}

export type DraftField = keyof HookDraft;

/** A problem of the draft, placed at the field it is about (null: no single field). */
export interface FormProblem {
  field: DraftField | null;
  message: string;
}

export const isFileTrigger = (t: string): boolean => (FILE_TRIGGERS as readonly string[]).includes(t);
export const isToolTrigger = (t: string): boolean => (TOOL_TRIGGERS as readonly string[]).includes(t);

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const without = (o: Obj, keys: string[]): Obj => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

/** The form's fields for a hook (null: a new hook). */
export function draftFrom(hook: Obj | null): HookDraft {
  const when = obj(hook?.when);
  const then = obj(hook?.then);
  const trigger = (HOOK_TRIGGERS as readonly unknown[]).includes(when.type) ? (when.type as HookTrigger) : 'fileEdited';
  return {
    name: str(hook?.name),
    description: str(hook?.description),
    enabled: hook?.enabled !== false,
    trigger,
    patterns: strings(when.patterns).join('\n'),
    toolTypes: strings(when.toolTypes).join(', '),
    action: then.type === 'runCommand' ? 'runCommand' : 'askAgent',
    prompt: str(then.prompt),
    command: str(then.command),
    timeout: String(typeof then.timeout === 'number' ? then.timeout : DEFAULT_HOOK_TIMEOUT_SECONDS),
  };
}

const splitList = (text: string, sep: RegExp): string[] =>
  text
    .split(sep)
    .map((s) => s.trim())
    .filter(Boolean);

/** A number when the field holds one; else the text itself, so the parser's message quotes what was typed. */
function timeoutValue(text: string): number | string {
  const t = text.trim();
  if (t === '') return DEFAULT_HOOK_TIMEOUT_SECONDS;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/**
 * The hook a draft describes. Keys of `base` the form does not show are kept (Kiro may
 * add some); keys it owns are rebuilt, so switching the trigger drops stale `patterns`.
 */
export function hookFrom(draft: HookDraft, base: Obj | null): Obj {
  const when: Obj = { ...without(obj(base?.when), ['type', 'patterns', 'toolTypes']), type: draft.trigger };
  if (isFileTrigger(draft.trigger)) when.patterns = splitList(draft.patterns, /\r?\n/);
  if (isToolTrigger(draft.trigger)) when.toolTypes = splitList(draft.toolTypes, /,/);
  const then: Obj = { ...without(obj(base?.then), ['type', 'prompt', 'command', 'timeout']), type: draft.action };
  if (draft.action === 'askAgent') then.prompt = draft.prompt;
  else {
    then.command = draft.command.trim();
    then.timeout = timeoutValue(draft.timeout);
  }
  const hook: Obj = { ...without(base ?? {}, ['enabled', 'name', 'description', 'when', 'then']), enabled: draft.enabled, name: draft.name.trim() };
  if (draft.description.trim()) hook.description = draft.description.trim();
  hook.version ??= '1';
  return { ...hook, when, then };
}

/** Which field a parser key ("when.patterns[1]", "then.timeout") belongs to. */
function fieldOf(key: string): DraftField | null {
  const head = key.replace(/\[\d+\]$/, '');
  const fields: Record<string, DraftField> = {
    name: 'name',
    description: 'description',
    enabled: 'enabled',
    when: 'trigger',
    'when.type': 'trigger',
    'when.patterns': 'patterns',
    'when.toolTypes': 'toolTypes',
    then: 'action',
    'then.type': 'action',
    'then.prompt': 'prompt',
    'then.command': 'command',
    'then.timeout': 'timeout',
  };
  return fields[head] ?? null;
}

/** Builds the hook and checks it as main will read it back from disk. */
export function checkDraft(draft: HookDraft, base: Obj | null): { hook: Obj; problems: FormProblem[] } {
  const hook = hookFrom(draft, base);
  const fileName = `${draft.name.trim() || 'hook'}.kiro.hook`;
  const { problems } = parseHookFile(fileName, serializeHook(hook as Hook));
  const prefix = `${fileName}: `;
  return {
    hook,
    problems: problems.map((p) => {
      // the file name is noise next to a field: the field says where the problem is
      const message = p.message.startsWith(prefix) ? p.message.slice(prefix.length) : p.message;
      const key = /^"([^"]+)"/.exec(message)?.[1];
      return { field: key ? fieldOf(key) : null, message };
    }),
  };
}
