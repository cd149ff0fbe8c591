import { promises as fsp, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SettingsService } from './settings';
import { StateStore } from './state';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sw-settings-'));
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

describe('SettingsService', () => {
  it('uses defaults when there is no file', async () => {
    const s = new SettingsService(path.join(dir, 'settings.json'));
    expect(await s.load()).toEqual(DEFAULT_SETTINGS);
    expect(s.problems).toEqual([]);
  });

  it('keeps valid keys, reports and defaults only the invalid one', async () => {
    const file = path.join(dir, 'settings.json');
    await fsp.writeFile(file, JSON.stringify({ 'editor.fontSize': 18, 'workbench.colorTheme': 'purple', 'my.extension': 1 }));
    const s = new SettingsService(file);
    const v = await s.load();
    expect(v['editor.fontSize']).toBe(18);
    expect(v['workbench.colorTheme']).toBe('system');
    expect(s.problems).toHaveLength(1);
    expect(s.problems[0].message).toContain('workbench.colorTheme');
  });

  it('reports malformed JSON without throwing', async () => {
    const file = path.join(dir, 'settings.json');
    await fsp.writeFile(file, '{ "editor.fontSize": 18, ');
    const s = new SettingsService(file);
    expect(await s.load()).toEqual(DEFAULT_SETTINGS);
    expect(s.problems[0].message).toMatch(/not valid JSON/);
  });

  it('writes updates, keeps unknown keys on disk, and notifies', async () => {
    const file = path.join(dir, 'settings.json');
    await fsp.writeFile(file, JSON.stringify({ 'my.extension': 1 }));
    const s = new SettingsService(file);
    await s.load();
    const seen: string[] = [];
    s.onDidChange((v) => seen.push(v['workbench.colorTheme']));
    await s.update({ 'workbench.colorTheme': 'dark' });
    expect(seen).toEqual(['dark']);
    expect(JSON.parse(await fsp.readFile(file, 'utf8'))).toEqual({ 'my.extension': 1, 'workbench.colorTheme': 'dark' });
    const again = new SettingsService(file);
    expect((await again.load())['workbench.colorTheme']).toBe('dark');
  });

  it('refuses to write over a file that is not valid JSON, and writes once it is fixed', async () => {
    const file = path.join(dir, 'settings.json');
    const typo = '{\n  "editor.fontSize": 18,\n  "agent.model": "my-model",\n}\n';
    await fsp.writeFile(file, typo);
    const s = new SettingsService(file);
    await s.load();
    await expect(s.update({ 'workbench.colorTheme': 'dark' })).rejects.toThrow(/settings\.json is not valid JSON.*will not write over it/);
    expect(await fsp.readFile(file, 'utf8')).toBe(typo);
    await fsp.writeFile(file, typo.replace('",\n}', '"\n}'));
    const v = await s.update({ 'workbench.colorTheme': 'dark' });
    expect(v).toMatchObject({ 'editor.fontSize': 18, 'agent.model': 'my-model', 'workbench.colorTheme': 'dark' });
    expect(s.problems).toEqual([]);
  });

  it('keeps what was edited by hand since the file was read, and both of two changes made together', async () => {
    const file = path.join(dir, 'settings.json');
    const s = new SettingsService(file);
    await s.load();
    await fsp.writeFile(file, JSON.stringify({ 'editor.fontSize': 20 }));
    await Promise.all([s.update({ 'workbench.colorTheme': 'dark' }), s.update({ 'editor.tabSize': 4 })]);
    expect(JSON.parse(await fsp.readFile(file, 'utf8'))).toEqual({ 'editor.fontSize': 20, 'workbench.colorTheme': 'dark', 'editor.tabSize': 4 });
  });
});

describe('StateStore', () => {
  it('remembers recent folders, newest first, without duplicates', async () => {
    const st = new StateStore(dir);
    await st.addRecent('/a');
    await st.addRecent('/b');
    await st.addRecent('/a');
    expect(await st.recent()).toEqual(['/a', '/b']);
  });

  it('keeps per-workspace values apart and survives concurrent writes', async () => {
    const st = new StateStore(dir);
    await Promise.all([st.set('/ws1', 'editors', { open: ['a'] }), st.set('/ws1', 'layout', 1), st.set('/ws2', 'editors', { open: ['b'] })]);
    expect(await st.get('/ws1', 'editors')).toEqual({ open: ['a'] });
    expect(await st.get('/ws1', 'layout')).toBe(1);
    expect(await st.get('/ws2', 'editors')).toEqual({ open: ['b'] });
  });
});
