/**
 * The `.kiro/hooks/<name>.kiro.hook` format: parse with problems a person can fix (each
 * naming the file, the key and where it is), and write back in a stable key order.
 * Keys this version does not know are kept, because Kiro may add some and a round trip
 * through the hook form must not lose them.
 */
import { z } from 'zod';
import { describeJsonError, formatJsonPath, positionAt, scanJson, type JsonLocation } from './json-position';
import { toolTypeProblem } from './tool-types';

/** Every `when.type`, in the order the hook form lists them. */
export const HOOK_TRIGGERS = [
  'fileEdited',
  'fileCreated',
  'fileDeleted',
  'userTriggered',
  'promptSubmit',
  'agentStop',
  'preToolUse',
  'postToolUse',
  'preTaskExecution',
  'postTaskExecution',
] as const;
export type HookTrigger = (typeof HOOK_TRIGGERS)[number];

/** Triggers that need `when.patterns`. */
export const FILE_TRIGGERS = ['fileEdited', 'fileCreated', 'fileDeleted'] as const satisfies readonly HookTrigger[];
/** Triggers that need `when.toolTypes`. */
export const TOOL_TRIGGERS = ['preToolUse', 'postToolUse'] as const satisfies readonly HookTrigger[];

/** Every `then.type`. */
export const HOOK_ACTIONS = ['askAgent', 'runCommand'] as const;
export type HookAction = (typeof HOOK_ACTIONS)[number];

/** Seconds a runCommand hook may run when the file does not say. */
export const DEFAULT_HOOK_TIMEOUT_SECONDS = 60;

/** A problem in a hook file, at a 1-based position in its text. */
export interface HookProblem {
  message: string;
  line: number;
  column: number;
}

/** A value as a message quotes it: short, and in JSON spelling so strings show their quotes. */
function show(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    const s = JSON.stringify(value);
    return s.length <= 40 ? s : `a list of ${value.length}`;
  }
  if (typeof value === 'object') return 'an object';
  const s = JSON.stringify(value);
  return s.length <= 60 ? s : `${s.slice(0, 56)}…"`;
}

interface RawIssue {
  code?: string;
  input?: unknown;
}

/** An error map for one key: "is required…" when absent, else "must be …, got …". */
const expect =
  (what: string, required = '') =>
  (iss: RawIssue): string =>
    iss.input === undefined ? `is required${required}` : `must be ${what}, got ${show(iss.input)}`;

const oneOf = (options: readonly string[]) => (iss: RawIssue): string => {
  const type = iss.input !== null && typeof iss.input === 'object' ? (iss.input as { type?: unknown }).type : undefined;
  return type === undefined ? `is required: one of ${options.join(', ')}` : `must be one of ${options.join(', ')}, got ${show(type)}`;
};

const nonBlank = (what: string) =>
  z.string({ error: expect(what) }).refine((s) => s.trim() !== '', { error: 'must not be empty' });

const stringList = (what: string, required: string, item: z.ZodType<string>) =>
  z.array(item, { error: expect(what, required) }).min(1, { error: expect(what, required) });

const patterns = (trigger: string) =>
  stringList(
    'a non-empty list of globs like ["src/**/*.ts"]',
    ` for ${trigger} hooks: a list of globs like ["src/**/*.ts"]`,
    nonBlank('a glob string like "src/**/*.ts"'),
  );

const toolTypes = (trigger: string) =>
  stringList(
    'a non-empty list like ["write"] or ["@mcp"]',
    ` for ${trigger} hooks: a list like ["write"], ["shell", "@mcp"] or ["/^git/"]`,
    z.string({ error: expect('a string like "write", "@mcp" or "/regex/"') }).superRefine((entry, ctx) => {
      const problem = toolTypeProblem(entry);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  );

const fileWhen = <T extends HookTrigger>(type: T) => z.looseObject({ type: z.literal(type), patterns: patterns(type) });
const toolWhen = <T extends HookTrigger>(type: T) => z.looseObject({ type: z.literal(type), toolTypes: toolTypes(type) });
const plainWhen = <T extends HookTrigger>(type: T) => z.looseObject({ type: z.literal(type) });

const objectError = (example: string) => expect(`an object like ${example}`);

const whenSchema = z.discriminatedUnion(
  'type',
  [
    fileWhen('fileEdited'),
    fileWhen('fileCreated'),
    fileWhen('fileDeleted'),
    plainWhen('userTriggered'),
    plainWhen('promptSubmit'),
    plainWhen('agentStop'),
    toolWhen('preToolUse'),
    toolWhen('postToolUse'),
    plainWhen('preTaskExecution'),
    plainWhen('postTaskExecution'),
  ],
  {
    error: (iss) =>
      iss.code === 'invalid_union' ? oneOf(HOOK_TRIGGERS)(iss) : objectError('{ "type": "fileEdited", "patterns": ["src/**"] }')(iss),
  },
);

const thenSchema = z.discriminatedUnion(
  'type',
  [
    z.looseObject({ type: z.literal('askAgent'), prompt: nonBlank('a string (what to ask the agent)') }),
    z.looseObject({
      type: z.literal('runCommand'),
      command: nonBlank('a string (the shell command to run)'),
      timeout: z
        .number({ error: expect('a positive number of seconds') })
        .positive({ error: expect('a positive number of seconds') })
        .default(DEFAULT_HOOK_TIMEOUT_SECONDS),
    }),
  ],
  {
    error: (iss) =>
      iss.code === 'invalid_union' ? oneOf(HOOK_ACTIONS)(iss) : objectError('{ "type": "askAgent", "prompt": "…" }')(iss),
  },
);

const hookSchema = z.looseObject(
  {
    enabled: z.boolean({ error: expect('true or false') }).default(true),
    name: nonBlank('a string (the name the hooks panel shows)'),
    description: z.string({ error: expect('a string') }).optional(),
    version: z.string({ error: expect('a string like "1"') }).optional(),
    when: whenSchema,
    then: thenSchema,
  },
  { error: expect('a JSON object like { "name": …, "when": { … }, "then": { … } }') },
);

/** A parsed hook; defaults applied (`enabled`, `then.timeout`), unknown keys kept. */
export type Hook = z.output<typeof hookSchema>;
export type HookWhen = Hook['when'];
export type HookThen = Hook['then'];

/** Where a problem is: the value at its path, else the key of the nearest enclosing member, else 1:1. */
function offsetOf(locations: Map<string, JsonLocation>, path: readonly PropertyKey[]): number | undefined {
  const exact = locations.get(formatJsonPath(path));
  if (exact) return exact.value;
  for (let n = path.length - 1; n >= 0; n--) {
    const parent = locations.get(formatJsonPath(path.slice(0, n)));
    if (parent) return parent.key ?? parent.value;
  }
  return undefined;
}

function at(text: string, offset: number | undefined): { line: number; column: number } {
  return offset === undefined ? { line: 1, column: 1 } : positionAt(text, offset);
}

/** A JSON.parse failure as a problem, at the position V8 reports or, when it gives none, the scanner finds. */
function syntaxProblem(fileName: string, text: string, error: unknown): HookProblem {
  const { line, column, reason } = describeJsonError(text, error);
  return { message: `${fileName}: not valid JSON at line ${line} column ${column}: ${reason}`, line, column };
}

/** Parses a `.kiro.hook` file: the hook when it is valid, and every problem found; never throws. */
export function parseHookFile(fileName: string, text: string): { hook?: Hook; problems: HookProblem[] } {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(src);
  } catch (e) {
    return { problems: [syntaxProblem(fileName, src, e)] };
  }
  const result = hookSchema.safeParse(data);
  if (result.success) return { hook: result.data, problems: [] };
  const { locations } = scanJson(src);
  const problems = result.error.issues.map((iss) => {
    const key = formatJsonPath(iss.path);
    const message = key ? `${fileName}: "${key}" ${iss.message}` : `${fileName}: ${iss.message}`;
    return { message, ...at(src, offsetOf(locations, iss.path)) };
  });
  return { problems };
}

/** `obj`'s entries with `first` keys leading in that order, the rest after in their own order. */
function ordered(obj: Record<string, unknown>, first: readonly string[]): Record<string, unknown> {
  const head = first.filter((k) => obj[k] !== undefined).map((k) => [k, obj[k]] as const);
  const tail = Object.entries(obj).filter(([k]) => !first.includes(k));
  return Object.fromEntries([...head, ...tail]);
}

/** Writes a hook as its file text: 2-space JSON in a stable key order, with a trailing newline. */
export function serializeHook(hook: Hook): string {
  const out = ordered(
    { ...hook, when: ordered(hook.when, ['type', 'patterns', 'toolTypes']), then: ordered(hook.then, ['type', 'prompt', 'command', 'timeout']) },
    ['enabled', 'name', 'description', 'version', 'when', 'then'],
  );
  return `${JSON.stringify(out, null, 2)}\n`;
}
