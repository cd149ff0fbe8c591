import type { FileChangeBatch, WorkspaceInfo } from '../../shared/ipc/contract';
import { DisposableStore } from '../../shared/ipc/protocol';
import { closeAllSilently, closeFile, dirtyCount, openFile, readStreamed, reconcile, saveAll, type StreamedRead } from '../features/editor';
import { refreshFor } from '../features/explorer';
import { bindGit } from '../features/scm/git';
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

/** Sends the tab list now if a save of it is still waiting (set while a folder's tabs are being saved). */
let flushEditorsState: (() => void) | undefined;

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
  flushEditorsState?.();
  try {
    await api().call('workspace.open', { path: target });
  } catch (err) {
    notifyError(`Cannot open ${target}: ${errorMessage(err)}`);
  }
}

export async function closeFolder(): Promise<void> {
  if (!(await confirmDiscardAll('close the folder'))) return;
  flushEditorsState?.();
  await api().call('workspace.close', {});
}

/** The folder and its saved tabs, asked for at boot beside the host and settings calls; the active tab's read starts as soon as they are known. */
let prefetched: { info: Promise<WorkspaceInfo>; editors: Promise<unknown>; active?: { path: string; read: Promise<StreamedRead> }; unused?: boolean } | undefined;

/** The saved tab list of a folder: the tabs, the one to show, recently opened files. */
function savedTabs(value: unknown): { open: string[]; wanted: string | undefined; recent: string[] | undefined } {
  const saved = value as { open?: unknown; active?: unknown; recent?: unknown } | undefined;
  const recent = Array.isArray(saved?.recent) ? saved.recent.filter((p): p is string => typeof p === 'string') : undefined;
  const open = Array.isArray(saved?.open) ? saved.open.filter((p): p is string => typeof p === 'string') : [];
  const wanted = typeof saved?.active === 'string' && open.includes(saved.active) ? saved.active : open[open.length - 1];
  return { open, wanted, recent };
}

/**
 * Starts the calls the first screen depends on in parallel with the rest of boot, instead of
 * one after another once the workbench has rendered.
 */
export function prefetchWorkspace(): void {
  const early: NonNullable<typeof prefetched> = {
    info: api().call('workspace.current', {}),
    editors: api()
      .call('workspace.getState', { key: EDITORS_KEY })
      .then((r) => r.value, () => undefined),
  };
  // the text the first screen shows is asked for while the workbench renders, not after
  void early.editors.then((value) => {
    const { wanted } = savedTabs(value);
    if (!wanted || early.unused) return;
    const read = readStreamed(wanted);
    void read.catch(() => undefined); // reported by the open that uses it
    early.active = { path: wanted, read };
  });
  prefetched = early;
}

/** Restores the tabs that were open the last time this folder was open: the active one first. */
async function restoreEditors(root: string, prefetchedFor: string | null) {
  useEditors.getState().setRestoring(true);
  try {
    const boot = prefetched;
    prefetched = undefined;
    const early = boot && prefetchedFor === root ? boot.editors : undefined;
    if (boot && !early) boot.unused = true;
    const value = early ? await early : (await api().call('workspace.getState', { key: EDITORS_KEY })).value;
    const { open, wanted, recent } = savedTabs(value);
    if (recent) useEditors.getState().setRecent(recent);
    // the read started at boot, when it was for this folder and this tab; else it is let go
    const started = boot?.active;
    const read = early && started?.path === wanted ? started?.read : undefined;
    if (started && !read) void started.read.then((r) => r.cancel(), () => undefined);
    if (wanted) await openFile(wanted, { read }).catch(() => undefined);
    useEditors.getState().setRestoring(false); // the active tab is there; the others follow
    for (const path of open) if (path !== wanted) await openFile(path, { activate: false }).catch(() => undefined);
    useEditors.getState().order(open);
    const active = useEditors.getState().active;
    if (!active && useEditors.getState().tabs.length) useEditors.getState().activate(useEditors.getState().tabs[0].path);
  } catch {
    // no saved state: start empty
  } finally {
    useEditors.getState().setRestoring(false);
  }
}

function persistEditors(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: (() => void) | undefined;
  let last = '';
  const flush = () => {
    clearTimeout(timer);
    const send = pending;
    pending = undefined;
    send?.();
  };
  const unsub = useEditors.subscribe((s) => {
    const open = s.tabs.filter((t) => t.kind !== 'error' && !isViewTab(t.path)).map((t) => t.path);
    const value = { open, active: s.active && isViewTab(s.active) ? null : s.active, recent: s.recent.slice(0, 20) };
    const key = JSON.stringify(value);
    if (key === last) return;
    last = key;
    clearTimeout(timer);
    pending = () => void api().call('workspace.setState', { key: EDITORS_KEY, value }).catch(() => undefined);
    timer = setTimeout(flush, 200);
  });
  // a reload or a closed tab right after opening a file still finds it next time
  window.addEventListener('pagehide', flush);
  flushEditorsState = flush;
  return () => {
    // by now main may have another folder open: a save still waiting would land in its state, so it is dropped
    clearTimeout(timer);
    pending = undefined;
    window.removeEventListener('pagehide', flush);
    if (flushEditorsState === flush) flushEditorsState = undefined;
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
  let watchError: string | undefined;

  const apply = async (info: WorkspaceInfo) => {
    if (info.watchError !== watchError) {
      watchError = info.watchError;
      if (watchError) notifyError(watchError);
    }
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
    await restoreEditors(info.root, prefetchedRoot);
    if (currentRoot === info.root) {
      const stop = persistEditors();
      session.add({ dispose: stop });
    }
  };

  store.add(api().subscribe('workspace.onDidChange', {}, (info) => void apply(info)));
  let prefetchedRoot: string | null = null;
  void (prefetched?.info ?? api().call('workspace.current', {}))
    .then((info) => {
      prefetchedRoot = prefetched ? info.root : null;
      // apply's first, synchronous part has set the folder and subscribed to its file
      // changes, so the explorer's first listing comes after the subscription (nothing between
      // the two is missed); with no folder, this shows the welcome page
      const applied = apply(info);
      useWorkbench.setState({ workspaceKnown: true });
      return applied;
    })
    .catch((err: unknown) => {
      notifyError(errorMessage(err));
      useWorkbench.setState({ workspaceKnown: true }); // the welcome page, to open one
    });
  return () => store.dispose();
}

export async function closeActiveEditor(): Promise<void> {
  const active = useEditors.getState().active;
  if (active) await closeFile(active);
}
