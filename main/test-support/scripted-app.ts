/**
 * TEST SUPPORT: the composed app on a temp workspace, talking through the real AWS SDK to
 * the scripted Bedrock-protocol server, reached over the in-memory transport. For
 * integration tests of services that drive the agent (specs, hooks).
 */
import { mkdtempSync, promises as fsp, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, type Client } from '../../shared/ipc/client';
import type { Contract } from '../../shared/ipc/contract';
import { createMemoryPair } from '../../shared/ipc/memory';
import { composeApp } from '../compose';
import { startScriptedBedrock, type ScriptedTurn } from '../services/agent/test-support/scripted-bedrock';

export interface ScriptedApp {
  client: Client<Contract>;
  root: string;
  base: string;
  model: Awaited<ReturnType<typeof startScriptedBedrock>>;
  close(): Promise<void>;
}

/** Starts the app; `prepare` may write files into the workspace before it is opened. */
export async function startScriptedApp(
  script: ScriptedTurn[],
  opts: { settings?: Record<string, unknown>; prepare?: (root: string) => Promise<void>; state?: Record<string, unknown> } = {},
): Promise<ScriptedApp> {
  const model = await startScriptedBedrock(script);
  const base = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sw-app-')));
  const root = path.join(base, 'ws');
  await fsp.mkdir(path.join(root, 'src'), { recursive: true });
  await fsp.writeFile(path.join(root, 'src/count.ts'), 'export let count = 0;\n');
  await opts.prepare?.(root);
  await fsp.mkdir(path.join(base, 'config'), { recursive: true });
  await fsp.writeFile(path.join(base, 'config', 'settings.json'), JSON.stringify({ 'agent.defaultMode': 'autopilot', ...opts.settings }));
  const saved = { ...process.env };
  Object.assign(process.env, { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: model.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDSCRIPTED', AWS_SECRET_ACCESS_KEY: 'fixture', HOME: base });
  const app = await composeApp({ host: { mode: 'serve' }, configDir: path.join(base, 'config'), version: 'test' });
  for (const [key, value] of Object.entries(opts.state ?? {})) await app.state.set(root, key, value);
  const [server, clientSide] = createMemoryPair();
  app.router.attach(server);
  const client = createClient<Contract>(clientSide);
  await client.call('workspace.open', { path: root });
  return {
    client,
    root,
    base,
    model,
    close: async () => {
      await app.pty.shutdown();
      app.dispose();
      await model.close();
      process.env = saved;
      await fsp.rm(base, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    },
  };
}

/** Polls until `ok` holds (or fails with the last value seen). */
export async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
