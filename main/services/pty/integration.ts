import { promises as fsp } from 'node:fs';
import path from 'node:path';
import bashScript from './shell/bash.sh?raw';
import zshenvScript from './shell/zshenv.zsh?raw';
import zshrcScript from './shell/zshrc.zsh?raw';

/** How a shell is started so that it reports prompts, commands and exit codes. */
export interface ShellLaunch {
  file: string;
  args: string[];
  env: Record<string, string>;
  /** Whether the shell will emit OSC 633 markers. */
  integrated: boolean;
}

/** Writes the integration scripts into `dir` (once per process) and returns how to launch `shell`. */
export async function shellLaunch(shell: string, dir: string, opts: { login: boolean; userEnv: NodeJS.ProcessEnv }): Promise<ShellLaunch> {
  const name = path.basename(shell).replace(/\.exe$/i, '');
  if (name === 'bash') {
    const rc = path.join(dir, 'bash', 'specwright.bashrc');
    await writeOnce(rc, bashScript);
    return {
      file: shell,
      args: ['--rcfile', rc, '-i'],
      env: opts.login ? { SPECWRIGHT_LOGIN_SHELL: '1' } : {},
      integrated: true,
    };
  }
  if (name === 'zsh') {
    const zd = path.join(dir, 'zsh');
    await writeOnce(path.join(zd, '.zshenv'), zshenvScript);
    await writeOnce(path.join(zd, '.zshrc'), zshrcScript);
    return {
      file: shell,
      args: opts.login ? ['-l', '-i'] : ['-i'],
      env: { ZDOTDIR: zd, SPECWRIGHT_USER_ZDOTDIR: opts.userEnv.ZDOTDIR || opts.userEnv.HOME || '' },
      integrated: true,
    };
  }
  return { file: shell, args: opts.login && process.platform !== 'win32' ? ['-l'] : [], env: {}, integrated: false };
}

const written = new Set<string>();
async function writeOnce(file: string, text: string) {
  if (written.has(file)) return;
  await fsp.mkdir(path.dirname(file), { recursive: true });
  await fsp.writeFile(file, text);
  written.add(file);
}
