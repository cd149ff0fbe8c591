/**
 * One permission policy for everything the agent does outside reading: shell commands,
 * file writes, web fetches and MCP tools. Rules come from the user's and the workspace's
 * policy files; among the rules that match, deny wins over ask, and ask over allow.
 * Destructive commands and writes to the policy files always ask, whatever allows them.
 * Pure functions: the main process applies them, the settings panel previews them.
 */
import { destructiveReason, splitCommands } from './destructive';

export type PermissionTool = 'shell' | 'write' | 'web' | 'mcp';
export type PermissionAction = 'allow' | 'ask' | 'deny';
export type PermissionScope = 'user' | 'workspace';
export type AgentMode = 'supervised' | 'autopilot';

export interface PermissionRule {
  tool: PermissionTool;
  /**
   * shell: the command, `*` matching anything (`npm run *`);
   * write: a glob over the workspace-relative path (`src/**`, `*.md`);
   * web: a host (`docs.aws.amazon.com`, `*.github.com`) or a URL glob (`https://x.dev/docs/*`);
   * mcp: `server/tool`, `*` matching anything (`github/*`).
   */
  match: string;
  action: PermissionAction;
}

export interface ScopedRule extends PermissionRule {
  scope: PermissionScope;
}

export interface PermissionRequest {
  tool: PermissionTool;
  /** The command, the workspace-relative path, the URL, or `server/tool`. */
  subject: string;
  /** An MCP tool listed in its server's `autoApprove`: allowed unless a rule says otherwise. */
  autoApproved?: boolean;
}

export interface Decision {
  action: PermissionAction;
  /** Why, in words for the approval card or the model. */
  reason: string;
  /** The rule that decided, if one did. */
  rule?: ScopedRule;
  /** True when the answer cannot be made permanent ("always allow" is not offered). */
  alwaysAsks?: boolean;
}

/** The policy files, workspace-relative for the workspace one. */
export const WORKSPACE_POLICY_PATH = '.kiro/settings/permissions.json';

/** Commands that only read, allowed without asking unless a rule says otherwise. */
const READ_ONLY = [
  'ls',
  'pwd',
  'cat',
  'head',
  'tail',
  'wc',
  'echo',
  'printf',
  'grep',
  'rg',
  'which',
  'file',
  'stat',
  'du',
  'df',
  'tree',
  'date',
  'whoami',
  'uname',
  'env',
  'true',
  'diff',
  'git status',
  'git diff',
  'git log',
  'git show',
  'git branch',
  'git blame',
  'git rev-parse',
  'git ls-files',
];
const WRITES_FILES = /(^|[^<>&0-9])>{1,2}|\btee\b|\bsed\s+(-[a-zA-Z]*i|--in-place)|\bfind\b.*\s-(delete|exec|execdir|ok)\b/;

function escapeRegExp(s: string): string {
  return s.replace(/[.+^${}()|[\]\\?]/g, '\\$&');
}

/** `*` matches anything (slashes included): commands, MCP tool names, URLs. */
function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`, 's');
}

/** A path glob: `**` crosses folders, `*` and `?` do not; a pattern without `/` matches the base name anywhere. */
export function globToRegExp(glob: string): RegExp {
  const g = glob.replace(/^\.\//, '');
  const anchored = g.includes('/') ? g : `**/${g}`;
  let re = '';
  for (let i = 0; i < anchored.length; i++) {
    const c = anchored[i];
    if (c === '*' && anchored[i + 1] === '*') {
      const slash = anchored[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += escapeRegExp(c);
  }
  return new RegExp(`^${re}$`);
}

const normaliseCommand = (c: string) => c.trim().replace(/\s+/g, ' ');

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** Whether one rule covers one simple command / path / URL / MCP tool. */
export function ruleMatches(rule: PermissionRule, tool: PermissionTool, subject: string): boolean {
  if (rule.tool !== tool) return false;
  const m = rule.match.trim();
  if (!m) return false;
  switch (tool) {
    case 'shell': {
      const cmd = normaliseCommand(subject);
      const pat = normaliseCommand(m);
      // `npm run *` also covers a bare `npm run`
      return wildcard(pat).test(cmd) || (pat.endsWith(' *') && cmd === pat.slice(0, -2));
    }
    case 'write':
      return globToRegExp(m).test(subject.replace(/^\.\//, ''));
    case 'web': {
      if (m.includes('://')) return wildcard(m).test(subject);
      const host = hostOf(subject);
      if (!host) return false;
      const pat = m.toLowerCase();
      return pat.startsWith('*.') ? host.endsWith(pat.slice(1)) || host === pat.slice(2) : host === pat;
    }
    case 'mcp':
      return wildcard(m).test(subject);
  }
}

const RANK: Record<PermissionAction, number> = { allow: 0, ask: 1, deny: 2 };

function quoteRule(r: ScopedRule): string {
  return `${r.scope} rule ${r.action} ${r.tool} "${r.match}"`;
}

/** The decision for one simple command, path, URL or tool from the rules alone (undefined when none matches). */
function byRules(rules: ScopedRule[], tool: PermissionTool, subject: string): ScopedRule | undefined {
  let best: ScopedRule | undefined;
  for (const r of rules) if (ruleMatches(r, tool, subject) && (!best || RANK[r.action] > RANK[best.action])) best = r;
  return best;
}

function isReadOnly(cmd: string): boolean {
  const c = normaliseCommand(cmd);
  if (WRITES_FILES.test(c)) return false;
  return READ_ONLY.some((p) => c === p || c.startsWith(`${p} `));
}

export interface DecideOptions {
  mode: AgentMode;
  /** Workspace-relative paths that always ask when written (the policy files). */
  protectedPaths?: string[];
}

/** What to do about one request: allow, ask the person, or deny. */
export function decide(rules: ScopedRule[], req: PermissionRequest, opts: DecideOptions): Decision {
  const fallback: PermissionAction = opts.mode === 'autopilot' ? 'allow' : 'ask';
  if (req.tool === 'shell') {
    const parts = splitCommands(req.subject);
    if (!parts.length) return { action: 'deny', reason: 'The command is empty.' };
    let worst: Decision = { action: 'allow', reason: 'Allowed.' };
    for (const part of parts) {
      const rule = byRules(rules, 'shell', part);
      const d: Decision = rule
        ? { action: rule.action, rule, reason: `${rule.action === 'allow' ? 'Allowed' : rule.action === 'ask' ? 'Asks' : 'Denied'} by the ${quoteRule(rule)} (for \`${part}\`).` }
        : isReadOnly(part)
          ? { action: 'allow', reason: 'A read-only command.' }
          : { action: fallback, reason: fallback === 'ask' ? `No rule allows \`${part}\`; Supervised mode asks before running commands.` : 'Autopilot runs commands no rule stops.' };
      if (RANK[d.action] > RANK[worst.action]) worst = d;
    }
    if (worst.action === 'deny') return worst;
    // destructive commands ask even in Autopilot and even when a rule allows them
    const danger = destructiveReason(req.subject);
    if (danger) return { action: 'ask', reason: `Destructive: ${danger}.`, alwaysAsks: true };
    return worst;
  }
  const rule = byRules(rules, req.tool, req.subject);
  if (rule?.action === 'deny') return { action: 'deny', rule, reason: `Denied by the ${quoteRule(rule)}.` };
  if (req.tool === 'write' && opts.protectedPaths?.includes(req.subject.replace(/^\.\//, ''))) {
    return { action: 'ask', reason: `${req.subject} is a permission policy file; changes to it always ask.`, alwaysAsks: true };
  }
  if (rule) return { action: rule.action, rule, reason: `${rule.action === 'allow' ? 'Allowed' : 'Asks'} by the ${quoteRule(rule)}.` };
  // workspace writes are held for review (Supervised) or checkpointed (Autopilot)
  if (req.tool === 'write') return { action: 'allow', reason: 'A write inside the workspace.' };
  if (req.tool === 'mcp' && req.autoApproved) return { action: 'allow', reason: `${req.subject} is auto-approved in mcp.json.` };
  const what = req.tool === 'web' ? 'fetching from the web' : 'calling MCP tools';
  return { action: fallback, reason: fallback === 'ask' ? `No rule allows this; Supervised mode asks before ${what}.` : `Autopilot allows ${what} no rule stops.` };
}

/** The narrowest rule that would allow this request again ("Run and always allow"). */
export function preciseRule(req: PermissionRequest): PermissionRule {
  if (req.tool === 'web') return { tool: 'web', match: hostOf(req.subject) ?? req.subject, action: 'allow' };
  if (req.tool === 'shell') return { tool: 'shell', match: normaliseCommand(req.subject), action: 'allow' };
  return { tool: req.tool, match: req.subject, action: 'allow' };
}

/** A policy file: `{ "rules": [ { "tool": "shell", "match": "npm test", "action": "allow" } ] }`. */
export interface PolicyFile {
  rules: PermissionRule[];
}

const TOOLS: PermissionTool[] = ['shell', 'write', 'web', 'mcp'];
const ACTIONS: PermissionAction[] = ['allow', 'ask', 'deny'];

/** Reads a policy file's text; bad entries are skipped and described, never fatal. */
export function parsePolicy(text: string): { rules: PermissionRule[]; problems: string[] } {
  const problems: string[] = [];
  if (!text.trim()) return { rules: [], problems };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { rules: [], problems: [`Not valid JSON: ${(err as Error).message}`] };
  }
  const list = (data as { rules?: unknown })?.rules;
  if (!Array.isArray(list)) return { rules: [], problems: ['Expected an object with a "rules" array.'] };
  const rules: PermissionRule[] = [];
  list.forEach((r: unknown, i) => {
    const { tool, match, action } = (r ?? {}) as Record<string, unknown>;
    if (!TOOLS.includes(tool as PermissionTool)) problems.push(`rules[${i}]: "tool" must be one of ${TOOLS.join(', ')}.`);
    else if (typeof match !== 'string' || !match.trim()) problems.push(`rules[${i}]: "match" must be a non-empty string.`);
    else if (!ACTIONS.includes(action as PermissionAction)) problems.push(`rules[${i}]: "action" must be one of ${ACTIONS.join(', ')}.`);
    else rules.push({ tool: tool as PermissionTool, match, action: action as PermissionAction });
  });
  return { rules, problems };
}

export function formatPolicy(rules: PermissionRule[]): string {
  return `${JSON.stringify({ rules }, null, 2)}\n`;
}
