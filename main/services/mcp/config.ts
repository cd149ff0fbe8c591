/**
 * MCP server configuration: `~/.kiro/settings/mcp.json` (user) and `.kiro/settings/mcp.json`
 * (workspace), in the `mcpServers` format Kiro, Claude Desktop and Cursor share. Parsing
 * keeps every valid server and reports each invalid one; the workspace file replaces user
 * entries of the same name whole; `${VAR}` expands from the environment just before start.
 * Keys this version does not use (`type`, `timeout`, …) are ignored.
 */
import { z } from 'zod';
import { describeJsonError } from '../../../shared/model/hooks';

export type McpScope = 'user' | 'workspace';

interface McpServerCommon {
  disabled: boolean;
  /** Tools that run without asking. */
  autoApprove: string[];
  /** Tools hidden from the agent. */
  disabledTools: string[];
}

export interface McpStdioServer extends McpServerCommon {
  kind: 'stdio';
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
}

export interface McpHttpServer extends McpServerCommon {
  kind: 'http';
  url: string;
  headers: Record<string, string>;
}

export type McpServerConfig = McpStdioServer | McpHttpServer;
export type ScopedMcpServerConfig = McpServerConfig & { scope: McpScope };

/** The workspace file, relative to the workspace root; the user file is the same under the home folder. */
export const MCP_CONFIG_PATH = '.kiro/settings/mcp.json';

function show(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const s = JSON.stringify(value);
  return s.length <= 60 ? s : `${s.slice(0, 56)}…"`;
}

const expect =
  (what: string) =>
  (iss: { input?: unknown }): string =>
    iss.input === undefined ? 'is required' : `must be ${what}, got ${show(iss.input)}`;

const strings = z.array(z.string({ error: expect('a string') }), { error: expect('a list of strings') }).default([]);
const stringMap = z.record(z.string(), z.string({ error: expect('a string') }), { error: expect('an object of string values') }).default({});
const nonBlank = (what: string) => z.string({ error: expect(what) }).refine((s) => s.trim() !== '', { error: 'must not be empty' });

const common = {
  disabled: z.boolean({ error: expect('true or false') }).default(false),
  autoApprove: strings,
  disabledTools: strings,
};

const stdioSchema = z.object({
  ...common,
  command: nonBlank('a string (the program to start)'),
  args: strings,
  env: stringMap,
  cwd: z.string({ error: expect('a string (the folder to start in)') }).optional(),
});

const httpSchema = z.object({
  ...common,
  url: nonBlank('a string (the server address)').refine(isHttpUrlOrTemplate, {
    error: 'must be an http:// or https:// address',
  }),
  headers: stringMap,
});

/** A URL with `${VAR}` in it can only be checked after expansion. */
function isHttpUrlOrTemplate(url: string): boolean {
  if (url.includes('${')) return true;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : i ? `.${String(seg)}` : String(seg))).join('');
}

function parseServer(where: string, raw: unknown): { server?: McpServerConfig; problems: string[] } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { problems: [`${where} must be an object with "command" or "url", got ${show(raw)}`] };
  }
  const hasCommand = 'command' in raw;
  const hasUrl = 'url' in raw;
  if (hasCommand && hasUrl) {
    return { problems: [`${where} has both "command" and "url"; keep "command" for a local server or "url" for a remote one`] };
  }
  if (!hasCommand && !hasUrl) {
    return { problems: [`${where} needs "command" (a program to start) or "url" (a remote server), and has neither`] };
  }
  const issues = (error: z.ZodError) => error.issues.map((iss) => `${where}: "${pathOf(iss.path)}" ${iss.message}`);
  if (hasCommand) {
    const result = stdioSchema.safeParse(raw);
    return result.success ? { server: { kind: 'stdio', ...result.data }, problems: [] } : { problems: issues(result.error) };
  }
  const result = httpSchema.safeParse(raw);
  return result.success ? { server: { kind: 'http', ...result.data }, problems: [] } : { problems: issues(result.error) };
}

/** Parses one mcp.json; invalid servers are left out and reported, valid ones kept. Never throws. */
export function parseMcpConfig(fileLabel: string, text: string): { servers: Record<string, McpServerConfig>; problems: string[] } {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // a file just created in the editor is not yet a mistake
  if (src.trim() === '') return { servers: {}, problems: [] };
  let data: unknown;
  try {
    data = JSON.parse(src);
  } catch (e) {
    const { line, column, reason } = describeJsonError(src, e);
    return { servers: {}, problems: [`${fileLabel}: not valid JSON at line ${line} column ${column}: ${reason}`] };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { servers: {}, problems: [`${fileLabel}: must be a JSON object like { "mcpServers": { … } }, got ${show(data)}`] };
  }
  const list = (data as { mcpServers?: unknown }).mcpServers;
  if (list === undefined) return { servers: {}, problems: [] };
  if (list === null || typeof list !== 'object' || Array.isArray(list)) {
    return { servers: {}, problems: [`${fileLabel}: "mcpServers" must be an object of servers by name, got ${show(list)}`] };
  }
  const servers: Array<[string, McpServerConfig]> = [];
  const problems: string[] = [];
  for (const [name, raw] of Object.entries(list)) {
    const parsed = parseServer(`${fileLabel}: server "${name}"`, raw);
    if (parsed.server) servers.push([name, parsed.server]);
    problems.push(...parsed.problems);
  }
  // fromEntries, so a server named "__proto__" stays a plain entry
  return { servers: Object.fromEntries(servers), problems };
}

/** User servers overlaid by workspace servers; a workspace entry replaces the user entry of that name whole. */
export function mergeMcpConfigs(
  user: Record<string, McpServerConfig>,
  workspace: Record<string, McpServerConfig>,
): Record<string, ScopedMcpServerConfig> {
  const merged = new Map<string, ScopedMcpServerConfig>();
  for (const [name, server] of Object.entries(user)) merged.set(name, { ...server, scope: 'user' });
  for (const [name, server] of Object.entries(workspace)) merged.set(name, { ...server, scope: 'workspace' });
  return Object.fromEntries(merged);
}

const VAR = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Expands `${VAR}` in the command, args, cwd, env values, url and header values. Unset
 * variables become '' and are listed in `missing` (once each, in order), so the UI can say
 * which to set instead of the server failing to authenticate.
 */
export function expandVars<T extends McpServerConfig>(config: T, env: Record<string, string | undefined>): { config: T; missing: string[] } {
  const missing: string[] = [];
  const expand = (s: string) =>
    s.replace(VAR, (_, name: string) => {
      const value = Object.hasOwn(env, name) ? env[name] : undefined;
      if (value === undefined) {
        if (!missing.includes(name)) missing.push(name);
        return '';
      }
      return value;
    });
  const expandValues = (record: Record<string, string>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, expand(v)]));
  if (config.kind === 'stdio') {
    const out: McpStdioServer = {
      ...config,
      command: expand(config.command),
      args: config.args.map(expand),
      env: expandValues(config.env),
      ...(config.cwd !== undefined && { cwd: expand(config.cwd) }),
    };
    return { config: out as T, missing };
  }
  const out: McpHttpServer = { ...config, url: expand(config.url), headers: expandValues(config.headers) };
  return { config: out as T, missing };
}
