import { startCreate } from '../features/explorer';
import { saveAll, saveFile } from '../features/editor';
import { useEditors } from '../stores/editors';
import { useWorkbench } from '../stores/workbench';
import { api } from './api';
import { toggleTheme } from './theme';
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
  { id: 'view.explorer', title: 'View: Show Explorer', key: 'mod+shift+e', run: () => useWorkbench.getState().toggleSideView('explorer') },
  { id: 'view.toggleSidebar', title: 'View: Toggle Side Bar', key: 'mod+b', run: () => useWorkbench.getState().toggleSideView('explorer') },
  {
    id: 'view.toggleTerminal',
    title: 'View: Toggle Terminal',
    key: 'ctrl+`',
    run: () => useWorkbench.getState().setPanelVisible(!useWorkbench.getState().panelVisible),
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

export function runCommand(id: string, args?: string[]): void {
  const cmd = commands.find((c) => c.id === id);
  if (!cmd) return;
  void Promise.resolve(cmd.run(args)).catch((err: unknown) => useWorkbench.getState().notify('error', String(err)));
}

const isMac = navigator.platform.toLowerCase().includes('mac');

/** Turns a keyboard event into the "mod+shift+x" form used by commands. */
export function keyOf(e: KeyboardEvent): string {
  const parts: string[] = [];
  const mod = isMac ? e.metaKey : e.ctrlKey;
  if (mod) parts.push('mod');
  if (isMac && e.ctrlKey) parts.push('ctrl');
  if (!isMac && e.metaKey) parts.push('meta');
  if (e.altKey) parts.push('alt');
  if (e.shiftKey) parts.push('shift');
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key.toLowerCase();
  parts.push(e.code === 'Backquote' ? '`' : key);
  return parts.join('+');
}

function normaliseBinding(key: string): string {
  // "ctrl+`" means the Ctrl key on every platform (VS Code's terminal binding); on Windows/Linux that is "mod"
  return !isMac ? key.replace(/^ctrl\+/, 'mod+') : key;
}

/** Commands whose keys still work while a terminal has focus. */
const TERMINAL_PASSTHROUGH = new Set(['view.toggleTerminal', 'editor.saveAll']);

/** Global keybindings, in the capture phase so the editor does not swallow them first. */
export function bindKeys(): () => void {
  const onKey = (e: KeyboardEvent) => {
    const key = keyOf(e);
    const cmd = commands.find((c) => c.key && normaliseBinding(c.key) === key);
    if (!cmd) return;
    // inside a terminal, keys belong to the shell (Ctrl+W deletes a word there), except the panel toggle
    const inTerminal = e.target instanceof Element && !!e.target.closest('.xterm');
    if (inTerminal && !TERMINAL_PASSTHROUGH.has(cmd.id)) return;
    // in Electron the menu accelerators already run these; avoid doing it twice
    if (window.specwrightBridge && cmd.id !== 'view.toggleTerminal') return;
    e.preventDefault();
    e.stopPropagation();
    runCommand(cmd.id);
  };
  window.addEventListener('keydown', onKey, true);
  return () => window.removeEventListener('keydown', onKey, true);
}
