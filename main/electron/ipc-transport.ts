import type { IpcMain, IpcMainEvent, WebContents } from 'electron';
import { Emitter, type Message, type Transport } from '../../shared/ipc/protocol';

/** The one channel between preload and main. */
export const IPC_CHANNEL = 'specwright:msg';

/**
 * A Transport for one window. Messages are accepted only from that window's main frame and
 * only while it shows our own bundled page, so an injected frame cannot reach the router.
 */
export function ipcTransport(ipcMain: IpcMain, contents: WebContents, isTrustedUrl: (url: string) => boolean): Transport {
  const messages = new Emitter<Message>();
  const closes = new Emitter<void>();
  let closed = false;
  const listener = (event: IpcMainEvent, msg: unknown) => {
    if (event.sender !== contents) return;
    const frame = event.senderFrame;
    if (!frame || frame !== contents.mainFrame || !isTrustedUrl(frame.url)) return;
    messages.fire(msg as Message);
  };
  ipcMain.on(IPC_CHANNEL, listener);
  const close = () => {
    if (closed) return;
    closed = true;
    ipcMain.removeListener(IPC_CHANNEL, listener);
    closes.fire();
  };
  contents.once('destroyed', close);
  // a reload starts a new renderer: its subscriptions must not leak into the old connection
  contents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) close();
  });
  return {
    send(msg) {
      if (!closed && !contents.isDestroyed()) contents.send(IPC_CHANNEL, msg);
    },
    onMessage: messages.event,
    onClose: closes.event,
    close,
  };
}
