import { setMonacoTheme } from '../features/editor';
import { useWorkbench } from '../stores/workbench';
import { api } from './api';

const media = window.matchMedia('(prefers-color-scheme: dark)');

export function resolvedDark(): boolean {
  const pref = useWorkbench.getState().settings?.['workbench.colorTheme'] ?? 'system';
  return pref === 'dark' || (pref === 'system' && media.matches);
}

function apply() {
  const dark = resolvedDark();
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  setMonacoTheme(dark);
}

/** Follows the setting, and the OS while the setting is "system". */
export function bindTheme(): () => void {
  apply();
  const unsub = useWorkbench.subscribe((s, prev) => {
    if (s.settings?.['workbench.colorTheme'] !== prev.settings?.['workbench.colorTheme']) apply();
  });
  media.addEventListener('change', apply);
  return () => {
    unsub();
    media.removeEventListener('change', apply);
  };
}

export async function toggleTheme(): Promise<void> {
  const next = resolvedDark() ? 'light' : 'dark';
  const settings = await api().call('settings.update', { patch: { 'workbench.colorTheme': next } });
  useWorkbench.getState().setSettings(settings);
}
