import { api, attempt } from '../../app/api';
import { useEditors } from '../../stores/editors';
import { useReview, type AgentMode } from '../../stores/review';
import { useWorkbench } from '../../stores/workbench';

/** Opens a pending file in the review diff (a tab `review:<path>`). */
export function openReview(path: string): void {
  const id = `review:${path}`;
  const store = useEditors.getState();
  if (!store.tabs.some((t) => t.path === id)) {
    store.upsert({ path: id, kind: 'review', dirty: false, conflict: false, deleted: false, large: false, encoding: '', eol: '\n', size: 0 });
  }
  store.activate(id);
}

/** Opens the permission policy editor. */
export function openPermissions(): void {
  const id = 'permissions:';
  const store = useEditors.getState();
  if (!store.tabs.some((t) => t.path === id)) {
    store.upsert({ path: id, kind: 'permissions', dirty: false, conflict: false, deleted: false, large: false, encoding: '', eol: '\n', size: 0 });
  }
  store.activate(id);
}

/** Runs a review action; a refusal (unsaved edits, a moved hunk) is shown where the person is looking. */
export const reviewAction = attempt;

export const acceptChange = (path?: string, hunk?: string) => reviewAction(() => api().call('review.accept', { path, hunk }));
export const rejectChange = (path?: string, hunk?: string, comment?: string) => reviewAction(() => api().call('review.reject', { path, hunk, comment }));

export async function setMode(mode: AgentMode): Promise<void> {
  await reviewAction(() => api().call('review.setMode', { mode }));
}

export async function refreshCheckpoints(): Promise<void> {
  try {
    useReview.getState().setCheckpoints((await api().call('checkpoints.list', {})).checkpoints);
  } catch {
    // no folder
  }
}

/** Files with unsaved edits, told to main whenever the set changes (the agent never overwrites them). */
function bindDirtyReport(): () => void {
  let last = '';
  return useEditors.subscribe((s) => {
    const dirty = s.tabs.filter((t) => t.dirty).map((t) => t.path);
    const key = dirty.join('\0');
    if (key === last) return;
    last = key;
    void api()
      .call('review.setDirty', { paths: dirty })
      .catch(() => undefined);
  });
}

/** Follows main's review state; closes review tabs whose file is no longer pending. */
export function bindReview(): () => void {
  const sub = api().subscribe('review.onDidChange', {}, (state) => {
    useReview.getState().set(state);
    const pending = new Set(state.pending.map((p) => `review:${p.path}`));
    for (const t of useEditors.getState().tabs) if (t.kind === 'review' && !pending.has(t.path)) useEditors.getState().remove(t.path);
  });
  const load = () =>
    void api()
      .call('review.state', {})
      .then((s) => useReview.getState().set(s))
      .catch(() => undefined);
  load();
  void refreshCheckpoints();
  const ws = useWorkbench.subscribe((s, prev) => {
    if (s.workspace.root !== prev.workspace.root) {
      load();
      void refreshCheckpoints();
    }
  });
  const dirty = bindDirtyReport();
  return () => {
    sub.dispose();
    ws();
    dirty();
  };
}
