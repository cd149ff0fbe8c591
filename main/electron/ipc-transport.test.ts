import { EventEmitter } from 'node:events';
import type { IpcMain, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../shared/ipc/protocol';
import { IPC_CHANNEL, ipcTransport } from './ipc-transport';

/** Stand-ins with the few members the transport touches (no Electron binary is needed). */
function fakes() {
  const ipcMain = new EventEmitter() as unknown as IpcMain & EventEmitter;
  const mainFrame = { url: 'specwright://app/index.html' };
  const sent: unknown[] = [];
  const contents = Object.assign(new EventEmitter(), {
    mainFrame,
    isDestroyed: () => false,
    send: (_ch: string, msg: unknown) => sent.push(msg),
  }) as unknown as WebContents & EventEmitter;
  return { ipcMain, contents, mainFrame, sent };
}

const trusted = (url: string) => url.startsWith('specwright://app/');
const msg: Message = { t: 'req', id: 1, ch: 'host.info', input: {} };

describe('ipcTransport', () => {
  it('accepts messages from the window main frame showing our page', () => {
    const { ipcMain, contents, mainFrame } = fakes();
    const t = ipcTransport(ipcMain, contents, trusted);
    const got: Message[] = [];
    t.onMessage((m) => got.push(m));
    ipcMain.emit(IPC_CHANNEL, { sender: contents, senderFrame: mainFrame }, msg);
    expect(got).toEqual([msg]);
  });

  it('drops messages from other windows, subframes and foreign pages', () => {
    const { ipcMain, contents, mainFrame } = fakes();
    const other = fakes();
    const t = ipcTransport(ipcMain, contents, trusted);
    const got: Message[] = [];
    t.onMessage((m) => got.push(m));
    ipcMain.emit(IPC_CHANNEL, { sender: other.contents, senderFrame: other.mainFrame }, msg);
    ipcMain.emit(IPC_CHANNEL, { sender: contents, senderFrame: { url: 'specwright://app/index.html' } }, msg);
    mainFrame.url = 'https://evil.example/';
    ipcMain.emit(IPC_CHANNEL, { sender: contents, senderFrame: mainFrame }, msg);
    expect(got).toEqual([]);
  });

  it('closes when the page is destroyed or navigates, and stops listening', () => {
    const { ipcMain, contents } = fakes();
    const t = ipcTransport(ipcMain, contents, trusted);
    let closed = 0;
    t.onClose(() => closed++);
    contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    contents.emit('destroyed');
    expect(closed).toBe(1);
    expect(ipcMain.listenerCount(IPC_CHANNEL)).toBe(0);
  });

  it('sends to its own window only', () => {
    const { ipcMain, contents, sent } = fakes();
    ipcTransport(ipcMain, contents, trusted).send(msg);
    expect(sent).toEqual([msg]);
  });
});
