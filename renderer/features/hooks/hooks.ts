import { api, attempt } from '../../app/api';
import { useHooks } from '../../stores/hooks';
import { useWorkbench } from '../../stores/workbench';

const act = attempt;

export const setHookEnabled = (file: string, enabled: boolean) => act(() => api().call('hooks.setEnabled', { file, enabled }));
export const runHook = (file: string) => act(() => api().call('hooks.run', { file }));
export const trustHooks = (trusted: boolean) => act(() => api().call('hooks.trust', { trusted }));

/** Saves the form's hook; true when main wrote it. */
export async function saveHook(file: string | null, hook: Record<string, unknown>): Promise<boolean> {
  const r = await act(() => api().call('hooks.save', { file: file ?? undefined, hook }));
  if (r) useHooks.getState().edit(null);
  return r !== null;
}

/** Hands a plain-words description to the agent, then shows the chat where it works. */
export async function describeHook(description: string): Promise<boolean> {
  const r = await act(() => api().call('hooks.describe', { description }));
  if (!r) return false;
  useHooks.getState().setNote('The agent is writing the hook; see the Chat view');
  useWorkbench.getState().showSideView('chat');
  return true;
}

async function refreshHooks(): Promise<void> {
  try {
    useHooks.getState().set(await api().call('hooks.state', {}));
  } catch {
    // no folder open: nothing to show
    useHooks.getState().set({ hooks: [], runs: [], trusted: false });
  }
}

/** Follows main's hooks state: pushed on every change, read again when the folder changes. */
export function bindHooks(): () => void {
  const sub = api().subscribe('hooks.onDidChange', {}, (state) => useHooks.getState().set(state));
  const ws = useWorkbench.subscribe((s, prev) => {
    if (s.workspace.root === prev.workspace.root) return;
    // a form or note about the previous folder's hooks means nothing here
    useHooks.getState().reset();
    void refreshHooks();
  });
  void refreshHooks();
  return () => {
    sub.dispose();
    ws();
  };
}
