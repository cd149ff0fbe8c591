import { mkdtempSync, promises as fsp, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isolateHome } from '../../test-support/home';
import { createClient } from '../../../shared/ipc/client';
import { contract, type Contract } from '../../../shared/ipc/contract';
import type { Handlers } from '../../../shared/ipc/define';
import { createMemoryPair } from '../../../shared/ipc/memory';
import { Router } from '../../../shared/ipc/router';
import type { WorkspaceManager } from '../workspace/manager';
import { ptyHandlers } from './handlers';
import { PtyService } from './service';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function setup(graceMs: number) {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sw-ptyh-')));
  const pty = new PtyService({ scriptDir: path.join(dir, 'scripts'), shellSetting: () => '/bin/bash' });
  const noWorkspace = { maybeCurrent: undefined } as unknown as WorkspaceManager;
  // only the pty channels are exercised; the rest of the contract is not needed here
  const router = new Router(contract, ptyHandlers(pty, noWorkspace, graceMs) as unknown as Handlers<Contract>);
  cleanups.push(
    () => pty.shutdown(),
    isolateHome(dir),
    () => fsp.rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }),
  );
  const connect = () => {
    const [server, client] = createMemoryPair();
    router.attach(server);
    return { client: createClient<Contract>(client), transport: client };
  };
  return { pty, connect };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('terminal lifetime follows its window', () => {
  it('kills the terminals of a connection that closed and did not come back', async () => {
    const { pty, connect } = setup(100);
    const a = connect();
    const info = await a.client.call('pty.spawn', { cols: 80, rows: 24 });
    a.client.subscribe('pty.onData', { id: info.id }, () => undefined);
    await wait(20);
    a.transport.close();
    await wait(300);
    expect(pty.list()).toEqual([]);
  });

  it('keeps them when a reloaded page re-attaches within the grace period', async () => {
    const { pty, connect } = setup(300);
    const a = connect();
    const info = await a.client.call('pty.spawn', { cols: 80, rows: 24 });
    a.transport.close();
    const b = connect();
    const listed = await b.client.call('pty.list', {});
    expect(listed.terminals.map((t) => t.id)).toEqual([info.id]);
    b.client.subscribe('pty.onData', { id: info.id }, () => undefined);
    await wait(500);
    expect(pty.list().map((s) => s.id)).toEqual([info.id]);
  });
});

describe('pty.onEvent', () => {
  it("sends a finished command's output only to subscribers that ask for it", async () => {
    const { pty, connect } = setup(100);
    const { client } = connect();
    const plain: unknown[] = [];
    const withOutput: unknown[] = [];
    client.subscribe('pty.onEvent', {}, (e) => e.event.type === 'command' && plain.push(e.event));
    client.subscribe('pty.onEvent', { commandOutput: true }, (e) => e.event.type === 'command' && withOutput.push(e.event));
    const info = await client.call('pty.spawn', { cols: 80, rows: 24 });
    client.subscribe('pty.onData', { id: info.id }, () => undefined);
    expect(await pty.get(info.id).ready()).toBe(true);
    await client.call('pty.write', { id: info.id, data: 'printf "one\\033[1mtwo\\033[0m\\n"; false\r' });
    for (let i = 0; i < 200 && withOutput.length === 0; i++) await wait(25);
    await wait(50);
    expect(withOutput).toEqual([expect.objectContaining({ command: expect.stringContaining('printf'), exitCode: 1, output: 'onetwo' })]);
    expect(plain).toEqual([expect.objectContaining({ command: expect.stringContaining('printf'), exitCode: 1 })]);
    expect(plain[0]).not.toHaveProperty('output');
  });
});
