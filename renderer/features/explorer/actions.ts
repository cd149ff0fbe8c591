import { api, errorMessage } from '../../app/api';
import { ask } from '../../stores/dialogs';
import { useWorkbench, notifyError } from '../../stores/workbench';
import { deletedPaths, openFile, renamePaths } from '../editor';
import { loadDir, parentOf, toggleDir, useTree } from './tree';

/** Commits the inline name box: creates or renames, then refreshes the affected folders. */
export async function commitName(name: string): Promise<boolean> {
  const editing = useTree.getState().editing;
  if (!editing) return true;
  const trimmed = name.trim();
  try {
    if (editing.mode === 'rename') {
      const to = parentOf(editing.path) ? `${parentOf(editing.path)}/${trimmed}` : trimmed;
      if (to !== editing.path) {
        await api().call('files.rename', { from: editing.path, to });
        renamePaths(editing.path, to);
        useTree.getState().setSelected(to);
      }
      useTree.getState().setEditing(null);
      await loadDir(parentOf(editing.path));
      if (parentOf(to) !== parentOf(editing.path)) await loadDir(parentOf(to));
    } else {
      const path = editing.parent ? `${editing.parent}/${trimmed}` : trimmed;
      await api().call('files.create', { path, kind: editing.mode === 'newDir' ? 'dir' : 'file' });
      useTree.getState().setEditing(null);
      await loadDir(editing.parent);
      useTree.getState().setSelected(path);
      if (editing.mode === 'newFile') await openFile(path, { focus: true });
    }
    return true;
  } catch (err) {
    notifyError(errorMessage(err));
    return false;
  }
}

/** Starts creating a file or folder next to the selection (inside it when it is a folder). */
export async function startCreate(mode: 'newFile' | 'newDir'): Promise<void> {
  const { selected, children } = useTree.getState();
  let parent = '';
  if (selected !== null) {
    const entry = children[parentOf(selected)]?.find((e) => e.path === selected);
    parent = entry && (entry.kind === 'dir' || entry.target === 'dir') ? selected : parentOf(selected);
  }
  if (parent) await toggleDir(parent, true);
  useTree.getState().setEditing({ mode, parent });
}

/**
 * Deletes after asking. With an OS trash (Electron) it moves there; in serve mode the delete
 * is permanent, so the person must type the name to confirm.
 */
export async function deletePath(path: string): Promise<void> {
  const canTrash = useWorkbench.getState().host?.canTrash ?? false;
  const name = path.split('/').pop() ?? path;
  const choice = canTrash
    ? await ask({
        title: 'Move to Trash?',
        message: `Move "${path}" to the trash? You can restore it from there.`,
        buttons: [
          { id: 'trash', label: 'Move to Trash', danger: true },
          { id: 'cancel', label: 'Cancel' },
        ],
        cancelId: 'cancel',
      })
    : await ask({
        title: 'Delete permanently?',
        message: `"${path}" will be deleted permanently from the server's disk. There is no trash in the browser workbench and this cannot be undone. Type the name to confirm.`,
        buttons: [
          { id: 'delete', label: 'Delete Permanently', danger: true },
          { id: 'cancel', label: 'Cancel' },
        ],
        confirmText: name,
        cancelId: 'cancel',
      });
  if (choice === 'cancel') return;
  try {
    await api().call('files.delete', { path, permanent: !canTrash });
    deletedPaths(path);
    if (useTree.getState().selected === path) useTree.getState().setSelected(null);
    await loadDir(parentOf(path));
  } catch (err) {
    notifyError(`Could not delete ${path}: ${errorMessage(err)}`);
  }
}
