import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

// One fixed channel, two functions. The renderer never sees ipcRenderer itself.
const CHANNEL = 'specwright:msg';

contextBridge.exposeInMainWorld('specwrightBridge', {
  send(msg: unknown) {
    ipcRenderer.send(CHANNEL, msg);
  },
  onMessage(fn: (msg: unknown) => void): () => void {
    const listener = (_event: IpcRendererEvent, msg: unknown) => fn(msg);
    ipcRenderer.on(CHANNEL, listener);
    return () => ipcRenderer.removeListener(CHANNEL, listener);
  },
});
