/**
 * The `toolTypes` filter of preToolUse / postToolUse hooks: which tool calls fire a hook.
 *
 * Entries:
 * - `*`: every tool.
 * - `read`, `write`, `shell`, `web`, `spec`: the built-in tools of that category.
 * - `@mcp`: every MCP tool.
 * - `@mcp.<prefix>` or `@<prefix>`: MCP tools whose qualified name `<server>.<tool>` is
 *   `<prefix>` or starts with `<prefix>.` — so `@github` and `@mcp.github` both mean every
 *   tool of the server "github" (not of "github-enterprise"), and `@github.create_issue`
 *   means that one tool. A server called "mcp" is reached with `@mcp.mcp`.
 * - `/regex/flags`: tested (unanchored) against the tool name, the qualified name for
 *   MCP tools; write `^…$` to match the whole name.
 */

export const TOOL_CATEGORIES = ['read', 'write', 'shell', 'web', 'spec', 'mcp'] as const;
export type ToolCategory = (typeof TOOL_CATEGORIES)[number];

/** The category names a `toolTypes` entry may use (MCP tools are chosen with `@…`). */
export const TOOL_TYPE_NAMES = ['read', 'write', 'shell', 'web', 'spec', '*'] as const;

/** A tool call as the hook engine sees it. */
export interface HookTool {
  /** Built-in tool name, or `<server>.<tool>` for MCP tools. */
  name: string;
  category: ToolCategory;
  /** The MCP server; when given, `name` may also be the bare tool name. */
  server?: string;
}

const REGEX_ENTRY = /^\/(.+)\/([a-z]*)$/s;

/** Whether an entry is written as a `/regex/`. */
export function isRegexEntry(entry: string): boolean {
  return REGEX_ENTRY.test(entry);
}

/** Compiles a `/regex/flags` entry; `g` and `y` are dropped so repeated tests agree. Throws SyntaxError. */
function compileRegexEntry(entry: string): RegExp | undefined {
  const m = REGEX_ENTRY.exec(entry);
  if (!m) return undefined;
  return new RegExp(m[1], m[2].replace(/[gy]/g, ''));
}

/** Why a `toolTypes` entry is invalid, or undefined when it is fine. */
export function toolTypeProblem(entry: string): string | undefined {
  if ((TOOL_TYPE_NAMES as readonly string[]).includes(entry)) return undefined;
  if (entry.startsWith('@')) {
    const rest = entry.slice(1);
    if (rest === '' || rest.endsWith('.') || rest.startsWith('.')) {
      return `must name an MCP server after "@", like "@mcp", "@mcp.github" or "@github", got ${JSON.stringify(entry)}`;
    }
    return undefined;
  }
  if (isRegexEntry(entry)) {
    try {
      compileRegexEntry(entry);
      return undefined;
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      return `is not a valid regular expression (${reason}), got ${JSON.stringify(entry)}`;
    }
  }
  return `must be one of ${TOOL_TYPE_NAMES.join(', ')}, an "@mcp…" prefix or a /regex/, got ${JSON.stringify(entry)}`;
}

// Hooks test every tool call, so compiled regexes are kept (invalid ones as null).
const regexCache = new Map<string, RegExp | null>();

function regexFor(entry: string): RegExp | null {
  let re = regexCache.get(entry);
  if (re === undefined) {
    try {
      re = compileRegexEntry(entry) ?? null;
    } catch {
      re = null;
    }
    if (regexCache.size > 500) regexCache.clear();
    regexCache.set(entry, re);
  }
  return re;
}

/** The `<server>.<tool>` name of an MCP tool, or the plain name of a built-in one. */
export function qualifiedToolName(tool: HookTool): string {
  if (tool.category !== 'mcp' || !tool.server || tool.name.startsWith(`${tool.server}.`)) return tool.name;
  return `${tool.server}.${tool.name}`;
}

function entryMatches(entry: string, tool: HookTool, qualified: string): boolean {
  if (entry === '*') return true;
  if (entry.startsWith('@')) {
    if (tool.category !== 'mcp') return false;
    if (entry === '@mcp') return true;
    const prefix = entry.startsWith('@mcp.') ? entry.slice(5) : entry.slice(1);
    return prefix !== '' && (qualified === prefix || qualified.startsWith(`${prefix}.`));
  }
  if (isRegexEntry(entry)) return regexFor(entry)?.test(qualified) ?? false;
  return entry === tool.category && tool.category !== 'mcp';
}

/** Whether a tool call is selected by a hook's `toolTypes`; invalid entries match nothing. */
export function matchesToolType(toolTypes: string[], tool: HookTool): boolean {
  const qualified = qualifiedToolName(tool);
  return toolTypes.some((entry) => typeof entry === 'string' && entryMatches(entry, tool, qualified));
}
