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
    prefetchWorkspace();
    const [host, settings] = await Promise.all([api().call('host.info', {}), api().call('settings.get', {})]);
    useWorkbench.getState().setHost(host);
    useWorkbench.getState().setSettings(settings);
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
