import { create } from 'zustand';
import type { DirEntry } from '../../../shared/ipc/contract';
import { api, errorMessage } from '../../app/api';
import { notifyError } from '../../stores/workbench';

/** An inline name box in the tree: creating a file/folder under `parent`, or renaming `path`. */
export type Editing = { mode: 'newFile' | 'newDir'; parent: string } | { mode: 'rename'; path: string };

interface TreeState {
  /** Loaded folder listings, keyed by relative path ('' is the root). */
  children: Record<string, DirEntry[]>;
  expanded: Record<string, boolean>;
  selected: string | null;
  editing: Editing | null;
  setSelected(path: string | null): void;
  setEditing(e: Editing | null): void;
  reset(): void;
}

export const useTree = create<TreeState>((set) => ({
  children: {},
  expanded: { '': true },
  selected: null,
  editing: null,
  setSelected: (selected) => set({ selected }),
  setEditing: (editing) => set({ editing }),
  reset: () => set({ children: {}, expanded: { '': true }, selected: null, editing: null }),
}));

/** Loads (or reloads) one folder's listing; only folders that were loaded are kept current. */
export async function loadDir(path: string): Promise<void> {
  try {
    const { entries } = await api().call('files.list', { path });
    useTree.setState((s) => ({ children: { ...s.children, [path]: entries } }));
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'NOT_FOUND' || code === 'NOT_DIRECTORY') {
      // the folder went away: forget it and everything under it
      useTree.setState((s) => {
        const children = { ...s.children };
        const expanded = { ...s.expanded };
        for (const key of Object.keys(children)) if (key === path || key.startsWith(path + '/')) delete children[key];
        for (const key of Object.keys(expanded)) if (key === path || key.startsWith(path + '/')) delete expanded[key];
        return { children, expanded };
      });
    } else notifyError(`Cannot list ${path || 'the workspace'}: ${errorMessage(err)}`);
  }
}

export async function toggleDir(path: string, open?: boolean): Promise<void> {
  const isOpen = useTree.getState().expanded[path];
  const next = open ?? !isOpen;
  useTree.setState((s) => ({ expanded: { ...s.expanded, [path]: next } }));
  if (next && !useTree.getState().children[path]) await loadDir(path);
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? '' : path.slice(0, i);
}

/** Re-lists the loaded folders that contain the changed paths (one call per folder). */
export async function refreshFor(paths: string[], everything = false): Promise<void> {
  const loaded = useTree.getState().children;
  const dirs = everything ? Object.keys(loaded) : [...new Set(paths.map(parentOf))].filter((d) => d in loaded);
  // a changed path that is itself a loaded folder (e.g. deleted) needs a look too
  if (!everything) for (const p of paths) if (p in loaded && !dirs.includes(p)) dirs.push(p);
  await Promise.all(dirs.map((d) => loadDir(d)));
}

/** Checks a name typed into the tree, in words the person can act on. */
export function validateName(name: string, siblings: DirEntry[], current?: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return 'A file or folder name must be provided.';
  if (trimmed === '.' || trimmed === '..') return `"${trimmed}" is not a valid name.`;
  if (/[\\:*?"<>|\0]/.test(trimmed)) return `The name "${trimmed}" contains characters that are not allowed (\\ : * ? " < > |).`;
  if (trimmed.startsWith('/') || trimmed.endsWith('/')) return 'A name cannot start or end with "/".';
  const first = trimmed.split('/')[0];
  if (first !== current && siblings.some((e) => e.name === first && !(trimmed.includes('/') && e.kind === 'dir'))) {
    return `A file or folder "${first}" already exists here. Choose a different name.`;
  }
  return null;
}
