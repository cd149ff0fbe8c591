import { startCreate } from '../features/explorer';
import { acceptChange, openPermissions, rejectChange, setMode } from '../features/review/review';
import { saveAll, saveFile } from '../features/editor';
import { useSpecs } from '../stores/specs';
import { useEditors } from '../stores/editors';
import { useWorkbench } from '../stores/workbench';
import { api } from './api';
import { toggleTheme } from './theme';
import { askText } from '../stores/dialogs';
import { usePalette } from '../stores/palette';
import { keyOf, normaliseKey } from './keys';
import { closeActiveEditor, closeFolder, confirmDiscardAll, openFolder } from './workspace';

export interface Command {
  id: string;
  title: string;
  /** VS Code-style key, e.g. "mod+s" (mod is Cmd on macOS, Ctrl elsewhere). */
  key?: string;
  run(args?: string[]): unknown;
}

/** Every workbench command: menus, keybindings (and later the palette) run these by id. */
export const commands: Command[] = [
  { id: 'workspace.openFolder', title: 'File: Open Folder…', key: 'mod+o', run: () => openFolder() },
  { id: 'workspace.openRecent', title: 'File: Open Recent', run: (args) => openFolder(args?.[0]) },
  { id: 'workspace.close', title: 'File: Close Folder', run: () => closeFolder() },
  { id: 'explorer.newFile', title: 'File: New File', run: () => startCreate('newFile') },
  { id: 'explorer.newFolder', title: 'File: New Folder', run: () => startCreate('newDir') },
  {
    id: 'editor.save',
    title: 'File: Save',
    key: 'mod+s',
    run: () => {
      const active = useEditors.getState().active;
      return active ? saveFile(active) : undefined;
    },
  },
  { id: 'editor.saveAll', title: 'File: Save All', key: 'mod+alt+s', run: () => saveAll() },
  { id: 'editor.close', title: 'View: Close Editor', key: 'mod+w', run: () => closeActiveEditor() },
  { id: 'workbench.quickOpen', title: 'Go to File…', key: 'mod+p', run: () => usePalette.getState().open('files') },
  { id: 'workbench.commandPalette', title: 'Show All Commands', key: 'mod+shift+p', run: () => usePalette.getState().open('commands') },
  { id: 'workbench.goToLine', title: 'Go to Line…', key: 'ctrl+g', run: () => usePalette.getState().open('files', ':') },
  { id: 'view.explorer', title: 'View: Show Explorer', key: 'mod+shift+e', run: () => useWorkbench.getState().showSideView('explorer') },
  { id: 'view.search', title: 'View: Show Search', key: 'mod+shift+f', run: () => useWorkbench.getState().showSideView('search') },
  { id: 'view.scm', title: 'View: Show Source Control', key: 'ctrl+shift+g', run: () => useWorkbench.getState().showSideView('scm') },
  { id: 'view.chat', title: 'View: Show Chat', key: 'ctrl+alt+i', run: () => useWorkbench.getState().showSideView('chat') },
  { id: 'view.review', title: 'View: Show Review (Pending Changes and Checkpoints)', key: 'ctrl+shift+r', run: () => useWorkbench.getState().showSideView('review') },
  { id: 'view.specs', title: 'View: Show Specs', key: 'ctrl+alt+k', run: () => useWorkbench.getState().showSideView('specs') },
  {
    id: 'specs.new',
    title: 'Specs: New Spec…',
    run: () => {
      useWorkbench.getState().showSideView('specs');
      useSpecs.getState().select(null);
      useSpecs.getState().setCreating(true);
    },
  },
  { id: 'view.hooks', title: 'View: Show Hooks', run: () => useWorkbench.getState().showAutomations('hooks') },
  { id: 'view.steering', title: 'View: Show Steering', run: () => useWorkbench.getState().showAutomations('steering') },
  { id: 'view.mcp', title: 'View: Show MCP Servers', run: () => useWorkbench.getState().showAutomations('mcp') },
  { id: 'review.acceptAll', title: 'Review: Accept All Pending Changes', run: () => acceptChange() },
  { id: 'review.rejectAll', title: 'Review: Reject All Pending Changes', run: () => rejectChange() },
  { id: 'agent.supervised', title: 'Agent: Switch to Supervised Mode (edits wait for review)', run: () => setMode('supervised') },
  { id: 'agent.autopilot', title: 'Agent: Switch to Autopilot Mode (edits land at once)', run: () => setMode('autopilot') },
  { id: 'preferences.permissions', title: 'Preferences: Open Permissions', run: () => openPermissions() },
  {
    id: 'agent.setApiKey',
    title: 'Agent: Set API Key for the OpenAI-compatible Endpoint…',
    run: async () => {
      const key = await askText('API key', 'The key is kept by Specwright in main (encrypted in the desktop app, a private file in serve mode) and never shown again. Leave empty to remove it.', {
        label: 'API key',
        password: true,
      });
      if (key === null) return;
      await api().call('agent.setApiKey', { key: key || null });
      useWorkbench.getState().notify('info', key ? 'API key saved.' : 'API key removed.');
    },
  },
  {
    id: 'agent.setBudget',
    title: 'Agent: Set Budget Caps…',
    run: async () => {
      const settings = useWorkbench.getState().settings;
      const turn = await askText('Cost cap per turn', 'Dollars one model turn may cost before the agent stops (0 = no cap).', { label: 'Dollars per turn', value: String(settings?.['agent.maxCostPerTurn'] ?? 0) });
      if (turn === null) return;
      const session = await askText('Cost cap per session', 'Dollars a chat session may cost in all before the agent stops (0 = no cap).', { label: 'Dollars per session', value: String(settings?.['agent.maxCostPerSession'] ?? 5) });
      if (session === null) return;
      const [t, s] = [Number(turn), Number(session)];
      if (!Number.isFinite(t) || !Number.isFinite(s) || t < 0 || s < 0) {
        useWorkbench.getState().notify('error', 'Caps must be numbers of dollars, 0 or more.');
        return;
      }
      await api().call('settings.update', { patch: { 'agent.maxCostPerTurn': t, 'agent.maxCostPerSession': s } });
      useWorkbench.getState().notify('info', `Caps set: $${t} per turn, $${s} per session (0 = none).`);
    },
  },
  {
    id: 'agent.useBedrock',
    title: 'Agent: Use Amazon Bedrock',
    run: () => api().call('settings.update', { patch: { 'agent.provider': 'bedrock' } }),
  },
  {
    id: 'agent.useOpenAI',
    title: 'Agent: Use an OpenAI-compatible Endpoint (Ollama, LM Studio, vLLM)…',
    run: async () => {
      const url = await askText('OpenAI-compatible endpoint', 'The base URL of the chat-completions API.', { label: 'Base URL', value: useWorkbench.getState().settings?.['agent.openaiBaseUrl'] ?? '' });
      if (url === null) return;
      const model = await askText('Model', 'The model name the endpoint serves (for Ollama, e.g. qwen2.5-coder:7b).', { label: 'Model', value: useWorkbench.getState().settings?.['agent.openaiModel'] ?? '' });
      if (model === null) return;
      await api().call('settings.update', { patch: { 'agent.provider': 'openai', 'agent.openaiBaseUrl': url, 'agent.openaiModel': model } });
    },
  },
  { id: 'view.problems', title: 'View: Show Problems', key: 'mod+shift+m', run: () => useWorkbench.getState().showPanel('problems') },
  { id: 'view.toggleSidebar', title: 'View: Toggle Side Bar', key: 'mod+b', run: () => useWorkbench.getState().toggleSideBar() },
  {
    id: 'view.toggleTerminal',
    title: 'View: Toggle Terminal',
    key: 'ctrl+`',
    run: () => useWorkbench.getState().togglePanel('terminal'),
  },
  { id: 'view.toggleTheme', title: 'Preferences: Toggle Light/Dark Theme', run: () => toggleTheme() },
  {
    id: 'workbench.requestClose',
    title: 'Close Window',
    run: async () => {
      if (await confirmDiscardAll('close the window')) await api().call('app.confirmClose', {});
    },
  },
  { id: 'help.about', title: 'Help: About', run: async () => useWorkbench.getState().notify('info', `Specwright ${useWorkbench.getState().host?.version ?? ''}`) },
];

let userBindings: { key: string; command: string }[] = [];

/** Applies the user's keybindings.json: an entry gives a command its key; "-command" removes the default. */
export function setUserKeybindings(bindings: { key: string; command: string }[]): void {
  userBindings = bindings;
}

/** The key a command answers to now (user binding first), or undefined. */
export function keyFor(cmd: Command): string | undefined {
  const removed = userBindings.some((b) => b.command === `-${cmd.id}`);
  const user = userBindings.filter((b) => b.command === cmd.id).pop();
  if (user) return normaliseKey(user.key);
  return removed || !cmd.key ? undefined : normaliseKey(cmd.key);
}

const RECENT_KEY = 'specwright.recentCommands';

/** Recently run commands, most recent first (the palette lists them first). */
export function recentCommands(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function runCommand(id: string, args?: string[], opts: { remember?: boolean } = {}): void {
  const cmd = commands.find((c) => c.id === id);
  if (!cmd) {
    useWorkbench.getState().notify('error', `Unknown command "${id}".`);
    return;
  }
  if (opts.remember) {
    localStorage.setItem(RECENT_KEY, JSON.stringify([id, ...recentCommands().filter((c) => c !== id)].slice(0, 20)));
  }
  void Promise.resolve(cmd.run(args)).catch((err: unknown) => useWorkbench.getState().notify('error', String(err)));
}

/** Commands whose keys still work while a terminal has focus. */
const TERMINAL_PASSTHROUGH = new Set(['view.toggleTerminal', 'editor.saveAll', 'workbench.quickOpen', 'workbench.commandPalette']);

/** Global keybindings, in the capture phase so the editor does not swallow them first. */
export function bindKeys(): () => void {
  const onKey = (e: KeyboardEvent) => {
    const key = keyOf(e);
    const cmd = commands.find((c) => keyFor(c) === key);
    if (!cmd) return;
    // inside a terminal, keys belong to the shell (Ctrl+W deletes a word there), except a few
    const inTerminal = e.target instanceof Element && !!e.target.closest('.xterm');
    if (inTerminal && !TERMINAL_PASSTHROUGH.has(cmd.id)) return;
    // in Electron the menu accelerators already run the menu's commands; avoid doing it twice
    if (window.specwrightBridge && MENU_COMMANDS.has(cmd.id)) return;
    e.preventDefault();
    e.stopPropagation();
    runCommand(cmd.id);
  };
  window.addEventListener('keydown', onKey, true);
  return () => window.removeEventListener('keydown', onKey, true);
}

/** Commands the Electron menu binds to the same accelerators. */
const MENU_COMMANDS = new Set(['workspace.openFolder', 'explorer.newFile', 'editor.save', 'editor.saveAll', 'editor.close', 'view.explorer']);
