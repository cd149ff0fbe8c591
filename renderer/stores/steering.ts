import { create } from 'zustand';
import type { SteeringInfo } from '../../shared/ipc/contract';

interface SteeringStore {
  files: SteeringInfo[];
  /** The "New Steering File" form is open. */
  creating: boolean;
  setFiles(files: SteeringInfo[]): void;
  setCreating(v: boolean): void;
}

/** Steering files of the workspace and the user (~/.kiro/steering), as main lists them. */
export const useSteering = create<SteeringStore>((set) => ({
  files: [],
  creating: false,
  setFiles: (files) => set({ files }),
  setCreating: (creating) => set({ creating }),
}));
