import { create } from 'zustand';
import type { GitStatus } from '../../shared/ipc/contract';

interface GitState {
  status: GitStatus | null;
  setStatus(s: GitStatus | null): void;
}

/** The last `git status` of the open folder (paths and letters only). */
export const useGit = create<GitState>((set) => ({
  status: null,
  setStatus: (status) => set({ status }),
}));
