import { api, errorMessage } from '../../app/api';
import { ask } from '../../stores/dialogs';
import { useEditors } from '../../stores/editors';
import { notifyError, useWorkbench } from '../../stores/workbench';
import { disposeDoc, getDoc, isDirty, normalise } from './documents';

// Saving and closing open files: what happens to the person's edits when they leave the buffer.

/** Saves a tab. Resolves true when the file on disk now holds the buffer. */
export async function saveFile(path: string): Promise<boolean> {
  const doc = getDoc(path);
  const tab = useEditors.getState().tabs.find((t) => t.path === path);
  if (!doc || !tab) return false;
  if (doc.loading || tab.kind !== 'text') {
    // a partly loaded buffer must never replace the whole file
    useWorkbench.getState().notify('info', `${path} is still loading; nothing was saved.`);
    return false;
  }
  if (tab.conflict) {
    const choice = await ask({
      title: 'The file changed on disk',
      message: `${path} was changed outside Specwright since you started editing. Saving replaces the version on disk with yours.`,
      buttons: [
        { id: 'overwrite', label: 'Overwrite', danger: true },
        { id: 'compare', label: 'Compare' },
        { id: 'cancel', label: 'Cancel' },
      ],
      cancelId: 'cancel',
    });
    if (choice === 'compare') useEditors.getState().setComparing(path);
    if (choice !== 'overwrite') return false;
  }
  const text = doc.model.getValue();
  const version = doc.model.getAlternativeVersionId();
  try {
    doc.stamp = await api().call('files.write', { path, content: text, encoding: doc.encoding || undefined });
  } catch (err) {
    if ((err as { code?: string }).code === 'UNREPRESENTABLE' && (await saveAsUtf8Instead(path, errorMessage(err)))) {
      try {
        doc.stamp = await api().call('files.write', { path, content: text, encoding: 'utf8' });
        doc.encoding = 'utf8';
        useEditors.getState().patch(path, { encoding: 'utf8' });
      } catch (again) {
        notifyError(`Could not save ${path}: ${errorMessage(again)}. Your changes are still in the editor.`);
        return false;
      }
    } else {
      notifyError(`Could not save ${path}: ${errorMessage(err)}. Your changes are still in the editor.`);
      return false;
    }
  }
  doc.savedVersion = version;
  doc.diskText = normalise(text);
  doc.theirs = undefined;
  useEditors.getState().patch(path, { dirty: isDirty(doc), conflict: false, deleted: false });
  return true;
}

/** The text does not fit the file's encoding: asks whether to save it as UTF-8 (which holds anything) instead. */
async function saveAsUtf8Instead(path: string, why: string): Promise<boolean> {
  const choice = await ask({
    title: 'The encoding cannot hold this text',
    message: `${path}: ${why}`,
    buttons: [
      { id: 'utf8', label: 'Save as UTF-8', primary: true },
      { id: 'cancel', label: 'Cancel' },
    ],
    cancelId: 'cancel',
  });
  if (choice !== 'utf8') useWorkbench.getState().notify('info', `${path} was not saved; your changes are still in the editor.`);
  return choice === 'utf8';
}

export async function saveAll(): Promise<boolean> {
  let ok = true;
  for (const tab of useEditors.getState().tabs.filter((t) => t.dirty)) ok = (await saveFile(tab.path)) && ok;
  return ok;
}

/** Closes a tab, asking first when it has unsaved edits. Resolves false when cancelled. */
export async function closeFile(path: string): Promise<boolean> {
  const tab = useEditors.getState().tabs.find((t) => t.path === path);
  if (!tab) return true;
  if (tab.dirty) {
    const choice = await ask({
      title: 'Unsaved changes',
      message: `Do you want to save the changes you made to ${path}?`,
      buttons: [
        { id: 'save', label: 'Save', primary: true },
        { id: 'discard', label: "Don't Save" },
        { id: 'cancel', label: 'Cancel' },
      ],
      cancelId: 'cancel',
    });
    if (choice === 'cancel') return false;
    if (choice === 'save' && !(await saveFile(path))) return false;
  }
  disposeDoc(path);
  useEditors.getState().remove(path);
  return true;
}

/** Drops every tab and model without asking (the workspace was closed or replaced). */
export function dirtyCount(): number {
  return useEditors.getState().tabs.filter((t) => t.dirty).length;
}
