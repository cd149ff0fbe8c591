import { api, errorMessage } from '../../app/api';
import { useEditors } from '../../stores/editors';
import { useGit } from '../../stores/git';
import { notifyError } from '../../stores/workbench';

let pending: Promise<void> | null = null;
let again = false;

/** Re-reads git status; overlapping requests collapse into one follow-up. */
export async function refreshGit(): Promise<void> {
  if (pending) {
    again = true;
    return pending;
  }
  pending = (async () => {
    do {
      again = false;
      try {
        useGit.getState().setStatus(await api().call('git.status', {}));
      } catch (err) {
        if ((err as { code?: string }).code !== 'NO_WORKSPACE') notifyError(`git status failed: ${errorMessage(err)}`);
      }
    } while (again);
  })().finally(() => (pending = null));
  return pending;
}

/** Runs a git action and refreshes; errors are shown where the person is looking. */
export async function gitAction(what: string, fn: () => Promise<unknown>): Promise<boolean> {
  try {
    await fn();
    await refreshGit();
    return true;
  } catch (err) {
    notifyError(`${what} failed: ${errorMessage(err)}`);
    return false;
  }
}

/** Opens a diff tab: HEAD on the left, the working copy on the right. */
export function openDiff(path: string): void {
  const id = `diff:${path}`;
  const store = useEditors.getState();
  if (!store.tabs.some((t) => t.path === id)) {
    store.upsert({ path: id, kind: 'diff', dirty: false, conflict: false, deleted: false, large: false, encoding: '', eol: '\n', size: 0 });
  }
  store.activate(id);
}

/** Follows git: status on open, on file changes and on .git changes (commits from a terminal). */
export function bindGit(): () => void {
  const sub = api().subscribe('git.onDidChange', {}, () => void refreshGit());
  void refreshGit();
  return () => sub.dispose();
}
