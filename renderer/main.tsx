import { createRoot } from 'react-dom/client';
import { api, connect, errorMessage } from './app/api';
import { App } from './app/App';
import { prefetchWorkspace } from './app/workspace';
import { useWorkbench } from './stores/workbench';
import '@xterm/xterm/css/xterm.css';
import './styles.css';

async function boot() {
  const rootEl = document.getElementById('root');
  if (!rootEl) return;
  try {
    const transport = await connect();
    transport.onClose(() => useWorkbench.getState().setConnected(false));
    const workspace = prefetchWorkspace();
    const [host, settings, info] = await Promise.all([api().call('host.info', {}), api().call('settings.get', {}), workspace.catch(() => null)]);
    useWorkbench.getState().setHost(host);
    useWorkbench.getState().setSettings(settings);
    // the open folder is known before the first render: a reload shows the workbench at once,
    // not the welcome page for a moment first (bindWorkspace restores the rest)
    if (info?.root) useWorkbench.getState().setWorkspace(info);
    createRoot(rootEl).render(<App />);
  } catch (err) {
    rootEl.innerHTML = '';
    const box = document.createElement('div');
    box.className = 'boot-error';
    box.setAttribute('role', 'alert');
    box.textContent = `Specwright could not start: ${errorMessage(err)}`;
    rootEl.append(box);
  }
}

void boot();
