import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeApp, defaultConfigDir } from '../compose';
import { isLoopback, startServer } from '../server/server';
import { keepRunningOnUnhandledRejection } from '../unhandled';

/** How long serve waits for its own shutdown (terminals get 2 s of it) before it exits anyway. */
const SHUTDOWN_DEADLINE_MS = 5000;

const USAGE = `Usage:
  specwright serve [folder] [--port N] [--host ADDRESS]
      Serve the workbench to a browser. Listens on 127.0.0.1 with a random token;
      open the printed URL. --host 0.0.0.0 exposes it to the network (use with care).
  specwright --version
  specwright --help`;

function packageRoot(): string {
  // out/main/cli.mjs → package root two levels up
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
}

function version(): string {
  try {
    return (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

function fail(message: string): never {
  process.stderr.write(`specwright: ${message}\n`);
  process.exit(2);
}

interface ServeArgs {
  folder?: string;
  port?: number;
  host?: string;
}

function parseServe(args: string[]): ServeArgs {
  const out: ServeArgs = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (v === undefined) fail(`${a} needs a value.\n${USAGE}`);
      return v;
    };
    if (a === '--port' || a.startsWith('--port=')) {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0 || n > 65535) fail('--port must be a number from 0 to 65535.');
      out.port = n;
    } else if (a === '--host' || a.startsWith('--host=')) out.host = value();
    else if (a.startsWith('-')) fail(`unknown option ${a}.\n${USAGE}`);
    else if (out.folder === undefined) out.folder = a;
    else fail(`only one folder can be served.\n${USAGE}`);
  }
  return out;
}

async function serve(args: string[]) {
  const opts = parseServe(args);
  const staticDir = path.join(packageRoot(), 'out', 'renderer');
  if (!existsSync(path.join(staticDir, 'index.html'))) fail(`the workbench is not built (${staticDir} is missing). Run: npm run build`);
  const app = await composeApp({ host: { mode: 'serve' }, configDir: defaultConfigDir(), version: version() });
  keepRunningOnUnhandledRejection('serve');
  if (opts.folder) {
    const folder = path.resolve(opts.folder);
    try {
      await app.workspaces.open(folder);
    } catch (err) {
      fail(`cannot open ${folder}: ${(err as Error).message}`);
    }
  }
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopback(host)) {
    process.stderr.write(
      `specwright: WARNING: listening on ${host}, not loopback. Anyone who can reach this address and has the token can read and change files as ${process.env.USER ?? 'this user'}.\n`,
    );
  }
  let server;
  try {
    server = await startServer({ app, staticDir, host, port: opts.port, token: process.env.SPECWRIGHT_TOKEN || undefined });
  } catch (err) {
    fail(`cannot listen on ${host}:${opts.port ?? 0}: ${(err as Error).message}`);
  }
  process.stdout.write(`Specwright is serving ${app.workspaces.info.root ?? '(no folder yet)'}\n  ${server.url}\n`);
  let stopping = false;
  /** Leaves without finishing the shutdown; the shells are killed first, so none outlives serve. */
  const exitNow = (message: string): never => {
    process.stderr.write(`specwright: ${message}\n`);
    app.pty.killNow();
    process.exit(1);
  };
  const stop = async () => {
    // a second Ctrl+C (or SIGTERM) does not wait for a shutdown that is taking long
    if (stopping) exitNow('stopping now.');
    stopping = true;
    let step = 'stopping the terminals';
    // whatever part of the shutdown hangs, serve still ends
    setTimeout(() => exitNow(`shutdown did not finish in ${SHUTDOWN_DEADLINE_MS / 1000} s (${step}); stopping anyway.`), SHUTDOWN_DEADLINE_MS).unref();
    try {
      // terminals first: their shells must not outlive the server
      await app.pty.shutdown();
      step = 'stopping the services';
      app.dispose();
      step = 'closing the connections';
      await server.close();
    } catch (err) {
      exitNow(`error while stopping: ${(err as Error).message}`);
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

async function main(argv: string[]) {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'serve':
      return serve(rest);
    case '--version':
    case '-v':
      process.stdout.write(version() + '\n');
      return;
    case undefined:
    case '--help':
    case '-h':
      process.stdout.write(USAGE + '\n');
      return;
    default:
      fail(`unknown command "${cmd}".\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => fail((err as Error).stack ?? String(err)));
