import type { Hook } from '../../../shared/model/hooks';

const WHEN: Record<string, string> = {
  userTriggered: 'When you click Run',
  promptSubmit: 'When a prompt is sent',
  agentStop: 'When the agent stops',
  preTaskExecution: 'Before a spec task runs',
  postTaskExecution: 'After a spec task runs',
};

const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A hook in one line for the panel: "When src/**\/*.ts is edited: run `npm run lint`". */
export function describeHook(hook: Hook): string {
  const w = hook.when as { type: string; patterns?: string[]; toolTypes?: string[] };
  let when = WHEN[w.type] ?? w.type;
  if (w.patterns) when = `When ${w.patterns.join(', ')} ${w.type === 'fileEdited' ? 'is edited' : w.type === 'fileCreated' ? 'is created' : 'is deleted'}`;
  if (w.toolTypes) when = `${w.type === 'preToolUse' ? 'Before' : 'After'} ${w.toolTypes.join(', ')} tools`;
  const t = hook.then as { type: string; prompt?: string; command?: string };
  const then = t.type === 'runCommand' ? `run \`${clip(t.command ?? '')}\`` : `ask the agent "${clip(t.prompt ?? '')}"`;
  return `${when}: ${then}`;
}

/** The hook format, for the agent when it writes a hook from a description. */
export const HOOK_FORMAT = `The file is JSON:
{ "enabled": true, "name": "Lint on save", "description": "…", "version": "1",
  "when": { "type": "fileEdited", "patterns": ["src/**/*.ts", "!**/*.test.ts"] },
  "then": { "type": "runCommand", "command": "npm run lint", "timeout": 60 } }
when.type is one of fileEdited, fileCreated, fileDeleted (with "patterns": globs, "!" excludes), userTriggered, promptSubmit, agentStop, preToolUse or postToolUse (with "toolTypes": read, write, shell, web, spec, "*", "@mcp" or "/regex/"), preTaskExecution, postTaskExecution.
then.type is "askAgent" (with "prompt") or "runCommand" (with "command" and "timeout" in seconds).`;
