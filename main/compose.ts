import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contract, type AppCommand, type Contract } from '../shared/ipc/contract';
import type { Handlers } from '../shared/ipc/define';
import { ContractError, Emitter, type Disposable } from '../shared/ipc/protocol';
import { Router } from '../shared/ipc/router';
import type { HostPlatform } from './services/host/host';
import { AgentService } from './services/agent/service';
import { PermissionService } from './services/permissions/service';
import { ReviewService } from './services/review/service';
import { SpecService } from './services/specs/service';
import { HookEngine } from './services/hooks/engine';
import { SteeringService } from './services/steering/service';
import { McpService } from './services/mcp/service';
import { GitManager } from './services/git/manager';
import { ptyHandlers } from './services/pty/handlers';
import { findRipgrep } from './services/search/ripgrep';
import { SearchService } from './services/search/service';
import { PtyService } from './services/pty/service';
import { SecretStore } from './services/settings/secrets';
import { SettingsService, readKeybindings } from './services/settings/settings';
import { StateStore } from './services/settings/state';
import { WorkspaceManager } from './services/workspace/manager';

export interface AppOptions {
  host: HostPlatform;
  /** Where settings and state live (`~/.config/specwright` by default). */
  configDir: string;
  version: string;
}

/** The config folder: $SPECWRIGHT_CONFIG_DIR, else $XDG_CONFIG_HOME/specwright, else ~/.config/specwright. */
export function defaultConfigDir(): string {
  if (process.env.SPECWRIGHT_CONFIG_DIR) return path.resolve(process.env.SPECWRIGHT_CONFIG_DIR);
  const base = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'specwright');
}

/**
 * The composition root: builds every service once and binds them to the contract. Both
 * the Electron main process and `specwright serve` call this and attach transports to
 * the returned router.
 */
export async function composeApp(options: AppOptions) {
  const settings = new SettingsService(path.join(options.configDir, 'settings.json'));
  await settings.load();
  const settingsWatch = settings.watch();
  const state = new StateStore(options.configDir);
  const workspaces = new WorkspaceManager(settings, state, options.host);
  const commands = new Emitter<AppCommand>();
  const rg = findRipgrep(settings.value['search.ripgrepPath']);
  const search = new SearchService(workspaces, () => rg, () => settings.value['files.exclude']);
  const git = new GitManager(workspaces);
  const requireGit = () => {
    if (!git.current) throw new ContractError('NO_WORKSPACE', 'No folder is open.');
    return git.current;
  };
  const pty = new PtyService({
    scriptDir: path.join(options.configDir, 'shell-integration'),
    shellSetting: () => settings.value['terminal.shell'],
  });
  const secrets = new SecretStore(path.join(options.configDir, 'secrets.json'), options.host.cipher);
  const review = new ReviewService({ workspaces, settings, state, search, configDir: options.configDir });
  const permissions = new PermissionService(options.configDir, workspaces);
  const mcp = new McpService({ workspaces, version: options.version });
  const agent = new AgentService({ workspaces, settings, search, pty, configDir: options.configDir, secrets, review, permissions, mcp: mcp.manager });
  const specs = new SpecService({ workspaces, agent, git, settings, state, search });
  const hooks = new HookEngine({ workspaces, state, agent, existed: (rel) => search.knows(rel) });
  agent.setHooks(hooks);
  specs.setTaskHooks((e) => hooks.taskEvent(e));
  const steering = new SteeringService({ workspaces });
  const ok = { ok: true as const };

  const handlers: Handlers<Contract> = {
    'host.info': () => ({
      mode: options.host.mode,
      platform: process.platform,
      version: options.version,
      homeDir: os.homedir(),
      canTrash: !!options.host.trash,
      nativeDialogs: !!options.host.pickFolder,
    }),
    'host.pickFolder': async () => ({ path: options.host.pickFolder ? await options.host.pickFolder() : null }),
    'host.listDirs': async ({ path: requested }) => {
      const dir = path.resolve(requested || os.homedir());
      const entries = await fsp.readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
        throw new Error(`Cannot list ${dir}: ${err.code === 'EACCES' ? 'permission denied' : err.message}`);
      });
      const dirs = entries
        .filter((e) => e.isDirectory() || e.isSymbolicLink())
        .map((e) => e.name)
        .sort((a, b) => a.localeCompare(b));
      const parent = path.dirname(dir);
      return { path: dir, parent: parent === dir ? null : parent, dirs };
    },
    'app.onCommand': (_input, emit) => commands.event(emit),
    'app.confirmClose': (_input, ctx) => {
      options.host.confirmClose?.(ctx.connectionId);
      return { ok: true as const };
    },

    'workspace.current': () => workspaces.info,
    'workspace.open': ({ path: folder }) => workspaces.open(folder),
    'workspace.close': () => workspaces.close(),
    'workspace.recent': async () => ({ folders: await state.recent() }),
    'workspace.onDidChange': (_input, emit) => workspaces.onDidChange(emit),
    'workspace.getState': async ({ key }) => ({ value: await state.get(workspaces.current.root, key) }),
    'workspace.setState': async ({ key, value }) => {
      await state.set(workspaces.current.root, key, value);
      return { ok: true as const };
    },

    'files.list': async ({ path: rel }) => ({ entries: await workspaces.current.list(rel) }),
    'files.read': ({ path: rel }) => workspaces.current.read(rel),
    'files.readStream': ({ path: rel }, emit) => {
      const controller = new AbortController();
      workspaces.current.readStream(rel, emit, controller.signal).catch((err: Error & { code?: string }) => {
        if (!controller.signal.aborted) emit({ type: 'error', code: err.code ?? 'INTERNAL', message: err.message });
      });
      return { dispose: () => controller.abort() };
    },
    'files.write': ({ path: rel, content, encoding, eol }) => workspaces.current.write(rel, content, encoding, eol),
    'files.create': async ({ path: rel, kind }) => {
      await workspaces.current.create(rel, kind);
      return { ok: true as const };
    },
    'files.rename': async ({ from, to }) => {
      await workspaces.current.rename(from, to);
      return { ok: true as const };
    },
    'files.delete': ({ path: rel, permanent }) => workspaces.current.delete(rel, permanent),
    'files.onDidChange': (_input, emit) => workspaces.onDidChangeFiles(emit),

    ...ptyHandlers(pty, workspaces),

    'search.files': ({ query, limit }) => search.files(query, limit),
    'search.text': ({ maxResults, ...query }, emit) => {
      const controller = new AbortController();
      search
        .text(query, maxResults, (f) => emit({ type: 'file', path: f.path, matches: f.matches }), controller.signal)
        .then(
          (outcome) => !controller.signal.aborted && emit({ type: 'done', ...outcome }),
          (err: Error) => !controller.signal.aborted && emit({ type: 'done', limitHit: false, engine: rg ? 'ripgrep' : 'builtin', error: err.message }),
        );
      return { dispose: () => controller.abort() };
    },
    'search.replace': ({ replacement, paths, ...query }) => search.replace(query, replacement, paths),

    'git.status': () => git.status(),
    'git.show': async ({ path: rel, ref }) => ({ content: await requireGit().show(rel, ref) }),
    'git.stage': async ({ paths }) => {
      await requireGit().stage(paths);
      return { ok: true as const };
    },
    'git.unstage': async ({ paths }) => {
      await requireGit().unstage(paths);
      return { ok: true as const };
    },
    'git.discard': async ({ paths }) => {
      await requireGit().discard(paths);
      return { ok: true as const };
    },
    'git.commit': async ({ message }) => ({ commit: await requireGit().commit(message) }),
    'git.init': async () => {
      await requireGit().init();
      return { ok: true as const };
    },
    'git.onDidChange': (_input, emit) => git.onDidChange(() => emit({})),

    'agent.status': () => agent.status(),
    'agent.sessions': async () => ({ sessions: await agent.list() }),
    'agent.create': () => agent.create(),
    'agent.load': ({ id }) => agent.load(id),
    'agent.send': async ({ id, text, terminalId, activeFile, images }) => {
      await agent.start(id, text, terminalId, activeFile, images); // the request runs on; progress and its end arrive on agent.onEvent
      return { ok: true as const };
    },
    'agent.cancel': async ({ id }) => {
      await agent.cancel(id);
      return { ok: true as const };
    },
    'agent.rename': async ({ id, title }) => {
      await agent.rename(id, title);
      return { ok: true as const };
    },
    'agent.delete': async ({ id }) => {
      await agent.remove(id);
      return { ok: true as const };
    },
    'agent.export': async ({ id }) => ({ markdown: await agent.exportMarkdown(id) }),
    'agent.onEvent': (_input, emit) => agent.onEvent(emit),
    'agent.approve': ({ id, approvalId, approved, command, always }) => {
      agent.approve(id, approvalId, approved, command, always);
      return { ok: true as const };
    },
    'agent.setApiKey': async ({ key }) => {
      await secrets.set('openai.apiKey', key);
      return { ok: true as const };
    },
    'problems.report': ({ problems }) => {
      agent.setDiagnostics(problems);
      return { ok: true as const };
    },

    'review.state': () => review.state(),
    'review.onDidChange': (_input, emit) => review.onDidChange(emit),
    'review.setMode': async ({ mode }) => {
      await review.setMode(mode);
      return { ok: true as const };
    },
    'review.file': async ({ path: rel }) => {
      const f = (await review.pendingChanges()).file(rel);
      return { ...f, hunks: f.hunks.map(({ id, oldStart, oldLines, newStart, newLines }) => ({ id, oldStart, oldLines, newStart, newLines })) };
    },
    'review.accept': async ({ path: rel, hunk }) => (await review.pendingChanges()).accept(rel, hunk),
    'review.reject': async ({ path: rel, hunk, comment }) => (await review.pendingChanges()).reject(rel, hunk, comment),
    'review.setDirty': async ({ paths }) => {
      (await review.pendingChanges()).setDirty(paths);
      return { ok: true as const };
    },
    'checkpoints.list': async () => ({ checkpoints: await (await review.checkpoints()).list() }),
    'agent.prepare': async () => {
      await Promise.all([agent.prepare(), review.prepareCheckpoints()]);
      return { ok: true as const };
    },
    'checkpoints.preview': async ({ id }) => ({ items: await (await review.checkpoints()).preview(id) }),
    'checkpoints.content': async ({ id, path: rel }) => {
      const text = (b: Buffer | null) => (b && !b.subarray(0, 8000).includes(0) ? b.toString('utf8') : null);
      const cp = await (await review.checkpoints()).contentOf(id, rel);
      const current = await workspaces.current.read(rel).catch(() => null);
      return { checkpoint: text(cp), current: current?.kind === 'text' ? current.content : null };
    },
    'checkpoints.restore': ({ id }) => review.restore(id),
    'specs.list': async () => ({ specs: await specs.list() }),
    'specs.get': ({ name }) => specs.detail(name),
    'specs.onDidChange': (_input, emit) => specs.onDidChange(emit),
    'specs.create': ({ idea, workflow, name }) => specs.create(idea, workflow, name),
    'specs.approve': ({ name, doc }) => specs.approve(name, doc).then(() => ok),
    'specs.revise': ({ name, doc, feedback }) => specs.revise(name, doc, feedback).then(() => ok),
    'specs.startTask': ({ name, taskId }) => specs.startTask(name, taskId).then(() => ok),
    'specs.runAll': ({ name }) => specs.runAll(name).then(() => ok),
    'specs.stop': ({ name }) => specs.stop(name).then(() => ok),
    'specs.setBudget': ({ name, budget }) => specs.setBudget(name, budget).then(() => ok),
    'hooks.state': async () => (await hooks.ready(), hooks.state()),
    'hooks.onDidChange': (_input, emit) => hooks.onDidChange(emit),
    'hooks.setEnabled': ({ file, enabled }) => hooks.setEnabled(file, enabled).then(() => ok),
    'hooks.run': ({ file }) => hooks.run(file).then(() => ok),
    'hooks.save': ({ file, hook }) => hooks.save(file, hook),
    'hooks.describe': ({ description }) => hooks.describe(description),
    'hooks.trust': ({ trusted }) => hooks.trust(trusted).then(() => ok),
    'steering.list': async () => ({ files: await steering.list() }),
    'steering.create': ({ name, inclusion, pattern }) => steering.create(name, inclusion, pattern),
    'steering.setFrontMatter': ({ path: rel, inclusion, pattern }) => steering.setFrontMatter(rel, inclusion, pattern).then(() => ok),
    'steering.generate': async () => {
      const { id } = await agent.create('Steering docs');
      await agent.start(id, steering.generatePrompt());
      return { sessionId: id };
    },
    'mcp.state': () => mcp.state(),
    'mcp.onDidChange': (_input, emit) => mcp.onDidChange(emit),
    'mcp.setEnabled': ({ name, enabled }) => mcp.setEnabled(name, enabled).then(() => ok),
    'mcp.restart': ({ name }) => mcp.restart(name).then(() => ok),
    'mcp.setTool': ({ server, tool, disabled, autoApprove }) => mcp.setTool(server, tool, { disabled, autoApprove }).then(() => ok),
    'permissions.get': () => permissions.get(),
    'permissions.set': async ({ scope, rules }) => {
      await permissions.set(scope, rules);
      return { ok: true as const };
    },

    'settings.get': () => settings.value,
    'settings.update': ({ patch }) => settings.update(patch),
    'settings.onDidChange': (_input, emit) => settings.onDidChange(emit),
    'settings.problems': () => ({ file: settings.file, problems: settings.problems.map((p) => p.message) }),
    'settings.onProblems': (_input, emit) => settings.onProblems((problems) => emit({ file: settings.file, problems: problems.map((p) => p.message) })),
    'settings.keybindings': () => readKeybindings(path.join(options.configDir, 'keybindings.json')),
  };

  const router = new Router(contract, handlers, {
    onError: (channel, err) => console.error(`[specwright] ${channel} failed:`, err),
  });

  const disposable: Disposable = {
    dispose() {
      settingsWatch.dispose();
      mcp.dispose();
      hooks.dispose();
      specs.dispose();
      agent.dispose();
      review.dispose();
      permissions.dispose();
      pty.dispose();
      search.dispose();
      git.dispose();
      workspaces.dispose();
      commands.dispose();
    },
  };
  return { router, workspaces, settings, state, commands, pty, mcp, dispose: () => disposable.dispose() };
}

export type App = Awaited<ReturnType<typeof composeApp>>;
