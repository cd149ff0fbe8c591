/** Hook files and their filters: the model the hook engine (main) and the hooks panel (renderer) share. */
export { describeJsonError, positionAt, type TextPosition } from './json-position';
export {
  DEFAULT_HOOK_TIMEOUT_SECONDS,
  FILE_TRIGGERS,
  HOOK_ACTIONS,
  HOOK_TRIGGERS,
  TOOL_TRIGGERS,
  parseHookFile,
  serializeHook,
  type Hook,
  type HookAction,
  type HookProblem,
  type HookThen,
  type HookTrigger,
  type HookWhen,
} from './schema';
export { TOOL_CATEGORIES, TOOL_TYPE_NAMES, matchesToolType, qualifiedToolName, toolTypeProblem, type HookTool, type ToolCategory } from './tool-types';
