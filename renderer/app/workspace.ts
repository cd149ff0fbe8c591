import type { FileChangeBatch, WorkspaceInfo } from '../../shared/ipc/contract';
import { DisposableStore } from '../../shared/ipc/protocol';
import { closeAllSilently, closeFile, dirtyCount, openFile, reconcile, saveAll } from '../features/editor';
import { refreshFor } from '../features/explorer';
import { bindGit } from '../features/scm';
import { ask } from '../stores/dialogs';
import { isViewTab, useEditors } from '../stores/editors';
import { notifyError, useWorkbench } from '../stores/workbench';
import { api, errorMessage } from './api';

const EDITORS_KEY = 'editors';

/** Asks what to do with unsaved edits before they would be dropped; false means stop. */
export async function confirmDiscardAll(action: string): Promise<boolean> {
  const n = dirtyCount();
  if (n === 0) return true;
  const choice = await ask({
    title: 'Unsaved changes',
    message: `${n} file${n === 1 ? ' has' : 's have'} unsaved changes. Save before you ${action}?`,
    buttons: [
      { id: 'save', label: 'Save All', primary: true },
      { id: 'discard', label: "Don't Save" },
      { id: 'cancel', label: 'Cancel' },
    ],
    cancelId: 'cancel',
  });
  if (choice === 'cancel') return false;
  if (choice === 'save') return saveAll();
  return true;
}

/** Opens a folder: the given one, else the native dialog (Electron) or the server-side picker. */
export async function openFolder(path?: string): Promise<void> {
  let target = path;
  if (!target) {
    if (useWorkbench.getState().host?.nativeDialogs) {
      target = (await api().call('host.pickFolder', {})).path ?? undefined;
      if (!target) return;
    } else {
      useWorkbench.getState().setFolderPickerOpen(true);
      return;
    }
  }
  if (!(await confirmDiscardAll('open another folder'))) return;
  try {
    await api().call('workspace.open', { path: target });
  } catch (err) {
    notifyError(`Cannot open ${target}: ${errorMessage(err)}`);
  }
}

export async function closeFolder(): Promise<void> {
  if (!(await confirmDiscardAll('close the folder'))) return;
  await api().call('workspace.close', {});
}

/** Restores the tabs that were open the last time this folder was open. */
async function restoreEditors() {
  try {
    const { value } = await api().call('workspace.getState', { key: EDITORS_KEY });
    const saved = value as { open?: unknown; active?: unknown; recent?: unknown } | undefined;
    if (Array.isArray(saved?.recent)) useEditors.getState().setRecent(saved.recent.filter((p): p is string => typeof p === 'string'));
    const open = Array.isArray(saved?.open) ? saved.open.filter((p): p is string => typeof p === 'string') : [];
    for (const path of open) await openFile(path, { activate: false }).catch(() => undefined);
    const active = typeof saved?.active === 'string' ? saved.active : open[open.length - 1];
    if (active && useEditors.getState().tabs.some((t) => t.path === active)) useEditors.getState().activate(active);
    else if (useEditors.getState().tabs.length) useEditors.getState().activate(useEditors.getState().tabs[0].path);
  } catch {
    // no saved state: start empty
  }
}

function persistEditors(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = '';
  const unsub = useEditors.subscribe((s) => {
    const open = s.tabs.filter((t) => t.kind !== 'error' && !isViewTab(t.path)).map((t) => t.path);
    const value = { open, active: s.active && isViewTab(s.active) ? null : s.active, recent: s.recent.slice(0, 20) };
    const key = JSON.stringify(value);
    if (key === last) return;
    last = key;
    clearTimeout(timer);
    timer = setTimeout(() => void api().call('workspace.setState', { key: EDITORS_KEY, value }).catch(() => undefined), 200);
  });
  return () => {
    clearTimeout(timer);
    unsub();
  };
}

function onFilesChanged(batch: FileChangeBatch) {
  const paths = batch.changes.map((c) => c.path);
  void refreshFor(paths, batch.rescan);
  const open = useEditors.getState().tabs.map((t) => t.path);
  const touched = batch.rescan ? open : open.filter((p) => paths.includes(p));
  for (const p of touched) void reconcile(p);
}

/**
 * Keeps the renderer in step with main's workspace: on open, restores tabs and follows
 * the watcher; on close, drops the tabs. Returns the disposer.
 */
export function bindWorkspace(): () => void {
  const store = new DisposableStore();
  let session: DisposableStore | undefined;
  let currentRoot: string | null = null;

  const apply = async (info: WorkspaceInfo) => {
    if (info.root === currentRoot) return;
    currentRoot = info.root;
    session?.dispose();
    closeAllSilently();
    useWorkbench.getState().setWorkspace(info);
    document.title = info.name ? `${info.name} — Specwright` : 'Specwright';
    if (!info.root) return;
    session = store.add(new DisposableStore());
    session.add(api().subscribe('files.onDidChange', {}, onFilesChanged));
    session.add({ dispose: bindGit() });
    await restoreEditors();
    if (currentRoot === info.root) {
      const stop = persistEditors();
      session.add({ dispose: stop });
    }
  };

  store.add(api().subscribe('workspace.onDidChange', {}, (info) => void apply(info)));
  void api()
    .call('workspace.current', {})
    .then(apply)
    .catch((err: unknown) => notifyError(errorMessage(err)));
  return () => store.dispose();
}

export async function closeActiveEditor(): Promise<void> {
  const active = useEditors.getState().active;
  if (active) await closeFile(active);
}
