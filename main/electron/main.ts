import { BrowserWindow, Menu, app, dialog, ipcMain, net, protocol, safeStorage, shell } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { composeApp, defaultConfigDir, type App } from '../compose';
import { RENDERER_CSP } from '../csp';
import { keepRunningOnUnhandledRejection } from '../unhandled';
import type { HostPlatform } from '../services/host/host';
import { ipcTransport } from './ipc-transport';
import { menuTemplate } from './menu';

// The renderer is served from a privileged custom scheme rather than file:// so that the
// CSP, module workers and fetch behave as on the web, and nothing else can be loaded.
const SCHEME = 'specwright';
const ORIGIN = `${SCHEME}://app`;

protocol.registerSchemesAsPrivileged([
  { scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

const rendererDir = path.join(__dirname, '..', 'renderer');
const isTrustedUrl = (url: string) => url.startsWith(`${ORIGIN}/`);
const windowsAllowedToClose = new Set<number>();
let services: App | undefined;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    title: 'Specwright',
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload: path.join(__dirname, '..', 'preload', 'index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  const contents = win.webContents;
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  // a dirty editor must get its chance to ask; the renderer calls app.confirmClose when done
  win.on('close', (event) => {
    if (windowsAllowedToClose.has(contents.id)) return;
    event.preventDefault();
    services?.commands.fire({ command: 'workbench.requestClose' });
  });
  win.on('closed', () => windowsAllowedToClose.delete(contents.id));
  contents.on('did-finish-load', () => {
    if (services) services.router.attach(ipcTransport(ipcMain, contents, isTrustedUrl));
  });
  void win.loadURL(`${ORIGIN}/index.html`);
  return win;
}

async function main() {
  keepRunningOnUnhandledRejection('the app');
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();

  protocol.handle(SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = path.resolve(rendererDir, '.' + decodeURIComponent(url.pathname));
    if (url.host !== 'app' || !file.startsWith(rendererDir + path.sep)) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    if (!file.endsWith('.html')) return res;
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', RENDERER_CSP);
    return new Response(res.body, { status: res.status, headers });
  });

  const host: HostPlatform = {
    mode: 'electron',
    async pickFolder() {
      const focused = BrowserWindow.getFocusedWindow();
      const opts = { properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
      const result = focused ? await dialog.showOpenDialog(focused, opts) : await dialog.showOpenDialog(opts);
      return result.canceled || !result.filePaths[0] ? null : result.filePaths[0];
    },
    trash: (abs) => shell.trashItem(abs),
    cipher: safeStorage.isEncryptionAvailable()
      ? { encrypt: (plain) => safeStorage.encryptString(plain), decrypt: (data) => safeStorage.decryptString(data) }
      : undefined,
    confirmClose() {
      for (const win of BrowserWindow.getAllWindows()) {
        windowsAllowedToClose.add(win.webContents.id);
        win.close();
      }
    },
  };
  services = await composeApp({ host, configDir: process.env.SPECWRIGHT_CONFIG_DIR ? defaultConfigDir() : app.getPath('userData'), version: app.getVersion() });
  const svc = services;

  const rebuildMenu = async () => {
    const recent = await svc.state.recent();
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate({
          isMac: process.platform === 'darwin',
          recent,
          run: (command, args) => svc.commands.fire({ command, args }),
          openFolder: () => svc.commands.fire({ command: 'workspace.openFolder' }),
        }),
      ),
    );
  };
  await rebuildMenu();
  svc.workspaces.onDidChange(() => void rebuildMenu());

  const folderArg = process.argv.slice(app.isPackaged ? 1 : 2).find((a) => !a.startsWith('-'));
  if (folderArg) await svc.workspaces.open(path.resolve(folderArg)).catch((err: Error) => dialog.showErrorBox('Cannot open folder', err.message));

  createWindow();
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // the shells must be gone before the app is: wait for them once, then quit for real
  let terminalsEnded = false;
  app.on('before-quit', (event) => {
    if (terminalsEnded) return;
    event.preventDefault();
    void svc.pty.shutdown().finally(() => {
      terminalsEnded = true;
      app.quit();
    });
  });
  app.on('will-quit', () => svc.dispose());
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

void main();
