import { promises as fsp, realpathSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsService } from '../settings/settings';
import { StateStore } from '../settings/state';
import { WorkspaceManager } from '../workspace/manager';
import { PermissionService } from './service';

let base: string;
let workspaces: WorkspaceManager;
let perms: PermissionService;

beforeEach(async () => {
  base = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sw-perm-')));
  await fsp.mkdir(path.join(base, 'ws'));
  const settings = new SettingsService(path.join(base, 'config', 'settings.json'));
  await settings.load();
  workspaces = new WorkspaceManager(settings, new StateStore(path.join(base, 'config')), { mode: 'serve' });
  await workspaces.open(path.join(base, 'ws'));
  perms = new PermissionService(path.join(base, 'config'), workspaces);
});

afterEach(async () => {
  workspaces.dispose();
  await fsp.rm(base, { recursive: true, force: true });
});

describe('the permission policy files', () => {
  it('combines user and workspace rules, deny winning, and "always allow" adds one precise rule once', async () => {
    await perms.set('user', [{ tool: 'shell', match: 'npm *', action: 'allow' }]);
    await perms.set('workspace', [{ tool: 'shell', match: 'npm publish*', action: 'deny' }]);
    expect((await perms.decide({ tool: 'shell', subject: 'npm run build' }, 'supervised')).action).toBe('allow');
    expect((await perms.decide({ tool: 'shell', subject: 'npm publish' }, 'autopilot')).action).toBe('deny');
    await perms.add('workspace', { tool: 'web', match: 'x.dev', action: 'allow' });
    await perms.add('workspace', { tool: 'web', match: 'x.dev', action: 'allow' });
    const file = JSON.parse(await fsp.readFile(path.join(base, 'ws', '.kiro/settings/permissions.json'), 'utf8')) as { rules: unknown[] };
    expect(file.rules).toHaveLength(2);
  });

  it('a user policy file that is a link (dotfiles) is written where it points and stays a link', async () => {
    const target = path.join(base, 'dotfiles', 'permissions.json');
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsp.writeFile(target, JSON.stringify({ rules: [] }));
    await fsp.mkdir(path.join(base, 'config'), { recursive: true });
    await fsp.symlink(target, perms.userFile);
    await perms.set('user', [{ tool: 'shell', match: 'npm test', action: 'allow' }]);
    expect((await fsp.lstat(perms.userFile)).isSymbolicLink()).toBe(true);
    expect(JSON.parse(await fsp.readFile(target, 'utf8'))).toMatchObject({ rules: [{ tool: 'shell', match: 'npm test', action: 'allow' }] });
  });

  it('a broken policy file is reported and makes unruled actions ask instead of running', async () => {
    await fsp.mkdir(path.join(base, 'ws', '.kiro/settings'), { recursive: true });
    await fsp.writeFile(path.join(base, 'ws', '.kiro/settings/permissions.json'), '{ "rules": [ { "tool": "shell", ');
    const got = await perms.get();
    expect(got.workspace?.problems[0]).toMatch(/Not valid JSON/);
    const d = await perms.decide({ tool: 'shell', subject: 'npm install' }, 'autopilot');
    expect(d.action).toBe('ask');
    expect(d.reason).toMatch(/has problems/);
  });
});
