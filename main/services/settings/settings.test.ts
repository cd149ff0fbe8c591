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

describe('SettingsService.watch', () => {
  /** Resolves with the next value `event` gives, or rejects after `ms`. */
  function next<T>(event: (fn: (v: T) => void) => { dispose(): void }, ms = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error('no event'));
      }, ms);
      const sub = event((v) => {
        clearTimeout(timer);
        sub.dispose();
        resolve(v);
      });
    });
  }

  it('applies an edit made by hand, whether the file is written in place or replaced', async () => {
    const file = path.join(dir, 'settings.json');
    await fsp.writeFile(file, JSON.stringify({ 'editor.fontSize': 14 }));
    const s = new SettingsService(file);
    await s.load();
    const w = s.watch();
    try {
      let changed = next(s.onDidChange);
      await fsp.writeFile(file, JSON.stringify({ 'editor.fontSize': 19 }));
      expect((await changed)['editor.fontSize']).toBe(19);
      // how many editors save: a new file renamed over the old one
      changed = next(s.onDidChange);
      await fsp.writeFile(path.join(dir, 'settings.json.tmp'), JSON.stringify({ 'editor.fontSize': 19, 'workbench.colorTheme': 'light' }));
      await fsp.rename(path.join(dir, 'settings.json.tmp'), file);
      expect(await changed).toMatchObject({ 'editor.fontSize': 19, 'workbench.colorTheme': 'light' });
      expect(s.value['workbench.colorTheme']).toBe('light');
    } finally {
      w.dispose();
    }
  });

  it('keeps the settings in use while the file is half edited, says why, and applies the fix', async () => {
    const file = path.join(dir, 'settings.json');
    await fsp.writeFile(file, JSON.stringify({ 'editor.fontSize': 18 }));
    const s = new SettingsService(file);
    await s.load();
    const w = s.watch();
    const changes: number[] = [];
    s.onDidChange((v) => changes.push(v['editor.fontSize']));
    try {
      const problems = next(s.onProblems);
      await fsp.writeFile(file, '{ "editor.fontSize": 18, "editor.tabSize": ');
      expect((await problems)[0].message).toMatch(/not valid JSON.*keeping the settings in use/);
      expect(s.value['editor.fontSize']).toBe(18);
      expect(changes).toEqual([]);
      const fixed = next(s.onDidChange);
      await fsp.writeFile(file, '{ "editor.fontSize": 18, "editor.tabSize": 8 }');
      expect((await fixed)['editor.tabSize']).toBe(8);
      expect(s.problems).toEqual([]);
      // an invalid value in an edit is reported and that key alone falls back
      const bad = next(s.onProblems);
      await fsp.writeFile(file, '{ "editor.fontSize": "huge", "editor.tabSize": 8 }');
      expect((await bad)[0].message).toContain('editor.fontSize');
      expect(s.value).toMatchObject({ 'editor.fontSize': DEFAULT_SETTINGS['editor.fontSize'], 'editor.tabSize': 8 });
    } finally {
      w.dispose();
    }
  });

  it('follows a settings.json that is a link into another folder (a dotfiles checkout)', async () => {
    const dotfiles = path.join(dir, 'dotfiles');
    const config = path.join(dir, 'config');
    await fsp.mkdir(dotfiles);
    await fsp.mkdir(config);
    const target = path.join(dotfiles, 'settings.json');
    await fsp.writeFile(target, JSON.stringify({ 'editor.fontSize': 15 }));
    await fsp.symlink(target, path.join(config, 'settings.json'));
    const s = new SettingsService(path.join(config, 'settings.json'));
    expect((await s.load())['editor.fontSize']).toBe(15);
    const w = s.watch();
    try {
      const changed = next(s.onDidChange);
      await fsp.writeFile(target, JSON.stringify({ 'editor.fontSize': 21 }));
      expect((await changed)['editor.fontSize']).toBe(21);
      // a change from the workbench goes into the linked file; the link stays a link
      await s.update({ 'workbench.colorTheme': 'dark' });
      expect((await fsp.lstat(path.join(config, 'settings.json'))).isSymbolicLink()).toBe(true);
      expect(JSON.parse(await fsp.readFile(target, 'utf8'))).toEqual({ 'editor.fontSize': 21, 'workbench.colorTheme': 'dark' });
    } finally {
      w.dispose();
    }
  });

  it('does not report its own writes as a second change', async () => {
    const file = path.join(dir, 'settings.json');
    const s = new SettingsService(file);
    await s.load();
    const w = s.watch();
    const seen: string[] = [];
    s.onDidChange((v) => seen.push(v['workbench.colorTheme']));
    try {
      await s.update({ 'workbench.colorTheme': 'dark' });
      await new Promise((r) => setTimeout(r, 400));
      expect(seen).toEqual(['dark']);
    } finally {
      w.dispose();
    }
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
