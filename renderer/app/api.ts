import { createClient, type Client } from '../../shared/ipc/client';
import type { Contract } from '../../shared/ipc/contract';
import type { Transport } from '../../shared/ipc/protocol';
import { bridgeTransport, takeServeToken, webSocketTransport } from './transport';
import { notifyError } from '../stores/workbench';

let client: Client<Contract> | undefined;
let transport: Transport | undefined;

/** Connects over the Electron bridge when present, otherwise over serve mode's WebSocket. */
export async function connect(): Promise<Transport> {
  if (window.specwrightBridge) transport = bridgeTransport(window.specwrightBridge);
  else {
    const token = takeServeToken();
    if (!token) throw new Error('This page needs the token from the URL that `specwright serve` printed.');
    transport = await webSocketTransport(token);
  }
  client = createClient<Contract>(transport);
  return transport;
}

/** The typed client for every call into main. */
export function api(): Client<Contract> {
  if (!client) throw new Error('api() used before connect()');
  return client;
}

/** A readable message from anything a call may throw. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Runs a call; a refusal from main is shown where the person is looking (a toast) and gives null. */
export async function attempt<T>(fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (err) {
    notifyError(errorMessage(err));
    return null;
  }
}
