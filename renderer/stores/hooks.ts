import { create } from 'zustand';
import type { HookInfo, HookRun, HooksState } from '../../shared/ipc/contract';

/** What the hook form edits: a new hook (file null) or an existing file's parsed hook. */
export interface HookFormTarget {
  file: string | null;
  hook: Record<string, unknown> | null;
}

interface HooksStore {
  hooks: HookInfo[];
  runs: HookRun[];
  trusted: boolean;
  /** The hook form is open on this target. */
  editing: HookFormTarget | null;
  /** Kept here, not in the view: "Create with Agent" switches to the Chat view, which unmounts the Hooks view. */
  note: string | null;
  set(state: HooksState): void;
  edit(target: HookFormTarget | null): void;
  setNote(note: string | null): void;
  reset(): void;
}

/** The workspace's hooks and their recent runs, as main reports them. */
export const useHooks = create<HooksStore>((set) => ({
  hooks: [],
  runs: [],
  trusted: false,
  editing: null,
  note: null,
  set: ({ hooks, runs, trusted }) => set({ hooks, runs, trusted }),
  edit: (editing) => set({ editing }),
  setNote: (note) => set({ note }),
  reset: () => set({ hooks: [], runs: [], trusted: false, editing: null, note: null }),
}));
