/** What the page and its socket worker (socket.worker.ts) say to each other. */
export type SocketCommand =
  | { k: 'open'; url: string }
  /** An encoded message (shared/ipc/frames): JSON text or a binary frame. */
  | { k: 'send'; data: string | Uint8Array }
  | { k: 'close' };

export type SocketReport =
  | { k: 'open' }
  | { k: 'error' }
  | { k: 'close' }
  /** A decoded message; they come in the order they arrived. */
  | { k: 'msg'; msg: unknown };
