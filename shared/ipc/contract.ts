import { z } from 'zod';
import { call, stream } from './define';
import { HooksState, McpState, SteeringInfo } from './automation-schemas';
import { AgentEvent, AgentMode, CheckpointInfo, Diagnostic, HunkInfo, PermissionRuleSchema, PolicyInfo, ReviewState, SessionId, UsageReport } from './agent-schemas';
import { SpecDetail, SpecDocKind, SpecName, SpecSummary, SpecWorkflow } from './specs-schemas';

export * from './agent-schemas';
export * from './automation-schemas';
export * from './specs-schemas';

/** A path relative to the workspace root, `/`-separated; '' is the root itself. */
const RelPath = z.string().max(4096);

export const FileKind = z.enum(['file', 'dir', 'symlink']);

export const DirEntry = z.object({
  name: z.string(),
  path: RelPath,
  kind: FileKind,
  /** For symlinks: what the link resolves to, or 'broken' / 'outside' when it cannot be followed. */
  target: z.enum(['file', 'dir', 'broken', 'outside']).optional(),
  size: z.number(),
});
export type DirEntry = z.infer<typeof DirEntry>;

export const Eol = z.enum(['\n', '\r\n']);
export const Encoding = z.string().min(1).max(40);

export const ReadResult = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    path: RelPath,
    content: z.string(),
    encoding: Encoding,
    eol: Eol,
    size: z.number(),
    mtimeMs: z.number(),
    /** Over the large-file threshold: open read-optimised (no tokenising, no minimap). */
    large: z.boolean(),
  }),
  z.object({ kind: z.literal('binary'), path: RelPath, size: z.number(), mtimeMs: z.number() }),
  z.object({ kind: z.literal('tooLarge'), path: RelPath, size: z.number(), limit: z.number(), mtimeMs: z.number() }),
]);
export type ReadResult = z.infer<typeof ReadResult>;

/**
 * A file read in pieces (the editor opening a file): `start` carries what `files.read` returns,
 * with only the first part of a large text; `chunk`s follow (each ends on a line break where
 * the text has one), then `end`. A file of one chunk or less is `start` with `more: false`.
 */
export const ReadStreamEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), result: ReadResult, more: z.boolean() }),
  z.object({ type: z.literal('chunk'), text: z.string() }),
  z.object({ type: z.literal('end') }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type ReadStreamEvent = z.infer<typeof ReadStreamEvent>;

export const FileChange = z.object({ type: z.enum(['create', 'update', 'delete']), path: RelPath });
export type FileChange = z.infer<typeof FileChange>;

export const FileChangeBatch = z.object({
  changes: z.array(FileChange),
  /** Set when the watcher lost events (overflow or error): every view should re-read what it shows. */
  rescan: z.boolean(),
});
export type FileChangeBatch = z.infer<typeof FileChangeBatch>;

/** Most characters one pty.write carries; a view sends a bigger paste in pieces. */
export const PTY_WRITE_MAX = 1024 * 1024;

export const WorkspaceInfo = z.object({
  root: z.string().nullable(),
  name: z.string().nullable(),
  /** Set when the open folder could not be watched for changes: why, and what that means. */
  watchError: z.string().optional(),
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfo>;

export const Theme = z.enum(['system', 'light', 'dark']);

export const Settings = z.object({
  'workbench.colorTheme': Theme,
  /** Globs (workspace-relative) hidden from the tree and ignored by the watcher. */
  'files.exclude': z.array(z.string()),
  'editor.fontSize': z.number().min(6).max(72),
  'editor.tabSize': z.number().int().min(1).max(16),
  'editor.wordWrap': z.enum(['off', 'on']),
  /** Files above this many bytes open in large-file mode. */
  'files.largeFileThreshold': z.number().int().positive(),
  'terminal.shell': z.string(),
  'terminal.fontSize': z.number().min(6).max(72),
  /** 'auto' uses WebGL when the GPU allows it; 'off' always uses the DOM renderer. */
  'terminal.gpuAcceleration': z.enum(['auto', 'off']),
  /** ripgrep to use for text search; '' finds `rg` on PATH (else a built-in engine is used). */
  'search.ripgrepPath': z.string(),
  /** Which model service: Amazon Bedrock, or any OpenAI-compatible endpoint (Ollama, LM Studio, vLLM). */
  'agent.provider': z.enum(['bedrock', 'openai']),
  /** Bedrock model id. */
  'agent.model': z.string().min(1),
  /** OpenAI-compatible endpoint and model (the key is set with agent.setApiKey, never stored here). */
  'agent.openaiBaseUrl': z.string(),
  'agent.openaiModel': z.string(),
  /** AWS region for Bedrock; '' uses AWS_REGION / the profile's region. */
  'agent.region': z.string(),
  'agent.maxTurns': z.number().int().min(1).max(500),
  /** Caps in dollars and tokens; 0 means no cap. */
  'agent.maxCostPerTurn': z.number().min(0),
  'agent.maxCostPerSession': z.number().min(0),
  'agent.maxTokensPerTurn': z.number().int().min(0),
  'agent.maxTokensPerSession': z.number().int().min(0),
  /** The mode a workspace starts in: agent edits wait for review (supervised) or land at once (autopilot). */
  'agent.defaultMode': AgentMode,
  /** Dollars the agent runs of one spec (writing its documents, running its tasks) may spend; 0 means no cap. A spec can set its own. */
  'specs.maxCostPerSpec': z.number().min(0),
});
export type Settings = z.infer<typeof Settings>;

export const HostInfo = z.object({
  mode: z.enum(['electron', 'serve']),
  platform: z.string(),
  version: z.string(),
  homeDir: z.string(),
  /** Whether delete can move to the OS trash (Electron) or is permanent (serve). */
  canTrash: z.boolean(),
  /** Whether a native folder dialog is available. */
  nativeDialogs: z.boolean(),
});
export type HostInfo = z.infer<typeof HostInfo>;

export const AppCommand = z.object({ command: z.string(), args: z.array(z.string()).optional() });
export type AppCommand = z.infer<typeof AppCommand>;

export const TerminalInfo = z.object({
  id: z.number().int(),
  title: z.string(),
  shell: z.string(),
  pid: z.number().int(),
  cwd: z.string(),
  exited: z.object({ exitCode: z.number(), signal: z.number().optional() }).optional(),
});
export type TerminalInfo = z.infer<typeof TerminalInfo>;

export const TerminalEventPayload = z.object({
  id: z.number().int(),
  event: z.discriminatedUnion('type', [
    z.object({ type: z.literal('exit'), exitCode: z.number(), signal: z.number().optional() }),
    z.object({
      type: z.literal('command'),
      command: z.string(),
      exitCode: z.number().nullable(),
      /** The command's output, escapes stripped (up to 1 MB): only for subscribers that asked with `commandOutput`. */
      output: z.string().optional(),
      seq: z.number(),
    }),
    z.object({ type: z.literal('cwd'), cwd: z.string() }),
    z.object({ type: z.literal('title'), title: z.string() }),
    z.object({ type: z.literal('spawned'), title: z.string() }),
  ]),
});
export type TerminalEventPayload = z.infer<typeof TerminalEventPayload>;

const TermId = z.object({ id: z.number().int().positive() });
const Size = { cols: z.number().int().min(2).max(2000), rows: z.number().int().min(1).max(1000) };

export const TextQuerySchema = z.object({
  pattern: z.string().min(1).max(10_000),
  isRegex: z.boolean(),
  caseSensitive: z.boolean(),
  wholeWord: z.boolean(),
  include: z.array(z.string().max(1000)).max(100),
  exclude: z.array(z.string().max(1000)).max(100),
});

export const LineMatch = z.object({ line: z.number(), column: z.number(), length: z.number(), preview: z.string() });
export const TextSearchEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('file'), path: z.string(), matches: z.array(LineMatch) }),
  z.object({ type: z.literal('done'), limitHit: z.boolean(), engine: z.enum(['ripgrep', 'builtin']), error: z.string().optional() }),
]);
export type TextSearchEvent = z.infer<typeof TextSearchEvent>;

export const GitChange = z.object({
  path: z.string(),
  origPath: z.string().optional(),
  index: z.string(),
  worktree: z.string(),
  kind: z.enum(['changed', 'renamed', 'conflict', 'untracked']),
});
export const GitStatus = z.object({
  isRepo: z.boolean(),
  branch: z.string().nullable(),
  detached: z.boolean(),
  initial: z.boolean(),
  upstream: z.string().nullable(),
  ahead: z.number(),
  behind: z.number(),
  changes: z.array(GitChange),
});
export type GitStatus = z.infer<typeof GitStatus>;
export type GitChange = z.infer<typeof GitChange>;

const Paths = z.object({ paths: z.array(RelPath.min(1)).min(1).max(10_000) });

const Empty = z.object({}).strict();
const Ok = z.object({ ok: z.literal(true) });

/**
 * Every channel between the renderer and main. Names: calls are `area.verb`, streams are
 * `area.onDidX`. Types for handlers, client and preload are derived from this object alone.
 */
export const contract = {
  // host and app
  'host.info': call(Empty, HostInfo),
  'host.pickFolder': call(Empty, z.object({ path: z.string().nullable() })),
  'host.listDirs': call(
    z.object({ path: z.string().max(4096).optional() }),
    z.object({ path: z.string(), parent: z.string().nullable(), dirs: z.array(z.string()) }),
  ),
  'app.onCommand': stream(Empty, AppCommand),
  'app.confirmClose': call(Empty, Ok),

  // workspace
  'workspace.current': call(Empty, WorkspaceInfo),
  'workspace.open': call(z.object({ path: z.string().min(1).max(4096) }), WorkspaceInfo),
  'workspace.close': call(Empty, WorkspaceInfo),
  'workspace.recent': call(Empty, z.object({ folders: z.array(z.string()) })),
  'workspace.onDidChange': stream(Empty, WorkspaceInfo),
  'workspace.getState': call(z.object({ key: z.string().max(200) }), z.object({ value: z.unknown() })),
  'workspace.setState': call(z.object({ key: z.string().max(200), value: z.unknown() }), Ok),

  // files (paths are workspace-relative)
  'files.list': call(z.object({ path: RelPath }), z.object({ entries: z.array(DirEntry) })),
  'files.read': call(z.object({ path: RelPath }), ReadResult),
  'files.readStream': stream(z.object({ path: RelPath }), ReadStreamEvent),
  'files.write': call(
    z.object({ path: RelPath, content: z.string(), encoding: Encoding.optional(), eol: Eol.optional() }),
    z.object({ size: z.number(), mtimeMs: z.number() }),
  ),
  'files.create': call(z.object({ path: RelPath.min(1), kind: z.enum(['file', 'dir']) }), Ok),
  'files.rename': call(z.object({ from: RelPath.min(1), to: RelPath.min(1) }), Ok),
  'files.delete': call(
    z.object({ path: RelPath.min(1), permanent: z.boolean() }),
    z.object({ trashed: z.boolean() }),
  ),
  'files.onDidChange': stream(Empty, FileChangeBatch),

  // terminals (bytes flow through pty.onData only; never through stores)
  'pty.spawn': call(z.object({ ...Size, cwd: RelPath.optional(), title: z.string().max(200).optional() }), TerminalInfo),
  'pty.list': call(Empty, z.object({ terminals: z.array(TerminalInfo) })),
  'pty.write': call(TermId.extend({ data: z.string().max(PTY_WRITE_MAX) }), Ok),
  'pty.resize': call(TermId.extend(Size), Ok),
  'pty.ack': call(TermId.extend({ chars: z.number().int().nonnegative() }), Ok),
  'pty.rename': call(TermId.extend({ title: z.string().min(1).max(200) }), Ok),
  'pty.kill': call(TermId, Ok),
  'pty.onData': stream(TermId, z.object({ data: z.string() })),
  /** Exits, directory and title changes, finished commands (with their output when `commandOutput` is set). */
  'pty.onEvent': stream(z.object({ commandOutput: z.boolean().optional() }), TerminalEventPayload),

  // search
  'search.files': call(
    z.object({ query: z.string().max(1000), limit: z.number().int().min(1).max(500) }),
    z.object({ results: z.array(z.object({ path: z.string(), matches: z.array(z.number()) })), total: z.number(), indexing: z.boolean() }),
  ),
  'search.text': stream(TextQuerySchema.extend({ maxResults: z.number().int().min(1).max(100_000) }), TextSearchEvent),
  'search.replace': call(
    TextQuerySchema.extend({ replacement: z.string().max(100_000), paths: z.array(RelPath.min(1)).min(1) }),
    z.object({ files: z.number(), replacements: z.number() }),
  ),

  // source control
  'git.status': call(Empty, GitStatus),
  'git.show': call(z.object({ path: RelPath.min(1), ref: z.string().max(200).optional() }), z.object({ content: z.string().nullable() })),
  'git.stage': call(Paths, Ok),
  'git.unstage': call(Paths, Ok),
  'git.discard': call(Paths, Ok),
  'git.commit': call(z.object({ message: z.string().max(100_000) }), z.object({ commit: z.string() })),
  'git.init': call(Empty, Ok),
  'git.onDidChange': stream(Empty, z.object({})),

  // the agent (credentials never cross: only whether they work)
  'agent.status': call(
    Empty,
    z.object({
      provider: z.string(),
      region: z.string(),
      model: z.string(),
      models: z.array(z.object({ id: z.string(), label: z.string() })),
      configured: z.boolean(),
      problem: z.string().optional(),
    }),
  ),
  'agent.sessions': call(Empty, z.object({ sessions: z.array(z.object({ id: z.string(), title: z.string(), updatedAt: z.number(), running: z.boolean() })) })),
  'agent.create': call(Empty, z.object({ id: z.string() })),
  'agent.load': call(SessionId, z.object({ id: z.string(), title: z.string(), transcript: z.array(AgentEvent), totals: UsageReport, running: z.boolean() })),
  /** The person is writing a request: load the model client and read the workspace for its checkpoint now, so the request does not wait. */
  'agent.prepare': call(Empty, Ok),
  'agent.send': call(
    SessionId.extend({
      text: z.string().min(1).max(200_000),
      terminalId: z.number().int().optional(),
      activeFile: RelPath.optional(),
      /** Pasted images, base64; Bedrock accepts up to 3.75 MB each. */
      images: z
        .array(z.object({ mediaType: z.enum(['image/png', 'image/jpeg', 'image/gif', 'image/webp']), data: z.string().max(5_000_000) }))
        .max(5)
        .optional(),
    }),
    Ok,
  ),
  'agent.cancel': call(SessionId, Ok),
  'agent.rename': call(SessionId.extend({ title: z.string().min(1).max(200) }), Ok),
  'agent.delete': call(SessionId, Ok),
  'agent.export': call(SessionId, z.object({ markdown: z.string() })),
  'agent.onEvent': stream(Empty, z.object({ sessionId: z.string(), event: AgentEvent })),
  /** The person's answer to an approval card. */
  'agent.approve': call(
    SessionId.extend({ approvalId: z.string().max(100), approved: z.boolean(), command: z.string().max(100_000).optional(), always: z.boolean().optional() }),
    Ok,
  ),
  /** Stores the OpenAI-compatible API key in main (write-only: it is never read back). */
  'agent.setApiKey': call(z.object({ key: z.string().max(10_000).nullable() }), Ok),
  /** The editor's diagnostics, for the agent's get_diagnostics tool and #Problems. */
  'problems.report': call(z.object({ problems: z.array(Diagnostic).max(10_000) }), Ok),

  // review: the pending change set (Supervised mode) and checkpoints
  'review.state': call(Empty, ReviewState),
  'review.onDidChange': stream(Empty, ReviewState),
  'review.setMode': call(z.object({ mode: AgentMode }), Ok),
  'review.file': call(
    z.object({ path: RelPath.min(1) }),
    z.object({ path: z.string(), original: z.string().nullable(), modified: z.string().nullable(), hunks: z.array(HunkInfo), conflict: z.string().optional() }),
  ),
  /** No path: every pending file; no hunk: the whole file. */
  'review.accept': call(z.object({ path: RelPath.min(1).optional(), hunk: z.string().max(200).optional() }), z.object({ accepted: z.number() })),
  'review.reject': call(
    z.object({ path: RelPath.min(1).optional(), hunk: z.string().max(200).optional(), comment: z.string().max(10_000).optional() }),
    z.object({ rejected: z.number() }),
  ),
  /** Files with unsaved edits in the editor: the agent never overwrites them. */
  'review.setDirty': call(z.object({ paths: z.array(RelPath).max(10_000) }), Ok),
  'checkpoints.list': call(Empty, z.object({ checkpoints: z.array(CheckpointInfo) })),
  'checkpoints.preview': call(
    z.object({ id: z.string().max(100) }),
    z.object({ items: z.array(z.object({ path: z.string(), action: z.enum(['restore', 'recreate', 'delete', 'unrestorable']) })) }),
  ),
  /** One file as the checkpoint has it and as the disk has it now (null: absent or not text). */
  'checkpoints.content': call(z.object({ id: z.string().max(100), path: RelPath.min(1) }), z.object({ checkpoint: z.string().nullable(), current: z.string().nullable() })),
  'checkpoints.restore': call(z.object({ id: z.string().max(100) }), z.object({ undo: CheckpointInfo, restored: z.number() })),

  // specs: .kiro/specs, the phase flow and the task runner
  'specs.list': call(Empty, z.object({ specs: z.array(SpecSummary) })),
  'specs.get': call(z.object({ name: SpecName }), SpecDetail),
  'specs.onDidChange': stream(Empty, z.object({ name: z.string().nullable() })),
  'specs.create': call(
    z.object({ idea: z.string().min(1).max(20_000), workflow: SpecWorkflow, name: SpecName.optional() }),
    z.object({ name: z.string(), path: z.string() }),
  ),
  /** Approves a document; the next one is written when it does not exist yet. Quick specs approve all at once. */
  'specs.approve': call(z.object({ name: SpecName, doc: SpecDocKind }), Ok),
  /** Rewrites a document: as the person asks (feedback), or refreshed from the documents before it. */
  'specs.revise': call(z.object({ name: SpecName, doc: SpecDocKind, feedback: z.string().max(20_000).optional() }), Ok),
  'specs.startTask': call(z.object({ name: SpecName, taskId: z.string().min(1).max(20) }), Ok),
  'specs.runAll': call(z.object({ name: SpecName }), Ok),
  'specs.stop': call(z.object({ name: SpecName }), Ok),
  /** Dollars this spec may spend; null uses the specs.maxCostPerSpec setting. */
  'specs.setBudget': call(z.object({ name: SpecName, budget: z.number().min(0).max(100_000).nullable() }), Ok),

  // hooks: .kiro/hooks/*.kiro.hook
  'hooks.state': call(Empty, HooksState),
  'hooks.onDidChange': stream(Empty, HooksState),
  'hooks.setEnabled': call(z.object({ file: RelPath.min(1), enabled: z.boolean() }), Ok),
  /** Runs a hook now (the Run button of a userTriggered hook). */
  'hooks.run': call(z.object({ file: RelPath.min(1) }), Ok),
  /** Writes a hook file from the form; the hook is checked first and problems are refused with their messages. */
  'hooks.save': call(z.object({ file: RelPath.min(1).optional(), hook: z.record(z.string(), z.unknown()) }), z.object({ file: z.string() })),
  /** Has the agent write a hook file from a description in plain words. */
  'hooks.describe': call(z.object({ description: z.string().min(1).max(10_000) }), z.object({ sessionId: z.string() })),
  'hooks.trust': call(z.object({ trusted: z.boolean() }), Ok),

  // steering: .kiro/steering/*.md, ~/.kiro/steering/*.md, AGENTS.md
  'steering.list': call(Empty, z.object({ files: z.array(SteeringInfo) })),
  'steering.create': call(
    z.object({ name: z.string().min(1).max(100).regex(/^[\w.-]+$/, 'A steering file name is letters, digits, ".", "_" and "-".'), inclusion: z.enum(['always', 'fileMatch', 'manual']), pattern: z.string().max(1000).optional() }),
    z.object({ path: z.string() }),
  ),
  /** Rewrites a workspace steering file's front matter; the body is kept as it is. */
  'steering.setFrontMatter': call(z.object({ path: RelPath.min(1), inclusion: z.enum(['always', 'fileMatch', 'manual']), pattern: z.string().max(1000).optional() }), Ok),
  /** Has the agent write product.md, tech.md and structure.md from the code (pending review in Supervised mode). */
  'steering.generate': call(Empty, z.object({ sessionId: z.string() })),

  // MCP servers: ~/.kiro/settings/mcp.json and .kiro/settings/mcp.json
  'mcp.state': call(Empty, McpState),
  'mcp.onDidChange': stream(Empty, McpState),
  'mcp.setEnabled': call(z.object({ name: z.string().min(1).max(200), enabled: z.boolean() }), Ok),
  'mcp.restart': call(z.object({ name: z.string().min(1).max(200) }), Ok),
  'mcp.setTool': call(z.object({ server: z.string().min(1).max(200), tool: z.string().min(1).max(200), disabled: z.boolean().optional(), autoApprove: z.boolean().optional() }), Ok),

  // permissions: user and workspace policy files
  'permissions.get': call(Empty, z.object({ user: PolicyInfo, workspace: PolicyInfo.nullable() })),
  'permissions.set': call(z.object({ scope: z.enum(['user', 'workspace']), rules: z.array(PermissionRuleSchema).max(5000) }), Ok),

  // settings
  'settings.get': call(Empty, Settings),
  'settings.update': call(z.object({ patch: Settings.partial() }), Settings),
  'settings.onDidChange': stream(Empty, Settings),
  /** What is wrong with the user's settings.json (not JSON, an invalid value), to show when the workbench starts. */
  'settings.problems': call(Empty, z.object({ problems: z.array(z.string()), file: z.string() })),
  /** What is wrong with settings.json after it was edited on disk (the settings in use stay until it is fixed). */
  'settings.onProblems': stream(Empty, z.object({ problems: z.array(z.string()), file: z.string() })),
  /** The user's keybindings.json: entries override a command's default key; "-command" removes it. */
  'settings.keybindings': call(
    Empty,
    z.object({ bindings: z.array(z.object({ key: z.string(), command: z.string() })), problems: z.array(z.string()), file: z.string() }),
  ),
};

export type Contract = typeof contract;
