import { create } from 'zustand';
import type { CheckpointInfo, PendingFile } from '../../shared/ipc/contract';

export type AgentMode = 'supervised' | 'autopilot';

interface ReviewStore {
  mode: AgentMode;
  pending: PendingFile[];
  checkpoints: CheckpointInfo[];
  /** The checkpoint whose restore dialog is open. */
  restoring: CheckpointInfo | null;
  set(state: { mode: AgentMode; pending: PendingFile[] }): void;
  setCheckpoints(c: CheckpointInfo[]): void;
  setRestoring(c: CheckpointInfo | null): void;
}

/** The pending change set and mode of the open workspace, as main reports them. */
export const useReview = create<ReviewStore>((set) => ({
  mode: 'supervised',
  pending: [],
  checkpoints: [],
  restoring: null,
  set: ({ mode, pending }) => set({ mode, pending }),
  setCheckpoints: (checkpoints) => set({ checkpoints }),
  setRestoring: (restoring) => set({ restoring }),
}));
