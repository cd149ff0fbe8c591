import { ContractError } from '../../../shared/ipc/protocol';
import type { TextQuery } from '../../../shared/model/search-query';
import type { SearchService } from '../search/service';
import type { TerminalSession } from '../pty/session';
import type { PermissionRequest } from '../../../shared/model/permissions/rules';
import type { AgentFiles } from '../review/service';
import type { ToolSpec } from './provider';

/** The person's answer to a permission question, after rules or an approval card. */
export interface Permit {
  allowed: boolean;
  /** For shell: the command to run (the person may have edited it). */
  subject?: string;
  reason: string;
}

export interface ToolContext {
  /** Applies the permission policy; asks the person (an approval card in the chat) when it says ask. */
  permit: (request: PermissionRequest) => Promise<Permit>;
  /** The agent's view of the files: pending edits included (Supervised), or the disk (Autopilot). */
  files: AgentFiles;
  search: SearchService;
  /** A terminal the person can see, for run_command. */
  terminal: () => Promise<TerminalSession>;
  /** Current diagnostics (from the editor's language workers). */
  diagnostics: () => { path: string; severity: string; message: string; line: number; column: number }[];
  signal: AbortSignal;
}

export interface ToolResult {
  content: string;
  isError: boolean;
  /** Files the call changed (for the UI and, later, checkpoints). */
  changed?: string[];
}

export interface Tool {
  spec: ToolSpec;
  /** read, write, shell, web, spec or mcp: what the permission policy and hooks see. */
  category: 'read' | 'write' | 'shell' | 'web' | 'spec' | 'mcp';
  /** For MCP tools: the server it belongs to. */
  server?: string;
  run(input: Record<string, unknown>, ctx: ToolContext): Promise<ToolResult>;
}

/** Output returned to the model is cut here; the rest is summarised. */
export const MAX_TOOL_OUTPUT = 30_000;
const COMMAND_TIMEOUT_MS = 120_000;

/** A command's output for the model: its start and its end, where errors and summaries are. */
export function clipCommandOutput(text: string): string {
  if (text.length <= MAX_TOOL_OUTPUT) return text;
  const head = Math.floor(MAX_TOOL_OUTPUT / 3);
  const tail = MAX_TOOL_OUTPUT - head;
  return `${text.slice(0, head)}\n… (${text.length - head - tail} characters not shown) …\n${text.slice(-tail)}`;
}

function clip(text: string): string {
  return text.length > MAX_TOOL_OUTPUT ? `${text.slice(0, MAX_TOOL_OUTPUT)}\n… (${text.length - MAX_TOOL_OUTPUT} more characters not shown)` : text;
}

/**
 * Lines start..end of a text, numbered, up to what the model is shown (MAX_TOOL_OUTPUT); where
 * that stops short, a last line says how many lines there are and where to read on. Only the
 * lines shown are cut out of the text: a 200 MB log is not split into millions of strings and
 * joined again to return its first 30,000 characters.
 */
export function numberedLines(text: string, start: number, end: number): string {
  let pos = 0;
  let n = 1;
  for (; n < start; n++) {
    const nl = text.indexOf('\n', pos);
    if (nl === -1) return `(the file has ${n} lines; there is no line ${start})`;
    pos = nl + 1;
  }
  const out: string[] = [];
  let size = 0;
  for (; n <= end; n++) {
    const nl = text.indexOf('\n', pos);
    const line = text.slice(pos, nl === -1 ? text.length : nl).replace(/\r$/, '');
    const entry = `${n}: ${line}`;
    if (out.length && size + entry.length + 1 > MAX_TOOL_OUTPUT - 200) {
      let total = n;
      for (let p = text.indexOf('\n', pos); p !== -1; p = text.indexOf('\n', p + 1)) total++;
      out.push(`… (${total} lines in all; lines ${n}–${Math.min(end, total)} not shown: read on with start_line=${n})`);
      break;
    }
    out.push(entry);
    size += entry.length + 1;
    if (nl === -1) break;
    pos = nl + 1;
  }
  return out.join('\n');
}

/** Most of a response fetch_url reads: the model sees MAX_TOOL_OUTPUT of it at most anyway. */
export const FETCH_MAX_BYTES = 2 * 1024 * 1024;

/**
 * A URL's text for the model: at most FETCH_MAX_BYTES of the body (a link to a disk image
 * must not fill main's memory), HTML reduced to its text, and a binary body named, not decoded.
 */
export async function fetchText(url: string, signal: AbortSignal): Promise<{ status: number; ok: boolean; text: string }> {
  const res = await fetch(url, { signal, redirect: 'follow' });
  const type = res.headers.get('content-type') ?? '';
  if (/^(image|audio|video|font)\/|^application\/(octet-stream|pdf|zip|gzip|x-tar|wasm)/i.test(type)) {
    await res.body?.cancel().catch(() => undefined);
    return { status: res.status, ok: res.ok, text: `(${type} content${res.headers.get('content-length') ? `, ${res.headers.get('content-length')} bytes` : ''}: not text, not shown)` };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  let cut = false;
  const reader = res.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    if (size >= FETCH_MAX_BYTES) {
      cut = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  const bytes = Buffer.concat(chunks).subarray(0, FETCH_MAX_BYTES);
  let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (/html/i.test(type)) text = htmlText(text);
  return { status: res.status, ok: res.ok, text: cut ? `${text}\n… (the response was cut after ${FETCH_MAX_BYTES / 1024 / 1024} MB)` : text };
}

/** The text of an HTML page: scripts and styles dropped, tags to spaces, runs of space to one. Linear in the page. */
export function htmlText(html: string): string {
  const lower = html.toLowerCase();
  const parts: string[] = [];
  let at = 0;
  for (;;) {
    const script = lower.indexOf('<script', at);
    const style = lower.indexOf('<style', at);
    const start = script === -1 ? style : style === -1 ? script : Math.min(script, style);
    if (start === -1) break;
    parts.push(html.slice(at, start));
    const close = lower.indexOf(start === script ? '</script' : '</style', start);
    if (close === -1) {
      at = html.length;
      break;
    }
    const end = lower.indexOf('>', close);
    at = end === -1 ? html.length : end + 1;
  }
  parts.push(html.slice(at));
  // [^<>]: a tag ends at the next '<' too, so a page of unclosed '<' is not scanned to its end from each of them
  return parts.join(' ').replace(/<[^<>]*>/g, ' ').replace(/\s+/g, ' ').trim();
}

function str(input: Record<string, unknown>, key: string, required = true): string {
  const v = input[key];
  if (typeof v === 'string') return v;
  if (!required && v === undefined) return '';
  throw new ContractError('INVALID_INPUT', `"${key}" must be a string.`);
}

const ok = (content: string, changed?: string[]): ToolResult => ({ content: clip(content), isError: false, changed });
const fail = (content: string): ToolResult => ({ content, isError: true });

/** Every file change goes through the policy, then the overlay (held for review) or the disk. */
async function write(ctx: ToolContext, path: string, content: string | null, done: string): Promise<ToolResult> {
  const permit = await ctx.permit({ tool: 'write', subject: path });
  if (!permit.allowed) return fail(`${path} was not changed: ${permit.reason}`);
  const outcome = await ctx.files.write(path, content);
  if (!outcome.held) return ok(done, [path]);
  return ok(`${done} The change is pending the person's review (it is not on disk yet); reading the file shows your version. ${outcome.note ?? ''}`.trim(), [path]);
}

export const TOOLS: Tool[] = [
  {
    category: 'read',
    spec: {
      name: 'read_file',
      description: 'Read a text file of the workspace, optionally a range of lines (1-based, inclusive). Lines are returned with their numbers.',
      inputSchema: { type: 'object', properties: { path: { type: 'string' }, start_line: { type: 'integer' }, end_line: { type: 'integer' } }, required: ['path'] },
    },
    async run(input, ctx) {
      const path = str(input, 'path');
      const r = await ctx.files.read(path);
      if (r.kind === 'binary') return fail(`${path} is a binary file (${r.size} bytes); it cannot be read as text.`);
      if (r.kind === 'tooLarge') return fail(`${path} is too large to read (${r.size} bytes).`);
      return ok(numberedLines(r.content, Math.max(1, Number(input.start_line) || 1), Number(input.end_line) || Infinity));
    },
  },
  {
    category: 'read',
    spec: {
      name: 'list_directory',
      description: 'List a folder of the workspace ("" for the root): folders end with "/".',
      inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
    },
    async run(input, ctx) {
      const entries = await ctx.files.list(str(input, 'path'));
      return ok(entries.map((e) => (e.kind === 'dir' || e.target === 'dir' ? `${e.name}/` : e.name)).join('\n') || '(empty)');
    },
  },
  {
    category: 'read',
    spec: {
      name: 'find_files',
      description: 'Find files by a fuzzy name query (like Ctrl+P). Returns up to 50 paths.',
      inputSchema: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
    },
    async run(input, ctx) {
      const r = await ctx.search.files(str(input, 'query'), 50);
      return ok(r.results.map((x) => x.path).join('\n') || 'No matching files.');
    },
  },
  {
    category: 'read',
    spec: {
      name: 'search_text',
      description: 'Search file contents. Set is_regex for a regular expression; include/exclude are globs such as "src/**" or "**/*.test.ts".',
      inputSchema: {
        type: 'object',
        properties: {
          pattern: { type: 'string' },
          is_regex: { type: 'boolean' },
          case_sensitive: { type: 'boolean' },
          include: { type: 'array', items: { type: 'string' } },
          exclude: { type: 'array', items: { type: 'string' } },
        },
        required: ['pattern'],
      },
    },
    async run(input, ctx) {
      const q: TextQuery = {
        pattern: str(input, 'pattern'),
        isRegex: input.is_regex === true,
        caseSensitive: input.case_sensitive === true,
        wholeWord: false,
        include: Array.isArray(input.include) ? input.include.filter((g): g is string => typeof g === 'string') : [],
        exclude: Array.isArray(input.exclude) ? input.exclude.filter((g): g is string => typeof g === 'string') : [],
      };
      const lines: string[] = [];
      const r = await ctx.search.text(q, 200, (f) => f.matches.forEach((m) => lines.push(`${f.path}:${m.line}:${m.column}: ${m.preview.trim()}`)), ctx.signal);
      return ok((lines.join('\n') || 'No matches.') + (r.limitHit ? '\n(stopped at 200 matches; narrow the search)' : ''));
    },
  },
  {
    category: 'write',
    spec: {
      name: 'create_file',
      description: 'Create a new file with the given content. Fails if it exists (use edit_file to change a file).',
      inputSchema: { type: 'object', properties: { path: { type: 'string' }, content: { type: 'string' } }, required: ['path', 'content'] },
    },
    async run(input, ctx) {
      const path = str(input, 'path');
      if (await ctx.files.exists(path)) return fail(`${path} already exists. Use edit_file to change it.`);
      return write(ctx, path, str(input, 'content'), `Created ${path}.`);
    },
  },
  {
    category: 'write',
    spec: {
      name: 'edit_file',
      description: 'Replace exactly one occurrence of old_text with new_text in a file. old_text must match the file exactly (whitespace included) and be unique; include surrounding lines to make it unique.',
      inputSchema: {
        type: 'object',
        properties: { path: { type: 'string' }, old_text: { type: 'string' }, new_text: { type: 'string' } },
        required: ['path', 'old_text', 'new_text'],
      },
    },
    async run(input, ctx) {
      const path = str(input, 'path');
      const oldText = str(input, 'old_text');
      const newText = str(input, 'new_text');
      const r = await ctx.files.read(path);
      if (r.kind !== 'text') return fail(`${path} is not a text file.`);
      const content = r.content;
      // match line endings: the model writes \n, the file may use \r\n
      const needle = r.eol === '\r\n' ? oldText.replace(/\r?\n/g, '\r\n') : oldText;
      const replacement = r.eol === '\r\n' ? newText.replace(/\r?\n/g, '\r\n') : newText;
      if (!needle) return fail('old_text is empty. To create a file use create_file.');
      const first = content.indexOf(needle);
      if (first === -1) return fail(`old_text was not found in ${path}. Nothing was changed. Read the file again and copy the text exactly, including whitespace.`);
      const second = content.indexOf(needle, first + 1);
      if (second !== -1) {
        const lineOf = (i: number) => content.slice(0, i).split('\n').length;
        return fail(`old_text occurs more than once in ${path} (lines ${lineOf(first)} and ${lineOf(second)}). Nothing was changed. Include more surrounding text so it is unique.`);
      }
      return write(ctx, path, content.slice(0, first) + replacement + content.slice(first + needle.length), `Edited ${path}.`);
    },
  },
  {
    category: 'write',
    spec: {
      name: 'delete_file',
      description: 'Delete a file of the workspace.',
      inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
    },
    async run(input, ctx) {
      const path = str(input, 'path');
      if (!(await ctx.files.exists(path))) return fail(`${path} does not exist.`);
      return write(ctx, path, null, `Deleted ${path}.`);
    },
  },
  {
    category: 'write',
    spec: {
      name: 'rename_file',
      description: 'Rename or move a text file of the workspace. Fails if the target exists.',
      inputSchema: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } }, required: ['from', 'to'] },
    },
    async run(input, ctx) {
      const from = str(input, 'from');
      const to = str(input, 'to');
      const r = await ctx.files.read(from);
      if (r.kind !== 'text') return fail(`${from} is not a text file; it cannot be moved by the agent.`);
      if (await ctx.files.exists(to)) return fail(`${to} already exists. Nothing was changed.`);
      const created = await write(ctx, to, r.content, `Created ${to}.`);
      if (created.isError) return created;
      const removed = await write(ctx, from, null, `Moved ${from} to ${to}.`);
      return removed.isError ? removed : { ...removed, changed: [from, to] };
    },
  },
  {
    category: 'shell',
    spec: {
      name: 'run_command',
      description: 'Run a shell command in the workspace, in a terminal the person can see. Returns the exit code and output. Commands that run longer than timeout_seconds (default 120) are interrupted.',
      inputSchema: { type: 'object', properties: { command: { type: 'string' }, timeout_seconds: { type: 'integer' } }, required: ['command'] },
    },
    async run(input, ctx) {
      let command = str(input, 'command');
      // the policy decides; destructive commands always ask, in every mode and whatever the rules allow
      const permit = await ctx.permit({ tool: 'shell', subject: command });
      if (!permit.allowed) return fail(`This command was not run: ${permit.reason} Do not retry it; ask the person, or find another way.`);
      command = permit.subject?.trim() || command;
      const timeout = Math.min(600, Math.max(1, Number(input.timeout_seconds) || COMMAND_TIMEOUT_MS / 1000)) * 1000;
      const term = await ctx.terminal();
      const onAbort = () => term.write('\x03');
      ctx.signal.addEventListener('abort', onAbort);
      try {
        const r = await term.run(command, timeout);
        if (r.timedOut) return fail(`The command did not finish within ${timeout / 1000}s and was interrupted (Ctrl+C).\nOutput so far:\n${clipCommandOutput(r.output)}`);
        return { content: `Exit code: ${r.exitCode}\n${clipCommandOutput(r.output)}`, isError: r.exitCode !== 0 };
      } finally {
        ctx.signal.removeEventListener('abort', onAbort);
      }
    },
  },
  {
    category: 'web',
    spec: {
      name: 'fetch_url',
      description: 'Fetch a web page or file over http(s) and return its text (HTML is reduced to text).',
      inputSchema: { type: 'object', properties: { url: { type: 'string' } }, required: ['url'] },
    },
    async run(input, ctx) {
      const url = str(input, 'url');
      if (!/^https?:\/\//i.test(url)) return fail('Only http and https URLs can be fetched.');
      const permit = await ctx.permit({ tool: 'web', subject: url });
      if (!permit.allowed) return fail(`${url} was not fetched: ${permit.reason}`);
      const page = await fetchText(url, AbortSignal.any([ctx.signal, AbortSignal.timeout(30_000)]));
      return { content: clip(`HTTP ${page.status}\n${page.text}`), isError: !page.ok };
    },
  },
  {
    category: 'read',
    spec: {
      name: 'get_diagnostics',
      description: 'List current errors and warnings reported by the language services for open files.',
      inputSchema: { type: 'object', properties: {} },
    },
    async run(_input, ctx) {
      const d = ctx.diagnostics();
      return ok(d.map((p) => `${p.path}:${p.line}:${p.column} ${p.severity}: ${p.message}`).join('\n') || 'No problems reported.');
    },
  },
];

export function toolByName(name: string): Tool | undefined {
  return TOOLS.find((t) => t.spec.name === name);
}

/** The tools one request offers: the built-in ones (all, or those `only` names) plus any extra ones. */
export function toolset(opts: { only?: string[]; extra?: Tool[] } = {}): Tool[] {
  const builtIn = opts.only ? TOOLS.filter((t) => opts.only!.includes(t.spec.name)) : TOOLS;
  return [...builtIn, ...(opts.extra ?? [])];
}

/** Read-only tools: for requests that look but must not change anything (writing spec documents). */
export const READ_ONLY_TOOLS = TOOLS.filter((t) => t.category === 'read').map((t) => t.spec.name);

/** Runs one tool call; every failure becomes a result the model can read and act on. */
export async function runTool(name: string, input: unknown, ctx: ToolContext, tools: Tool[] = TOOLS): Promise<ToolResult> {
  const tool = tools.find((t) => t.spec.name === name);
  if (!tool) return fail(`There is no tool named "${name}". Available: ${tools.map((t) => t.spec.name).join(', ')}.`);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail(`The input to ${name} must be a JSON object.`);
  try {
    return await tool.run(input as Record<string, unknown>, ctx);
  } catch (err) {
    return fail(`${name} failed: ${(err as Error).message}`);
  }
}
