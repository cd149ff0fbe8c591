import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from './menu';

function find(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions | undefined {
  for (const item of items) {
    if (item.label === label) return item;
    const sub = Array.isArray(item.submenu) ? find(item.submenu, label) : undefined;
    if (sub) return sub;
  }
  return undefined;
}

describe('menuTemplate', () => {
  it('has the usual accelerators and runs workbench commands', () => {
    const ran: string[] = [];
    let opened = 0;
    const items = menuTemplate({ isMac: false, recent: ['/a', '/b'], run: (c, a) => ran.push([c, ...(a ?? [])].join(' ')), openFolder: () => opened++ });
    expect(find(items, 'Save')?.accelerator).toBe('CmdOrCtrl+S');
    expect(find(items, 'Open Folder…')?.accelerator).toBe('CmdOrCtrl+O');
    (find(items, 'Open Folder…')?.click as () => void)();
    (find(items, 'Save')?.click as () => void)();
    (find(items, '/b')?.click as () => void)();
    expect(opened).toBe(1);
    expect(ran).toEqual(['editor.save', 'workspace.openRecent /b']);
  });

  it('says when there are no recent folders', () => {
    const items = menuTemplate({ isMac: true, recent: [], run: () => undefined, openFolder: () => undefined });
    expect(find(items, 'No recent folders')?.enabled).toBe(false);
  });
});
