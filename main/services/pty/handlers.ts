import os from 'node:os';
import type { Contract, TerminalInfo } from '../../../shared/ipc/contract';
import type { CallContext, Handlers } from '../../../shared/ipc/define';
import type { WorkspaceManager } from '../workspace/manager';
import type { PtyService } from './service';
import type { TerminalSession } from './session';

/**
 * A terminal whose window went away is killed after this long unless a page re-attaches
 * (a reload in serve mode takes well under a second; a closed tab never comes back).
 */
export const ORPHAN_GRACE_MS = 5000;

type PtyHandlers = Pick<
  Handlers<Contract>,
  'pty.spawn' | 'pty.list' | 'pty.write' | 'pty.resize' | 'pty.ack' | 'pty.rename' | 'pty.kill' | 'pty.onData' | 'pty.onEvent'
>;

export function info(s: TerminalSession): TerminalInfo {
  return { id: s.id, title: s.title, shell: s.shell, pid: s.pid, cwd: s.cwd, exited: s.exited };
}

/** Binds the pty service to the contract, tying each terminal's life to the window that shows it. */
export function ptyHandlers(pty: PtyService, workspaces: WorkspaceManager, graceMs = ORPHAN_GRACE_MS): PtyHandlers {
  const owners = new Map<number, { connectionId: number; dispose(): void }>();

  const adopt = (session: TerminalSession, ctx: CallContext) => {
    const prev = owners.get(session.id);
    if (prev?.connectionId === ctx.connectionId) return;
    prev?.dispose();
    const listener = ctx.onDidClose(() => {
      owners.delete(session.id);
      setTimeout(() => {
        if (!owners.has(session.id) && session.viewers === 0) pty.close(session.id);
      }, graceMs).unref?.();
    });
    owners.set(session.id, { connectionId: ctx.connectionId, dispose: () => listener.dispose() });
  };

  return {
    'pty.spawn': async ({ cols, rows, cwd, title }, ctx) => {
      const ws = workspaces.maybeCurrent;
      const dir = ws ? await ws.resolve(cwd ?? '') : os.homedir();
      const session = await pty.spawn({ cols, rows, cwd: dir, title });
      adopt(session, ctx);
      session.onEvent((e) => {
        if (e.type === 'exit') owners.get(session.id)?.dispose();
      });
      return info(session);
    },
    'pty.list': () => ({ terminals: pty.list().map(info) }),
    'pty.write': ({ id, data }) => {
      pty.get(id).write(data);
      return { ok: true as const };
    },
    'pty.resize': ({ id, cols, rows }) => {
      pty.get(id).resize(cols, rows);
      return { ok: true as const };
    },
    'pty.ack': ({ id, chars }) => {
      pty.get(id).ack(chars);
      return { ok: true as const };
    },
    'pty.rename': ({ id, title }) => {
      pty.get(id).title = title;
      return { ok: true as const };
    },
    'pty.kill': ({ id }) => {
      owners.get(id)?.dispose();
      owners.delete(id);
      pty.close(id);
      return { ok: true as const };
    },
    'pty.onData': ({ id }, emit, ctx) => {
      const session = pty.get(id);
      adopt(session, ctx);
      const sub = session.onData((data) => emit({ data }));
      return {
        dispose() {
          sub.dispose();
          // a view that goes away cannot ack what it was sent
          if (session.viewers === 0) session.resetFlowControl();
        },
      };
    },
    'pty.onEvent': ({ commandOutput }, emit) =>
      pty.onEvent(({ id, event }) => {
        if (event.type !== 'command' || commandOutput) return emit({ id, event });
        // the views only want the exit code: a megabyte of output is not stripped, sent and parsed for them
        const { command, exitCode, seq } = event;
        emit({ id, event: { type: 'command', command, exitCode, seq } });
      }),
  };
}
