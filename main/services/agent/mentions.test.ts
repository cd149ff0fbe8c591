import { mkdtempSync, promises as fsp, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SearchService } from '../search/service';
import { SettingsService } from '../settings/settings';
import { StateStore } from '../settings/state';
import { WorkspaceManager } from '../workspace/manager';
import { expandMentions, findMentions } from './mentions';

let base: string;
let workspaces: WorkspaceManager;
beforeEach(async () => {
  base = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sw-mention-')));
  const root = path.join(base, 'ws');
  await fsp.mkdir(path.join(root, 'src/lib'), { recursive: true });
  await fsp.writeFile(path.join(root, 'src/lib/math.ts'), 'export const addNumbers = (a: number, b: number) => a + b;\n');
  await fsp.writeFile(path.join(root, 'README.md'), '# Demo\n');
  await fsp.writeFile(path.join(base, 'outside.txt'), 'nope');
  const settings = new SettingsService(path.join(base, 'cfg', 'settings.json'));
  await settings.load();
  workspaces = new WorkspaceManager(settings, new StateStore(path.join(base, 'cfg')), { mode: 'serve' });
  await workspaces.open(root);
});
afterEach(async () => {
  workspaces.dispose();
  await fsp.rm(base, { recursive: true, force: true });
});

describe('# mentions', () => {
  it('finds every kind of mention in order', () => {
    expect(findMentions('see #File:src/a.ts and #Folder:src with #Problems, #Terminal, #Git Diff, #Codebase, #URL:https://x.dev/a')).toEqual([
      { kind: 'File', arg: 'src/a.ts' },
      { kind: 'Folder', arg: 'src' },
      { kind: 'Problems' },
      { kind: 'Terminal' },
      { kind: 'Git Diff' },
      { kind: 'Codebase' },
      { kind: 'URL', arg: 'https://x.dev/a' },
    ]);
  });

  it('attaches files, folders, problems and the terminal, and says what could not be read', async () => {
    const search = new SearchService(workspaces, () => null, () => []);
    const r = await expandMentions('fix #File:src/lib/math.ts in #Folder:src, see #Problems and #Terminal; also #File:../outside.txt', {
      workspace: workspaces.current,
      search,
      diagnostics: () => [{ path: 'src/lib/math.ts', severity: 'error', message: 'Bad thing', line: 1, column: 14 }],
      terminalOutput: () => '$ npm test\n1 failing',
      signal: new AbortController().signal,
    });
    const all = r.blocks.join('\n');
    expect(all).toContain('<file path="src/lib/math.ts">\nexport const addNumbers');
    expect(all).toContain('<folder path="src">\nsrc/lib/math.ts');
    expect(all).toContain('src/lib/math.ts:1:14 error: Bad thing');
    expect(all).toContain('1 failing');
    expect(all).toMatch(/arg="..\/outside.txt">Could not be read: .*outside the workspace/);
    expect(all).not.toContain('nope');
    expect(r.included).toContain('#File ../outside.txt (failed)');
  });

  it('#Codebase searches the workspace for the words of the request', async () => {
    const search = new SearchService(workspaces, () => null, () => []);
    const r = await expandMentions('where is addNumbers defined? #Codebase', {
      workspace: workspaces.current,
      search,
      diagnostics: () => [],
      terminalOutput: () => null,
      signal: new AbortController().signal,
    });
    expect(r.blocks[0]).toContain('src/lib/math.ts:1: export const addNumbers');
  });
});
