import type { MenuItemConstructorOptions } from 'electron';

/** Builds the application menu; `run` sends a workbench command to the focused window. */
export function menuTemplate(opts: {
  isMac: boolean;
  recent: string[];
  run: (command: string, args?: string[]) => void;
  openFolder: () => void;
}): MenuItemConstructorOptions[] {
  const { isMac, run } = opts;
  const recentItems: MenuItemConstructorOptions[] = opts.recent.length
    ? opts.recent.map((folder) => ({ label: folder, click: () => run('workspace.openRecent', [folder]) }))
    : [{ label: 'No recent folders', enabled: false }];
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New File', accelerator: 'CmdOrCtrl+N', click: () => run('explorer.newFile') },
        { label: 'Open Folder…', accelerator: 'CmdOrCtrl+O', click: opts.openFolder },
        { label: 'Open Recent', submenu: recentItems },
        { type: 'separator' },
        { label: 'Save', accelerator: 'CmdOrCtrl+S', click: () => run('editor.save') },
        { label: 'Save All', accelerator: 'CmdOrCtrl+Alt+S', click: () => run('editor.saveAll') },
        { type: 'separator' },
        { label: 'Close Editor', accelerator: 'CmdOrCtrl+W', click: () => run('editor.close') },
        { label: 'Close Folder', click: () => run('workspace.close') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { label: 'Explorer', accelerator: 'CmdOrCtrl+Shift+E', click: () => run('view.explorer') },
        { label: 'Terminal', accelerator: 'Ctrl+`', click: () => run('view.toggleTerminal') },
        { label: 'Toggle Theme', click: () => run('view.toggleTheme') },
        { type: 'separator' },
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'About Specwright', click: () => run('help.about') }] },
  ];
}
